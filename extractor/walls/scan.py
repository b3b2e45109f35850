"""What several detectors read from one tree, gathered once per phase.

Walking an lxml.html tree element by element in Python is the slow part of wall detection (every
element becomes a proxy object), so the page-wide reads are done here once, in C where possible:
the visible text per element (cached), the id/class names of every element, and the markup that
names vendors (id, class, src, action, data-sitekey values and the start of every script). The
detectors use these as cheap triggers and walk the tree only when a trigger fired.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree
from lxml.html import HtmlElement

from extractor.dom import body_of
from extractor.walls.lexicon import normalize
from extractor.walls.signals import NO_NOSCRIPT, visible_text

MARKUP_ATTRS = ("id", "class", "src", "action", "data-sitekey")  # where vendor markers show
SCRIPT_TEXT_LIMIT = 20_000  # a challenge page's inline config is short; don't scan bundles

# one XPath per attribute: libxml2 merges a union's node sets slower than it walks the tree
_MARKUP_VALUES = tuple(
    etree.XPath(f"descendant-or-self::*/@{a}", smart_strings=False) for a in MARKUP_ATTRS
)
_NAME_VALUES = etree.XPath(
    "descendant-or-self::*/@id | descendant-or-self::*/@class", smart_strings=False
)
_BODY_TAGS = ("input", *sorted(NO_NOSCRIPT))  # script is one of them


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
        inside = self._found.invisible if el is self.body else None
        if not with_noscript and el.tag != "noscript" and _silent_noscripts(el, inside):
            with_noscript = True  # no noscript says anything: both views read the same
        key = (el, with_noscript)
        if key not in self._visible:
            self._visible[key] = visible_text(el, with_noscript=with_noscript, inside=inside)
        return self._visible[key]

    @cached_property
    def _found(self) -> _Found:
        return _walk(self.doc, self.body)

    @property
    def scripts(self) -> list[HtmlElement]:
        """Every script element of the tree, in document order."""
        return self._found.scripts

    @property
    def inputs(self) -> list[HtmlElement]:
        """The input elements in the body, in document order."""
        return self._found.inputs

    def norm(self, el: HtmlElement) -> str:
        """The visible text with noscript content, normalised for the lexicon."""
        if el not in self._norm:
            self._norm[el] = normalize(self.visible(el, with_noscript=True))
        return self._norm[el]

    @cached_property
    def names(self) -> str:
        """Every id and class value in the tree, lower-cased, one per line (a superset of what
        ``structure.wall_names`` gives any element; ``attributes`` holds them too)."""
        values: list[str] = _NAME_VALUES(self.doc)
        return "\n".join(values).lower()

    @cached_property
    def attributes(self) -> str:
        """Every MARKUP_ATTRS value in the tree, each once, lower-cased, one per line (class
        values repeat: fewer characters for every marker test to read)."""
        values: dict[str, None] = {}
        for values_of in _MARKUP_VALUES:
            values.update(dict.fromkeys(values_of(self.doc)))
        return "\n".join(values).lower()

    @cached_property
    def markup(self) -> str:
        """Vendor markup: ``attributes`` and the start of every script, lower-cased, one per
        line."""
        scripts = [s.text[:SCRIPT_TEXT_LIMIT] for s in self.scripts if s.text]
        return "\n".join([self.attributes, *scripts]).lower()


def _silent_noscripts(el: HtmlElement, inside: list[HtmlElement] | None) -> bool:
    """True when no noscript inside ``el`` holds any text (a tracking pixel's noscript)."""
    found = el.iter("noscript") if inside is None else (n for n in inside if n.tag == "noscript")
    return not any(t.strip() for ns in found for t in ns.itertext())


@dataclass
class _Found:
    invisible: list[HtmlElement] = field(default_factory=list)  # in the body
    scripts: list[HtmlElement] = field(default_factory=list)  # anywhere
    inputs: list[HtmlElement] = field(default_factory=list)  # in the body


def _walk(doc: HtmlElement, body: HtmlElement) -> _Found:
    """One walk (in C, stopping only at the tags asked for) for the elements detectors look
    at by tag: scripts in the head and the body, invisible elements and inputs in the body."""
    found = _Found()
    outside = [] if body is doc else [child for child in doc if child is not body]
    for el in body.iter(*_BODY_TAGS):
        if el.tag == "input":
            found.inputs.append(el)
        else:
            found.invisible.append(el)
    found.scripts = [el for el in found.invisible if el.tag == "script"]
    if outside:
        before = body.getparent() is doc and body.getnext() is None  # the head comes first
        head = [el for child in outside for el in child.iter("script")]
        found.scripts = head + found.scripts if before else list(doc.iter("script"))
    return found
