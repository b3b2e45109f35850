"""Put the article HTML into one shape before Markdown: URLs, lazy images, figures, code."""

from __future__ import annotations

from lxml.html import HtmlElement

from .records import Step


def normalize(region: HtmlElement, base_url: str) -> list[Step]:
    if base_url:
        region.make_links_absolute(base_url, resolve_base_href=False)
    return []
