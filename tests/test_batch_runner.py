"""The batch runner with a fake browser: order, bounds, retries, recycling, crash restart."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest

from extractor.batch import BatchSettings, RecyclePolicy, RetryPolicy, run_batch
from extractor.batch.notes import error_object
from extractor.batch.pool import BrowserPool
from extractor.batch.runner import PageResult
from extractor.errors import NavigationError, PageTimeoutError
from extractor.records import Options, RenderedPage, Wait

ARTICLE = (
    "<html><head><title>T{n}</title></head><body><article><h1>T{n}</h1>{p}</article></body></html>"
)
FAST = RetryPolicy(retries=2, base_s=0.001, cap_s=0.002)


class FakeBrowser:
    def __init__(self, number: int) -> None:
        self.number = number
        self.alive = True
        self.closed = False


class FakeEngine:
    def __init__(self) -> None:
        self.browsers: list[FakeBrowser] = []
        self.open_at_launch: list[int] = []  # browsers still open when each one was launched

    async def launch(self) -> FakeBrowser:
        self.open_at_launch.append(sum(not b.closed for b in self.browsers))
        self.browsers.append(FakeBrowser(len(self.browsers)))
        return self.browsers[-1]

    async def close(self, browser: FakeBrowser) -> None:
        browser.closed = True

    def connected(self, browser: FakeBrowser) -> bool:
        return browser.alive


def page(url: str, status: int = 200, headers: dict[str, str] | None = None) -> RenderedPage:
    n = url.rsplit("/", 1)[-1]
    html = ARTICLE.format(n=n, p="<p>" + "Words of the story go here. " * 20 + "</p>")
    return RenderedPage(
        url=url,
        final_url=url,
        status=status,
        headers=headers or {},
        server_html=html,
        dom_html=html,
        wait=Wait("quiet", 1),
        timings={"navigate": 1},
    )


class Script:
    """A fake capture: per URL, a list of what successive tries do."""

    def __init__(self, plan: dict[str, list[Any]] | None = None, delay: float = 0.0) -> None:
        self.plan = plan or {}
        self.delay = delay
        self.calls: list[tuple[str, int]] = []  # (url, browser number)
        self.crashed_calls: set[int] = set()  # positions in ``calls`` of the tries that crashed
        self.running = 0
        self.most = 0
        self.per_host: dict[str, int] = {}
        self.most_per_host = 0

    async def __call__(
        self, browser: FakeBrowser, url: str, options: Options
    ) -> tuple[RenderedPage, None]:
        self.calls.append((url, browser.number))
        host = url.split("/")[2]
        self.running += 1
        self.per_host[host] = self.per_host.get(host, 0) + 1
        self.most = max(self.most, self.running)
        self.most_per_host = max(self.most_per_host, self.per_host[host])
        try:
            await asyncio.sleep(self.delay)
            steps = self.plan.get(url, [])
            step = steps.pop(0) if steps else 200
            if step == "crash":
                self.crashed_calls.add(len(self.calls) - 1)
                browser.alive = False
                raise NavigationError(f"{url}: Target page, context or browser has been closed")
            if isinstance(step, Exception):
                raise step
            if isinstance(step, tuple):
                return page(url, *step), None
            return page(url, step), None
        finally:
            self.running -= 1
            self.per_host[host] -= 1


def run(
    urls: list[str], settings: BatchSettings, script: Script, engine: FakeEngine | None = None
) -> list[PageResult]:
    async def go() -> list[PageResult]:
        out = []
        async for result in run_batch(
            enumerate(urls), Options(), settings, engine or FakeEngine(), script
        ):
            out.append(result)
        return out

    return asyncio.run(go())


def test_every_page_comes_back_once_with_its_input_position() -> None:
    urls = [f"http://h{i % 3}.test/{i}" for i in range(20)]
    results = run(urls, BatchSettings(concurrency=3), Script(delay=0.001))
    assert sorted(r.index for r in results) == list(range(20))
    assert all(r.url == urls[r.index] and r.status == "ok" for r in results)
    assert all(r.extraction and r.extraction.metadata.title == f"T{r.index}" for r in results)
    assert all("extract" in r.timings and "navigate" in r.timings for r in results)


def test_concurrency_and_per_host_bounds_hold() -> None:
    urls = [f"http://h{i % 2}.test/{i}" for i in range(16)]
    script = Script(delay=0.01)
    run(urls, BatchSettings(concurrency=4, per_host=1), script)
    assert script.most_per_host == 1
    assert script.most <= 2
    script = Script(delay=0.01)
    run(urls, BatchSettings(concurrency=3), script)
    assert script.most == 3


def test_the_url_list_is_read_lazily() -> None:
    pulled: list[int] = []

    def urls() -> Iterator[tuple[int, str]]:
        for i in range(1000):
            pulled.append(i)
            yield i, f"http://h.test/{i}"

    async def first() -> int:
        gen = run_batch(urls(), Options(), BatchSettings(concurrency=2), FakeEngine(), Script())
        await gen.__anext__()
        seen = len(pulled)
        await gen.aclose()
        return seen

    assert asyncio.run(first()) <= 2 * 4 + 1


def test_transient_failures_are_retried_and_4xx_never() -> None:
    plan: dict[str, list[Any]] = {
        "http://a.test/1": [PageTimeoutError("t"), 200],
        "http://a.test/2": [503, 503, 503],
        "http://a.test/3": [404],
        "http://a.test/4": [NavigationError("x: host name not found (net::ERR_NAME_NOT_RESOLVED)")],
        "http://a.test/5": [429, 200],
    }
    script = Script(plan)
    results = {r.url: r for r in run(list(plan), BatchSettings(retry=FAST), script)}
    assert (results["http://a.test/1"].status, results["http://a.test/1"].attempts) == ("ok", 2)
    assert results["http://a.test/2"].status == "failed"
    assert results["http://a.test/2"].attempts == 3
    assert "HTTP 503" in str(results["http://a.test/2"].error)
    assert results["http://a.test/3"].attempts == 1  # a 404 page is a result, never retried
    assert results["http://a.test/3"].extraction is not None
    assert results["http://a.test/3"].extraction.status == 404
    assert (results["http://a.test/4"].status, results["http://a.test/4"].attempts) == ("failed", 1)
    assert results["http://a.test/5"].attempts == 2


def test_retry_after_holds_back_the_host() -> None:
    plan: dict[str, list[Any]] = {"http://a.test/1": [(429, {"retry-after": "1"}), 200]}
    script = Script(plan)

    async def go() -> float:
        loop = asyncio.get_running_loop()
        start = loop.time()
        async for _ in run_batch(
            enumerate(plan), Options(), BatchSettings(retry=FAST), FakeEngine(), script
        ):
            pass
        return loop.time() - start

    assert asyncio.run(go()) >= 0.95


def test_failed_page_error_object() -> None:
    plan: dict[str, list[Any]] = {
        "http://a.test/1": [PageTimeoutError("http://a.test/1: timed out")] * 3
    }
    [result] = run(list(plan), BatchSettings(retry=FAST), Script(plan))
    assert result.error is not None
    assert error_object(result.error) == {
        "kind": "timeout",
        "message": "http://a.test/1: timed out",
        "exit_code": 5,
    }


def test_browser_is_recycled_after_n_pages_and_all_are_closed() -> None:
    engine = FakeEngine()
    script = Script(delay=0.001)
    urls = [f"http://a.test/{i}" for i in range(10)]
    results = run(
        urls, BatchSettings(concurrency=2, recycle=RecyclePolicy(pages=3)), script, engine
    )
    assert len(results) == 10 and len(script.calls) == 10  # nothing lost, nothing repeated
    assert len(engine.browsers) == 4
    assert all(b.closed for b in engine.browsers)
    per_browser = [sum(1 for _, n in script.calls if n == b.number) for b in engine.browsers]
    assert max(per_browser) <= 3


def test_a_fresh_browser_waits_for_the_retired_one_to_close() -> None:
    # pages still running on a retired browser finish before the next browser starts, so two
    # browsers are never open side by side (the process tree's peak stays that of one)
    engine = FakeEngine()
    script = Script(delay=0.01)
    urls = [f"http://a.test/{i}" for i in range(12)]
    results = run(
        urls, BatchSettings(concurrency=3, recycle=RecyclePolicy(pages=2)), script, engine
    )
    assert len(results) == 12 and len(script.calls) == 12
    assert len(engine.browsers) == 6
    assert engine.open_at_launch == [0] * 6


def test_crashed_browser_is_replaced_and_its_page_tried_once_more() -> None:
    engine = FakeEngine()
    plan: dict[str, list[Any]] = {
        "http://a.test/2": ["crash", 200],
        "http://a.test/5": ["crash", "crash"],
    }
    urls = [f"http://a.test/{i}" for i in range(8)]
    script = Script(plan)
    results = {
        r.url: r for r in run(urls, BatchSettings(concurrency=1, retry=FAST), script, engine)
    }
    assert results["http://a.test/2"].status == "ok"
    assert results["http://a.test/5"].status == "failed"  # the second crash is not retried
    assert sum(r.status == "ok" for r in results.values()) == 7
    assert len(script.crashed_calls) == 3  # /2 once, /5 twice
    used = [number for _, number in script.calls]
    for i, (before, after) in enumerate(pairwise(used)):
        # the try after a crash gets a fresh browser; every other try keeps the one it had
        assert after == (before + 1 if i in script.crashed_calls else before)
    # a browser is launched only for a page that needs it (whether the retries come before or
    # after the other pages is the scheduler's business: the last crash may end the batch)
    assert len(engine.browsers) == len(set(used))
    assert all(b.closed for b in engine.browsers)


def test_memory_over_the_limit_retires_the_browser() -> None:
    async def go() -> FakeEngine:
        engine = FakeEngine()
        readings = iter([10, 10, 500, 10, 10, 10])
        pool = BrowserPool(engine, RecyclePolicy(pages=0, memory_bytes=100), lambda: next(readings))
        for _ in range(5):
            async with pool.lease():
                pass
        await pool.aclose()
        return engine

    engine = asyncio.run(go())
    assert len(engine.browsers) == 2
    assert all(b.closed for b in engine.browsers)


@pytest.mark.parametrize("cancel_after", [0, 3])
def test_stopping_early_closes_every_browser(cancel_after: int) -> None:
    engine = FakeEngine()

    async def go() -> None:
        gen = run_batch(
            ((i, f"http://a.test/{i}") for i in range(50)),
            Options(),
            BatchSettings(concurrency=3, recycle=RecyclePolicy(pages=2)),
            engine,
            Script(delay=0.01),
        )
        for _ in range(cancel_after + 1):
            await gen.__anext__()
        await gen.aclose()

    asyncio.run(go())
    assert engine.browsers and all(b.closed for b in engine.browsers)
