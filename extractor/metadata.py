"""Metadata: title, byline, date, site, language, description, image, canonical URL."""

from __future__ import annotations

from lxml.html import HtmlElement

from .dom import fold
from .records import Metadata


def _meta(doc: HtmlElement, *names: str) -> str | None:
    for name in names:
        for el in doc.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
            value = fold(el.get("content"))
            if value:
                return value
    return None


def read_metadata(doc: HtmlElement, url: str, server_doc: HtmlElement | None = None) -> Metadata:
    title = _meta(doc, "og:title", "twitter:title") or fold(doc.findtext(".//title"))
    return Metadata(
        title=title or None,
        byline=_meta(doc, "author"),
        published=_meta(doc, "article:published_time"),
        site_name=_meta(doc, "og:site_name"),
        lang=doc.get("lang"),
        description=_meta(doc, "description", "og:description"),
        image=_meta(doc, "og:image"),
        canonical_url=url or None,
    )
