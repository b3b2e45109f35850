"""Clipping a page again: find its note by the ``source`` property, and merge the new clip
into it so that the keys the product owns are renewed and everything the user added stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from . import logseq
from .properties import as_list, quote, split_note

ON_EXISTS = ("skip", "overwrite", "update", "new")
# read this much of each note when looking for its source
HEAD_BYTES = 16_384
TAGS = "tags"


def _notes(folder: Path, skip: set[Path]) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*.md")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if any(path.is_relative_to(s) for s in skip):
            continue
        yield path


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def page_key(url: str) -> str:
    """What two spellings of one page's URL share (a trailing slash does not count)."""
    return url.strip().rstrip("/")


def same_page(a: str, b: str) -> bool:
    return page_key(a) == page_key(b)


def note_source(text: str, key: str, style: str) -> list[str]:
    """The URLs a note's ``key`` property holds (a list property may hold several)."""
    if style == "logseq":
        props, _ = logseq.split_page(text)
        wanted = logseq.property_key(key)
        return [logseq.value_of(line) for name, line in props if name == wanted]
    note = split_note(text)
    if not note.fenced and "\n---" in text:  # the head was cut inside the front matter
        return []
    return as_list(note.value(key))


def find_note(
    folder: Path,
    url: str,
    key: str = "source",
    style: str = "obsidian",
    skip: set[Path] | None = None,
) -> Path | None:
    """The note under ``folder`` whose ``key`` property is ``url``, if there is one."""
    for path in _notes(folder, skip or set()):
        if any(same_page(found, url) for found in note_source(_head(path), key, style)):
            return path
    return None


def index_notes(
    folder: Path, key: str = "source", style: str = "obsidian", skip: set[Path] | None = None
) -> dict[str, Path]:
    """Every note under ``folder`` by the page it holds (``page_key`` of its ``key`` property);
    the first note found wins."""
    index: dict[str, Path] = {}
    for path in _notes(folder, skip or set()):
        for found in note_source(_head(path), key, style):
            index.setdefault(page_key(found), path)
    return index


def _merged_tags(old: object, new: object) -> list[str]:
    return list(dict.fromkeys([*as_list(new), *as_list(old)]))


def update_markdown(old_text: str, new_text: str, owned: set[str]) -> str:
    """The new note's body and owned keys, with every other key of the old note kept as written
    (in its place) and the user's tags kept beside the new ones."""
    old, new = split_note(old_text), split_note(new_text)
    new_blocks = dict(new.blocks)
    out: list[str] = []
    placed: set[str] = set()
    for key, block in old.blocks:
        if key == TAGS and key in new_blocks:
            tags = _merged_tags(old.value(TAGS), new.value(TAGS))
            out.append(f"{TAGS}:\n" + "".join(f"  - {quote(t)}\n" for t in tags))
            placed.add(key)
        elif key in owned:
            if key in new_blocks and key not in placed:
                out.append(new_blocks[key])
                placed.add(key)
        else:
            out.append(block)
            placed.add(key)
    out += [block for key, block in new.blocks if key not in placed]
    head = "---\n" + "".join(b if b.endswith("\n") else b + "\n" for b in out) + "---\n"
    return head + new.body


def update_logseq(old_text: str, new_text: str, owned: set[str]) -> str:
    """The Logseq twin of ``update_markdown``."""
    old_props, _ = logseq.split_page(old_text)
    new_props, body = logseq.split_page(new_text)
    owned_keys = {logseq.property_key(k) for k in owned}
    new_lines = dict(new_props)
    out: list[str] = []
    placed: set[str] = set()
    for key, line in old_props:
        if key == TAGS and key in new_lines:
            tags = _merged_tags(logseq.value_of(line), logseq.value_of(new_lines[key]))
            out.append(f"{TAGS}:: {', '.join(tags)}\n")
            placed.add(key)
        elif key in owned_keys:
            if key in new_lines and key not in placed:
                out.append(new_lines[key])
                placed.add(key)
        else:
            out.append(line if line.endswith("\n") else line + "\n")
            placed.add(key)
    out += [line for key, line in new_props if key not in placed]
    return "".join(out) + ("\n" + body if body else "")
