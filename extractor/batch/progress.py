"""What a batch tells the person running it: a progress bar on a terminal, plain lines
elsewhere (logs, CI), and one closing summary line."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, TextIO

from extractor.batch.runner import PageResult


@dataclass
class Tally:
    """Counts of a batch so far."""

    ok: int = 0
    walled: int = 0
    failed: int = 0
    skipped: int = 0  # already done in an earlier run (--resume)
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        return self.ok + self.walled + self.failed

    def add(self, result: PageResult) -> None:
        status = result.status
        setattr(self, status, getattr(self, status) + 1)

    def summary(self, now: float | None = None) -> str:
        """``N pages: N ok, N walled, N failed in S s, P pages/s``."""
        seconds = max((now if now is not None else time.monotonic()) - self.started, 1e-9)
        line = (
            f"{self.done} pages: {self.ok} ok, {self.walled} walled, {self.failed} failed"
            f" in {seconds:.1f} s, {self.done / seconds:.2f} pages/s"
        )
        return line + (f" ({self.skipped} done before, skipped)" if self.skipped else "")


class Progress:
    """A rich progress bar when ``stream`` is a terminal, else one line per page."""

    def __init__(
        self,
        stream: TextIO = sys.stderr,
        total: int | None = None,
        quiet: bool = False,
        batch: bool = True,
    ) -> None:
        self.stream = stream
        self.quiet = quiet
        self.batch = batch  # False for a single page: no bar, no line per page, no summary
        self.tally = Tally()
        self._bar: Any = None
        self._task: Any = None
        if batch and not quiet and stream.isatty():
            self._start_bar(total)

    def _start_bar(self, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        console = Console(file=self.stream)
        self._bar = Bar(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("pages", total=total, counts="")

    def note(self, line: str) -> None:
        """A line for the person (a failure, a written file), above the bar if there is one."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        elif not self.quiet:
            print(line, file=self.stream, flush=True)

    def problem(self, line: str) -> None:
        """A failure: shown even when quiet."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.stream, flush=True)

    def page(self, result: PageResult, detail: str) -> None:
        self.tally.add(result)
        if self._bar is not None:
            t = self.tally
            counts = f"{t.ok} ok, {t.walled} walled, {t.failed} failed"
            self._bar.update(self._task, advance=1, counts=counts)
            if result.status == "failed":
                self.note(detail)
        elif (self.batch and not self.quiet) or result.status == "failed":
            print(detail, file=self.stream, flush=True)

    def close(self) -> str:
        """Stop the bar; the summary line (also printed unless quiet)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        line = self.tally.summary()
        if self.batch and not self.quiet:
            print(line, file=self.stream, flush=True)
        return line


__all__ = ["Progress", "Tally"]
