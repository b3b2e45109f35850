"""Escaping for Markdown text: only what would otherwise turn into Markdown syntax.

markdownify escapes every ``_`` and ``*``; that breaks words like ``snake_case`` for readers
and for word-based metrics. Here a character is escaped only where it could open emphasis, a
code span, a link, inline HTML or an entity, and a line start only where it would begin a
heading, list, quote or rule.
"""

from __future__ import annotations

import re

_ESC_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_STARS = re.compile(r"\*+")
# an underscore run that could open emphasis (not intraword like snake_case, not a "___" rule)
_ESC_UNDERSCORE = re.compile(r"(?<!\w)_+(?=[^\s_])")
_ESC_TAG = re.compile(r"<(?=[A-Za-z/!?])")  # would start inline HTML
_ESC_ENTITY = re.compile(r"&(?=#?\w+;)")  # would be read as an entity
_ESC_BRACKET = re.compile(r"\[(?=\^|[^\]\n]*\][(\[])")  # would start a link or footnote
_ESC_TILDES = re.compile(r"~~")
# an image title's characters that would end it or escape out of it
_ESC_TITLE = re.compile(r'(["\\])')
# alt text that is a file name or a CMS slug, not a description ("IMG_2041.jpg",
# "reef-lead-2400", "06mideast ledeall 01 hqmp facebookJumbo")
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$", re.IGNORECASE)
# one token: underscores, a run of digits (a camera's counter), or words joined by hyphens;
# a brand with a few digits ("CP24", "9to5Toys") is a name
_SLUG = re.compile(r"^[\w-]*(?:_|\d{4,})[\w-]*$|^\w+(?:-\w+){2,}$")
# a word that no caption writer would type: digits glued to letters, camelCase, a bare number
_ODD_WORD = re.compile(r"^(?:\d+[a-z]+\w*|[a-z]+\d+\w*|[a-z]{2,}[A-Z]\w*|\d+)$")
# what at the start of a line turns a paragraph into another block
_BLOCK_START = re.compile(
    r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|[-*_=~]{3,}\s*$)"
)


def escape_block_start(text: str) -> str:
    """Escape a paragraph's first character when it would start a heading, list or quote."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i == 0 or lines[i - 1].endswith("\\"):
            found = _BLOCK_START.match(line)
            if found:
                start = len(found[1])
                if line[start].isdigit():
                    start += len(found[2])
                lines[i] = line[:start] + "\\" + line[start:]
    return "\n".join(lines)


def is_junk_alt(alt: str) -> bool:
    """Is an image's alt text a file name or slug rather than words a reader can use?"""
    words = alt.split()
    if not words:
        return False
    if _FILE_NAME.search(alt):
        return True
    if len(words) == 1:
        return bool(_SLUG.match(alt)) and not alt.isdigit() and not alt.isalpha()
    odd = sum(1 for w in words if _ODD_WORD.match(w))
    return odd * 2 > len(words)


def escape_alt(alt: str) -> str:
    """Alt text inside ``![...]``: brackets escaped."""
    return alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def escape_title(title: str) -> str:
    """An image title inside double quotes: quotes and backslashes escaped."""
    return _ESC_TITLE.sub(r"\\\1", title)


def _escape_stars(found: re.Match[str], text: str) -> str:
    """A star run is kept only with space on both sides ("2 * 3"); else it could be emphasis."""
    # at the edge of a text node the neighbour is unknown ("<b>*</b>"): escape
    before = text[found.start() - 1] if found.start() else ""
    after = text[found.end()] if found.end() < len(text) else ""
    return found[0] if before.isspace() and after.isspace() else "\\*" * len(found[0])


def escape_text(text: str) -> str:
    """Escape one text node's Markdown-significant characters (not line starts)."""
    if not text:
        return ""
    # each pattern is run only on text holding its character: most text nodes hold none
    if "\\" in text:
        text = _ESC_BACKSLASH.sub(r"\\\\", text)
    text = text.replace("`", "\\`")
    if "*" in text:
        text = _STARS.sub(lambda m: _escape_stars(m, text), text)
    if "_" in text:
        text = _ESC_UNDERSCORE.sub(lambda m: "\\_" * len(m[0]), text)
    if "<" in text:
        text = _ESC_TAG.sub(r"\\<", text)
    if "&" in text:
        text = _ESC_ENTITY.sub(r"\\&", text)
    if "[" in text:
        text = _ESC_BRACKET.sub(r"\\[", text)
    return _ESC_TILDES.sub(r"\\~\\~", text) if "~~" in text else text
