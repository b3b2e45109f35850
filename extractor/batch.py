"""Many pages with one browser: pages side by side, outcomes streamed as they finish.

A failure on one page is a value on its outcome, so one bad URL does not stop the batch; only a
failure of the browser itself (none found, pool unreachable) ends the run.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from .errors import ExtractorError
from .pipeline import extract_page
from .records import Extraction, Options, RenderedPage


@dataclass(frozen=True)
class Outcome:
    index: int  # position in the input
    target: str
    page: RenderedPage | None = None
    result: Extraction | None = None
    error: ExtractorError | None = None


async def run(
    targets: Sequence[str], options: Options, concurrency: int = 2
) -> AsyncIterator[Outcome]:
    """Capture and extract every target with one browser, yielding outcomes as they finish."""
    from .api import open_session

    async with open_session(options) as session:
        gate = asyncio.Semaphore(max(1, concurrency))

        async def one(index: int, target: str) -> Outcome:
            async with gate:
                try:
                    page = await session.capture(target)
                except ExtractorError as exc:
                    return Outcome(index, target, error=exc)
                return Outcome(index, target, page, extract_page(page, options))

        tasks = [asyncio.create_task(one(i, t)) for i, t in enumerate(targets)]
        try:
            for finished in asyncio.as_completed(tasks):
                yield await finished
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
