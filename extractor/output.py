"""Writing results: atomic files, no silent overwrite, file names safe on every file system."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from extractor.errors import OutputError
from extractor.notes.names import UNTITLED, note_name


def safe_filename(title: str, suffix: str = ".md", fallback: str = UNTITLED) -> str:
    """A file name from a title, by Obsidian Web Clipper's rules (see ``notes.names``): no path
    or link characters, no Windows reserved name, at most 245 characters, never empty."""
    return note_name(title, fallback=fallback) + suffix


def unique_path(folder: Path, filename: str, taken: set[Path]) -> Path:
    """``folder/filename``, numbered " 2", " 3"... when an earlier result of this run took it."""
    path = folder / filename
    stem, suffix = path.stem, path.suffix
    n = 2
    while path in taken:
        path = folder / f"{stem} {n}{suffix}"
        n += 1
    return path


def write_atomic(path: Path, text: str | bytes, force: bool = False) -> None:
    """Write ``text`` (or bytes) to ``path`` via a temp file and a rename; refuse to overwrite
    unless forced."""
    if path.is_dir():
        raise OutputError(f"{path} is a folder, not a file")
    if path.exists() and not force:
        raise OutputError(f"{path} exists; pass --force to overwrite it")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            # a lone surrogate (a page script's broken string) becomes "?", never a crash
            data = text if isinstance(text, bytes) else text.encode("utf-8", errors="replace")
            handle.write(data)
        if not force and path.exists():
            raise OutputError(f"{path} exists; pass --force to overwrite it")
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
