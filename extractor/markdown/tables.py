"""Tables for the Markdown converter: GFM pipe tables, or blocks when a grid cannot hold them.

A data table (cells of inline text) becomes a GFM table; row and column spans are laid out on
the grid with the spanned slots left empty, so every row has the same number of columns. A
layout table (cells holding lists, paragraphs, code, other tables) or a one-column table is
written as its cells' blocks, one after another.
"""

from __future__ import annotations

from collections.abc import Callable

from bs4 import Tag

# cell content that a GFM cell cannot hold
BLOCK_TAGS = frozenset(
    ("ul", "ol", "pre", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dl")
)
_ROW = frozenset(("tr",))
_ROW_GROUPS = frozenset(("thead", "tbody", "tfoot"))
_CELL = frozenset(("td", "th"))
# the most columns or rows a span may claim (junk like colspan="1000" is capped)
MAX_SPAN = 50

Render = Callable[[Tag, bool], str]  # (cell, inline) -> Markdown


def _span(cell: Tag, attr: str) -> int:
    value = str(cell.get(attr) or "1").strip()
    return max(1, min(MAX_SPAN, int(value))) if value.isdigit() else 1


def _children(tag: Tag, names: frozenset[str]) -> list[Tag]:
    # plain iteration: bs4's find_* build a filter object per call, slow on big tables
    return [c for c in tag.children if isinstance(c, Tag) and c.name in names]


def own_rows(table: Tag) -> list[Tag]:
    """The table's rows, not those of tables nested in its cells."""
    rows = _children(table, _ROW)
    for group in _children(table, _ROW_GROUPS):
        rows += _children(group, _ROW)
    # document order, whatever the grouping
    order = {id(t): i for i, t in enumerate(table.descendants)}
    return sorted(rows, key=lambda r: order[id(r)])


def _cells(row: Tag) -> list[Tag]:
    return _children(row, _CELL)


def _has_blocks(cell: Tag) -> bool:
    paragraphs = 0
    for el in cell.descendants:
        if isinstance(el, Tag):
            if el.name in BLOCK_TAGS:
                return True
            paragraphs += el.name == "p"
    return paragraphs > 1


def is_layout(rows: list[Tag]) -> bool:
    """Whether the table arranges blocks rather than holding data."""
    cells = [c for row in rows for c in _cells(row)]
    if not cells or len(rows) < 2:  # one row: cells side by side, a layout
        return True
    if max(len(_cells(r)) for r in rows) < 2:
        return True
    return any(_has_blocks(c) for c in cells)


def grid(rows: list[Tag]) -> list[list[Tag | None]]:
    """Lay the cells on a grid; a slot a span covers holds None."""
    out: list[list[Tag | None]] = []
    taken: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(rows):
        line: list[Tag | None] = []
        col = 0
        for cell in _cells(row):
            while taken.get((r, col)):
                line.append(None)
                col += 1
            line.append(cell)
            width, height = _span(cell, "colspan"), _span(cell, "rowspan")
            for dr in range(height):
                for dc in range(width):
                    if dr or dc:
                        taken[(r + dr, col + dc)] = True
            line.extend([None] * (width - 1))
            col += width
        while taken.get((r, col)):
            line.append(None)
            col += 1
        out.append(line)
    width = max((len(line) for line in out), default=0)
    return [line + [None] * (width - len(line)) for line in out]


def _cell_text(cell: Tag | None, render: Render) -> str:
    if cell is None:
        return ""
    text = " ".join(render(cell, True).split())
    return text.replace("|", "\\|")


def pipe_table(rows: list[Tag], render: Render) -> str:
    """A GFM table; the first row is the header (a table without one still needs one)."""
    slots = grid(rows)
    lines = [[_cell_text(c, render) for c in line] for line in slots]
    # rows of nothing (spacer rows) say nothing
    lines = [line for line in lines if any(line)]
    if not lines:
        return ""
    out = ["| " + " | ".join(lines[0]) + " |", "|" + "|".join(["---"] * len(lines[0])) + "|"]
    out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
    return "\n".join(out)


def block_table(rows: list[Tag], render: Render) -> str:
    """A layout table: each cell's content as blocks, in reading order."""
    blocks = [render(cell, False).strip() for row in rows for cell in _cells(row)]
    return "\n\n".join(b for b in blocks if b)


def convert_table(table: Tag, render: Render) -> str:
    rows = own_rows(table)
    captions = _children(table, frozenset(("caption",)))
    head = render(captions[0], True).strip() if captions else ""
    body = block_table(rows, render) if is_layout(rows) else pipe_table(rows, render)
    return "\n\n".join(part for part in (head, body) if part)
