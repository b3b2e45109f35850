"""What every wall detector returns: a signal with a kind, a weight and its evidence.

A wall is recorded when the signals of one kind weigh at least ``WALL_SCORE`` (two weak or one
strong). Boosters (``kind=None``) are page-level facts such as "the body is one short message" that
add weight to whatever kind the page already shows, never a wall on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from lxml import etree
from lxml.html import HtmlElement

from extractor.dom import body_of

STRONG_WEIGHT = 2  # one strong signal is enough
WEAK_WEIGHT = 1  # a weak one needs company
WALL_SCORE = 2  # the weight a kind needs to become a wall
BOOSTER_CAP = 2  # boosters never add more than this to a kind

# elements whose text a reader does not see as page text
INVISIBLE_TAGS = frozenset({"script", "style", "template", "head", "title", "meta", "link"})
NO_NOSCRIPT = INVISIBLE_TAGS | {"noscript"}  # the rendered phase: noscript is not shown
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


def visible_text(
    el: HtmlElement, *, with_noscript: bool, inside: list[HtmlElement] | None = None
) -> str:
    """The text a reader sees in ``el``; noscript content counts only in the static phase.

    Every text piece (an element's text, each tail) is joined with a space, so the words of
    neighbouring inline elements stay apart; the text of invisible elements is left out, their
    tails are kept. ``inside``: the invisible elements in ``el`` (any of INVISIBLE_TAGS and
    noscript, in any order), when the caller has them already.
    """
    skip = INVISIBLE_TAGS if with_noscript else NO_NOSCRIPT
    if not isinstance(el.tag, str) or el.tag in skip:
        return ""
    found = el.iter(*skip) if inside is None else (n for n in inside if n.tag in skip)
    return squash(" ".join(_text_nodes(found)(el)))


def squash(text: str) -> str:
    """``dom.fold`` without a regular expression: every run of whitespace to one space."""
    return " ".join(text.split())


def _text_nodes(invisible: Iterable[HtmlElement]) -> etree.XPath:
    """An XPath for the text nodes outside the given invisible elements.

    Text and tails come back in document order as lxml's ``.text``/``.tail`` (the HTML parser
    merges neighbouring text). An invisible element without children is tested as the text's
    parent; one that holds elements (noscript, template) as any ancestor, which costs more.
    Each test costs as much as a walk over the text, so only the tags that hide text get one.
    """
    present: set[str] = set()
    holding: set[str] = set()
    for node in invisible:
        if len(node):
            holding.add(node.tag)
        elif node.text:  # an empty one (<script src>, <meta>) hides no text: no test for it
            present.add(node.tag)
    return _xpath(tuple(sorted(present - holding)), tuple(sorted(holding)))


@cache
def _xpath(parents: tuple[str, ...], ancestors: tuple[str, ...]) -> etree.XPath:
    tests = [f"parent::{t}" for t in parents] + [f"ancestor::{t}" for t in ancestors]
    where = f"[not({' or '.join(tests)})]" if tests else ""
    return etree.XPath(f"descendant-or-self::text(){where}", smart_strings=False)


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
