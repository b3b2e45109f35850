"""Tabbed content (code tabs: "npm | yarn | pnpm") laid out for a reader of one page.

A tab strip shows one panel and hides the others. On a page read as Markdown every panel is
shown, each under its tab's label in bold, and the strip goes. Code in a tab labelled with a
language ("Python", "Go") and naming none itself takes the label's language. Two shapes are recognised: ARIA
tabs (``role="tablist"`` with ``role="tab"`` and ``role="tabpanel"``, paired by
``aria-controls`` or else in order), and radio-button tabs (``<input type="radio">`` with
``<label for>`` in one block that holds little else, the panels as the children of the block
that follows it, all of one tag). A poll or a product's colour swatches are radio buttons with
labels too: their block holds more than the labels (the question, the product card), or what
follows it is not a row of like panels. A third shape is tabs named by class, as shop
themes write them (a strip named "tabs" of short labels, each naming a tab or linking to its
panel by ``#id``; the panels the labels link to, or else the children of the block after the
strip); a shop's product tabs (description, features, what is in the box) are one text, so
their panels are joined into the block around them, each under its label.

This runs before hidden elements are dropped, so the panels a script hides are kept.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from extractor.article.boilerplate import names_of
from extractor.dom import fold, is_within, text_content
from extractor.normalize.codeblocks import has_language
from extractor.records import Step
from extractor.removal import Removal, is_attached

# what hides a panel, and is taken off it
_HIDING_ATTRS = ("hidden", "aria-hidden", "style")
# how far up from a tab strip its panels may be gathered
PANEL_SCOPE_LEVELS = 2
# a radio-button tab strip is its labels: they hold at least this share of its text
RADIO_STRIP_LABEL_SHARE = 0.8
# class names of a tab strip and of its labels ("tabs", "product-tabs", "tab-title", "nav-tabs")
TAB_NAMES = re.compile(r"(?:^|[\s_-])tabs?(?:$|[\s_-])")
# a tab's label is short: at most this many characters
TAB_LABEL_MAX_CHARS = 40
# tab labels that name a programming language, as the class a code block would carry
TAB_LANGUAGES = {
    "python": "python", "javascript": "javascript", "js": "javascript", "typescript": "typescript",
    "ts": "typescript", "bash": "bash", "shell": "bash", "sh": "bash", "zsh": "bash",
    "powershell": "powershell", "go": "go", "golang": "go", "rust": "rust", "java": "java",
    "kotlin": "kotlin", "swift": "swift", "ruby": "ruby", "php": "php", "c": "c", "c++": "cpp",
    "cpp": "cpp", "c#": "csharp", "csharp": "csharp", "scala": "scala", "r": "r", "dart": "dart",
    "elixir": "elixir", "html": "html", "css": "css", "sql": "sql", "json": "json",
    "yaml": "yaml", "toml": "toml", "xml": "xml", "curl": "bash", "node.js": "javascript",
}  # fmt: skip

# (one walk down, the role compared only where there is one: ".//input[@type='radio']" and
# ".//*[@role='tablist']" find the same in twice the time)
_RADIOS = etree.XPath("descendant::input[@type='radio']")
_TAB_STRIPS = etree.XPath("descendant::*[@role][@role='tablist']")


def _panels_by_role(strip: HtmlElement, tabs: list[HtmlElement]) -> list[HtmlElement] | None:
    root = strip.getroottree().getroot()
    by_id = [root.get_element_by_id(t.get("aria-controls"), None) for t in tabs]
    if all(p is not None for p in by_id):
        return [p for p in by_id if p is not None]
    scope = strip
    for _ in range(PANEL_SCOPE_LEVELS):
        parent = scope.getparent()
        if parent is None:
            break
        scope = parent
        panels = [el for el in scope.iter() if el.get("role") == "tabpanel"]
        panels = [
            p for p in panels if not any(a.get("role") == "tabpanel" for a in p.iterancestors())
        ]
        if len(panels) == len(tabs):
            return panels
    return None


def _chars(el: HtmlElement) -> int:
    """Characters of the element's text, whitespace aside."""
    return sum(len(word) for word in text_content(el).split())


def _radio_tabs(strip: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement]] | None:
    """Labels of radio buttons in ``strip`` and the panels in the block after it."""
    radios = {i.get("id") for i in strip.iter("input") if i.get("type") == "radio"}
    labels = [lab for lab in strip.iter("label") if lab.get("for") in radios]
    after = strip.getnext()
    if len(labels) < 2 or after is None:
        return None
    panels = [c for c in after if isinstance(c.tag, str)]
    if len(panels) != len(labels) or len({p.tag for p in panels}) != 1:
        return None
    label_chars = sum(_chars(lab) for lab in labels)
    if label_chars < RADIO_STRIP_LABEL_SHARE * _chars(strip):
        return None  # a poll's question, a product card around its swatches
    return labels, panels


def _holding_radios(body: HtmlElement) -> list[HtmlElement]:
    """The blocks that may be radio-button tab strips: those holding a radio button, in
    document order (found from the buttons, so a page without any costs one search)."""
    seen: set[HtmlElement] = set()
    for radio in _RADIOS(body):
        for above in radio.iterancestors("div", "ul", "fieldset"):
            if above in seen:
                break
            seen.add(above)
    return [el for el in body.iter("div", "ul", "fieldset") if el in seen] if seen else []


def _show(panel: HtmlElement, label: str) -> None:
    language = TAB_LANGUAGES.get(label.lower())
    if language:  # code in a tab named for its language, the code itself naming none
        for pre in panel.iter("pre"):
            if not has_language(pre):
                pre.set("class", f"{pre.get('class') or ''} language-{language}".strip())
    for attr in _HIDING_ATTRS:
        if attr in panel.attrib:
            del panel.attrib[attr]
    head = panel.makeelement("p", {})
    strong = panel.makeelement("strong", {})
    strong.text = label
    head.append(strong)
    head.tail = panel.text
    panel.text = None
    panel.insert(0, head)


def _label_target(label: HtmlElement) -> str | None:
    """The ``#id`` a label links to, "" for a label linking nowhere, None for one that leaves
    the page (a strip of links to other pages is a menu, not tabs)."""
    for el in label.iter("a", "button"):
        href = el.get("href") or el.get("data-target") or el.get("data-bs-target") or ""
        if href.startswith("#") and len(href) > 1:
            return href[1:]
        if href and not href.startswith(("#", "javascript:")):
            return None
    return ""


def _named_tabs(strip: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement]] | None:
    """Labels of a tab strip named by class and their panels (see the module's notes)."""
    labels = [c for c in strip if isinstance(c.tag, str) and text_content(c).strip()]
    if len(labels) < 2 or any(_chars(lab) > TAB_LABEL_MAX_CHARS for lab in labels):
        return None
    if sum(_chars(lab) for lab in labels) < RADIO_STRIP_LABEL_SHARE * _chars(strip):
        return None
    targets = [_label_target(lab) for lab in labels]
    if any(t is None for t in targets):
        return None
    if all(targets):
        root = strip.getroottree().getroot()
        linked = [root.get_element_by_id(t, None) for t in targets]
        panels = [p for p in linked if p is not None and not is_within(strip, p)]
        if len(panels) == len(labels):
            return labels, panels
    named = sum(bool(TAB_NAMES.search(names_of(lab))) for lab in labels) == len(labels)
    after = strip.getnext()
    if not named or after is None:
        return None
    panels = [c for c in after if isinstance(c.tag, str) and text_content(c).strip()]
    if len(panels) != len(labels) or len({p.tag for p in panels}) != 1:
        return None
    return labels, panels


def _lay_out_named_tabs(body: HtmlElement, removal: Removal) -> None:
    strips = [
        el
        for el in body.iter("div", "ul", "nav")
        if TAB_NAMES.search(names_of(el)) and el.get("role") is None
    ]
    for strip in strips:
        if not is_attached(strip):
            continue
        found = _named_tabs(strip)
        if found is None:
            continue
        for label, panel in zip(*found, strict=True):
            _show(panel, fold(text_content(label)))
        removal.take(strip)
        for panel in found[1]:
            panel.drop_tag()  # one text: the panels' blocks join the block around them


def lay_out_tabs(body: HtmlElement) -> Step:
    """Every tab panel shown under its label; the tab strips go."""
    removal = Removal("tabs", "tab strips (each panel is shown under its tab's label)")
    for strip in _TAB_STRIPS(body):
        tabs = [el for el in strip.iter() if el.get("role") == "tab"]
        panels = _panels_by_role(strip, tabs) if len(tabs) >= 2 else None
        if panels is None:
            continue
        for tab, panel in zip(tabs, panels, strict=True):
            _show(panel, fold(text_content(tab)))
        removal.take(strip)
    for strip in _holding_radios(body):
        if strip.getparent() is None:
            continue
        found = _radio_tabs(strip)
        if found is None:
            continue
        for label, panel in zip(*found, strict=True):
            _show(panel, fold(label.get("data-title") or text_content(label)))
        removal.take(strip)
    _lay_out_named_tabs(body, removal)
    return removal.step()
