"""Text laid out apart keeps a space from the text beside it.

Templates print a date in a box of its own beside a title or a name (a timeline's
``<span class="date">2/21</span><a>Help</a>``, a card's ``<time>`` against its author) and
part them with the style sheet's layout, not with a space. Read as text they run together
("2/21Help"), and neither the date nor the title reads as written. A date element (``<time>``,
or a class or id naming a date: ``dom.DATE_NAMES``) whose text touches a letter or digit of
its neighbour's gets a space between them.

The same holds for the children of a flex container (Bootstrap's ``d-flex``, Tailwind's
``flex``): the layout sets each child apart as a box of its own ("kestrel", "3 hours ago";
"OP", "Mod"), and server-rendered components write them with no space between.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from extractor.dom import DATE_NAMES, text_content

# A date element is short; longer ones hold more than a date.
MAX_DATE_CHARS = 40
# The elements that may be a date's: a <time>, or one with a class or id (below the region).
_NAMED_OR_TIME = etree.XPath(".//time | .//*[@class or @id]")


def space_dates(region: HtmlElement) -> None:
    """Put a space between each date element and the word it touches."""
    for el in _NAMED_OR_TIME(region):
        if not _is_date(el):
            continue
        text = text_content(el)
        if not text.strip() or len(text) > MAX_DATE_CHARS:
            continue
        if text[-1].isalnum() and _next_char(el).isalnum():
            el.tail = " " + (el.tail or "")
        if text[0].isalnum() and _previous_char(el).isalnum():
            _space_before(el)


# Class words of a flex container (Bootstrap's "d-flex" and "d-inline-flex", Tailwind's "flex"
# and "inline-flex"): its children are boxes laid out apart
FLEX_WORDS = frozenset({"d-flex", "d-inline-flex", "flex", "inline-flex"})
_CLASSED = etree.XPath(".//*[@class]")


def space_flex_items(region: HtmlElement) -> None:
    """Put a space between two children of a flex container where a letter or digit of one
    touches a letter or digit of the next."""
    for box in _CLASSED(region):
        if FLEX_WORDS.isdisjoint((box.get("class") or "").split()):
            continue
        for child in box:
            if not isinstance(child.tag, str) or (child.tail or "").strip():
                continue
            text = text_content(child)
            if text and text[-1].isalnum() and _next_char(child).isalnum():
                child.tail = " " + (child.tail or "")


def _is_date(el: HtmlElement) -> bool:
    if el.tag == "time":
        return True
    names, ident = el.get("class"), el.get("id")
    if not names and not ident:
        return False
    return DATE_NAMES.search(f"{names or ''} {ident or ''}".lower()) is not None


def _next_char(el: HtmlElement) -> str:
    """The first character a reader sees after ``el`` within its parent ("" if none)."""
    tail: str = el.tail or ""
    if tail:
        return tail[0]
    nxt = el.getnext()
    if nxt is None or not isinstance(nxt.tag, str):
        return ""
    text = text_content(nxt)
    return text[0] if text else ""


def _previous_char(el: HtmlElement) -> str:
    """The last character a reader sees before ``el`` within its parent ("" if none)."""
    prev = el.getprevious()
    if prev is None:
        parent = el.getparent()
        return (parent.text or "")[-1:] if parent is not None else ""
    before: str = prev.tail or ""
    if before:
        return before[-1]
    if not isinstance(prev.tag, str):
        return ""
    return text_content(prev)[-1:]


def _space_before(el: HtmlElement) -> None:
    prev = el.getprevious()
    if prev is None:
        parent = el.getparent()
        if parent is not None:
            parent.text = (parent.text or "") + " "
    else:
        prev.tail = (prev.tail or "") + " "
