"""The library: capture or extract a page with a browser, one page or many.

    >>> from extractor.api import extract
    >>> extract("https://example.com/article").markdown

``capture`` renders and returns the ``RenderedPage``; ``extract`` is capture + the pure pipeline.
Each has an ``_async`` twin. ``open_session`` keeps one browser for many pages, and
``extract_many`` runs a batch side by side with per-URL errors returned as values.
The sync functions run under ``browser.run``: SIGINT/SIGTERM close the browser before returning.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Callable, Sequence
from dataclasses import dataclass

from extractor.auth import strip_credentials
from extractor.browser import launch as browsers
from extractor.browser.runner import Session, open_session
from extractor.errors import ExtractorError
from extractor.records import Extraction, Options, RenderedPage

DEFAULT_OPTIONS = Options()

# What extract_many returns for each URL: the extraction, or the error that stopped it.
Result = Extraction | ExtractorError
OnResult = Callable[[int, Result], None]


async def capture_async(url: str, options: Options | None = None) -> RenderedPage:
    async with open_session(options) as session:
        return await session.capture(url)


async def extract_async(url: str, options: Options | None = None) -> Extraction:
    async with open_session(options) as session:
        return await session.extract(url)


def capture(url: str, options: Options | None = None) -> RenderedPage:
    """Render ``url`` (or a local file path) and return both views of the page."""
    return browsers.run(capture_async(url, options))


def extract(url: str, options: Options | None = None) -> Extraction:
    """Render ``url`` (or a local file path) and extract its article, metadata and walls."""
    return browsers.run(extract_async(url, options))


@dataclass(frozen=True)
class Outcome:
    """One page of a batch: its capture and extraction, or the error that stopped it."""

    index: int  # position in the input
    url: str
    page: RenderedPage | None = None
    extraction: Extraction | None = None
    error: ExtractorError | None = None

    @property
    def result(self) -> Result:
        return self.error if self.error is not None else self.extraction  # type: ignore[return-value]


async def stream(
    urls: Sequence[str], options: Options | None = None, concurrency: int = 2
) -> AsyncGenerator[Outcome, None]:
    """Capture and extract every URL with one browser, yielding outcomes as they finish.

    A failure on one URL is a value on its outcome; only a browser that cannot be started or
    reached raises.
    """
    opts = options or DEFAULT_OPTIONS
    async with open_session(opts) as session:
        gate = asyncio.Semaphore(max(1, concurrency))

        async def one(index: int, given: str) -> Outcome:
            url = strip_credentials(given)  # the URL as every output names it
            async with gate:
                try:
                    page, extraction = await session.capture_and_extract(given, opts)
                    return Outcome(index, url, page, extraction)
                except ExtractorError as exc:
                    return Outcome(index, url, error=exc)
                except Exception as exc:  # a bug on one page must not lose the batch
                    error = ExtractorError(f"{url}: {type(exc).__name__}: {exc}")
                    error.__cause__ = exc
                    return Outcome(index, url, error=error)

        tasks = [asyncio.create_task(one(i, u)) for i, u in enumerate(urls)]
        try:
            for finished in asyncio.as_completed(tasks):
                yield await finished
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


async def extract_many_async(
    urls: Sequence[str],
    options: Options | None = None,
    concurrency: int = 2,
    on_result: OnResult | None = None,
) -> list[Result]:
    """Extract every URL with one browser, ``concurrency`` pages at a time.

    Results come back in input order; ``on_result(index, result)`` streams each as it finishes.
    A failure on one URL is its result (an ``ExtractorError``).
    """
    results: list[Result | None] = [None] * len(urls)
    async for outcome in stream(urls, options, concurrency):
        results[outcome.index] = outcome.result
        if on_result is not None:
            on_result(outcome.index, outcome.result)
    return [r for r in results if r is not None]


def extract_many(
    urls: Sequence[str],
    options: Options | None = None,
    concurrency: int = 2,
    on_result: OnResult | None = None,
) -> list[Result]:
    """Sync twin of ``extract_many_async``."""
    return browsers.run(extract_many_async(urls, options, concurrency, on_result))


__all__ = [
    "OnResult",
    "Outcome",
    "Result",
    "Session",
    "capture",
    "capture_async",
    "extract",
    "extract_async",
    "extract_many",
    "extract_many_async",
    "open_session",
    "stream",
]
