"""Find the article region and drop what surrounds it."""

from __future__ import annotations

from lxml.html import HtmlElement

from .dom import body_of
from .records import Metadata, Options, Step


def find_article(
    doc: HtmlElement, meta: Metadata, options: Options
) -> tuple[HtmlElement, list[Step]]:
    for path in ("//article", "//main", "//*[@role='main']"):
        found = doc.xpath(path)
        if found:
            return found[0], []
    return body_of(doc), []
