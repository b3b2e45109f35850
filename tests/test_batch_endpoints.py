"""Several CDP endpoints (a pool of remote browsers): how they are named, how pages are spread
over them, and a batch over two Chromiums started here with their own DevTools ports."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.batch.pool import BrowserPool, RecyclePolicy, SpreadPool, open_pool
from extractor.browser.launch import cdp_endpoints, endpoint_name
from extractor.cli.main import build_parser
from extractor.cli.options import render_settings
from extractor.records import Options
from tests.livebrowser import remote_chromium
from tests.pageserver import AGENTS
from tests.test_batch_runner import FakeEngine


def test_endpoints_are_one_url_or_several_separated_by_commas() -> None:
    assert cdp_endpoints(None) == ()
    assert cdp_endpoints("ws://a:3000") == ("ws://a:3000",)
    assert cdp_endpoints("ws://a:3000, http://b:9222 ,wss://c/x") == (
        "ws://a:3000",
        "http://b:9222",
        "wss://c/x",
    )
    # a Browserless URL whose launch options hold commas stays one endpoint
    pooled = 'wss://pool.example?token=T&launch={"args":["--lang=de","--mute-audio"]}'
    assert cdp_endpoints(f"{pooled},ws://b:3000") == (pooled, "ws://b:3000")


def test_an_endpoint_is_named_without_its_token_or_password() -> None:
    named = endpoint_name("wss://user:secret@pool.example:3000/chromium?token=s3cr3t")
    assert named == "wss://pool.example:3000/chromium"


def test_the_option_may_be_repeated_or_comma_separated() -> None:
    parser = build_parser()
    repeated = parser.parse_args(["--cdp-endpoint", "ws://a:1", "--cdp-endpoint", "ws://b:2", "u"])
    assert cdp_endpoints(render_settings(repeated)["cdp_endpoint"]) == ("ws://a:1", "ws://b:2")
    joined = parser.parse_args(["--cdp-endpoint", "ws://a:1,ws://b:2", "u"])
    assert render_settings(joined)["cdp_endpoint"] == "ws://a:1,ws://b:2"
    assert render_settings(parser.parse_args(["u"]))["cdp_endpoint"] is None


def test_pages_go_to_the_pool_with_the_fewest_in_hand() -> None:
    engines = [FakeEngine(), FakeEngine()]
    pool = open_pool(engines, RecyclePolicy(pages=0))
    assert isinstance(pool, SpreadPool)
    assert isinstance(open_pool(engines[:1], RecyclePolicy()), BrowserPool)

    async def hold(gate: asyncio.Event) -> None:
        async with pool.lease():
            await gate.wait()

    async def run() -> None:
        gate = asyncio.Event()
        tasks = [asyncio.create_task(hold(gate)) for _ in range(6)]
        await asyncio.sleep(0.01)
        assert [p.active for p in pool.pools] == [3, 3]
        gate.set()
        await asyncio.gather(*tasks)
        await pool.aclose()

    asyncio.run(run())
    assert [len(e.browsers) for e in engines] == [1, 1]
    assert all(b.closed for e in engines for b in e.browsers)


def test_a_crash_on_one_endpoint_restarts_only_its_browser() -> None:
    engines = [FakeEngine(), FakeEngine()]
    pool = open_pool(engines, RecyclePolicy(pages=0))

    async def run() -> None:
        async with pool.lease() as first:
            first.browser.alive = False
            assert pool.crashed(first)
        async with pool.lease() as second, pool.lease() as third:
            assert {second.browser, third.browser} == {
                engines[0].browsers[-1],
                engines[1].browsers[-1],
            }
        await pool.aclose()

    asyncio.run(run())
    crashed = engines[0] if len(engines[0].browsers) == 2 else engines[1]
    assert len(crashed.browsers) == 2 and sum(len(e.browsers) for e in engines) == 3


@pytest.mark.browser
def test_a_batch_spreads_its_pages_over_two_remote_browsers(pages_url: str, tmp_path: Path) -> None:
    urls = [f"{pages_url}md-lists-quotes/?n={n}" for n in range(8)]
    with (
        remote_chromium(tmp_path / "a", "--user-agent=PoolBrowserA/1.0") as (one, first),
        remote_chromium(tmp_path / "b", "--user-agent=PoolBrowserB/1.0") as (two, second),
    ):
        before = {agent: AGENTS[agent] for agent in ("PoolBrowserA/1.0", "PoolBrowserB/1.0")}
        proc = subprocess.run(
            [sys.executable, "-m", "extractor", *urls, "--format", "json", "--concurrency", "4",
             "--cdp-endpoint", first, "--cdp-endpoint", second, "--timeout", "20", "--retries", "0"],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        lines = [json.loads(line) for line in proc.stdout.splitlines()]
        assert sorted(line["index"] for line in lines) == list(range(8))
        assert all(line["markdown"] for line in lines)
        served = {agent: AGENTS[agent] - count for agent, count in before.items()}
        assert all(served.values()), served  # each browser rendered some of the pages
        assert one.poll() is None and two.poll() is None  # someone else's browsers keep running


def test_the_engine_gives_one_engine_per_endpoint() -> None:
    from extractor.browser.engine import PlaywrightEngine

    pw: Any = object()  # nothing is started until a pool launches a browser
    spread = PlaywrightEngine(pw, Options(cdp_endpoint="ws://a:1, ws://b:2")).engines()
    assert [e.options.cdp_endpoint for e in spread] == ["ws://a:1", "ws://b:2"]
    single = PlaywrightEngine(pw, Options(cdp_endpoint="ws://a:1"))
    assert single.engines() == [single]
    launched = PlaywrightEngine(pw, Options())
    assert launched.engines() == [launched]
