"""Structure that documentation generators give a page body, read by the cleanup rules.

Docs generators (Sphinx, MkDocs, Docusaurus, VitePress, Starlight, Jekyll, docsify, ...) give
every section heading an anchor: an ``id`` on the heading or on its ``<section>``, and often a
permalink (``¶``, ``#``) inside or beside it. A block that opens such a section is the section's
content, even when it is only links: a "References" list, a table of contents written in the
README, a "Used by" list.

Some generators leave facts out of the HTML that the page's own data still holds: a Next.js docs
theme (Nextra) highlights code without naming its language, and carries the page's Markdown
source in its flight data, whose fences name it (label_code_from_source).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from extractor.article.boilerplate import _SLUG_NUMBER, _id_is_its_heading, _slug
from extractor.dom import previous_element, text_content
from extractor.normalize.codeblocks import has_language
from extractor.normalize.core import is_permalink_text

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# elements that may stand before a section's first block without being content (a disclosure's
# label)
_LEADERS = ("summary",)
# ... and a short line of its own may: a caption over a list ("Click to expand", an author's
# name above his profile links), at most this many words and no link
_LEAD_IN_TAGS = ("p", "div", "strong", "b", "em", "i", "span")
LEAD_IN_MAX_WORDS = 4


def _heading_in(el: HtmlElement) -> HtmlElement | None:
    """``el`` itself when a heading, or the heading a wrapper holds beside nothing but its
    permalink (Starlight's ``<div class="sl-heading-wrapper"><h2>..</h2><a>#</a></div>``)."""
    if el.tag in HEADINGS:
        return el
    if el.tag != "div":
        return None
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is None or first.tag not in HEADINGS:
        return None
    for other in el:
        if other is first or not isinstance(other.tag, str):
            continue
        if other.tag != "a" or not is_permalink_text(text_content(other)):
            return None
    return first


def _is_blank(el: HtmlElement) -> bool:
    """An element that shows nothing to read or see (a wrapper left empty once its copy button
    went, a spacer): it stands between no heading and its list."""
    return el.tag in _LEAD_IN_TAGS and not text_content(el).strip() and el.find(".//img") is None


def _is_lead_in(el: HtmlElement, label: re.Pattern[str] | None) -> bool:
    """A short caption line between a heading and its list: no link with words, no more than
    LEAD_IN_MAX_WORDS words."""
    if el.tag not in _LEAD_IN_TAGS or any(True for _ in el.iter(*HEADINGS)):
        return False
    if any(text_content(a).strip() for a in el.iter("a")):
        return False  # (an empty link laid over a toggle to make it clickable is none)
    text = " ".join(text_content(el).split())
    if not text or len(text.split()) > LEAD_IN_MAX_WORDS:
        return False
    return label is None or not label.match(text)


def is_anchored(heading: HtmlElement) -> bool:
    """A heading a reader can link to: it (or its ``<section>``, or an element inside it: a
    named anchor, MediaWiki's ``<span class="mw-headline" id>``) has an id, or it holds or is
    followed by a link into the page."""
    if heading.get("id") or heading.get("name"):
        return True
    if any(d.get("id") or (d.tag == "a" and d.get("name")) for d in heading.iterdescendants()):
        return True
    parent = heading.getparent()
    if parent is not None and parent.tag == "section" and parent.get("id"):
        return True
    holder = parent if parent is not None and _heading_in(parent) is heading else heading
    return any((a.get("href") or "").startswith("#") for a in holder.iter("a"))


def names_its_section(heading: HtmlElement) -> bool:
    """A heading whose id (or its <section>'s) is the slug of its own text ("authors" on
    "Authors"): a generator's section heading, whatever the words say."""
    parent = heading.getparent()
    ids = [heading.get("id")]
    if parent is not None and parent.tag == "section":
        ids.append(parent.get("id"))
    text = _slug(text_content(heading))
    return any(_SLUG_NUMBER.sub("", _slug(i)) == text for i in ids if i) and bool(text)


def is_named_section(el: HtmlElement) -> bool:
    """A heading that names its own section, or a section whose id is its heading's slug."""
    if el.tag in HEADINGS:
        return names_its_section(el)
    return bool(el.get("id")) and _id_is_its_heading(el)


def section_heading(
    el: HtmlElement,
    region: HtmlElement,
    label: re.Pattern[str] | None = None,
    anchored: bool = True,
) -> HtmlElement | None:
    """The anchored heading of the section ``el`` is (a ``<section>`` that starts with it) or
    opens (nothing to read between the two but a short caption line), or None. ``el`` may sit
    first inside a wrapper (``<details>`` after its ``<summary>``). A caption that ``label``
    matches ("See also") is not one. With ``anchored`` false, any heading will do."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    own = _heading_in(first) if first is not None and not (el.text or "").strip() else None
    if own is not None:
        return own if not anchored or is_anchored(own) else None
    block = el
    while True:
        prev = previous_element(block)
        while prev is not None and (
            prev.tag in _LEADERS or _is_lead_in(prev, label) or _is_blank(prev)
        ):
            prev = previous_element(prev)
        if prev is not None:
            heading = _heading_in(prev)
            if heading is None or (anchored and not is_anchored(heading)):
                return None
            return heading
        parent = block.getparent()
        if parent is None or parent is region or (parent.text or "").strip():
            return None
        block = parent


# -- code languages from the page's own source ------------------------------------------------

# Next.js streams a page's server data to the browser as ``self.__next_f.push([1, "..."])``
# scripts; a docs theme that offers to copy the page as Markdown (Nextra) puts the page's
# source there, while its highlighted blocks name no language in the HTML
_FLIGHT_PUSH = re.compile(r'self\.__next_f\.push\(\[\s*1\s*,\s*("[^"\\]*(?:\\.[^"\\]*)*")\s*\]\)')
_FLIGHT_MARK = "self.__next_f"
# the form Next.js writes each such script in: the string is all of it but these ends
_FLIGHT_OPEN = 'self.__next_f.push([1,"'
_FLIGHT_CLOSE = '"])'
# a fenced code block of Markdown: its indent, fence, info string and text
_FENCED = re.compile(
    r"^([ \t]*)(`{3,}|~{3,})[ \t]*([^\n`]*)\n(.*?)\n?^[ \t]*\2[ \t]*$", re.MULTILINE | re.DOTALL
)
_INFO_LANGUAGE = re.compile(r"[\w+#.-]+")


def _code_key(text: str) -> str:
    """Code text as both sides write it: no trailing spaces, no blank lines around it."""
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _page_source(body: HtmlElement) -> str:
    """The Markdown the page's Next.js flight data carries, or ""."""
    pieces: list[str] = []
    for script in body.iter("script"):
        text = script.text or ""
        if _FLIGHT_MARK not in text:
            continue
        piece = _one_push(text)
        if piece is not None:
            pieces.append(piece)
            continue
        for found in _FLIGHT_PUSH.finditer(text):
            try:
                piece = json.loads(found[1])
            except ValueError:
                continue
            if isinstance(piece, str):
                pieces.append(piece)
    return "".join(pieces)


def _one_push(script: str) -> str | None:
    """The string of a script that is one push in Next.js's own form, cut at its ends instead
    of found by ``_FLIGHT_PUSH`` (the pattern took two thirds of the time on a page of a
    hundred such scripts); None when the script is not that, or its middle is no JSON string
    (then the pattern decides). A middle that is one is what the pattern finds there: its
    quotes inside are escaped, so the pattern's string ends where the middle does."""
    if not (
        script.startswith(_FLIGHT_OPEN)
        and script.endswith(_FLIGHT_CLOSE)
        and script.count(_FLIGHT_MARK) == 1
    ):
        return None
    try:
        piece = json.loads(script[len(_FLIGHT_OPEN) - 1 : -len(_FLIGHT_CLOSE) + 1])
    except ValueError:
        return None
    return piece if isinstance(piece, str) else None


def source_languages(source: str) -> dict[str, str]:
    """``{code text: language}`` for the source's fenced blocks that name one; a text fenced
    twice with different languages (or none) names none."""
    found: dict[str, set[str]] = {}
    for fence in _fences(source):
        indent = len(fence[1])
        lines = [_dedent(line, indent) for line in fence[4].split("\n")]
        words = fence[3].split()
        info = words[0].strip("{}").lower() if words else ""
        found.setdefault(_code_key("\n".join(lines)), set()).add(
            info if _INFO_LANGUAGE.fullmatch(info) else ""
        )
    return {
        text: next(iter(langs))
        for text, langs in found.items()
        if len(langs) == 1 and "" not in langs
    }


def _fences(source: str) -> Iterator[re.Match[str]]:
    """``_FENCED.finditer(source)``, tried only at the lines that open with a fence: a match
    starts at a line's start (``^``), and the search tried every character of a page's flight
    data (a hundred thousand, in a few hundred lines) for one."""
    start = 0  # of the line
    end = 0  # of the last match
    for line in source.split("\n"):
        if start >= end and line.lstrip(" \t").startswith(("```", "~~~")):
            fence = _FENCED.match(source, start)
            if fence is not None:
                yield fence
                end = fence.end()
        start += len(line) + 1


def _dedent(line: str, indent: int) -> str:
    """A line of a fenced block inside a list item, without the item's indent."""
    cut = len(line) - len(line.lstrip(" "))
    return line[min(cut, indent) :]


def label_code_from_source(body: HtmlElement) -> None:
    """A code block that names no language takes the one its fence has in the page's own
    Markdown source, when the page carries it (see _FLIGHT_PUSH) and the text matches."""
    pres = [pre for pre in body.iter("pre") if not has_language(pre)]
    if not pres:
        return
    source = _page_source(body)
    if not source:
        return
    languages = source_languages(source)
    for pre in pres:
        language = languages.get(_code_key(text_content(pre)))
        if language:
            pre.set("data-lang", language)


# -- footnotes written as asides ----------------------------------------------------------------

# what a footnote (or its list) is called by its ARIA role (DPUB-ARIA, which docutils and
# Pandoc write)
_NOTE_ROLES = frozenset({"doc-footnote", "doc-endnote", "doc-endnotes", "doc-footnotes"})


def keep_footnote_asides(body: HtmlElement) -> None:
    """Footnotes written as ``<aside>`` (Sphinx: ``<aside class="footnote-list"><aside
    role="doc-footnote">``) become ``<div>``s, so that they stay when asides go as page chrome;
    the footnote step then writes them as ``[^1]:`` notes."""
    for aside in list(body.iter("aside")):
        notes = (c for c in aside if isinstance(c.tag, str) and c.get("role") in _NOTE_ROLES)
        if aside.get("role") in _NOTE_ROLES or next(notes, None) is not None:
            aside.tag = "div"
