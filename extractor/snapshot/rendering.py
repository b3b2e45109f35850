"""How snapshot cases are rendered: in one browser, ``jobs`` pages at a time, each recording its
network, replaying a recording, or neither (``extractor.browser.network``).

A ``Capture`` is what ``record``, ``check`` and ``update`` call to render pages; tests pass a
fake one. Each page that fails is returned as its error, so one bad page does not stop a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.browser.network import Network
from extractor.errors import ExtractorError, UsageError
from extractor.records import Options, RenderedPage
from extractor.snapshot import recording
from extractor.snapshot.store import rewrite_origin


@dataclass(frozen=True)
class Origins:
    """Record pages served from ``served`` as if they came from ``stored`` (fixture servers)."""

    served: str  # e.g. http://127.0.0.1:40123
    stored: str  # e.g. http://pages.test


# A page that rendered, or the error that stopped it (one bad page does not stop a batch).
Captured = RenderedPage | ExtractorError


@dataclass(frozen=True)
class CaptureJob:
    """A page to render, and what to do with its network (record it, replay it, or neither)."""

    url: str
    net: Network | None = None


# Renders pages (all in one browser) into captured pages, in order.
Capture = Callable[[Sequence[CaptureJob], Options], list[Captured]]


def capture_with(capture: Capture | None, jobs: int) -> Capture:
    if capture is not None:
        return capture
    return lambda batch, options: capture_pages(batch, options, jobs)


def capture_pages(batch: Sequence[CaptureJob], options: Options, jobs: int = 1) -> list[Captured]:
    """Render pages in a single browser (extractor.api), ``jobs`` at a time; Ctrl-C closes it.

    A page that fails (navigation error, timeout, not HTML, a request its recording lacks)
    is returned as its error. Results come back in input order.
    """
    import asyncio

    from extractor.browser.launch import run
    from extractor.browser.runner import open_session

    async def capture_all() -> list[Captured]:
        gate = asyncio.Semaphore(max(1, jobs))
        async with open_session(options) as session:

            async def one(job: CaptureJob) -> Captured:
                async with gate:
                    try:
                        return await session.capture(job.url, net=job.net)
                    except ExtractorError as exc:
                        return exc

            return list(await asyncio.gather(*(one(job) for job in batch)))

    return run(capture_all())


def replay_cases(
    root: Path,
    cases: Sequence[str],
    pages: Sequence[Captured],
    options: Options,
    capture: Capture | None,
    jobs: int,
) -> list[Captured]:
    """Render each stored page again from its recording; a case without one is its error."""
    out: list[Captured] = []
    batch, slots = [], []
    for name, page in zip(cases, pages, strict=True):
        try:
            net = recording.replay_network(root / name)
        except UsageError as exc:
            out.append(exc)
            continue
        if isinstance(page, RenderedPage):
            slots.append(len(out))
            out.append(page)
            batch.append(CaptureJob(page.url, net))
    for slot, fresh in zip(slots, capture_with(capture, jobs)(batch, options), strict=True):
        out[slot] = fresh
    return out


def recapture(
    pages: Sequence[Captured],
    options: Options,
    origins: Origins | None,
    capture: Capture | None,
    jobs: int = 1,
) -> list[Captured]:
    """Render the stored pages' URLs again (mapped back to the served origin when given)."""
    urls = [p.url for p in pages if isinstance(p, RenderedPage)]
    if origins is not None:
        urls = [u.replace(origins.stored, origins.served, 1) for u in urls]
    fresh = capture_with(capture, jobs)([CaptureJob(u) for u in urls], options)
    if origins is None:
        return fresh
    return [
        rewrite_origin(p, origins.served, origins.stored) if isinstance(p, RenderedPage) else p
        for p in fresh
    ]


__all__ = [
    "Capture",
    "CaptureJob",
    "Captured",
    "Origins",
    "capture_pages",
    "capture_with",
    "recapture",
    "replay_cases",
]
