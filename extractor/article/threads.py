"""Forum threads: what a thread repeats of itself.

A reply on NodeBB (the forum software) opens with a preview of the post it answers: the parent's
author and its whole text, clamped to one line on screen (``component="post/parent"`` holding
``component="post/parent/content"``). The parent is on the page as a post of its own, so the
preview is a second copy of it; it goes. A parent shown only as its author's name ("@marta")
has no content part and stays.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from extractor.records import Step
from extractor.removal import Removal

# NodeBB's reply preview, when it holds the parent post's text.
_REPLY_PREVIEWS = './/*[@component="post/parent"][.//*[@component="post/parent/content"]]'


def drop_reply_previews(body: HtmlElement) -> Step:
    """A reply's preview of the post it answers (see the module's notes)."""
    removal = Removal("reply-previews", "a reply's copy of the post it answers")
    for el in body.xpath(_REPLY_PREVIEWS):
        removal.take(el)
    return removal.step()
