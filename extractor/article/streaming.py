"""A React page streamed from the server, read without scripts: its late parts put in place.

React's streaming server rendering (``renderToPipeableStream``, used by Next.js's app router
among others) sends a page whose slow parts are not ready as a fallback ("Loading...") inside a
Suspense boundary, ``<!--$?--><template id="B:0"></template>fallback<!--/$-->`` (the
comments are kept as marks by ``dom.parse``), and sends each
part later, at the end of the document, as ``<div hidden id="S:0">part</div>`` followed by an
instruction that moves it into place: ``$RC("B:0","S:0")`` (complete the boundary: the part
replaces the fallback) or ``$RS("S:1","P:1")`` (a part that fills the placeholder
``<template id="P:1">``). With the page's external runtime the same instructions are
templates: ``<template data-rci data-bid="B:0" data-sid="S:0">`` and ``<template data-rsi
data-sid="S:1" data-pid="P:1">``. A browser runs them; a client without scripts sees the parts
hidden, and they are often the article's body. This step carries the instructions out, in the
page's order, as the browser would (a part may hold the boundary of the next).
"""

from __future__ import annotations

import re
from typing import Literal

from lxml.html import HtmlElement

from extractor.dom import ATTR_SUSPENSE, is_within
from extractor.records import Step
from extractor.removal import Removal, is_attached

Kind = Literal["boundary", "placeholder"]
# (what the part goes into, the part's id): $RC(boundary, part) and $RS(part, placeholder)
_BOUNDARY_CALL = re.compile(r"""\$RC\(\s*["']([BS]:\w+)["']\s*,\s*["'](S:\w+)["']""")
_SEGMENT_CALL = re.compile(r"""\$RS\(\s*["'](S:\w+)["']\s*,\s*["'](P:\w+)["']""")
# the marks of the comments that open and close a Suspense boundary (see dom.ATTR_SUSPENSE)
_OPENS = frozenset({"$", "$?", "$!"})
_CLOSES = "/$"


def place_streamed_parts(doc: HtmlElement) -> Step:
    """Move each streamed part of ``doc`` where its instruction says (see the module's text)."""
    removal = Removal("streamed-parts", "streamed parts moved from the page's end into place")
    moves = _instructions(doc)
    wanted = {name for _, target, part in moves for name in (target, part)}
    by_id = {el.get("id"): el for el in doc.iter() if el.get("id") in wanted} if wanted else {}
    for kind, target, part in moves:
        holder, segment = by_id.get(target), by_id.get(part)
        if holder is None or segment is None or not is_attached(segment):
            continue
        if not is_attached(holder) or is_within(holder, segment):
            continue
        if kind == "boundary":
            _drop_fallback(holder)
        _detach(segment)
        segment.attrib.pop("hidden", None)
        holder.addprevious(segment)
        segment.drop_tag()
        holder.drop_tree()
        removal.removed += 1
    for mark in doc.xpath(f"//template[@{ATTR_SUSPENSE}]"):
        mark.drop_tree()
    return removal.step()


def _instructions(doc: HtmlElement) -> list[tuple[Kind, str, str]]:
    """(kind, where the part goes, the part's id) for every instruction, in page order."""
    found: list[tuple[Kind, str, str]] = []
    for el in doc.iter("script", "template"):
        if el.tag == "template":
            if el.get("data-rci") is not None and el.get("data-bid") and el.get("data-sid"):
                found.append(("boundary", el.get("data-bid", ""), el.get("data-sid", "")))
            elif el.get("data-rsi") is not None and el.get("data-sid") and el.get("data-pid"):
                found.append(("placeholder", el.get("data-pid", ""), el.get("data-sid", "")))
            continue
        code = el.text or ""
        if "$R" not in code:
            continue
        calls: list[tuple[int, Kind, str, str]] = [
            (m.start(), "boundary", m[1], m[2]) for m in _BOUNDARY_CALL.finditer(code)
        ]
        calls += [(m.start(), "placeholder", m[2], m[1]) for m in _SEGMENT_CALL.finditer(code)]
        found += [(kind, target, part) for _, kind, target, part in sorted(calls)]
    return found


def _drop_fallback(holder: HtmlElement) -> None:
    """Remove what the boundary shows until its part comes: everything after ``holder`` up to
    the mark that closes the boundary (boundaries nest); nothing when there is none."""
    fallback: list[HtmlElement] = []
    depth = 0
    for sibling in holder.itersiblings():
        mark = sibling.get(ATTR_SUSPENSE) if sibling.tag == "template" else None
        if mark == _CLOSES and depth == 0:
            break
        depth += 1 if mark in _OPENS else -1 if mark == _CLOSES else 0
        fallback.append(sibling)
    else:
        return
    holder.tail = None
    for el in fallback:
        el.tail = None
        holder.getparent().remove(el)


def _detach(el: HtmlElement) -> None:
    """Take ``el`` out of its parent, leaving the text after it where it was."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        before = el.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
        el.tail = None
    parent.remove(el)
