"""Code blocks in one shape: ``<pre data-lang="python">plain text</pre>``.

Highlighters split code into spans, put line numbers in a gutter (a table column, a
``.line-numbers-rows`` span, a ``.lineno`` per line) and add a "Copy" button; the language is
written as ``class="language-x"``, ``lang-x``, ``highlight-source-x``, ``brush: x``, Hexo's
``<figure class="highlight x">``, ``data-lang``, or as the one class of the block's ``<code>``
(``<code class="sh">``: TypeDoc, and markdown-it or marked set up without a prefix) when that
class is a language's name. This step keeps the code text and its language, and nothing else.
"""

from __future__ import annotations

import re
from functools import cache

from lxml.html import HtmlElement
from pygments.lexers import get_all_lexers

from extractor.dom import ancestor, fold, text_content
from extractor.records import Step
from extractor.removal import Removal

# class names that carry the language, in the forms highlighters write them (MediaWiki's
# SyntaxHighlight: <div class="mw-highlight mw-highlight-lang-js"><pre>)
_LANG_CLASS = re.compile(
    r"(?:^|\s)(?:(?:language|lang|highlight-source|highlight|hljs|mw-highlight-lang)[-_]"
    r"|brush:\s*|sourceCode\s+)"
    r"([A-Za-z0-9+#_.-]+)",
    re.IGNORECASE,
)
# words that follow those prefixes but name no language (Sphinx's "highlight-default" is a
# block written without one)
_NOT_LANGS = frozenset(
    {"", "none", "plain", "plaintext", "text", "txt", "nohighlight", "js-file-line", "default"}
)
# ...and, as a block's lone class word, these too: a class that names what the block shows
# rather than its language (Pygments has an "output" lexer)
_NOT_BARE_LANGS = _NOT_LANGS | {"output"}
# Hexo's highlighter: the figure around a block's table of gutter and code names the language
# in its second class word (<figure class="highlight js"><table><tr><td class="code"><pre>)
_FIGURE_LANG = re.compile(r"^\s*highlight\s+([a-z0-9+#]+)\s*$", re.IGNORECASE)
FIGURE_DEPTH = 5
# attributes that carry the language
LANG_ATTRS = ("data-lang", "data-language", "lang")
# class names of line-number gutters
_GUTTER = re.compile(
    r"gutter|line-?numbers?(?:-rows)?|linenos?|lineno|line-number|ln-num|hljs-ln-n|rouge-gutter",
    re.IGNORECASE,
)
# button labels of copy buttons
_COPY = re.compile(r"^(?:copy(?: code| to clipboard)?|copied!?)$", re.IGNORECASE)
# how far up from a <pre> a highlighter's wrapper (holding the language or buttons) may be
WRAPPER_DEPTH = 3
_BLOCK_TAGS = frozenset({"div", "p", "li", "tr", "section"})
# blocks of the article's text: a container holding one is no code block's wrapper
_TEXT_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "blockquote", "table")


def _language(pre: HtmlElement) -> str | None:
    scope = [*pre.iter("code"), pre]
    parent = pre
    for _ in range(WRAPPER_DEPTH):
        parent = parent.getparent()
        if parent is None:
            break
        scope.append(parent)
    for el in scope:
        for attr in LANG_ATTRS:
            if attr == "lang" and el.tag not in ("pre", "code"):
                continue  # elsewhere lang= names a human language
            value = fold(el.get(attr)).lower()
            if value not in _NOT_LANGS and re.fullmatch(r"[\w+#.-]+", value):
                return value
        for found in _LANG_CLASS.finditer(el.get("class", "")):
            value = found[1].lower()
            if value not in _NOT_LANGS:
                return value
    for el in (*pre.iterchildren("code"), pre):
        bare: list[str] = str(el.get("class", "")).lower().split()
        if len(bare) == 1 and bare[0] in _language_names():
            return bare[0]
    for depth, el in enumerate(pre.iterancestors()):
        if depth >= FIGURE_DEPTH:
            break
        if el.tag == "figure":
            named = _FIGURE_LANG.match(el.get("class", ""))
            value = named[1].lower() if named else ""
            return value if value not in _NOT_LANGS else None
    return None


@cache
def _language_names() -> frozenset[str]:
    """Every language name and alias Pygments knows ("python", "py", "sh", "tsx"), less the
    words that name no language when they stand alone as a class."""
    names = {
        alias.lower() for _, aliases, _, _ in get_all_lexers(plugins=False) for alias in aliases
    }
    return frozenset(names - _NOT_BARE_LANGS)


def has_language(pre: HtmlElement) -> bool:
    """Whether the code block (or its highlighter's wrappers) names its language."""
    return _language(pre) is not None


def _is_copy_button(el: HtmlElement) -> bool:
    """A "Copy" control (<button>, <clipboard-copy>, a styled span) beside a code block."""
    if not isinstance(el.tag, str) or el.getparent() is None:
        return False
    if el.tag not in ("button", "clipboard-copy") and "copy" not in el.get("class", "").lower():
        return False  # checked first: reading the text of every node around a block is slow
    return el.find(".//pre") is None and _COPY.match(fold(text_content(el))) is not None


def _is_language_label(el: HtmlElement, language: str) -> bool:
    """A label beside the code that names its language ("sh" over a shell block)."""
    if not isinstance(el.tag, str) or el.tag == "pre" or el.find(".//pre") is not None:
        return False
    return fold(text_content(el)).lower() == language


def _is_gutter(el: HtmlElement) -> bool:
    return bool(_GUTTER.search(el.get("class", "")))


def _in_gutter(pre: HtmlElement) -> bool:
    """A gutter column's own <pre> of numbers (it goes with its column)."""
    numbers_only = re.fullmatch(r"[\d\s]*", text_content(pre)) is not None
    return numbers_only and any(_is_gutter(a) for a in _wrappers(pre))


def _code_text(el: HtmlElement) -> str:
    """The text of a code element: <br> and per-line block elements become newlines."""
    if next(el.iterdescendants("br", *_BLOCK_TAGS), None) is None:
        # no line to mark: the text as lxml reads it in one go (comments' text left out)
        return str(text_content(el)).strip("\n").rstrip()
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                if child.tag == "br":
                    parts.append("\n")
                else:
                    walk(child)
                    if child.tag in _BLOCK_TAGS and parts and not parts[-1].endswith("\n"):
                        parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts).strip("\n").rstrip()


def _wrappers(pre: HtmlElement) -> list[HtmlElement]:
    """The highlighter's wrappers around one code block: up to WRAPPER_DEPTH levels, never one
    that holds other code or text blocks (that is the article around the code)."""
    found = []
    parent = pre.getparent()
    for _ in range(WRAPPER_DEPTH):
        if parent is None or parent.tag in ("body", "article", "main"):
            break
        if (
            any(el is not pre for el in parent.iter("pre"))
            or next(parent.iter(*_TEXT_BLOCKS), None) is not None
        ):
            break
        found.append(parent)
        parent = parent.getparent()
    return found


def _unwrap_gutter_table(pre: HtmlElement, removal: Removal) -> HtmlElement:
    """A table with a gutter column and a code column becomes the code's <pre> alone."""
    table = ancestor(pre, "table")
    if table is None:
        return pre
    gutters = [td for td in table.iter("td", "th") if _is_gutter(td)]
    pres = list(table.iter("pre"))
    if not gutters or len(pres) - len([g for g in gutters if g.find(".//pre") is not None]) != 1:
        return pre
    for gutter in gutters:
        removal.take(gutter)
    table.addprevious(pre)
    pre.tail = table.tail
    table.drop_tree()
    return pre


def normalize_code(region: HtmlElement) -> Step:
    """Every <pre> becomes plain code text with its language; gutters and buttons go."""
    removal = Removal(
        "code-chrome", "line-number gutters, copy buttons and language labels of code blocks"
    )
    for pre in list(region.iter("pre")):
        if pre.getparent() is None or _in_gutter(pre):
            continue
        if ancestor(pre, "pre") is not None:
            continue
        pre = _unwrap_gutter_table(pre, removal)
        for button in list(pre.iter("button")):
            removal.take(button)
        wrappers = _wrappers(pre)
        if wrappers:  # the outermost holds the others: each node around the code is read once
            for el in list(wrappers[-1].iterdescendants()):
                if _is_copy_button(el):
                    removal.take(el)
        for el in list(pre.iterdescendants()):
            if isinstance(el.tag, str) and el.getparent() is not None and _is_gutter(el):
                removal.take(el)
        language = _language(pre)
        if language:
            lineage = {pre, *pre.iterancestors()}
            for wrapper in _wrappers(pre):
                for el in list(wrapper):  # beside the code, not inside other blocks
                    if el not in lineage and _is_language_label(el, language):
                        removal.take(el)
        text = _code_text(pre)
        tail = pre.tail
        for child in list(pre):
            pre.remove(child)
        pre.attrib.clear()
        pre.text = text
        pre.tail = tail
        if language:
            pre.set("data-lang", language)
    return removal.step()
