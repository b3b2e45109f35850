"""What a batch writes: a JSON line per page, or one note per page in a folder with its manifest.

Shared by ``extractor --urls ... --out-dir`` and the Scrapy item pipeline, so a note looks the
same whichever of them wrote it. Several processes (crawl workers on one shared folder) may
write into one folder: a name another process took is never overwritten, the next free one is
used, and each manifest line is one append.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extractor.batch.manifest import Entry, Manifest, taken_files
from extractor.errors import ExtractorError, OutputError
from extractor.markdown.frontmatter import render_document
from extractor.output import safe_filename, write_atomic
from extractor.records import Extraction, Metadata, Step, Wait, Wall

SUFFIXES = {"markdown": ".md", "json": ".json", "html": ".html"}
# The most numbered variants of one name tried before giving up ("Title 2.md", ...).
MAX_NAME_TRIES = 1_000


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def render(result: Extraction, fmt: str, captured_at: str, *, compact: bool = False) -> str:
    """A page's text in the chosen format (a compact JSON object is one JSON line)."""
    if fmt == "json":
        data = {**result.to_dict(), "captured": captured_at}
        if compact:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return result.article_html + "\n"
    return render_document(result, captured_at=captured_at)


def json_line(index: int, url: str, result: Extraction | None, error: ExtractorError | None) -> str:
    """The JSON line of one page of a batch: its position in the input, then the contract, or
    ``url`` and ``error`` {kind, message, exit_code} when it failed."""
    if result is not None:
        data: dict[str, Any] = {"index": index, **result.to_dict(), "captured": now_iso()}
    else:
        assert error is not None
        data = {"index": index, "url": url, "error": error_object(error)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def failure_line(index: int, url: str, error: dict[str, Any]) -> str:
    """The JSON line of a failed page whose error object is already made."""
    data = {"index": index, "url": url, "error": error}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def error_object(error: ExtractorError) -> dict[str, Any]:
    """``{kind, message, exit_code}`` of a failure, kind from its class (``timeout``, ...)."""
    name = type(error).__name__.removesuffix("Error")
    kind = {"PageTimeout": "timeout", "Extractor": "error"}.get(name, name)
    kind = "".join("-" + c.lower() if c.isupper() else c for c in kind).lstrip("-")
    return {"kind": kind, "message": str(error), "exit_code": error.exit_code}


def extraction_from_contract(data: dict[str, Any]) -> Extraction:
    """An ``Extraction`` back from its JSON contract (``Extraction.to_dict``)."""
    meta = {k: data.get(k) for k in Metadata.__dataclass_fields__}
    walls = tuple(Wall(**{**w, "evidence": tuple(w.get("evidence", ()))}) for w in data["walls"])
    steps = tuple(Step(**{**s, "samples": tuple(s.get("samples", ()))}) for s in data["steps"])
    wait = Wait(**data["wait"]) if data.get("wait") else None
    return Extraction(
        url=data["url"],
        final_url=data["final_url"],
        status=data["status"],
        metadata=Metadata(**meta),
        walls=walls,
        article_html=data.get("article_html", ""),
        markdown=data["markdown"],
        completeness=data.get("completeness", "full"),
        steps=steps,
        wait=wait,
    )


@dataclass(frozen=True)
class Written:
    path: Path | None
    entry: Entry


class NoteFolder:
    """A folder of notes with its manifest (``--out-dir``)."""

    def __init__(self, folder: Path, fmt: str = "markdown", force: bool = False) -> None:
        self.folder = folder
        self.fmt = fmt
        self.force = force
        self.manifest = Manifest(folder)
        self.taken: set[Path] = set()

    def load(self) -> dict[str, Entry]:
        """Read the manifest (for ``--resume``); names of notes that stay are not reused."""
        entries = self.manifest.load()
        self.taken |= taken_files(entries, self.folder)
        return entries

    def add(
        self,
        index: int,
        url: str,
        result: Extraction | None,
        error: dict[str, Any] | None,
        status: str,
        seconds: float,
    ) -> Written:
        """Write the note of a page (none for a failed page) and its manifest line."""
        path = None
        if result is not None:
            text = render(result, self.fmt, now_iso())
            name = safe_filename(result.metadata.title or url, suffix=SUFFIXES[self.fmt])
            path = self._write(name, text)
        entry = self.record(index, url, path.name if path else None, status, seconds, error)
        return Written(path, entry)

    def record(
        self,
        index: int,
        url: str,
        file: str | None,
        status: str,
        seconds: float,
        error: dict[str, Any] | None,
    ) -> Entry:
        """The manifest line of a page whose note was written elsewhere (``file`` relative to
        the folder)."""
        entry = Entry(
            url=url,
            status=status,
            file=file,
            time=now_iso(),
            seconds=round(seconds, 3),
            index=index,
            error=error,
        )
        self.manifest.append(entry)
        if file:
            self.taken.add(self.folder / file)
        return entry

    def _write(self, name: str, text: str) -> Path:
        stem, suffix = Path(name).stem, Path(name).suffix
        for n in range(1, MAX_NAME_TRIES + 1):
            path = self.folder / (name if n == 1 else f"{stem} {n}{suffix}")
            if path in self.taken:
                continue
            if path.exists() and not self.force:
                continue  # an earlier run or another worker wrote it: keep theirs
            write_atomic(path, text, force=self.force)
            self.taken.add(path)
            return path
        raise OutputError(f"no free file name for {name!r} in {self.folder}")

    def close(self) -> None:
        self.manifest.close()


__all__ = [
    "NoteFolder",
    "error_object",
    "extraction_from_contract",
    "failure_line",
    "json_line",
    "now_iso",
    "render",
]
