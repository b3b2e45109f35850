"""Run a batch: many URLs, one browser at a time, bounded memory, results as they finish.

``run_batch`` reads its URLs lazily and keeps at most ``concurrency * QUEUE_FACTOR`` pages in
hand (waiting, rendering, extracting or not yet taken by the caller), so a list of a million URLs
costs no more memory than one of a hundred. Steps for each page:
  1. wait for a slot of its host (``--per-host``, ``--delay``, ``Retry-After``) and a capture slot;
  2. capture it on the pool's current browser (fresh context; recycled browsers, crash restart);
  3. try again with backoff when the failure was transient (timeout, reset, 429/502/503/504);
  4. extract it in a worker thread, so the event loop keeps driving the other captures;
  5. hand back a ``PageResult`` (extraction or error, tries, seconds, timings) and drop the page.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from extractor.batch.hosts import HostGate
from extractor.batch.manifest import page_status
from extractor.batch.pool import BrowserPool, Engine, RecyclePolicy, SpreadPool, open_pool
from extractor.batch.retry import (
    RetryPolicy,
    is_transient_error,
    is_transient_status,
    retry_after_s,
)
from extractor.errors import ExtractorError, NavigationError
from extractor.pipeline import extract_page
from extractor.records import Extraction, Options, RenderedPage

# Pages held at once, as a multiple of the captures running side by side.
QUEUE_FACTOR = 4

# Captures a URL on a browser; the extraction comes along when it had to be made during the
# capture (None otherwise: the runner makes it in a worker thread).
Capture = Callable[[Any, str, Options], Awaitable[tuple[RenderedPage, Extraction | None]]]


@dataclass(frozen=True)
class BatchSettings:
    """How a batch runs (what each page does is ``Options``)."""

    concurrency: int = 4  # captures side by side, each in its own context
    per_host: int = 0  # at most this many pages of one host at once (0: no limit)
    delay_s: float = 0.0  # pause between the starts of two pages of one host
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    recycle: RecyclePolicy = field(default_factory=RecyclePolicy)
    extract_workers: int = 1  # threads that run the pure extraction


@dataclass(frozen=True)
class PageResult:
    """One page of a batch: its extraction, or the error that stopped it."""

    index: int  # position in the input
    url: str
    extraction: Extraction | None = None
    error: ExtractorError | None = None
    attempts: int = 1
    seconds: float = 0.0
    timings: dict[str, int] = field(default_factory=dict)  # capture steps and "extract", in ms
    page: RenderedPage | None = field(default=None, repr=False)  # the capture, until written

    @property
    def status(self) -> str:
        """``ok``, ``walled`` or ``failed`` (see ``manifest.page_status``)."""
        return page_status(self.extraction)


async def run_batch(
    items: Iterable[tuple[int, str]],
    options: Options,
    settings: BatchSettings,
    engine: Engine | Sequence[Engine],
    capture: Capture,
) -> AsyncGenerator[PageResult, None]:
    """Capture and extract every ``(index, url)``, yielding results as they finish.

    Several engines (one per CDP endpoint) share the captures: each page goes to the one with
    the fewest pages in hand."""
    batch = _Batch(options, settings, open_pool(engine, settings.recycle), capture)
    feeder = asyncio.create_task(batch.feed(items))
    try:
        while True:
            result = await batch.results.get()
            if result is None:
                break
            batch.slots.release()  # taken by the caller: room for the next URL
            yield result
        await feeder  # raises what reading the URLs raised
    finally:
        await batch.close(feeder)


class _Batch:
    def __init__(
        self,
        options: Options,
        settings: BatchSettings,
        pool: BrowserPool | SpreadPool,
        capture: Capture,
    ) -> None:
        self.options = options
        self.settings = settings
        self.pool = pool
        self.capture = capture
        self.gate = HostGate(settings.per_host, settings.delay_s)
        self.captures = asyncio.Semaphore(max(1, settings.concurrency))
        self.slots = asyncio.Semaphore(max(1, settings.concurrency) * QUEUE_FACTOR)
        self.results: asyncio.Queue[PageResult | None] = asyncio.Queue()
        self.tasks: set[asyncio.Task[None]] = set()
        self.executor = ThreadPoolExecutor(
            max_workers=max(1, settings.extract_workers), thread_name_prefix="extract"
        )

    async def feed(self, items: Iterable[tuple[int, str]]) -> None:
        try:
            for index, url in items:
                await self.slots.acquire()
                task = asyncio.create_task(self.one(index, url))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
            while self.tasks:
                await asyncio.wait(set(self.tasks))
        finally:
            self.results.put_nowait(None)

    async def one(self, index: int, url: str) -> None:
        start = time.monotonic()
        result = await self.attempt(index, url)
        seconds = round(time.monotonic() - start, 3)
        self.results.put_nowait(
            PageResult(
                result.index,
                result.url,
                result.extraction,
                result.error,
                result.attempts,
                seconds,
                result.timings,
                result.page,
            )
        )

    async def attempt(self, index: int, url: str) -> PageResult:
        policy = self.settings.retry
        tries = 0
        restarted = False  # a crashed browser's page is tried again once, beside the retries
        while True:
            tries += 1
            try:
                captured = await self.capture_once(url, allow_restart=not restarted)
                if captured is None:
                    restarted = True
                    continue
                page, made = captured
                if is_transient_status(page.status):
                    if tries <= policy.retries:
                        await self.pause(url, tries, page.headers.get("retry-after"))
                        continue
                    raise NavigationError(f"{url}: HTTP {page.status}, still after {tries} tries")
                return await self.extract(index, url, page, made, tries)
            except ExtractorError as exc:
                if is_transient_error(exc) and tries <= policy.retries:
                    await self.pause(url, tries, None)
                    continue
                return PageResult(index, url, error=exc, attempts=tries)
            except Exception as exc:  # a bug on one page must not lose the batch
                error = ExtractorError(f"{url}: {type(exc).__name__}: {exc}")
                error.__cause__ = exc
                return PageResult(index, url, error=error, attempts=tries)

    async def capture_once(
        self, url: str, allow_restart: bool
    ) -> tuple[RenderedPage, Extraction | None] | None:
        """The captured page; None when the browser crashed under it and it may be tried again."""
        async with self.gate.slot(url), self.captures, self.pool.lease() as lease:
            try:
                return await self.capture(lease.browser, url, self.options)
            except ExtractorError:
                if self.pool.crashed(lease) and allow_restart:
                    return None
                raise

    async def pause(self, url: str, tries: int, retry_after: str | None) -> None:
        wait = retry_after_s(retry_after)
        if wait is not None:
            self.gate.defer(url, wait)  # the host's next page, this one included, waits
            return
        await asyncio.sleep(self.settings.retry.backoff_s(tries - 1, random.random()))

    async def extract(
        self, index: int, url: str, page: RenderedPage, made: Extraction | None, tries: int
    ) -> PageResult:
        start = time.monotonic()
        extraction = made
        if extraction is None:
            loop = asyncio.get_running_loop()
            extraction = await loop.run_in_executor(self.executor, extract_page, page, self.options)
        timings = {**page.timings, "extract": int((time.monotonic() - start) * 1000)}
        return PageResult(index, url, extraction, attempts=tries, timings=timings, page=page)

    async def close(self, feeder: asyncio.Task[None]) -> None:
        feeder.cancel()
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(feeder, *self.tasks, return_exceptions=True)
        self.executor.shutdown(wait=False, cancel_futures=True)
        await self.pool.aclose()


__all__ = ["BatchSettings", "PageResult", "run_batch"]
