"""Logseq pages: page properties as ``key:: value`` lines in the first block, the body as an
outline of bullets (content nested under its heading), read back for re-clipping."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_PROPERTY = re.compile(r"^([^\s:]+):: ?(.*)$")


def property_key(name: str) -> str:
    """Logseq's form of a property name: lower case, ``-`` for ``_`` and spaces."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def one_line(value: str) -> str:
    return " ".join(value.split())


def property_block(props: list[tuple[str, str]]) -> str:
    """The first block: one ``key:: value`` line per property with a value."""
    lines = [f"{property_key(k)}:: {one_line(v)}" for k, v in props if one_line(v)]
    return "".join(line + "\n" for line in lines)


def _blocks(markdown: str) -> list[str]:
    """Markdown blocks separated by blank lines; a fenced code block stays one block."""
    blocks: list[str] = []
    current: list[str] = []
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line.strip()):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def _bullet(text: str, depth: int) -> str:
    indent = "\t" * depth
    first, *rest = text.split("\n")
    out = f"{indent}- {first}\n"
    for line in rest:
        out += f"{indent}  {line}\n"
    return out


def outline(markdown: str) -> str:
    """Markdown as a Logseq outline: each block a bullet, nested under the heading above it."""
    out: list[str] = []
    levels: list[int] = []
    for block in _blocks(markdown):
        heading = _HEADING.match(block)
        if heading:
            level = len(heading[1])
            while levels and levels[-1] >= level:
                levels.pop()
            out.append(_bullet(block, len(levels)))
            levels.append(level)
            continue
        depth = len(levels)
        lines = block.split("\n")
        if all(_BULLET.match(line) or line.startswith("  ") for line in lines):
            for line in lines:
                item = _BULLET.match(line)
                if item is None:  # a continuation line of the item above
                    out.append("\t" * depth + "  " + line.strip() + "\n")
                    continue
                nest = len(item[1].replace("\t", "    ")) // 2
                out.append(_bullet(item[2], depth + nest))
            continue
        out.append(_bullet(block, depth))
    return "".join(out)


def page(props: list[tuple[str, str]], markdown: str) -> str:
    """A whole page: the property block, a blank line, the outline."""
    head = property_block(props)
    body = outline(markdown)
    if head and body:
        return head + "\n" + body
    return head or body


def split_page(text: str) -> tuple[list[tuple[str, str]], str]:
    """The first block's property lines (key, line) and the rest of the page."""
    lines = text.splitlines(keepends=True)
    props: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        found = _PROPERTY.match(lines[i].rstrip("\r\n"))
        if not found:
            break
        props.append((found[1].lower(), lines[i]))
        i += 1
    rest = "".join(lines[i:])
    return props, rest.lstrip("\r\n") if props else rest


def value_of(line: str) -> str:
    found = _PROPERTY.match(line.rstrip("\r\n"))
    return found[2].strip() if found else ""
