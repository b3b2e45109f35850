"""Snapshot testing: record a page once, re-extract it offline in CI, review changes as diffs.

A case is a folder (layout in ``store``): the captured page (page.json, dom.html, server.html),
its network (network.har and network/, see ``recording``) and what the extractor made of it
(expected.md, expected.json).

  1. ``record``  renders each URL (one browser for all), stores the page, its network when asked,
                 and the expected files;
  2. ``check``   re-extracts from the stored DOM, no browser, and diffs against the expected files
                 (``replay=True`` renders the page again from its recording alone, offline;
                 ``live=True`` renders the page's URL again); ``write_pending`` stores what a
                 failing case got beside its expected files (see ``pending``);
  3. ``update``  rewrites the expected files from the current extractor (``live=True``: re-records).

Expected files hold no volatile values: no capture time, wall timings replaced by ``N``, the
settle wait left out, and the project's masks applied (``masks``), so the same DOM always gives
byte-identical files. ``jobs`` renders (and extracts) that many cases side by side.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from extractor.browser.network import Network
from extractor.errors import ExtractorError, OutputError, UsageError
from extractor.pipeline import DEFAULT_OPTIONS, extract_page
from extractor.records import Extraction, Options, RenderedPage
from extractor.snapshot import pending, recording
from extractor.snapshot.masks import Masks, load_masks
from extractor.snapshot.recording import RecordingSize
from extractor.snapshot.rendering import (
    Capture,
    Captured,
    CaptureJob,
    Origins,
    capture_with,
    recapture,
    replay_cases,
)
from extractor.snapshot.store import (
    EXPECTED_FILES,
    EXPECTED_JSON,
    EXPECTED_MD,
    check_case_name,
    dump_json,
    list_cases,
    load_page,
    origin_of,
    origin_rewriter,
    read_text,
    rewrite_origin,
    save_page,
    slug_for_url,
    write_text,
)

DEFAULT_DIR = Path("snapshots")
# What stands in for a volatile number in the expected files.
VOLATILE = "N"
# Keys of Extraction.to_dict() left out of expected.json: the Markdown has its own file, the
# rest changes between two captures of the same page (whether a session was used is in page.json).
JSON_LEFT_OUT = ("markdown", "wait", "captured", "captured_at", "timings", "session")
# Wall keys whose numbers are timings (milliseconds since navigation).
WALL_TIMING_KEYS = ("first_seen_ms", "cleared_ms")
# Step keys left out: the description is the same for every page, so rewording a step would
# change every snapshot; name, count and samples say what was removed.
STEP_LEFT_OUT = ("why",)
# A duration in a wall's front matter line ("seen at 412 ms"): normalised like the JSON timings.
_WALL_MS = re.compile(r"\b\d+ ms\b")
# The front matter key whose list items are wall summaries.
WALLS_KEY = "walls:"


@dataclass(frozen=True)
class Target:
    """A page to record: its URL and the case name it is stored under."""

    url: str
    name: str


@dataclass(frozen=True)
class CaseResult:
    """One case after a check or update: the unified diff of each expected file that differs."""

    name: str
    diffs: tuple[tuple[str, str], ...] = ()  # (file name, diff text)
    new: bool = False  # the case had no expected files before
    error: ExtractorError | None = None  # the page could not be rendered (live or record)
    recording: RecordingSize | None = None  # the network recording record stored

    @property
    def passed(self) -> bool:
        return not self.diffs and self.error is None


# -- the expected files ------------------------------------------------------------------------


def expected_markdown(extraction: Extraction) -> str:
    """The Markdown document a user gets, without capture time, wall timings normalised."""
    from extractor.markdown.frontmatter import render_document

    document = render_document(extraction, captured_at=None)
    if not document.startswith("---\n"):
        return document
    end = document.find("\n---\n", 3)
    if end < 0:
        return document
    lines, in_walls = [], False
    for line in document[:end].split("\n"):
        if not line.startswith(("- ", "  ")):
            in_walls = line == WALLS_KEY
        elif in_walls:
            line = _WALL_MS.sub(f"{VOLATILE} ms", line)
        lines.append(line)
    return "\n".join(lines) + document[end:]


def expected_json(extraction: Extraction) -> str:
    """Metadata, walls, completeness and removal steps as JSON, without the volatile values."""
    data = extraction.to_dict()
    for key in JSON_LEFT_OUT:
        data.pop(key, None)
    if data.get("empty_reason") is None:  # recorded where there is one
        data.pop("empty_reason", None)
    for wall in data.get("walls", []):
        for key in WALL_TIMING_KEYS:
            if wall.get(key) is not None:
                wall[key] = VOLATILE
    for step in data.get("steps", []):
        for key in STEP_LEFT_OUT:
            step.pop(key, None)
    return dump_json(data)


def expected_files(
    page: RenderedPage, options: Options = DEFAULT_OPTIONS, masks: Masks | None = None
) -> dict[str, str]:
    """Extract the page and return the text of each expected file (masked), keyed by name."""
    extraction = extract_page(page, options)
    mask = (masks or Masks()).apply
    return {
        EXPECTED_MD: mask(expected_markdown(extraction)),
        EXPECTED_JSON: mask(expected_json(extraction)),
    }


def unified_diff(old: str, new: str, old_label: str, new_label: str) -> str:
    """A unified diff of two texts; "" when they are equal. Marks a missing final newline."""
    if old == new:
        return ""
    lines = difflib.unified_diff(
        _lines(old), _lines(new), fromfile=old_label, tofile=new_label, n=3
    )
    return "".join(lines)


def _lines(text: str) -> list[str]:
    """Lines split on "\\n" only (a U+2028 in page text is not a line break in the file)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1] + "\n\\ No newline at end of file\n")
    return lines


def compare_case(root: Path, name: str, current: dict[str, str]) -> CaseResult:
    """Diff the stored expected files of a case against freshly made ones."""
    diffs: list[tuple[str, str]] = []
    for file_name in EXPECTED_FILES:
        stored = read_text(root / name / file_name)
        label = f"{name}/{file_name}"
        old_label = label if stored is not None else f"{label} (missing)"
        diff = unified_diff(stored or "", current[file_name], old_label, f"{label} (current)")
        if diff or stored is None:
            diffs.append((file_name, diff or f"{old_label}: no such file\n"))
    return CaseResult(name=name, diffs=tuple(diffs))


# -- record, check, update ---------------------------------------------------------------------


def targets_for(urls: Sequence[str], name: str | None = None) -> list[Target]:
    """Case names for URLs: ``name`` for a single URL, else a slug of each URL."""
    if name is not None and len(urls) != 1:
        raise UsageError("--name needs exactly one URL")
    names = [check_case_name(name)] if name is not None else [slug_for_url(u) for u in urls]
    seen: set[str] = set()
    for url, case in zip(urls, names, strict=True):
        if case in seen:
            raise UsageError(f"two URLs would share the snapshot name {case!r}: {url}")
        seen.add(case)
    return [Target(url=u, name=n) for u, n in zip(urls, names, strict=True)]


def record(
    root: Path,
    targets: Sequence[Target],
    *,
    options: Options = DEFAULT_OPTIONS,
    force: bool = False,
    as_origin: str | None = None,
    network: bool = False,
    jobs: int = 1,
    capture: Capture | None = None,
) -> list[CaseResult]:
    """Render every target in one browser and store it as a case; returns what changed.

    Refuses (OutputError, before rendering anything) to overwrite a case unless ``force``.
    With ``as_origin`` each page's own origin is rewritten to it in everything stored.
    With ``network`` the page's requests and responses are stored too (``recording``), under
    a pinned clock and random generator, so ``check(replay=True)`` can render it again offline.
    """
    if as_origin is not None and origin_of(as_origin) != as_origin.rstrip("/"):
        raise UsageError(f"--as-origin wants scheme://host[:port], not {as_origin!r}")
    for target in targets:
        check_case_name(target.name)
        if (root / target.name).exists() and not force:
            raise OutputError(f"{root / target.name} exists; pass --force to record it again")
    with tempfile.TemporaryDirectory(prefix="extractor-record-") as scratch:
        clock = recording.clock_now()
        nets = [
            Network(record_to=Path(scratch) / str(i) / "raw.har", clock_ms=clock)
            if network
            else None
            for i in range(len(targets))
        ]
        batch = [CaptureJob(t.url, net) for t, net in zip(targets, nets, strict=True)]
        pages = capture_with(capture, jobs)(batch, options)
        results = []
        for target, page, net in zip(targets, pages, nets, strict=True):
            if isinstance(page, ExtractorError):
                results.append(CaseResult(name=target.name, error=page))
                continue
            rewrite = None
            if as_origin is not None:
                stored = as_origin.rstrip("/")
                page = rewrite_origin(page, origin_of(target.url), stored)
                rewrite = origin_rewriter(origin_of(target.url), stored)
            result = _store(root, target.name, page, options)
            if net is not None and net.record_to is not None:
                size = recording.clean(net.record_to, root / target.name, clock, rewrite)
                result = replace(result, recording=size)
            else:
                recording.remove(root / target.name)  # an older one no longer matches the page
            results.append(result)
    return results


def check(
    root: Path,
    names: Sequence[str] = (),
    *,
    options: Options = DEFAULT_OPTIONS,
    live: bool = False,
    replay: bool = False,
    origins: Origins | None = None,
    write_pending: bool = False,
    jobs: int = 1,
    capture: Capture | None = None,
) -> list[CaseResult]:
    """Re-extract each case (all when ``names`` is empty) and diff it against its expected files.

    ``write_pending`` stores each differing file's new text beside it (``expected.md.new``)
    and removes stale pending files of cases that pass.
    """
    if live and replay:
        raise UsageError("--live and --replay exclude each other")
    masks = load_masks(root)
    cases, pages = _stored_pages(root, names, options, live, origins, capture, replay, jobs)
    currents = _expected_all(pages, options, masks, jobs)
    results = []
    for name, page, current in zip(cases, pages, currents, strict=True):
        if isinstance(page, ExtractorError) or current is None:
            results.append(CaseResult(name=name, error=_as_error(page)))
            continue
        result = compare_case(root, name, current)
        if write_pending:
            pending.write_pending(root / name, current)
        results.append(result)
    return results


def _as_error(page: Captured) -> ExtractorError:
    return page if isinstance(page, ExtractorError) else ExtractorError("no page")


def _expected_all(
    pages: Sequence[Captured], options: Options, masks: Masks, jobs: int
) -> list[dict[str, str] | None]:
    """The expected files of every page, in ``jobs`` processes when there are several."""
    rendered = [p for p in pages if isinstance(p, RenderedPage)]
    if jobs > 1 and len(rendered) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(rendered))) as pool:
            made = list(
                pool.map(
                    expected_files, rendered, [options] * len(rendered), [masks] * len(rendered)
                )
            )
    else:
        made = [expected_files(p, options, masks) for p in rendered]
    found = iter(made)
    return [next(found) if isinstance(p, RenderedPage) else None for p in pages]


def _stored_pages(
    root: Path,
    names: Sequence[str],
    options: Options,
    live: bool,
    origins: Origins | None,
    capture: Capture | None,
    replay: bool = False,
    jobs: int = 1,
) -> tuple[list[str], list[Captured]]:
    """The named cases and their pages: as stored, or rendered again when ``live``, or
    rendered again from their network recordings when ``replay``."""
    cases = _cases(root, names)
    pages: list[Captured] = [load_page(root / name) for name in cases]
    if live:
        pages = recapture(pages, options, origins, capture, jobs)
    elif replay:
        pages = replay_cases(root, cases, pages, options, capture, jobs)
    return cases, pages


def update(
    root: Path,
    names: Sequence[str] = (),
    *,
    options: Options = DEFAULT_OPTIONS,
    live: bool = False,
    origins: Origins | None = None,
    jobs: int = 1,
    capture: Capture | None = None,
) -> list[CaseResult]:
    """Rewrite the expected files from the current extractor; ``live`` records the pages again.

    Pending files of the updated cases are removed: the expected files now say it all.
    """
    cases, pages = _stored_pages(root, names, options, live, origins, capture, jobs=jobs)
    results = []
    for name, page in zip(cases, pages, strict=True):
        if isinstance(page, ExtractorError):
            results.append(CaseResult(name=name, error=page))
            continue
        results.append(_store(root, name, page, options, save=live))
        pending.clear_pending(root / name)
    return results


def _store(
    root: Path, name: str, page: RenderedPage, options: Options, save: bool = True
) -> CaseResult:
    """Save the page (when asked), then write the expected files made from what is on disk."""
    case_dir = root / name
    if save:
        save_page(case_dir, page)
        page = load_page(case_dir)  # extract what check will read back, byte for byte
    current = expected_files(page, options, load_masks(root))
    result = compare_case(root, name, current)
    if all(read_text(case_dir / f) is None for f in EXPECTED_FILES):
        result = CaseResult(name=name, new=True)
    for file_name, text in current.items():
        if read_text(case_dir / file_name) != text:
            write_text(case_dir / file_name, text)
    return result


def _cases(root: Path, names: Sequence[str]) -> list[str]:
    known = list_cases(root)
    if not names:
        if not known:
            raise UsageError(f"no recorded snapshots under {root}")
        return known
    missing = [n for n in names if n not in known]
    if missing:
        raise UsageError(f"no recorded snapshot {', '.join(missing)} under {root}")
    return list(dict.fromkeys(names))


def first_error(results: Sequence[CaseResult]) -> ExtractorError | None:
    """The first page that could not be rendered, if any (its exit code is the command's)."""
    return next((r.error for r in results if r.error is not None), None)


# -- reports -----------------------------------------------------------------------------------


def check_report(results: Sequence[CaseResult]) -> str:
    """Every failing case's diffs, then ``N passed, N failed`` alone on the last line."""
    out: list[str] = []
    for result in results:
        if result.error is not None:
            out.append(f"FAIL {result.name}: {result.error}\n")
        elif not result.passed:
            out.append(f"FAIL {result.name}\n")
            out.extend(diff for _, diff in result.diffs)
    failed = sum(not r.passed for r in results)
    out.append(f"{len(results) - failed} passed, {failed} failed\n")
    return "".join(out)


def update_report(results: Sequence[CaseResult]) -> str:
    """Per case: ``<name>: new``, ``unchanged``, ``updated`` and its diffs, or ``failed: why``;
    a stored network recording adds its size (``, network: 4 requests, 3 bodies, 15.4 KiB``)."""
    out: list[str] = []
    for result in results:
        size = f", network: {result.recording.describe()}" if result.recording else ""
        if result.error is not None:
            out.append(f"{result.name}: failed: {result.error}\n")
        elif result.new:
            out.append(f"{result.name}: new{size}\n")
        elif result.passed:
            out.append(f"{result.name}: unchanged{size}\n")
        else:
            out.append(f"{result.name}: updated{size}\n")
            out.extend(diff for _, diff in result.diffs)
    return "".join(out)


__all__ = [
    "DEFAULT_DIR",
    "VOLATILE",
    "Capture",
    "Captured",
    "CaseResult",
    "Target",
    "check",
    "check_report",
    "compare_case",
    "expected_files",
    "expected_json",
    "expected_markdown",
    "first_error",
    "record",
    "targets_for",
    "unified_diff",
    "update",
    "update_report",
]
