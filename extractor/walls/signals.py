"""What every wall detector returns: a signal with a kind, a weight and its evidence.

A wall is recorded when the signals of one kind weigh at least ``WALL_SCORE`` (two weak or one
strong). Boosters (``kind=None``) are page-level facts such as "the body is one short message" that
add weight to whatever kind the page already shows, never a wall on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from ..dom import body_of, fold

STRONG_WEIGHT = 2  # one strong signal is enough
WEAK_WEIGHT = 1  # a weak one needs company
WALL_SCORE = 2  # the weight a kind needs to become a wall
BOOSTER_CAP = 2  # boosters never add more than this to a kind

# elements whose text a reader does not see as page text
INVISIBLE_TAGS = frozenset({"script", "style", "template", "head", "title", "meta", "link"})
# quoting elements: a wall phrase inside these is being talked about, not shown
QUOTING_TAGS = frozenset({"blockquote", "q", "code", "pre", "kbd", "samp", "cite", "figcaption"})


@dataclass(frozen=True)
class Signal:
    """One piece of evidence that a wall of ``kind`` is on the page."""

    kind: str | None  # a wall kind; None for a booster
    weight: int
    evidence: str  # "phrase:<id>", "selector:...", "header:...", "script:...", "structure:..."
    vendor: str | None = None
    text: str = ""  # the visible text that carried it, folded
    node: HtmlElement | None = field(default=None, compare=False)  # what to remove, if anything


def visible_text(el: HtmlElement, *, with_noscript: bool) -> str:
    """The text a reader sees in ``el``; noscript content counts only in the static phase."""
    skip = INVISIBLE_TAGS if with_noscript else INVISIBLE_TAGS | {"noscript"}
    parts: list[str] = []
    _collect(el, skip, parts, top=el)
    return fold(" ".join(parts))


def _collect(el: HtmlElement, skip: frozenset[str], parts: list[str], top: HtmlElement) -> None:
    if isinstance(el.tag, str) and el.tag not in skip:
        if el.text:
            parts.append(el.text)
        for child in el:
            _collect(child, skip, parts, top)
    if el is not top and el.tail:
        parts.append(el.tail)


def page_text(doc: HtmlElement, *, with_noscript: bool) -> str:
    return visible_text(body_of(doc), with_noscript=with_noscript)


def is_quoted(el: HtmlElement) -> bool:
    """True when ``el`` sits inside a quotation or code sample."""
    node: HtmlElement | None = el
    while node is not None:
        if node.tag in QUOTING_TAGS:
            return True
        node = node.getparent()
    return False


def in_tag(el: HtmlElement, tag: str) -> HtmlElement | None:
    node: HtmlElement | None = el
    while node is not None:
        if node.tag == tag:
            return node
        node = node.getparent()
    return None
