"""Forum threads: what the forum software itself marks as no part of a post.

- A reply on NodeBB opens with a preview of the post it answers: the parent's author and its
  whole text, clamped to one line on screen (``component="post/parent"`` holding
  ``component="post/parent/content"``). The parent is on the page as a post of its own, so the
  preview is a second copy of it. A parent shown only as its author's name ("@marta") has no
  content part and stays.
- Invision Community marks what a quote of a post leaves out (``data-excludequote``): the
  post's "Edited ... by" line and the like.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from extractor.records import Step
from extractor.removal import Removal

_POST_CHROME = " | ".join(
    (
        # NodeBB's reply preview, when it holds the parent post's text
        './/*[@component="post/parent"][.//*[@component="post/parent/content"]]',
        # Invision's parts of a post that a quote of it leaves out
        ".//*[@data-excludequote]",
    )
)


def drop_post_chrome(body: HtmlElement) -> Step:
    """What the forum marks as no part of a post (see the module's notes)."""
    removal = Removal("post-chrome", "what a forum marks as no part of a post")
    for el in body.xpath(_POST_CHROME):
        removal.take(el)
    return removal.step()
