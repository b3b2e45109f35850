"""Parsing and small tree helpers shared by the pure steps (lxml, parsed once per view)."""

from __future__ import annotations

import re

from lxml import etree, html
from lxml.html import HtmlElement

_WS = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")

# Attributes written by the capture script (render.py): layout facts measured in the live page.
ATTR_BOX = "data-x-box"  # "x,y,w,h" in CSS pixels, for elements that matter to layout decisions
ATTR_OVERLAY = "data-x-overlay"  # fixed/sticky element covering much of the viewport
ATTR_SCROLL_LOCK = "data-x-scroll-locked"  # on <html>: the page locked scrolling
ATTR_SHADOW = "data-x-shadow-root"  # a <div> holding an inlined open shadow root
ATTR_FRAME = "data-x-frame"  # a <div> holding an inlined same-origin iframe document


def parse(markup: str | bytes, base_url: str | None = None) -> HtmlElement:
    """Parse a whole document once; never raises on junk, returns at least an empty <html>."""
    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", errors="replace")
    markup = _SURROGATE.sub("\ufffd", markup.lstrip("\ufeff"))  # lxml stops at a lone one
    # lxml refuses str input that carries an XML encoding declaration
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    if not markup.strip():
        return html.document_fromstring("<html><body></body></html>")
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, encoding=None)
    try:
        doc = html.document_fromstring(markup, parser=parser, base_url=base_url)
    except (etree.ParserError, ValueError):
        doc = html.document_fromstring("<html><body></body></html>")
    return doc


def fold(text: str | None) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text or "").strip()


def text_of(el: HtmlElement) -> str:
    """The element's text in document order, whitespace-folded (script and style content excluded).

    Inline elements join their neighbours as a browser shows them; block elements and <br> part them.
    """
    parts: list[str] = []
    _gather(el, parts)
    return fold("".join(parts))


_SKIP_TEXT = frozenset(("script", "style", "template", "noscript"))
_BREAKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)


def _gather(el: HtmlElement, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP_TEXT:
        return
    if tag in _BREAKS:
        parts.append(" ")
    if tag and el.text:
        parts.append(el.text)
    for child in el:
        _gather(child, parts)
        if child.tail:
            parts.append(child.tail)
    if tag in _BREAKS:
        parts.append(" ")


def drop(el: HtmlElement) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()


def body_of(doc: HtmlElement) -> HtmlElement:
    body = doc.find("body")
    if body is None:
        body = doc.find(".//body")
    return body if body is not None else doc


def to_html(el: HtmlElement) -> str:
    return str(html.tostring(el, encoding="unicode", method="html"))
