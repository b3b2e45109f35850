"""The variables a clipper template can read, drawn from an extraction and the page's HTML.

Presets (``title``, ``url``, ``content``, ``date``...) come from the extraction; ``meta:``,
``selector:``, ``selectorHtml:``, ``schema:`` and ``fullHtml`` read the captured page itself.
Arrays (several elements matched, ``schema:author[*].name``) are JSON text, as in the clipper.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from ..records import Extraction
from . import dayjs
from .filters import BAD_SELECTOR, js_str, split_outside, to_json

_PATH_STEP = re.compile(r"([^.\[\]]+)|\[(\d+|\*)\]")


class PageVariables:
    """Variable values of one clipped page; ``get`` never raises and returns "" when unknown."""

    def __init__(self, result: Extraction, html: str | None, now: datetime) -> None:
        self.result = result
        self.html = html or ""
        self.now = now

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html, "lxml")

    @cached_property
    def presets(self) -> dict[str, str]:
        meta = self.result.metadata
        url = self.result.final_url or self.result.url
        stamp = dayjs.format_date(self.now)
        content = self.result.markdown.strip()
        return {
            "title": meta.title or "",
            "url": url,
            "author": meta.byline or "",
            "published": meta.published or "",
            "date": stamp,
            "time": stamp,
            "description": meta.description or "",
            "site": meta.site_name or "",
            "domain": re.sub(r"^www\.", "", urlsplit(url).hostname or ""),
            "image": meta.image or "",
            "favicon": self._favicon(url),
            "words": str(len(content.split())),
            "content": content,
            "contentHtml": self.result.article_html.strip(),
            "fullHtml": self.html.strip(),
            "language": meta.lang or "",
            "highlights": "",
            "selection": "",
            "selectionHtml": "",
        }

    def get(self, name: str) -> str:
        name = name.strip()
        kind, colon, rest = name.partition(":")
        if colon and kind == "meta":
            return self._meta(rest)
        if colon and kind in ("selector", "selectorHtml"):
            return self._select(rest, html=kind == "selectorHtml")
        if colon and kind == "schema":
            return self._schema(rest)
        return self.presets.get(name, "")

    def _favicon(self, url: str) -> str:
        if not self.html:
            return ""
        for link in self.soup.find_all("link", href=True):
            rel = " ".join(link.get_attribute_list("rel") or []).lower()
            if "icon" in rel.split():
                return urljoin(url, str(link["href"]))
        return ""

    def _meta(self, spec: str) -> str:
        attr, colon, value = spec.partition(":")
        wanted = ("name", "property") if not colon else (attr,)
        value = value if colon else spec
        for meta in self.soup.find_all("meta"):
            for key in wanted:
                if str(meta.get(key) or "").lower() == value.lower() and meta.get("content"):
                    return str(meta["content"]).strip()
        return ""

    def _select(self, spec: str, html: bool) -> str:
        pieces = split_outside(spec, "?")
        css, attr = (spec, None) if len(pieces) == 1 else ("?".join(pieces[:-1]), pieces[-1])
        try:
            found = self.soup.select(css.strip())
        except BAD_SELECTOR:  # an invalid selector in a user's template matches nothing
            return ""
        values = [self._node_value(node, attr, html) for node in found]
        if not values:
            return ""
        return values[0] if len(values) == 1 else to_json(values)

    @staticmethod
    def _node_value(node: Tag, attr: str | None, html: bool) -> str:
        if attr:
            got = node.get(attr.strip())
            return " ".join(got) if isinstance(got, list) else str(got or "")
        if html:
            return str(node)
        return " ".join(node.get_text(" ").split())

    @cached_property
    def schema_objects(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for script in self.soup.find_all("script", type=re.compile("ld\\+json", re.I)):
            try:
                data = json.loads(script.string or "")
            except ValueError:
                continue
            stack = data if isinstance(data, list) else [data]
            for item in stack:
                if isinstance(item, dict):
                    found.append(item)
                    graph = item.get("@graph")
                    if isinstance(graph, list):
                        found.extend(g for g in graph if isinstance(g, dict))
        return found

    def _schema(self, spec: str) -> str:
        kind = None
        if spec.startswith("@"):
            kind, _, spec = spec[1:].partition(":")
        steps = [(m[1], m[2]) for m in _PATH_STEP.finditer(spec)]
        if not steps or steps[0][0] is None:
            return ""
        for obj in self.schema_objects:
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if kind is not None and kind not in types:
                continue
            value = _walk(obj, steps)
            if value is None:
                continue
            if isinstance(value, list) and all(index != "*" for _, index in steps):
                value = value[0] if value else ""  # an array key alone reads its first item
            return to_json(value) if isinstance(value, dict | list) else js_str(value)
        return ""


def _walk(value: Any, steps: list[tuple[str | None, str | None]]) -> Any:
    for at, (key, index) in enumerate(steps):
        if key:
            if isinstance(value, list):  # a key on an array reads its first item
                value = value[0] if value else None
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        elif index == "*":
            if not isinstance(value, list):
                return None
            rest = steps[at + 1 :]
            return [v for v in (_walk(item, rest) for item in value) if v is not None]
        elif index is not None:
            if not isinstance(value, list) or int(index) >= len(value):
                return None
            value = value[int(index)]
    return value
