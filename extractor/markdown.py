"""Markdown through a small subclass of markdownify's converter."""

from __future__ import annotations

import re

from lxml.html import HtmlElement
from markdownify import ATX, MarkdownConverter

from .dom import to_html


class ArticleConverter(MarkdownConverter):
    pass


def to_markdown(region: HtmlElement, title: str | None = None) -> str:
    text = ArticleConverter(heading_style=ATX).convert(to_html(region))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
