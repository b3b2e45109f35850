"""Markdown through a small subclass of markdownify's converter.

The region is expected in the shape normalize.py leaves: absolute URLs, ``<pre data-lang>``
with plain text, ``<figure><img><figcaption>``, and footnotes marked with ``data-footnote-ref``
/ ``data-footnote``. The converter writes ATX headings at the page's own levels (an
<h1> below the title is a section and stays ``#``), fenced code with its language, GFM tables, ``[^1]`` footnotes, and
escapes only what would otherwise turn into Markdown syntax.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, Doctype, NavigableString, PageElement
from lxml.html import HtmlElement
from markdownify import ATX, BACKSLASH, MarkdownConverter

from extractor.dom import NON_CONTENT_TAGS, text_content
from extractor.markdown import tables
from extractor.markdown.escaping import (
    escape_alt,
    escape_block_start,
    escape_text,
    is_junk_alt,
)

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# block elements a Markdown link cannot wrap (a teaser card: <a><h3>..</h3><p>..</p></a>)
_LINK_BLOCKS = frozenset(
    (*_HEADINGS, "p", "div", "ul", "ol", "li", "table", "blockquote", "figure", "pre", "section")
)

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ATX_MARK = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
# characters that show nothing: a line of only these is blank
_INVISIBLE = " \t\u00a0\u200b\u200c\u200d\u2060\ufeff"
# A thematic break as markdownify writes one (<hr>).
_RULE = "---"
# Chinese and Japanese characters (not Hangul: Korean is written with spaces). A line break
# between two of them is no space at all (CSS Text's segment break rule), and emphasis
# cannot be closed against one by inserting a space.
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t]*\n\\s*(?=[{_CJK}])")
_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "*": "%2A"}
# Labels set side by side as chips or badges (a job board's location, team and commitment, a
# product's "New" and "Sale"): inline elements of one tag and class with nothing between them
# in the markup, which a stylesheet spaces apart (inline-block with margins). Their words must
# not run together ("RemoteEngineeringFull-time"). A chip holds at least CHIP_MIN_CHARS (a
# word split into one span per letter for an animation is one word).
CHIP_TAGS = frozenset({"span", "a", "small", "strong", "b", "em", "i", "time", "label", "abbr"})
CHIP_MIN_CHARS = 2


def _edge_char(el: Any, at_end: bool) -> str:
    """The character of the document's text just before (or after) a text node."""
    found = el.find_previous(string=True) if at_end else el.find_next(string=True)
    text = str(found or "")
    return (text[-1:] if at_end else text[:1]) or ""


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_CHAR.match(ch))


def _join_cjk_lines(text: str, el: Any) -> str:
    """Drop the line breaks a page's source has between Chinese or Japanese characters."""
    text = _CJK_BREAK.sub("", text)
    stripped = text.lstrip(" \t\n")
    lead = text[: len(text) - len(stripped)]
    if "\n" in lead and _is_cjk(stripped[:1]) and _is_cjk(_edge_char(el, at_end=True)):
        text = stripped
    stripped = text.rstrip(" \t\n")
    trail = text[len(stripped) :]
    if "\n" in trail and _is_cjk(stripped[-1:]) and _is_cjk(_edge_char(el, at_end=False)):
        text = stripped
    return text


def _touches_word(node: Any, at_end: bool) -> bool:
    """Whether a neighbouring text node meets the emphasis with a letter or digit."""
    if not isinstance(node, NavigableString) or not str(node):
        return False
    return (str(node)[-1] if at_end else str(node)[0]).isalnum()


def _starts_inline(el: Tag) -> bool:
    """Whether an element's content begins with text or an inline element, not a block."""
    for child in el.children:
        if isinstance(child, NavigableString):
            if str(child).strip():
                return True
        elif isinstance(child, Tag):
            block = child.name in _LINK_BLOCKS or child.name in ("dl", "hr")
            if not block and not child.get_text().strip() and child.find("img") is None:
                continue  # an empty anchor (<span id="x"></span>) shows nothing
            return not block and not _holds_blocks(child)
    return False


def _holds_blocks(el: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in _LINK_BLOCKS for d in el.descendants)


def _card_title(heading: Tag, text: str) -> str:
    """A heading inside a link that holds blocks (a teaser card: <a><h3>..</h3><p>..</p></a>),
    which Markdown cannot write as one link: the card's first heading carries the link."""
    link = heading.find_parent("a")
    if link is None or heading.find("a") is not None or link.find(list(_HEADINGS)) is not heading:
        return text
    href = str(link.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "data:")):
        return text
    return f"[{text}]({_url(href)})"


def _url(href: str) -> str:
    href = href.strip()
    if not any(ch in href for ch in _URL_UNSAFE):  # most links: nothing to encode
        return href
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in href)


def _figure_of(el: Tag) -> Tag | None:
    found = el.find_parent("figure")
    return found if isinstance(found, Tag) else None


def _caption_for(img: Tag) -> str:
    """The caption of the figure an image leads (the first image of a figure), or ""."""
    figure = _figure_of(img)
    if figure is None or figure.find("img") is not img:
        return ""
    caption = figure.find("figcaption")
    return " ".join(caption.get_text(" ").split()) if isinstance(caption, Tag) else ""


def _italic(text: str) -> str:
    return f"*{text}*" if "*" not in text else f"_{text}_"


# a line break in a link's text (the source's own wrapping, or a <br>): one space instead, so the
# link stays on one line, whole for tools that read Markdown line by line (outliners, grep)
_LINE_BREAK = re.compile(r"[ \t]*\\?\n[ \t]*")


def chomp(text: str) -> tuple[str, str, str]:
    """Move an inline element's edge spaces outside its markers (markdownify's helper)."""
    prefix = " " if text[:1] == " " else ""
    suffix = " " if text[-1:] == " " else ""
    return prefix, suffix, text.strip()


# markdownify's type stub declares only the constructor and convert(); the convert_<tag>
# methods this class extends are there at run time
_Converter: Any = MarkdownConverter

OPTIONS: dict[str, Any] = {
    "heading_style": ATX,
    "bullets": "-",
    "escape_asterisks": False,  # escape() below escapes only what could become emphasis
    "escape_underscores": False,
    "escape_misc": False,
    "newline_style": BACKSLASH,
}


# markdownify's blocks: the white space just inside them (and, with <pre>, just outside them)
# is dropped
_BLOCKS = frozenset(
    (
        "p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    )
)  # fmt: skip
_INLINE_PARENTS = frozenset(("td", "th"))
# what holds a cell read as a table's
_CELL_HOLDERS = frozenset(("tr",))
_NOFORMAT_PARENTS = frozenset(("pre", "code", "kbd", "samp"))
# markdownify's test for a heading's name (a match at the start: "h2", "h10")
_HEADING_NAME = re.compile(r"h(\d+)")
_TEXT_WHITESPACE = re.compile(r"[\t \r\n]*[\r\n][\t \r\n]*")
_RUN_OF_SPACES = re.compile(r"[\t ]+")


class _Names(dict[str, bool]):
    """Per tag name, markdownify's should_remove_whitespace_inside (a block or a heading)."""

    def __missing__(self, name: str) -> bool:
        found = name in _BLOCKS or _HEADING_NAME.match(name) is not None
        self[name] = found
        return found


class _Headings(dict[str, bool]):
    def __missing__(self, name: str) -> bool:
        found = _HEADING_NAME.match(name) is not None
        self[name] = found
        return found


_INSIDE = _Names()
_HEADING_NAMES = _Headings()


def _inside(el: Any) -> bool:
    """markdownify's should_remove_whitespace_inside: a tag (not a string) named a block."""
    return isinstance(el, Tag) and bool(el.name) and _INSIDE[el.name]


def _outside(el: Any) -> bool:
    """markdownify's should_remove_whitespace_outside: a block or a <pre>."""
    return isinstance(el, Tag) and bool(el.name) and (_INSIDE[el.name] or el.name == "pre")


class ArticleConverter(_Converter):  # type: ignore[misc]
    """markdownify with the handful of conversions an article needs done differently.

    ``process_tag`` and ``process_text`` do what markdownify's do, in fewer steps: its
    per-element helpers (a closure per tag, a walk up for every <pre> question, a regex per
    child string) were most of the conversion's time on long pages."""

    def __init__(self) -> None:
        super().__init__(**OPTIONS)
        # table cells and captions are rendered from themselves, without their ancestors'
        # names: inside one, whether a tag sits in a <pre> is asked of the tree
        self._detached = 0

    # -- structure ---------------------------------------------------------------------

    def process_tag(self, node: Any, parent_tags: set[str] | None = None) -> str:
        name = node.name
        if name in NON_CONTENT_TAGS:
            return ""
        if name == "table":
            body = tables.convert_table(node, self._render_cell)
            return f"\n\n{body}\n\n" if body else ""
        if parent_tags is None:
            parent_tags = set()
        if (
            name in _INLINE_PARENTS
            and "_inline" not in parent_tags
            and node.parent is not None
            and node.parent.name not in _CELL_HOLDERS
        ):
            # cells gathered out of their table into the region (a forum's post cells), or a
            # region that is one cell (a table layout's content cell): each its blocks, as a
            # layout table's cell gives them, its paragraphs never run together on one line
            return f"\n\n{self._render_cell(node, False).strip()}\n\n"
        inside = bool(name) and _INSIDE[name]
        below = set(parent_tags)
        below.add(name)
        if _HEADING_NAMES[name] or name in _INLINE_PARENTS:
            below.add("_inline")
        if name in _NOFORMAT_PARENTS:
            below.add("_noformat")
        strings: list[str] = []
        for child in node.contents:
            if isinstance(child, Tag):
                found = self.process_tag(child, below)
            elif isinstance(child, (Comment, Doctype)):
                continue
            elif isinstance(child, NavigableString):
                if not child.strip():
                    before = child.previous_sibling
                    after = child.next_sibling
                    if inside and (not before or not after):
                        continue
                    if _outside(before) or _outside(after):
                        continue
                found = self.process_text(child, below)
            else:
                continue
            if found:
                strings.append(found)
        if (
            name == "pre"
            or "pre" in parent_tags
            or (self._detached and node.find_parent("pre") is not None)
        ):
            text = "".join(strings)
        else:
            text = _collapse_newlines(strings)
        convert_fn = self.get_conv_fn_cached(name)
        if convert_fn is None:
            return text
        converted: str = convert_fn(node, text, parent_tags=parent_tags)
        return converted

    def _render_cell(self, cell: Tag, inline: bool) -> str:
        self._detached += 1
        try:
            if inline:
                return str(self.process_tag(cell, {"_inline"}))
            name = cell.name
            cell.name = "div"  # rendered as a block, not as a table cell
            try:
                return str(self.process_tag(cell, set()))
            finally:
                cell.name = name
        finally:
            self._detached -= 1

    def process_text(self, el: Any, parent_tags: set[str] | None = None) -> str:
        if parent_tags is None:
            parent_tags = set()
        text = str(el)
        if "pre" not in parent_tags:
            if "\n" in text or "\r" in text:
                text = _TEXT_WHITESPACE.sub("\n", text)
            if "\t" in text or "  " in text:
                text = _RUN_OF_SPACES.sub(" ", text)
        if "_noformat" not in parent_tags:
            text = self.escape(text, parent_tags)
        before = el.previous_sibling
        after = el.next_sibling
        parent_inside = _inside(el.parent)
        if _outside(before) or (parent_inside and not before):
            text = text.lstrip(" \t\r\n")
        if _outside(after) or (parent_inside and not after):
            text = text.rstrip()
        if "\n" in text and "pre" not in parent_tags and _CJK_CHAR.search(text):
            text = _join_cjk_lines(text, el)
        return text

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escape_text(text)

    def convert_hN(self, n: int, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return text
        text = " ".join(text.replace("\\\n", " ").split())
        if not text:
            return ""
        level = max(1, min(6, n))
        if "a" in parent_tags:
            text = _card_title(el, text)
        return f"\n\n{'#' * level} {text}\n\n"

    def convert_p(self, el: Any, text: str, parent_tags: set[str]) -> str:
        converted: str = super().convert_p(el, text, parent_tags)
        if "_inline" in parent_tags:
            return converted
        return escape_block_start(converted.strip("\n")).join(("\n\n", "\n\n")) if converted else ""

    def convert_summary(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """A disclosure's label: a bold line of its own, as a reader sees it above what it
        folds (a label bold already stays as it is)."""
        if "_inline" in parent_tags or not text.strip():
            return text
        text = text.strip()
        if el.find(list(_HEADINGS)) is not None:
            # a heading as the label (Nextra's) is no section of the page: its text is the label
            text = " ".join(_ATX_MARK.sub("", text).split())
        if "\n" not in text and "**" not in text and not text.startswith("__"):
            text = f"**{text}**"
        return escape_block_start(text).join(("\n\n", "\n\n"))

    def convert_div(self, el: Any, text: str, parent_tags: set[str]) -> str:
        label = el.get("data-footnote")
        if "_inline" in parent_tags:
            inline: str = super().convert_div(el, text, parent_tags)
            return inline
        if _starts_inline(el):  # bare text in a block: "1. Not a list" stays text
            text = escape_block_start(text.strip())
        if label is None:
            converted: str = super().convert_div(el, text, parent_tags)
            return converted
        lines = text.strip().split("\n")
        rest = [f"    {line}" if line else "" for line in lines[1:]]
        return "\n\n" + "\n".join([f"[^{label}]: {lines[0]}", *rest]) + "\n\n"

    def convert_blockquote(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if _starts_inline(el) and "_inline" not in parent_tags:
            text = escape_block_start(text.strip())
        kind = el.get("data-callout")
        if kind and "_inline" not in parent_tags:
            # an admonition: an Obsidian/GitHub callout, "> [!note] Title" over its content
            title = " ".join(str(el.get("data-callout-title") or "").split())
            head = f"[!{kind}] {escape_text(title)}".rstrip()
            text = f"{head}\n{text.strip()}" if text.strip() else head
        converted: str = super().convert_blockquote(el, text, parent_tags)
        return converted

    convert_article = convert_div

    # Definition lists: CommonMark has none, and the Pandoc form (":   definition", indented
    # continuation paragraphs) shows as stray colons, or as code, in most renderers. A term is
    # a bold line and its definition the blocks below it.
    def convert_dt(self, el: Any, text: str, parent_tags: set[str]) -> str:
        text = " ".join(text.replace("\\\n", " ").split())
        if "_inline" in parent_tags:
            return f" {text} "
        if text.startswith("**") and text.endswith("**"):
            return f"\n\n{text}\n\n"  # already bold
        return f"\n\n**{text}**\n\n" if text else ""

    def convert_dd(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return f" {text.strip()} "
        return f"\n\n{text.strip()}\n\n" if text.strip() else ""

    convert_section = convert_div

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        text = text.strip()
        if _starts_inline(el):  # a list, quote or paragraph inside guards its own start
            text = escape_block_start(text)
        converted: str = super().convert_li(el, text, parent_tags)
        return converted

    def convert_figure(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return text
        text = text.strip()
        return f"\n\n{text}\n\n" if text else ""

    def convert_figcaption(self, el: Any, text: str, parent_tags: set[str]) -> str:
        """A caption is an italic line under its picture, code block or table: a reader sees
        it in every renderer (an image's title shows nowhere but in a tooltip)."""
        text = " ".join(text.replace("\\\n", " ").split())
        if not text or "_inline" in parent_tags:
            return text
        return f"\n\n{_italic(text)}\n\n"

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        code = text.strip("\n").rstrip()
        if not code:
            return ""
        fence = "```"
        while fence in code:
            fence += "`"
        language = el.get("data-lang") or ""
        return f"\n\n{fence}{language}\n{code}\n{fence}\n\n"

    # -- inline ------------------------------------------------------------------------

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, text = chomp(text)
        if not text:
            return ""
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "data:")) or _holds_blocks(el):
            return f"{prefix}{text}{suffix}"  # a link cannot hold a heading or a paragraph
        text = _LINE_BREAK.sub(" ", text)
        if text.replace("\\_", "_") == href and not re.search(r"[\s<>]", href):
            return f"{prefix}<{href}>{suffix}"
        return f"{prefix}[{text}]({_url(href)}){suffix}"

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        src = (el.get("src") or "").strip()
        caption = _caption_for(el)
        alt = " ".join((el.get("alt") or "").split())
        if is_junk_alt(alt):
            alt = ""
        alt = escape_alt(alt or caption)
        if "_inline" in parent_tags and el.parent is not None and el.parent.name != "a":
            return alt
        if not src:
            return ""
        return f"![{alt}]({_url(src)})"

    def _emphasis(self, el: Any, text: str, parent_tags: set[str], marker: str) -> str:
        if parent_tags & set(_HEADINGS) or "_noformat" in parent_tags:
            return text  # a heading is emphasis enough
        prefix, suffix, text = chomp(text)
        if not text:
            return ""
        # "**Note:**text" does not close in CommonMark (punctuation inside, a letter outside):
        # a space keeps the emphasis and changes no word
        after = not suffix and not text[-1].isalnum() and _touches_word(el.next_sibling, False)
        before = not prefix and not text[0].isalnum() and _touches_word(el.previous_sibling, True)
        if (after and _is_cjk(str(el.next_sibling)[:1])) or (
            before and _is_cjk(str(el.previous_sibling)[-1:])
        ):
            return f"{prefix}{text}{suffix}"  # Chinese and Japanese take no space: no emphasis
        if after:
            suffix = " "
        if before:
            prefix = " "
        return f"{prefix}{marker}{text}{marker}{suffix}"

    def convert_b(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(el, text, parent_tags, "**")

    def convert_em(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(el, text, parent_tags, "*")

    convert_strong = convert_b
    convert_i = convert_em

    def _media(self, el: Any, label: str) -> str:
        """A video or audio element as a link to its file (its fallback text is not content)."""
        src = el.get("src") or next(
            (
                s.get("src")
                for s in el.children
                if getattr(s, "name", None) == "source" and s.get("src")
            ),
            "",
        )
        poster = el.get("poster") or ""
        if src:
            return f"[{label}]({_url(src)})"
        return f"![{label}]({_url(poster)})" if poster else ""

    def convert_video(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._media(el, "Video")

    def convert_audio(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._media(el, "Audio")

    def convert_sup(self, el: Any, text: str, parent_tags: set[str]) -> str:
        label = el.get("data-footnote-ref")
        return f"[^{label}]" if label else text

    def convert_td(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return f" {text.strip()} "

    convert_th = convert_td

    def convert_tr(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return f"\n\n{text.strip()}\n\n"


def _collapse_newlines(strings: list[str]) -> str:
    """The child strings joined, where one's trailing line breaks meet the next one's leading
    ones the longer run of the two, at most two (markdownify's collapsing)."""
    if len(strings) < 2:
        return "".join(strings)  # nothing meets
    joined = "".join(strings)
    if "\n" not in joined:
        return joined
    parts: list[str] = []
    trail = ""
    for found in strings:
        body = found.lstrip("\n")
        content = body.rstrip("\n")
        lead = len(found) - len(body)
        if trail and lead:
            parts.append("\n" * min(2, max(len(trail), lead)))
        else:
            parts.append(trail)
            parts.append("\n" * lead)
        parts.append(content)
        trail = "\n" * (len(body) - len(content))
    parts.append(trail)
    return "".join(parts)


def _drop_hard_break(lines: list[str]) -> None:
    """A hard line break at the end of a block breaks nothing: drop its backslash."""
    if lines and lines[-1].endswith("\\") and not lines[-1].endswith("\\\\"):
        lines[-1] = lines[-1][:-1].rstrip()


def tidy(markdown: str) -> str:
    """No trailing spaces, no runs of blank lines (outside code), one trailing newline; no
    thematic break that separates nothing (at either end, or right after another one: the
    rules around a block that went, as a store's price between two <hr>)."""
    out: list[str] = []
    fence: str | None = None
    last = ""  # the last line with text, outside code
    for line in markdown.split("\n"):
        found = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if found and found[1][0] == fence[0] and len(found[1]) >= len(fence):
                fence = None
            continue
        if found:
            fence = found[1]
        line = line.rstrip()
        # a line of nothing but a hard break ("<br><br>" between paragraphs) is a blank line
        if not line.strip(_INVISIBLE) or line.strip(_INVISIBLE) == "\\":
            line = ""
            _drop_hard_break(out)
        if line == _RULE and last in ("", _RULE):
            continue
        if line or (out and out[-1]):
            out.append(line)
        if line:
            last = line
    _drop_hard_break(out)
    while fence is None and out and out[-1] in ("", _RULE):
        out.pop()
    text = "\n".join(out).strip("\n")
    return text + "\n" if text else ""


class _Tag(Tag):
    """bs4's Tag, with a direct walk up for ``find_parent("name")``: markdownify asks every
    element whether it sits in a <pre>, and bs4's general matcher made that question a quarter
    of the conversion on long pages."""

    def find_parent(self, name: Any = None, attrs: Any = None, **kwargs: Any) -> Any:
        if not isinstance(name, str) or attrs or kwargs:
            return super().find_parent(name, attrs, **kwargs)
        parent = self.parent
        while parent is not None:
            if parent.name == name:
                return parent
            parent = parent.parent
        return None


def soup_of(region: HtmlElement) -> BeautifulSoup:
    """The region as the tree markdownify reads (``html > body > region``), built from the
    parsed elements themselves: the article is not serialized and parsed a second time."""
    soup = BeautifulSoup("", "lxml", element_classes={Tag: _Tag})
    tree = _TreeWriter(soup)
    root = tree.add(soup.new_tag("html"), soup)
    if region.tag == "html":  # a page without a body: its head and body as they are
        tree.copy_children(region, root)
        return soup
    body = tree.add(soup.new_tag("body"), root)
    if region.tag == "body":
        tree.copy_children(region, body)
    else:
        tree.copy(region, body)
    return soup


_Node = TypeVar("_Node", bound=PageElement)


class _TreeWriter:
    """Adds nodes in document order, each after the last one added, linking them as bs4's own
    parser does: ``Tag.append`` walks to the new node's neighbours for every node it adds, which
    made copying the region cost as much as converting it."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.last: PageElement = soup
        # what ``soup.new_tag`` would build each tag with, looked up once: that wrapper cost a
        # quarter of the copy (an empty attribute dict made and then updated, per element)
        self.builder = soup.builder
        self.tag_class: Any = soup.element_classes.get(Tag, Tag)
        self.attribute_dict = soup.builder.attribute_dict_class

    def add(self, node: _Node, parent: Tag) -> _Node:
        """``node`` as the last child of ``parent``, which holds the last node added."""
        node.setup(parent, self.last)  # its previous sibling: the parent's last child
        parent.contents.append(node)
        self.last = node
        return node

    def add_text(self, text: str, parent: Tag) -> None:
        """A string as the last child of ``parent``: what ``NavigableString(text)`` builds,
        linked once (its constructor links it to nothing first)."""
        node = str.__new__(NavigableString, text)
        node.hidden = False
        node.setup(parent, self.last)
        parent.contents.append(node)
        self.last = node

    def copy(self, el: HtmlElement, parent: Tag) -> None:
        if not isinstance(el.tag, str):  # comments and processing instructions say nothing
            return
        # by items: an attribute whose name lxml cannot look up ("{{" from a template's
        # placeholder left in a tag: "{" starts a namespace for lxml) is still read, where a
        # lookup by name raises
        attrs = self.attribute_dict(el.attrib.items())
        # linked by its constructor, as bs4's parser builds it, not linked to nothing first
        tag = self.tag_class(
            None, self.builder, el.tag, attrs=attrs, parent=parent, previous=self.last
        )
        parent.contents.append(tag)
        self.last = tag
        self.copy_children(el, tag)

    def copy_children(self, el: HtmlElement, tag: Tag) -> None:
        if el.text and isinstance(el.tag, str):
            self.add_text(el.text, tag)
        for child in el:
            self.copy(child, tag)
            if child.tail:
                self.add_text(child.tail, tag)
            elif child.tag in CHIP_TAGS and _chips_side_by_side(child, child.getnext()):
                self.add_text(" ", tag)


def _chips_side_by_side(el: HtmlElement, nxt: HtmlElement | None) -> bool:
    """Whether ``el`` and the element right after it (nothing between them) are two chips of
    one kind (see ``CHIP_TAGS``), whose words touch, outside code."""
    if nxt is None or nxt.tag != el.tag:
        return False
    kind, other = (el.get("class") or "").split(), (nxt.get("class") or "").split()
    if not kind or not set(kind).intersection(other):
        return False
    first, second = text_content(el), text_content(nxt)
    if len(first.strip()) < CHIP_MIN_CHARS or len(second.strip()) < CHIP_MIN_CHARS:
        return False
    if not (first[-1:].isalnum() and second[:1].isalnum()):
        return False  # a space or a mark between them already, or none needed
    return not any(a.tag in ("pre", "code") for a in el.iterancestors())


def to_markdown(region: HtmlElement) -> str:
    """The region as Markdown (the region itself is not changed)."""
    soup = soup_of(region)
    try:
        return tidy(str(ArticleConverter().convert_soup(soup)))
    finally:
        # taken apart now: a bs4 tree is a web of cycles (parent, sibling and element links)
        # that Python's cycle collector would otherwise walk again and again before freeing it
        soup.decompose()
