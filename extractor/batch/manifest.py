"""The manifest of an ``--out-dir`` batch: which URL went to which file, with what outcome.

One JSON object a line in ``DIR/.extractor-manifest.jsonl``, appended (and synced) as each page
finishes, so a batch that was killed leaves a manifest that is true up to its last line. A line
cut short by the kill is ignored when read. The last line for a URL wins: ``--resume`` skips the
URLs whose last outcome is ``ok`` or ``walled`` and tries the ``failed`` ones again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from extractor.errors import OutputError
from extractor.records import Extraction

MANIFEST_NAME = ".extractor-manifest.jsonl"
# Outcomes a page can have; the first two count as done for --resume.
STATUSES = ("ok", "walled", "failed")
DONE = frozenset(("ok", "walled"))


def page_status(result: Extraction | None) -> str:
    """``ok``, ``walled`` (a wall stayed on the rendered page, or left no article) or ``failed``."""
    if result is None:
        return "failed"
    stayed = any(w.phase == "rendered" and not w.cleared for w in result.walls)
    return "walled" if stayed or result.completeness == "none" else "ok"


@dataclass(frozen=True)
class Entry:
    """One finished page of a batch."""

    url: str
    status: str  # one of STATUSES
    file: str | None  # the note's file name inside the folder (None when it failed)
    time: str  # when it finished, ISO 8601 UTC
    seconds: float  # how long it took, tries included
    index: int  # position in the input of the run that wrote it
    error: dict[str, Any] | None = None  # {kind, message, exit_code} when it failed

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))


def parse_lines(lines: Iterable[str]) -> dict[str, Entry]:
    """The last entry for each URL; unreadable lines (a write cut short) are skipped."""
    latest: dict[str, Entry] = {}
    for line in lines:
        try:
            data = json.loads(line)
            entry = Entry(**data)
        except (ValueError, TypeError):
            continue
        if entry.status in STATUSES:
            latest[entry.url] = entry
    return latest


def done_urls(entries: dict[str, Entry]) -> frozenset[str]:
    """URLs that ``--resume`` skips."""
    return frozenset(url for url, e in entries.items() if e.status in DONE)


def taken_files(entries: dict[str, Entry], folder: Path) -> set[Path]:
    """Files earlier runs wrote for pages that stay done (a resumed run does not reuse them)."""
    return {folder / e.file for e in entries.values() if e.file and e.status in DONE}


class Manifest:
    """The manifest file of one folder, open for appending."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self.entries: dict[str, Entry] = {}
        self._handle: IO[str] | None = None

    def load(self) -> dict[str, Entry]:
        try:
            with self.path.open(encoding="utf-8", errors="replace") as handle:
                self.entries = parse_lines(handle)
        except FileNotFoundError:
            self.entries = {}
        except OSError as exc:
            raise OutputError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        return self.entries

    def append(self, entry: Entry) -> None:
        """Add one line and sync it to disk."""
        try:
            if self._handle is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._handle = self.path.open("a", encoding="utf-8")
                if self._handle.tell() > 0 and not _ends_with_newline(self.path):
                    self._handle.write("\n")  # after a line cut short by a kill
            self._handle.write(entry.to_json() + "\n")
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self.entries[entry.url] = entry

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


__all__ = [
    "DONE",
    "MANIFEST_NAME",
    "STATUSES",
    "Entry",
    "Manifest",
    "done_urls",
    "page_status",
    "parse_lines",
]
