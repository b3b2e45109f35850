"""JSON-LD: the schema.org objects a page states about itself, flattened and searchable.

Every ``<script type="application/ld+json">`` block is read on its own, so one malformed block
does not hide the others; ``@graph`` lists and nested ``mainEntity`` objects are flattened and
``{"@id": ...}`` references are resolved against the objects that carry that id.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from extractor.dom import fold

# schema.org types that describe the article itself, best first
ARTICLE_TYPES: tuple[str, ...] = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "Article",
    "SocialMediaPosting",
    "Recipe",
    "Review",
)
# types that describe the page around the article: used only when no article object exists
PAGE_TYPES: tuple[str, ...] = ("WebPage", "ItemPage", "AboutPage", "ProfilePage", "QAPage")
# types whose "name" is the site's name
SITE_TYPES: tuple[str, ...] = ("WebSite", "NewsMediaOrganization", "Organization", "Corporation")

_JS_COMMENT = re.compile(r"^\s*(//[^\n]*|<!--|-->)\s*$", re.MULTILINE)
_ITEMTYPED = etree.XPath("/descendant::*[@itemtype]")  # as "//*[@itemtype]", in less time
_CDATA = re.compile(r"<!\[CDATA\[|\]\]>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
# Real JSON-LD nests a dozen levels at most; deeper data is junk that recursive readers trip on.
MAX_NESTING = 64


@dataclass(frozen=True)
class Graph:
    """All JSON-LD objects of a page, with the article object picked out."""

    objects: tuple[dict[str, Any], ...]
    by_id: dict[str, dict[str, Any]]
    article: dict[str, Any] | None

    def resolve(self, value: Any) -> Any:
        """Follow an ``{"@id": ...}`` reference to the object that carries the id."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.by_id.get(str(value["@id"]), value)
        return value

    def first_of(self, types: tuple[str, ...]) -> dict[str, Any] | None:
        for wanted in types:
            for obj in self.objects:
                if wanted in types_of(obj):
                    return obj
        return None


def _any_article(graph: Graph) -> dict[str, Any] | None:
    """An object of an article type not listed above ("ReportageNewsArticle", "LegalPosting")."""
    for obj in graph.objects:
        if any(t.endswith(("Article", "Posting")) for t in types_of(obj)):
            return obj
    return None


def types_of(obj: dict[str, Any]) -> tuple[str, ...]:
    kind = obj.get("@type")
    values = kind if isinstance(kind, list) else [kind]
    # "http://schema.org/NewsArticle" and "schema:NewsArticle" count as "NewsArticle"
    return tuple(re.split(r"[/:#]", v)[-1] for v in values if isinstance(v, str))


def is_jsonld(script: HtmlElement) -> bool:
    """A ``<script>`` that holds JSON-LD (``type`` may carry parameters and any case)."""
    return fold(script.get("type")).lower().startswith("application/ld+json")


def loads(script: str) -> Any:
    """One JSON-LD block's data, read leniently (HTML comments, CDATA, trailing commas, a
    closing semicolon); None for what is not JSON or is nested deeper than ``MAX_NESTING``."""
    try:
        data = json.loads(script, strict=False)
    except ValueError:
        cleaned = _TRAILING_COMMA.sub(r"\1", _CDATA.sub("", _JS_COMMENT.sub("", script)))
        try:
            data = json.loads(cleaned.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            return None
    except RecursionError:  # the decoder recurses once per level
        return None
    return data if _nesting(data) <= MAX_NESTING else None


def _nesting(data: Any) -> int:
    """How deeply lists and objects nest in ``data`` (iterative: any depth is safe)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest


def _flatten(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if "@type" in data:
            yield data
        if graph is not None:
            yield from _flatten(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _flatten(main, depth + 1)


def read_graph(doc: HtmlElement) -> Graph:
    """Read every JSON-LD block of the document (never raises on junk)."""
    objects: list[dict[str, Any]] = []
    for script in doc.iter("script"):
        if not is_jsonld(script):
            continue
        objects.extend(_flatten(loads(script.text or "")))
    by_id = {str(o["@id"]): o for o in objects if isinstance(o.get("@id"), str)}
    graph = Graph(objects=tuple(objects), by_id=by_id, article=None)
    article = graph.first_of(ARTICLE_TYPES) or _any_article(graph) or graph.first_of(PAGE_TYPES)
    return Graph(objects=graph.objects, by_id=by_id, article=article)


def declared_types(doc: HtmlElement) -> frozenset[str]:
    """The schema.org types the page declares of what it shows: in JSON-LD (read before
    scripts are dropped) and in microdata ``itemtype``s, by their last path segment."""
    found = {kind for obj in read_graph(doc).objects for kind in types_of(obj)}
    for el in _ITEMTYPED(doc):
        for itemtype in (el.get("itemtype") or "").split():
            found.add(itemtype.rstrip("/").rsplit("/", 1)[-1])
    return frozenset(found)


def text_value(value: Any) -> str | None:
    """A plain string from a JSON-LD value: a string, a list's first string, or an @value."""
    if isinstance(value, list):
        for item in value:
            found = text_value(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return text_value(value.get("@value"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return fold(html.unescape(str(value))) or None
    return None


def names(graph: Graph, value: Any) -> list[str]:
    """The names in a person/organisation value: a string, an object, or a list of either."""
    found: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        item = graph.resolve(item)
        if isinstance(item, dict):
            name = text_value(item.get("name"))
            if not name and (item.get("givenName") or item.get("familyName")):
                parts = (text_value(item.get("givenName")), text_value(item.get("familyName")))
                name = " ".join(p for p in parts if p)
        else:
            name = text_value(item)
        if name and name not in found:
            found.append(name)
    return found


def url_value(graph: Graph, value: Any, depth: int = 0) -> str | None:
    """A URL from a string, an ImageObject / WebPage object, or a list of them."""
    if depth > 3:
        return None
    if isinstance(value, list):
        for item in value:
            found = url_value(graph, item, depth + 1)
            if found:
                return found
        return None
    value = graph.resolve(value)
    if not isinstance(value, dict):
        return text_value(value)
    for key in ("url", "contentUrl"):
        found = url_value(graph, value.get(key), depth + 1) if key in value else None
        if found:
            return found
    found = text_value(value.get("@id"))
    # an @id is a URL only when it is not a node label ("_:b0", "https://x/#logo")
    return found if found and "#" not in found and not found.startswith("_:") else None
