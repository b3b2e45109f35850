"""Admonitions ("Note", "Warning" boxes) in one shape, before the page furniture goes.

Documentation generators write them in many ways: ``<div class="admonition note">`` with a
``<p class="admonition-title">`` (Sphinx, MkDocs), ``<aside class="...-aside--tip">`` with a title
paragraph, ``<div class="... admonition ... alert">`` with a heading div, ``<div class="tip
custom-block">``, ``<details class="warning"><summary>``, GitHub's ``markdown-alert``, or a plain
quote that starts ``[!NOTE]``. Each becomes ``<blockquote data-callout="note">`` (with
``data-callout-title`` when its title is not just the kind) holding the content without the
title, which the Markdown converter writes as an Obsidian/GitHub callout (``> [!note]``).

This runs before navigation, asides and named boilerplate are dropped, so an admonition written
as an ``<aside>`` or named "alert" stays. A box needs a kind (a class name or a title that is one
of KINDS) and either a class of the admonition family or a title element: a bare "alert
alert-warning" banner is not an admonition. A forum's quote box read so (Discourse's ``<aside
class="quote">`` with its title line) keeps the attributes naming whom it quotes, by which a copy
of a post on the page is found (threads.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

from extractor.article.threads import QUOTED_AUTHOR
from extractor.dom import fold, text_content
from extractor.records import Step
from extractor.removal import Removal

# the kinds of admonition, each with the callout it is written as
KINDS = {
    "note": "note", "info": "info", "tip": "tip", "hint": "tip", "important": "important",
    "warning": "warning", "warn": "warning", "caution": "caution", "attention": "warning",
    "danger": "danger", "error": "danger", "success": "success", "check": "success",
    "question": "question", "example": "example", "quote": "quote", "abstract": "abstract",
    "summary": "abstract", "todo": "todo", "bug": "bug", "failure": "failure",
    "seealso": "note", "see also": "note", "deprecated": "warning"
}  # fmt: skip
# class names of the admonition family (without a title element, one of these is needed)
_FAMILY = re.compile(r"admonition|callout|custom-block|markdown-alert|-aside\b|\bhint\b")
# class names of a box's title
_TITLE_NAMES = re.compile(r"title|heading")
# a box with more text than this, or with a section heading inside, is a page part, not a box
BOX_MAX_CHARS = 4000
_SECTION_HEADINGS = ("h1", "h2")
_CLASS_TOKEN = re.compile(r"[a-z]+")
_BOX_TAGS = ("div", "aside", "section", "details", "blockquote")
# "[!NOTE]" at the start of a quote (GitHub's alert syntax, left unrendered by a generator)
_ALERT_MARK = re.compile(r"^\s*\[!(\w+)\]\s*")
TITLE_MAX_CHARS = 80
# the tags of a title that an admonition-family box may set after an icon
_KIND_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "span", "div"})


def _kind_of_names(el: HtmlElement, family: bool) -> str | None:
    """The kind a box's names state: any word of an admonition-family box's class or label
    ("theme-admonition-warning"), else only a whole class name ("note", not "prev-next-info")."""
    classes = (el.get("class") or "").lower()
    if not family:
        return next((KINDS[c] for c in classes.split() if c in KINDS), None)
    names = f"{classes} {el.get('aria-label') or ''}".lower()
    return next((KINDS[t] for t in _CLASS_TOKEN.findall(names) if t in KINDS), None)


@lru_cache(maxsize=4096)
def _names_family(classes: str) -> bool:
    """Is a box's class of the admonition family?"""
    return _FAMILY.search(classes.lower()) is not None


@lru_cache(maxsize=4096)
def _names_title(classes: str) -> bool:
    """Is an element's class that of a box's title?"""
    return _TITLE_NAMES.search(classes.lower()) is not None


def _title_of(el: HtmlElement) -> HtmlElement | None:
    """The box's title element: its <summary>, or a first child named as a title."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is None:
        return None
    if el.tag == "details" and first.tag == "summary":
        return first
    if not _names_title(first.get("class") or ""):
        return None  # (before the text: a wrapper's first child may hold the whole page)
    short = len(fold(text_content(first))) <= TITLE_MAX_CHARS
    return first if short and first.find(".//pre") is None else None


def _kind_heading(el: HtmlElement) -> HtmlElement | None:
    """An admonition-family box's first words, when a heading holds them (a theme that sets
    an icon first, then ``<h5>Note</h5>``): the title, if it names a kind."""
    for child in el.iter():
        if child is el or not isinstance(child.tag, str):
            continue
        if (child.text or "").strip():
            return child if child.tag in _KIND_HEADINGS else None
    return None


def _kind_of_title(title: HtmlElement | None) -> str | None:
    if title is None:
        return None
    return KINDS.get(fold(text_content(title)).strip(" :").lower())


def _as_callout(el: HtmlElement, kind: str, label: str) -> None:
    # (a forum's quote of a post keeps whom it quotes); cleared whole, as an attribute whose
    # name lxml cannot look up ("{{" from a template's placeholder) cannot be deleted by name
    kept = [(name, value) for name, value in el.attrib.items() if name in QUOTED_AUTHOR]
    el.attrib.clear()
    for name, value in kept:
        el.set(name, value)
    el.tag = "blockquote"
    el.set("data-callout", kind)
    if label and KINDS.get(label.lower()) != kind:
        el.set("data-callout-title", label)


def mark_callouts(body: HtmlElement) -> Step:
    """Every admonition in the page as ``<blockquote data-callout=KIND>``."""
    removal = Removal("callouts", "admonition titles, now the callout's kind")
    for el in list(body.iter(*_BOX_TAGS)):
        if el.getparent() is None or el.get("data-callout"):
            continue
        if el.tag == "blockquote":
            _quote_with_mark(el)
            continue
        family = _names_family(el.get("class") or "")
        title = _title_of(el)
        if not family and title is None:
            continue  # (tested first: most boxes of a page are neither)
        kind = _kind_of_names(el, family) or _kind_of_title(title)
        if kind is None and family and title is None:
            title = _kind_heading(el)
            kind = _kind_of_title(title)
        if kind is None:
            continue
        if (
            len(text_content(el)) > BOX_MAX_CHARS
            or next(el.iter(*_SECTION_HEADINGS), None) is not None
        ):
            continue
        label = fold(text_content(title)).strip(" :") if title is not None else ""
        if title is not None:
            removal.take(title)
        _as_callout(el, kind, label)
    return removal.step()


def _quote_with_mark(quote: HtmlElement) -> None:
    """A quote whose text starts ``[!NOTE]``: the mark becomes the callout's kind."""
    first = next((c for c in quote if isinstance(c.tag, str)), None)
    holder = first if first is not None and first.tag == "p" else quote
    text = holder.text or ""
    found = _ALERT_MARK.match(text)
    if found is None or found[1].lower() not in KINDS:
        return
    holder.text = text[found.end() :]
    quote.set("data-callout", KINDS[found[1].lower()])
    if holder is not quote and not fold(text_content(holder)) and not len(holder):
        holder.drop_tree()
