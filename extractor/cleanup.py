"""Cleaning inside the chosen region: link lists, junk lines, duplicated title and byline."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .boilerplate import names_of
from .dom import fold
from .records import Step
from .removal import Removal
from .scoring import link_density

# Blocks that may be a link list or a junk line.
BLOCK_TAGS = ("ul", "ol", "dl", "div", "section", "p", "table", "span", "h2", "h3", "h4", "h5",
              "h6", "li", "figure", "header", "strong", "em", "b")  # fmt: skip
# A block above this link density is a link list (related stories, tag clouds).
LINK_DENSE = 0.5
# ...unless it holds this much text (a paragraph that happens to cite many sources).
LINK_DENSE_MAX_CHARS = 400
# Lines that are page furniture, not article text (whole-line match, case-insensitive).
JUNK_LINES = re.compile(
    r"^(?:advertisement|advertising|sponsored|ad|story continues below(?: advertisement)?"
    r"|continue reading(?: below| the main story)?|read more|read more:?.*|see also:?"
    r"|related(?: articles| stories| posts| coverage)?:?|share(?: this)?(?: article| story)?:?"
    r"|share on \w+|tweet|email|print|comments?|leave a (?:reply|comment)"
    r"|your email address will not be published\.?.*|click (?:here )?to \w+.*"
    r"|sign up.*newsletter.*|subscribe.*|optimized by optimole|image credits?:?.*"
    r"|photo:?|getty images|loading\W*|skip (?:to )?(?:content|ad|advertisement)"
    r"|follow us.*|like this:?|recommended(?: for you)?)$",
    re.IGNORECASE,
)
# Junk lines are short; longer text is never matched against the table above.
JUNK_MAX_CHARS = 120
# class/id names of bylines and datelines (the byline lives in metadata).
BYLINE_NAMES = re.compile(
    r"byline|author|dateline|timestamp|publish|posted-?on|post-?meta|entry-?meta|article-?meta"
    r"|(?:^|[\s_-])(?:date|time|meta|credit)(?:$|[\s_-])",
    re.IGNORECASE,
)
# A byline block is short.
BYLINE_MAX_CHARS = 200
_HEADINGS = ("h1", "h2", "h3")


def drop_link_lists(region: HtmlElement) -> Step:
    """Blocks that are mostly links: related stories, tag lists, "more from" rails."""
    removal = Removal("link-lists", "blocks whose text is mostly links")
    for el in list(region.iter(*BLOCK_TAGS)):
        if el is region or el.getparent() is None:
            continue
        text_len = len(el.text_content().strip())
        if not text_len or text_len > LINK_DENSE_MAX_CHARS:
            continue
        if link_density(el, text_len) > LINK_DENSE and not _has_prose(el):
            removal.take(el)
    return removal.step()


def drop_junk_lines(region: HtmlElement) -> Step:
    """Short lines that are page furniture: "Advertisement", "Share this", "Read more"..."""
    removal = Removal("junk-lines", "page furniture lines (advertisement, share, read more...)")
    for el in list(region.iter(*BLOCK_TAGS, "a")):
        if el is region or el.getparent() is None:
            continue
        text = fold(el.text_content())
        if len(text) <= JUNK_MAX_CHARS and JUNK_LINES.match(text):
            removal.take(el)
    return removal.step()


def drop_title(region: HtmlElement, title: str | None) -> Step:
    """The title heading repeated at the top of the region (the title is in metadata)."""
    removal = Removal("title-duplicate", "the title heading, kept in metadata instead")
    for el in list(region.iter("h1")):
        removal.take(el)
    if title:
        wanted = _words(title)
        for el in list(region.iter(*_HEADINGS)):
            words = _words(el.text_content())
            if words and (words == wanted or _contains(wanted, words)):
                removal.take(el)
                break
    return removal.step()


def drop_bylines(region: HtmlElement, byline: str | None) -> Step:
    """Byline and dateline blocks (author and date are in metadata)."""
    removal = Removal("byline-duplicate", "bylines and datelines, kept in metadata instead")
    for el in list(region.iter()):
        if el is region or el.getparent() is None or not isinstance(el.tag, str):
            continue
        names = names_of(el)
        if el.tag == "time" or el.get("rel") == "author" or el.get("itemprop") == "author":
            pass
        elif not (names and BYLINE_NAMES.search(names)):
            continue
        if len(el.text_content()) <= BYLINE_MAX_CHARS:
            removal.take(el)
    if byline:
        for el in list(region.iter("p", "div", "span")):
            text = fold(el.text_content())
            if text and len(text) <= BYLINE_MAX_CHARS and byline in text and _is_byline(text):
                removal.take(el)
    return removal.step()


def _is_byline(text: str) -> bool:
    return bool(re.match(r"^(?:by|written by|von|par|por)\b", text, re.IGNORECASE))


def _has_prose(el: HtmlElement) -> bool:
    """A paragraph of plain text below the element keeps it (a list item with a sentence)."""
    for p in el.iter("p"):
        text = p.text_content()
        if len(text) > 150 and link_density(p, len(text)) < 0.3:
            return True
    return False


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def _contains(outer: list[str], inner: list[str]) -> bool:
    """Is ``inner`` a run of ``outer`` (a title with " | Site" appended)?"""
    if len(inner) < 3 or len(inner) > len(outer):
        return False
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))
