"""What several detectors read from one tree, gathered once per phase.

Walking an lxml.html tree element by element in Python is the slow part of wall detection (every
element becomes a proxy object), so the page-wide reads are done here once, in C where possible:
the visible text per element (cached), the id/class names of every element, and the markup that
names vendors (id, class, src, action, data-sitekey values and the start of every script). The
detectors use these as cheap triggers and walk the tree only when a trigger fired.
"""

from __future__ import annotations

from functools import cached_property

from lxml import etree
from lxml.html import HtmlElement

from ..dom import body_of
from .lexicon import normalize
from .signals import visible_text

MARKUP_ATTRS = ("id", "class", "src", "action", "data-sitekey")  # where vendor markers show
NAME_ATTRS = frozenset({"id", "class"})
SCRIPT_TEXT_LIMIT = 20_000  # a challenge page's inline config is short; don't scan bundles

_ATTR_VALUES = etree.XPath(" | ".join(f"descendant-or-self::*/@{a}" for a in MARKUP_ATTRS))
# a script's .text: its first child when that is text (the HTML parser merges its text)
_SCRIPT_TEXTS = etree.XPath(
    "descendant-or-self::script/node()[1][self::text()]", smart_strings=False
)


class Scan:
    """One tree and what its detectors share; the tree must not change while it is in use."""

    def __init__(self, doc: HtmlElement) -> None:
        self.doc = doc
        self.body = body_of(doc)
        # keyed by the element itself: lxml reuses id() of proxies that were let go
        self._visible: dict[tuple[HtmlElement, bool], str] = {}
        self._norm: dict[HtmlElement, str] = {}

    def visible(self, el: HtmlElement, *, with_noscript: bool) -> str:
        """``signals.visible_text``, computed once per element and phase flag."""
        key = (el, with_noscript)
        if key not in self._visible:
            self._visible[key] = visible_text(el, with_noscript=with_noscript)
        return self._visible[key]

    def norm(self, el: HtmlElement) -> str:
        """The visible text with noscript content, normalised for the lexicon."""
        if el not in self._norm:
            self._norm[el] = normalize(self.visible(el, with_noscript=True))
        return self._norm[el]

    @cached_property
    def _attr_values(self) -> list[etree._ElementUnicodeResult]:
        found: list[etree._ElementUnicodeResult] = _ATTR_VALUES(self.doc)
        return found

    @cached_property
    def names(self) -> str:
        """Every id and class value in the tree, lower-cased, one per line (a superset of what
        ``structure.wall_names`` gives any element)."""
        return "\n".join(v for v in self._attr_values if v.attrname in NAME_ATTRS).lower()

    @cached_property
    def markup(self) -> str:
        """Vendor markup: the MARKUP_ATTRS values and script starts, lower-cased, one per line."""
        parts = [v for v in self._attr_values if v]
        parts += [t[:SCRIPT_TEXT_LIMIT] for t in _SCRIPT_TEXTS(self.doc) if t]
        return "\n".join(parts).lower()
