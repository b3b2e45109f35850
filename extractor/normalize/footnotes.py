"""Footnotes in one shape: ``<sup data-footnote-ref="1">`` in the text and, where the notes
are, ``<div data-footnotes><div data-footnote="1">note</div>...</div>``.

A reference is an in-page link with a short label ("1", "[2]", "a", "*") that points at an
element inside the region which is a list item or sits in a footnotes/notes/references
container (Pandoc, markdown-it, Kramdown, WordPress plugins and Wikipedia write them this way).
Back-links from the note to the reference ("↩", "^") are dropped.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag

from lxml import html
from lxml.html import HtmlElement

from extractor.dom import fold, text_content, text_of
from extractor.records import Step
from extractor.removal import Removal

# a reference label: a number, a letter or a symbol, maybe bracketed
_LABEL = re.compile(r"^[\[(]?\s*([0-9]{1,4}|[a-zA-Z]{1,2}|[*†‡§¶]{1,3})\s*[\])]?$")
# names of the container that holds the notes
_NOTES_NAME = re.compile(r"foot-?notes?|end-?notes?|references|reflist|notes|fn-?list", re.I)
# what a back-link says
_BACKLINK_TEXT = re.compile(r"^[↩↑^⤴︎\s]*$|^(?:back|return)(?: to (?:text|content))?$", re.I)
_BACKLINK_NAME = re.compile(r"backref|back-?link|footnote-back|reversefootnote|fn-?back", re.I)
# how many ancestors up a note's container may be found
CONTAINER_DEPTH = 4


def reference_targets(root: HtmlElement) -> set[str]:
    """The fragments that the page's reference marks ("1", "[2]", "a") link to: its notes."""
    found = set()
    for a in root.iter("a"):
        href = a.get("href") or ""
        if "#" in href and _LABEL.match(fold(text_content(a))):
            found.add(href.rsplit("#", 1)[1])
    return found


def _same_page(href: str, base_url: str) -> str | None:
    """The fragment of an href that points into the same page, else None."""
    if href.startswith("#"):
        return href[1:] or None
    if base_url and "#" in href:
        target, fragment = urldefrag(href)
        if target == urldefrag(base_url)[0]:
            return fragment or None
    return None


def _is_note(target: HtmlElement) -> bool:
    if target.tag == "li" or target.get("role") in ("doc-endnote", "doc-footnote"):
        return True
    el: HtmlElement | None = target
    for _ in range(CONTAINER_DEPTH):
        if el is None:
            return False
        if _NOTES_NAME.search(f"{el.get('class', '')} {el.get('id', '')}") or el.get("role") in (
            "doc-endnotes",
            "doc-footnotes",
        ):
            return True
        el = el.getparent()
    return False


def _note_element(target: HtmlElement) -> HtmlElement:
    """The element that holds the note's text (an empty anchor's list item or paragraph)."""
    if text_of(target):
        return target
    for ancestor in target.iterancestors("li", "p", "div"):
        return ancestor
    return target


def _is_backlink(a: HtmlElement, ref_ids: set[str]) -> bool:
    href = a.get("href", "")
    if href.startswith("#") and href[1:] in ref_ids:
        return True
    if _BACKLINK_NAME.search(f"{a.get('class', '')} {a.get('role', '')}"):
        return True
    return bool(_BACKLINK_TEXT.match(text_of(a))) and href.startswith("#")


def _ref_wrapper(a: HtmlElement) -> HtmlElement:
    """The <sup> (or other wrapper) that holds nothing but the reference link."""
    el = a
    parent = a.getparent()
    while (
        parent is not None
        and parent.tag in ("sup", "span", "small")
        and text_of(parent) == text_of(a)
    ):
        el = parent
        parent = parent.getparent()
    return el


def normalize_footnotes(region: HtmlElement, base_url: str) -> Step:
    """Mark references and notes so the converter writes ``[^1]`` and ``[^1]: note``."""
    removal = Removal("footnote-backlinks", "links from a footnote back to its reference")
    ids = {el.get("id"): el for el in region.iter() if isinstance(el.tag, str) and el.get("id")}
    ids.update({el.get("name"): el for el in region.iter("a") if el.get("name")})
    found: list[tuple[HtmlElement, str, HtmlElement]] = []
    for a in region.iter("a"):
        fragment = _same_page(a.get("href", ""), base_url)
        labelled = _LABEL.match(fold(text_content(a)))
        target = ids.get(fragment) if fragment else None
        if labelled is None or target is None or not _is_note(target):
            continue
        if target.tag == "a" and target.get("href"):
            continue  # a note's link back to its reference (Sphinx's "[1]" label), not one
        if target is a or any(parent is target for parent in a.iterancestors()):
            continue  # a link to what holds it is a permalink ("¶" in a section's heading)
        found.append((a, str(labelled[1]), _note_element(target)))
    if not found:
        return removal.step()

    ref_ids = {a.get("id", "") for a, _, _ in found} | {
        w.get("id", "") for a, _, _ in found for w in a.iterancestors("sup", "span")
    }
    notes: dict[int, tuple[str, HtmlElement]] = {}
    for a, label, note in found:
        notes.setdefault(id(note), (label, note))
        marker = html.Element("sup", {"data-footnote-ref": label})
        marker.text = label
        wrapper = _ref_wrapper(a)
        wrapper.addprevious(marker)
        wrapper.drop_tree()  # its tail text joins the marker
    for label, note in notes.values():
        for a in list(note.iter("a")):
            if _is_backlink(a, ref_ids):
                removal.take(_label_of(a, note))
        _mark_note(note, label)
    return removal.step()


def _label_of(backlink: HtmlElement, note: HtmlElement) -> HtmlElement:
    """The back-link with the label around it when that holds only brackets besides it
    (Sphinx: ``<span class="label">[<a role="doc-backlink">1</a>]</span>``)."""
    holder = backlink
    parent = backlink.getparent()
    while parent is not None and parent is not note and parent.tag in ("span", "sup", "small"):
        if _LABEL.match(fold(text_content(parent))) is None:
            break
        holder = parent
        parent = parent.getparent()
    return holder


def _mark_note(note: HtmlElement, label: str) -> None:
    note.tag = "div"
    keep_id = note.get("id")
    note.attrib.clear()
    note.set("data-footnote", label)
    if keep_id:
        note.set("id", keep_id)
    container = note.getparent()
    if container is not None and container.tag in ("ol", "ul"):
        container.tag = "div"
        container.attrib.clear()
        container.set("data-footnotes", "")
