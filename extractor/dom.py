"""Parsing and small tree helpers shared by the pure steps (lxml, parsed once per view)."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

from lxml import etree, html
from lxml.html import HtmlElement

_SURROGATE = re.compile("[\ud800-\udfff]")

# Attributes written by the capture script (render.py): layout facts measured in the live page.
ATTR_BOX = "data-x-box"  # "x,y,w,h" in CSS pixels, for elements that matter to layout decisions
ATTR_OVERLAY = "data-x-overlay"  # fixed/sticky element covering much of the viewport
ATTR_SCROLL_LOCK = "data-x-scroll-locked"  # on <html>: the page locked scrolling
ATTR_SHADOW = "data-x-shadow-root"  # a <div> holding an inlined open shadow root
ATTR_FRAME = "data-x-frame"  # a <div> holding an inlined same-origin iframe document
# React's Suspense boundary comments ("<!--$?-->" fallback "<!--/$-->"), kept as empty
# <template> marks with this attribute on a page still waiting for streamed parts (comments are
# not parsed; article/streaming.py reads the marks, and they go with the other templates)
ATTR_SUSPENSE = "data-x-suspense"
_PENDING_BOUNDARY = re.compile(r"""<template id=["']?B:""")
_SUSPENSE_COMMENT = re.compile(r"<!--(\$[?!]?|/\$)-->")

# Elements nested deeper than this below <html> lose their tags and keep their text. Real pages
# stay far below it; a page of a few hundred unclosed <b> or <div> would otherwise take every
# recursive walk (the Markdown converter's first) past Python's recursion limit.
MAX_DEPTH = 100

# Every element is a plain HtmlElement: lxml.html's own lookup (form and input classes) runs
# Python code for each element the steps touch, a tenth of the pure path's time on long pages.
_PLAIN_ELEMENTS = etree.ElementDefaultClassLookup(
    element=html.HtmlElement,
    comment=html.HtmlComment,
    pi=html.HtmlProcessingInstruction,
    entity=html.HtmlEntity,
)


# "</br>": a browser's parser reads it as a line break (the HTML standard says so); libxml2
# drops it, and the words on either side run together
_END_BR = re.compile(r"</br\s*>", re.IGNORECASE)


def parse(markup: str | bytes, base_url: str | None = None) -> HtmlElement:
    """Parse a whole document once; never raises on junk, returns at least an empty <html>."""
    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", errors="replace")
    markup = markup.lstrip("\ufeff")
    if _has_surrogate(markup):
        markup = _SURROGATE.sub("\ufffd", markup)  # lxml stops at a lone one
    # lxml refuses str input that carries an XML encoding declaration
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    markup = _END_BR.sub("<br>", markup)
    if "<template" in markup and _PENDING_BOUNDARY.search(markup):
        markup = _SUSPENSE_COMMENT.sub(rf'<template {ATTR_SUSPENSE}="\1"></template>', markup)
    if not markup.strip():
        return html.document_fromstring("<html><body></body></html>")
    parser = html.HTMLParser(
        remove_comments=True, remove_pis=True, encoding=None, huge_tree=True
    )  # huge_tree: libxml2 would otherwise drop all text below 255 levels
    parser.set_element_class_lookup(_PLAIN_ELEMENTS)
    try:
        doc = html.document_fromstring(markup, parser=parser, base_url=base_url)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            # nested past what libxml2 parses at all (it stops there): parse it flattened
            doc = html.document_fromstring(flattened(markup), parser=parser, base_url=base_url)
    except (etree.ParserError, ValueError):
        doc = html.document_fromstring("<html><body></body></html>")
    cap_depth(doc)
    body_out_of_head(doc)
    return doc


# What a document's <head> may hold. A browser's parser ends the head at any other element and
# starts the body there; libxml2 keeps the rest of the page inside the head instead (a stray
# <mbox> or <div> written before <body> takes the whole page with it).
HEAD_TAGS = frozenset(
    {"title", "meta", "link", "script", "style", "base", "noscript", "template", "object"}
)


def body_out_of_head(doc: HtmlElement) -> int:
    """Move what the parser left in <head> after its first non-head element to the start of
    <body>, in order, as a browser's parser places it. Returns how many elements moved."""
    head = doc.find("head")
    if head is None:
        return 0
    stray = next((el for el in head if isinstance(el.tag, str) and el.tag not in HEAD_TAGS), None)
    if stray is None:
        return 0
    body = doc.find("body")
    if body is None:
        body = etree.SubElement(doc, "body")
    moved = [stray, *stray.itersiblings()]
    if body.text and body.text.strip():
        moved[-1].tail = (moved[-1].tail or "") + body.text
    body.text = None
    for at, el in enumerate(moved):
        body.insert(at, el)
    return len(moved)


def _has_surrogate(text: str) -> bool:
    """Does the text hold a lone surrogate? (Encoding fails only on those, and is several times
    faster than searching for them.)"""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def cap_depth(root: HtmlElement, limit: int = MAX_DEPTH) -> int:
    """Flatten what lies deeper than ``limit`` levels below ``root``: the elements there lose
    their tags (their text and tails stay, in order). Iterative, so any depth is safe.
    Returns how many tags were dropped."""
    if not _deeper_than(limit)(root):  # one pass in libxml2: real pages end here
        return 0
    dropped = 0
    stack: list[tuple[HtmlElement, int]] = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        if depth < limit:
            stack.extend((child, depth + 1) for child in el)
            continue
        for deep in list(el.iterdescendants()):
            if isinstance(deep.tag, str):
                deep.drop_tag()
            else:
                deep.drop_tree()
            dropped += 1
    return dropped


@lru_cache(maxsize=4)
def _deeper_than(limit: int) -> etree.XPath:
    """Whether anything but text sits more than ``limit`` levels below the element."""
    return etree.XPath(f"boolean({'*/' * limit}node()[not(self::text())])")


# Elements whose content is never article text: code, styles, embeds, form controls and
# dialogs. The article steps drop them from the page; the Markdown converter skips them in
# whatever region it is handed.
NON_CONTENT_TAGS = frozenset(
    {
        "head", "script", "style", "noscript", "template", "link", "meta", "svg", "canvas",
        "iframe", "object", "embed", "map", "button", "input", "select", "option", "textarea",
        "dialog",
    }
)  # fmt: skip
# Media players: the article steps drop them too (their fallback text, "Your browser does not
# support video", is noise), while the converter writes a link to the file of one it is handed.
MEDIA_TAGS = frozenset({"audio", "video"})
# class words (lower case) of an element holding a date: a post's (vBulletin's "postdate",
# Tapatalk's "posttime", the "timeago" of NodeBB and jQuery plugins, hAtom's "published" and
# "updated" that PyBBM and blog themes write on an entry's date), a card's, a timeline's.
DATE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:date|time|timestamp|posted|post-?date|post-?time|timeago|published|updated)"
    r"(?:$|[\s_-])"
)


def ancestor(el: HtmlElement, *tags: str) -> HtmlElement | None:
    """The nearest element above ``el`` (not ``el`` itself) with one of ``tags``."""
    return next(el.iterancestors(*tags), None)


def previous_element(el: HtmlElement, *, adjacent: bool = False) -> HtmlElement | None:
    """The element before ``el``, comments and processing instructions passed over; with
    ``adjacent``, None when text stands between the two."""
    before = el.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    if adjacent and before is not None and (before.tail or "").strip():
        return None
    return before


def is_within(el: HtmlElement, container: HtmlElement) -> bool:
    """Does ``container`` hold ``el`` (at any depth; an element is not within itself)?"""
    return any(parent is container for parent in el.iterancestors())


_ATTR_NAME = re.compile(r"[^\s\"'<>/=\x00-\x1f]+")
# Elements that never hold content, so never open a level.
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


class _Flattener(HTMLParser):
    """Re-writes markup with at most ``limit`` open elements: deeper start tags (and their end
    tags) are left out, their text stays."""

    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=True)
        self.limit = limit
        self.open: list[str] = []
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_TAGS and len(self.open) >= self.limit:
            return
        attr = "".join(
            f' {name}="{escape(value or "")}"'
            for name, value in attrs
            if _ATTR_NAME.fullmatch(name)
        )
        self.out.append(f"<{tag}{attr}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))


def flattened(markup: str, limit: int = MAX_DEPTH) -> str:
    """The markup with no element nested deeper than ``limit`` (a coarse parse: for pages that
    nest past what libxml2 reads)."""
    flat = _Flattener(limit)
    flat.feed(markup)
    flat.close()
    return "".join(flat.out)


def text_content(el: HtmlElement) -> str:
    """``el.text_content()``: the text of the element and all it holds, its own tail left out.

    An element's is serialized as text, inside lxml, in half the time ``text_content`` takes:
    that evaluates an XPath (``string()``) per call, and the article steps ask for the text of
    one element after another. What is no element (a comment) is left to ``text_content``.
    """
    if isinstance(el.tag, str):
        return str(etree.tostring(el, method="text", encoding="unicode", with_tail=False))
    return str(el.text_content())


def fold(text: str | None) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split()) if text else ""


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
