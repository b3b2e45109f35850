"""``extractor URL ...`` runs its pages through the library's batch: one page prints as before,
many pages stream (JSON Lines with ``--format json``), with progress, a summary and a manifest.

Exit code of a run (README's table): 0 when every page gave a result; the page's own code when
there was one page, or when every page failed (the first failure's); 11 when some pages failed
and others succeeded (each failure is on stderr, in its JSON line and in the manifest).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import aclosing
from dataclasses import replace
from pathlib import Path

from extractor.auth import expiry_message, stale_session_wall, strip_credentials
from extractor.batch import BatchSettings, NoteFolder, PageResult, RecyclePolicy, RetryPolicy
from extractor.batch.manifest import done_urls
from extractor.batch.memory import RECYCLE_SHARE, memory_limit_bytes
from extractor.batch.notes import error_object, failure_line, json_line, now_iso, render
from extractor.batch.progress import Progress
from extractor.batch.runner import run_batch
from extractor.batch.timing import describe
from extractor.cli.notes import saved_line
from extractor.dom import fold
from extractor.errors import ExtractorError, SessionExpiredError, UsageError, WallError
from extractor.notes.vault import Batch as VaultBatch
from extractor.notes.vault import NoteSettings, save_note
from extractor.output import safe_filename, write_atomic
from extractor.records import Extraction, Options, Wall

# Some pages failed, the others gave results.
EXIT_PARTIAL = 11


def add_batch_options(p: argparse.ArgumentParser) -> None:
    bat = p.add_argument_group("batch")
    bat.add_argument(
        "--concurrency", type=int, default=4, metavar="N", help="pages side by side (4)"
    )
    bat.add_argument(
        "--resume",
        action="store_true",
        help="with --out-dir: skip pages its manifest lists as done, try failed ones again",
    )
    bat.add_argument(
        "--retries",
        type=int,
        default=2,
        metavar="N",
        help="tries again after a timeout, a reset or HTTP 429/502/503/504, never another 4xx (2)",
    )
    bat.add_argument(
        "--per-host", type=int, default=0, metavar="N", help="at most N pages of one host at once"
    )
    bat.add_argument(
        "--delay",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="pause between two pages of one host (Retry-After is always honoured)",
    )
    bat.add_argument(
        "--recycle-pages",
        type=int,
        default=100,
        metavar="N",
        help="start a fresh browser after N pages (also when memory passes half the limit) (100)",
    )


def batch_settings(args: argparse.Namespace, options: Options) -> BatchSettings:
    for name, low in (("concurrency", 1), ("retries", 0), ("per_host", 0), ("recycle_pages", 0)):
        if getattr(args, name) < low:
            flag = "--" + name.replace("_", "-")
            raise UsageError(f"{flag} must be at least {low}")
    if args.delay < 0:
        raise UsageError("--delay must be zero or more seconds")
    limit = memory_limit_bytes()
    if options.user_data_dir:  # one profile cannot be open twice: it is never recycled
        recycle = RecyclePolicy(pages=0, memory_bytes=None)
    else:
        recycle = RecyclePolicy(
            pages=args.recycle_pages, memory_bytes=int(limit * RECYCLE_SHARE) if limit else None
        )
    return BatchSettings(
        concurrency=args.concurrency,
        per_host=args.per_host,
        delay_s=args.delay,
        retry=RetryPolicy(retries=args.retries),
        recycle=recycle,
    )


def is_single(args: argparse.Namespace) -> bool:
    """One page printed as before (no progress, no summary, one pretty JSON object)."""
    return not (args.urls or len(args.targets) > 1 or args.out_dir or args.resume)


def iter_targets(args: argparse.Namespace) -> Iterator[tuple[int, str]]:
    """``(position, target)`` of every URL: the arguments, then the lines of ``--urls`` (read
    lazily, so a long list is never held in memory; blank lines and ``#`` comments skipped)."""
    index = 0
    for target in args.targets:
        yield index, target
        index += 1
    if not args.urls:
        return
    if args.urls == "-":
        yield from _numbered(sys.stdin, index)
        return
    try:
        with Path(args.urls).open(encoding="utf-8", errors="replace") as handle:
            yield from _numbered(handle, index)
    except OSError as exc:
        raise UsageError(f"cannot read {args.urls}: {exc.strerror or exc}") from None


def _numbered(lines: Iterable[str], start: int) -> Iterator[tuple[int, str]]:
    index = start
    for line in lines:
        target = line.strip()
        if target and not target.startswith("#"):
            yield index, target
            index += 1


def count_targets(args: argparse.Namespace, done: frozenset[str]) -> int | None:
    """How many pages the run has left, when known without reading stdin."""
    if args.urls == "-":
        return None
    count = sum(1 for t in args.targets if strip_credentials(t) not in done)
    if args.urls:
        try:
            with Path(args.urls).open(encoding="utf-8", errors="replace") as handle:
                lines = (line.strip() for line in handle)
                count += sum(
                    1
                    for t in lines
                    if t and not t.startswith("#") and strip_credentials(t) not in done
                )
        except OSError as exc:
            raise UsageError(f"cannot read {args.urls}: {exc.strerror or exc}") from None
    return count


def explain(result: Extraction, timings: dict[str, int] | None = None) -> str:
    lines = [f"explain {result.final_url or result.url}:"]
    for step in result.steps:
        sample = f" e.g. {step.samples[0]!r}" if step.samples else ""
        lines.append(f"  - {step.name}: removed {step.removed} ({step.why}){sample}")
    if len(lines) == 1:
        lines.append("  nothing was removed")
    if timings:
        lines.append(f"  time: {describe(timings)}")
    return "\n".join(lines)


def save_screenshot(shot: bytes | None, result: Extraction, folder: str) -> Path | None:
    stayed = [w for w in result.walls if w.phase == "rendered" and not w.cleared]
    if not stayed or shot is None:
        return None
    name = safe_filename(
        result.metadata.title or result.final_url or "page", suffix=".png", fallback="wall"
    )
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(shot)
    return path


def check_walls(
    result: Extraction, url: str, kinds: frozenset[str], say: Callable[[str], None]
) -> None:
    """--fail-on-wall: a rendered-phase wall of a listed kind that stayed is a failure. A login
    or paywall wall that stayed although a session was given is said in one line, and is a
    failure of its own under --fail-on-wall. Else an empty article is said in one warning line."""
    stale = stale_session_wall(result.walls, result.session)
    if stale is not None:
        line = expiry_message(url, stale)
        if stale.kind in kinds:
            raise SessionExpiredError(line)
        say(f"{url}: {line}")
    for wall in result.walls:
        if wall.phase == "rendered" and not wall.cleared and wall.kind in kinds:
            raise WallError(stayed_message(wall))
    if result.empty_reason and stale is None:  # one line a page: the expiry line says it all
        say(f"warning: {result.final_url or url}: empty article: {result.empty_reason}")


def stayed_message(wall: Wall) -> str:
    """``consent wall stayed: <what it said>``; without a colon when the wall said nothing we
    could read (a dialog drawn in a frame of another origin)."""
    said = fold(wall.text)[:80]
    return f"{wall.kind} wall stayed: {said}" if said else f"{wall.kind} wall stayed"


class Run:
    """Where each finished page goes, and what the run's exit code is."""

    def __init__(
        self,
        args: argparse.Namespace,
        kinds: frozenset[str],
        progress: Progress,
        folder: NoteFolder | None,
        notes: NoteSettings | None,
    ) -> None:
        self.args = args
        self.kinds = kinds
        self.progress = progress
        self.single = is_single(args)
        self.folder = folder  # the --out-dir manifest (and JSON or HTML files)
        self.notes = notes  # Markdown notes go into the vault through extractor.notes
        self.vault = VaultBatch()
        self.codes: list[int] = []  # exit codes of failed pages, in order
        self.succeeded = 0

    def exit_code(self) -> int:
        if not self.codes:
            return 0
        return self.codes[0] if self.single or not self.succeeded else EXIT_PARTIAL

    def page(self, r: PageResult) -> None:
        r = replace(r, url=strip_credentials(r.url))  # the URL as every output names it
        label = "" if self.single else f"[{r.index}] "
        try:
            if r.error is not None:
                raise r.error
            assert r.extraction is not None
            detail = self._emit(r, r.extraction, label)
            self.progress.page(r, detail)
            say = self.progress.problem
            check_walls(
                r.extraction, r.url, self.kinds, lambda line: say(f"extractor: {label}{line}")
            )
            self.succeeded += 1
        except ExtractorError as exc:
            if self.args.debug and exc.__cause__ is not None:  # a bug on this page
                traceback.print_exception(exc.__cause__, file=sys.stderr)
            text = strip_credentials(str(exc))
            where = "" if r.url in text else f"{r.url}: "
            line = f"extractor: {label}{where}{text}"
            if r.error is not None:
                self._record_failure(r, exc)
                self.progress.page(r, line)
            else:
                self.progress.problem(line)
            self.codes.append(exc.exit_code)

    def _record_failure(self, r: PageResult, exc: ExtractorError) -> None:
        error = {**error_object(exc), "message": strip_credentials(str(exc))}
        if self.folder is not None:
            self.folder.record(r.index, r.url, None, "failed", r.seconds, error)
        elif self.args.format == "json" and not self.single:
            self._out(failure_line(r.index, r.url, error))

    def _emit(self, r: PageResult, result: Extraction, label: str) -> str:
        args = self.args
        if args.explain:
            self.progress.note(explain(result, r.timings))
        if args.wall_screenshot:
            shot = save_screenshot(
                r.page.screenshot if r.page else None, result, args.wall_screenshot
            )
            if shot:
                self.progress.note(f"extractor: {label}wall screenshot: {shot}")
        if args.output:
            write_atomic(Path(args.output), render(result, args.format, now_iso()), args.force)
        elif self.notes is not None and self.folder is not None:
            saved = save_note(
                result,
                self.notes,
                html=r.page.dom_html if r.page else None,
                images=r.page.images if r.page else (),
                batch=self.vault,
            )
            file = os.path.relpath(saved.path, self.folder.folder)
            self.folder.record(r.index, r.url, file, r.status, r.seconds, None)
            return f"extractor: {label}{r.url}: {saved_line(saved)}"
        elif self.folder is not None:
            written = self.folder.add(r.index, r.url, result, None, r.status, r.seconds)
            return f"extractor: {label}{r.url} -> {written.path}"
        elif args.format == "json" and not self.single:
            self._out(json_line(r.index, r.url, result, None))
        else:
            self._out(render(result, args.format, now_iso()))
        return f"extractor: {label}{r.url}: {r.status}"

    @staticmethod
    def _out(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()


async def run_pages(
    args: argparse.Namespace,
    options: Options,
    kinds: frozenset[str],
    notes: NoteSettings | None = None,
) -> int:
    """Capture and extract every target, writing each result as it comes; the exit code."""
    from extractor.browser.engine import capture, playwright_engine

    settings = batch_settings(args, options)
    if args.resume and not args.out_dir:
        raise UsageError("--resume needs --out-dir (its manifest says which pages are done)")
    if not args.targets and not args.urls:
        raise UsageError("give a URL or a local HTML file (see extractor --help)")
    single = is_single(args)
    folder = NoteFolder(Path(args.out_dir), args.format, args.force) if args.out_dir else None
    done = done_urls(folder.load()) if folder is not None and args.resume else frozenset()
    total = None if single else count_targets(args, done)
    if total == 0 and not done:
        raise UsageError(f"no URLs in {args.urls} (one per line; # starts a comment)")
    progress = Progress(sys.stderr, total=total, quiet=args.quiet, batch=not single)
    run = Run(args, kinds, progress, folder, notes)

    def todo() -> Iterator[tuple[int, str]]:
        for index, target in iter_targets(args):
            if strip_credentials(target) in done:
                progress.tally.skipped += 1
            else:
                yield index, target

    try:
        async with playwright_engine(options) as engine:
            batch = run_batch(todo(), options, settings, engine.engines(), capture)
            async with aclosing(batch) as results:
                async for result in results:
                    run.page(result)
    finally:
        if folder is not None:
            folder.close()
        progress.close()
    return run.exit_code()


__all__ = ["EXIT_PARTIAL", "add_batch_options", "explain", "run_pages"]
