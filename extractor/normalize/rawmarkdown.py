"""Markdown that a generator left unrendered inside a disclosure, rendered as its author meant.

kramdown (Jekyll) and Python-Markdown (MkDocs) read no Markdown inside a block of raw HTML, and
README authors put whole sections inside ``<details>``: a table of contents, "Contributing", a
benchmark's data. GitHub renders those; such a generator leaves the source as text, and the page
shows it as one run ("- [Install](#install) - [Usage](#usage) ..."). A run of text directly
inside a ``<details>`` that is written as Markdown (a line that starts a list, a fenced block or
a heading, or a link in Markdown's syntax) is rendered with a CommonMark parser and put in its
place as HTML. The steps after this one treat it as the page's own: links made absolute, code
with its language.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache

import lxml.html
from lxml.html import HtmlElement
from markdown_it import MarkdownIt

# a line that starts a list item, a fenced code block or a heading
_BLOCK_LINE = re.compile(
    r"^[ \t]{0,3}(?:[-*+][ \t]+\S|\d{1,9}[.)][ \t]+\S|#{1,6}[ \t]+\S|`{3,}|~{3,})", re.MULTILINE
)
# a link or an image in Markdown's syntax: [text](target)
_LINK = re.compile(r"!?\[[^\]\n]+\]\([^()\s]+\)")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # GitHub's flavour as far as a page needs it: CommonMark with tables; no raw HTML (the
    # page's HTML parser has already taken any tag out of the text)
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def is_markdown_source(text: str) -> bool:
    """Whether a run of text is Markdown's source rather than prose a page shows as it is."""
    return bool(text.strip()) and (
        _BLOCK_LINE.search(text) is not None or _LINK.search(text) is not None
    )


def _rendered(text: str) -> list[HtmlElement | str]:
    # the run's common indent is the HTML's (a pretty-printed page), not four spaces of code
    html = _parser().render(textwrap.dedent(text))
    return list(lxml.html.fragments_fromstring(html)) if html.strip() else []


def _place(parent: HtmlElement, index: int, parts: list[HtmlElement | str]) -> None:
    """Put the rendered parts at ``index`` among ``parent``'s children (text before the first
    element joins the text before that place)."""
    for part in parts:
        if isinstance(part, str):
            prev = parent[index - 1] if index else None
            if prev is None:
                parent.text = (parent.text or "") + part
            else:
                prev.tail = (prev.tail or "") + part
            continue
        parent.insert(index, part)
        index += 1


def render_markdown_source(region: HtmlElement) -> None:
    """Every run of Markdown source directly inside a <details> becomes the HTML it stands for."""
    for details in list(region.iter("details")):
        children = list(details)
        runs: list[tuple[int, str]] = []  # (index of the child it follows, text)
        if is_markdown_source(details.text or ""):
            runs.append((0, details.text or ""))
            details.text = None
        for i, child in enumerate(children):
            if is_markdown_source(child.tail or ""):
                runs.append((i + 1, child.tail or ""))
                child.tail = None
        for index, text in reversed(runs):  # from the end: earlier indexes stay right
            _place(details, index, _rendered(text))
