"""Browsers for a long batch: recycled after a number of pages or when memory runs high, and
replaced when one crashes, without losing or repeating a page.

Pages lease the current browser. When it is due for recycling it is retired: pages already on
it finish there, new pages get a fresh browser, and the retired one is closed when its last page
is done. The fresh browser is launched once the retired one has closed (or after ``DRAIN_S``,
for a page that hangs), so that two browsers are not open side by side and the process tree's
peak stays that of one. A browser that crashed is retired at once and its failed pages are tried again once.
What a browser is (launched, or connected over CDP) is the ``Engine``'s business. With several
engines (a pool of remote browsers, one per CDP endpoint) ``SpreadPool`` keeps one ``BrowserPool``
for each and gives every page to the one with the fewest pages in hand.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from extractor.batch.memory import tree_rss_bytes

# At a recycle, the longest new pages wait for the retired browser's last pages to finish.
DRAIN_S = 5.0


class Engine(Protocol):
    """Starts and stops browsers."""

    async def launch(self) -> Any: ...

    async def close(self, browser: Any) -> None: ...

    def connected(self, browser: Any) -> bool: ...


@dataclass(frozen=True)
class RecyclePolicy:
    pages: int = 100  # a browser renders at most this many pages (0: no limit)
    memory_bytes: int | None = None  # recycle when the process tree passes this (None: never)


class _Generation:
    def __init__(self, browser: Any, number: int) -> None:
        self.browser = browser
        self.number = number
        self.pages = 0
        self.active = 0
        self.retired = False
        self.closed = False
        self.gone = asyncio.Event()  # set once the browser is closed


class BrowserPool:
    """One browser at a time for new pages; ``async with pool.lease() as lease``."""

    def __init__(
        self,
        engine: Engine,
        policy: RecyclePolicy,
        measure: Callable[[], int] = tree_rss_bytes,
    ) -> None:
        self.engine = engine
        self.policy = policy
        self.measure = measure
        self.launched = 0  # browsers started so far (the first included)
        self.crashes = 0
        self._current: _Generation | None = None
        self._lock = asyncio.Lock()
        self._open: list[_Generation] = []

    @asynccontextmanager
    async def lease(self) -> AsyncIterator[Lease]:
        async with self._lock:
            gen = self._current
            if gen is None or gen.retired:
                await self._drain()
                self.launched += 1
                gen = self._current = _Generation(await self.engine.launch(), self.launched)
                self._open.append(gen)
            gen.active += 1
            gen.pages += 1
            if self.policy.pages and gen.pages >= self.policy.pages:
                gen.retired = True  # this page is its last; the next one gets a new browser
        lease = Lease(self, gen)
        try:
            yield lease
        finally:
            gen.active -= 1
            if not gen.retired and self._over_memory():
                gen.retired = True
            if gen.retired and gen.active == 0:
                await self._close(gen)

    @property
    def active(self) -> int:
        """Pages holding a lease right now, on every browser of this pool."""
        return sum(gen.active for gen in self._open)

    def crashed(self, lease: Lease) -> bool:
        """Whether the lease's browser is gone; if so it is retired (and counted once)."""
        gen = lease.generation
        if self.engine.connected(gen.browser):
            return False
        if not gen.retired:
            gen.retired = True
            self.crashes += 1
        return True

    async def _drain(self) -> None:
        """Wait (at most ``DRAIN_S``) for the retired browsers to close."""
        waits = [gen.gone.wait() for gen in self._open if gen.retired]
        if waits:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.gather(*waits), DRAIN_S)

    def _over_memory(self) -> bool:
        limit = self.policy.memory_bytes
        return bool(limit) and self.measure() > (limit or 0)

    async def _close(self, gen: _Generation) -> None:
        if gen.closed:
            return
        gen.closed = True
        try:
            await asyncio.shield(self.engine.close(gen.browser))
        finally:
            self._open.remove(gen)
            gen.gone.set()

    async def aclose(self) -> None:
        """Close every browser still open (the batch is over or was cancelled)."""
        self._current = None
        for gen in list(self._open):
            gen.retired = True
            await self._close(gen)


class SpreadPool:
    """Pages spread over several engines (e.g. one per CDP endpoint), each a ``BrowserPool``."""

    def __init__(self, pools: Sequence[BrowserPool]) -> None:
        if not pools:
            raise ValueError("a SpreadPool needs at least one pool")
        self.pools = list(pools)
        self._turn = 0  # ties go round the pools in turn

    @asynccontextmanager
    async def lease(self) -> AsyncIterator[Lease]:
        count = len(self.pools)
        order = [(self._turn + i) % count for i in range(count)]
        chosen = min(order, key=lambda i: self.pools[i].active)
        self._turn = (chosen + 1) % count
        async with self.pools[chosen].lease() as lease:
            yield lease

    def crashed(self, lease: Lease) -> bool:
        return lease.pool.crashed(lease)

    async def aclose(self) -> None:
        for pool in self.pools:
            await pool.aclose()


def open_pool(
    engines: Engine | Sequence[Engine], policy: RecyclePolicy
) -> BrowserPool | SpreadPool:
    """One ``BrowserPool`` for one engine; a ``SpreadPool`` over several."""
    if not isinstance(engines, Sequence):
        return BrowserPool(engines, policy)
    if len(engines) == 1:
        return BrowserPool(engines[0], policy)
    return SpreadPool([BrowserPool(engine, policy) for engine in engines])


class Lease:
    """A page's hold on a browser."""

    def __init__(self, pool: BrowserPool, generation: _Generation) -> None:
        self.pool = pool
        self.generation = generation

    @property
    def browser(self) -> Any:
        return self.generation.browser


__all__ = ["BrowserPool", "Engine", "Lease", "RecyclePolicy", "SpreadPool", "open_pool"]
