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
SCRIPT_TEXT_LIMIT = 20_000  # a challenge page's inline config is short; don't scan bundles

_MARKUP_VALUES = etree.XPath(
    " | ".join(f"descendant-or-self::*/@{a}" for a in MARKUP_ATTRS), smart_strings=False
)
_NAME_VALUES = etree.XPath(
    "descendant-or-self::*/@id | descendant-or-self::*/@class", smart_strings=False
)
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
        if not with_noscript and el.tag != "noscript" and _silent_noscripts(el):
            with_noscript = True  # no noscript says anything: both views read the same
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
    def names(self) -> str:
        """Every id and class value in the tree, lower-cased, one per line (a superset of what
        ``structure.wall_names`` gives any element; ``markup`` holds them too)."""
        values: list[str] = _NAME_VALUES(self.doc)
        return "\n".join(values).lower()

    @cached_property
    def markup(self) -> str:
        """Vendor markup: the MARKUP_ATTRS values and script starts, lower-cased, one per line."""
        parts: list[str] = [v for v in _MARKUP_VALUES(self.doc) if v]
        parts += [t[:SCRIPT_TEXT_LIMIT] for t in _SCRIPT_TEXTS(self.doc) if t]
        return "\n".join(parts).lower()


def _silent_noscripts(el: HtmlElement) -> bool:
    """True when no noscript inside ``el`` holds any text (a tracking pixel's noscript)."""
    return not any(t.strip() for ns in el.iter("noscript") for t in ns.itertext())
