"""The library API: sync and async entry points, sessions, and batches with errors as values."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from extractor import api
from extractor.errors import ExtractorError, NavigationError, NoBrowserError
from extractor.pipeline import extract_page
from extractor.records import Extraction, Options
from tests.livebrowser import remote_chromium

OPTIONS = Options(timeout_ms=15_000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_public_names_are_exact() -> None:
    assert sorted(api.__all__) == [
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
    for name in api.__all__:
        assert hasattr(api, name), name


@pytest.mark.browser
def test_extract_is_capture_plus_the_pure_pipeline(pages_url: str) -> None:
    url = pages_url + "noscript-wall-clears/"

    async def both() -> tuple[Extraction, Extraction]:
        async with api.open_session(OPTIONS) as session:
            page = await session.capture(url)
            return await session.extract(url), extract_page(page, OPTIONS)

    direct, piped = asyncio.run(both())
    assert direct.markdown == piped.markdown
    assert "Old apple trees respond best" in direct.markdown
    assert direct.final_url == url and direct.status == 200 and direct.rendered


@pytest.mark.browser
def test_sync_extract(pages_url: str) -> None:
    result = api.extract(pages_url + "shadow-dom/", OPTIONS)
    assert "Shadow paragraph" in result.markdown
    assert result.wait is not None and result.wait.ended_by in ("quiet", "network-idle")


@pytest.mark.browser
def test_batch_keeps_input_order_streams_results_and_survives_a_bad_url(pages_url: str) -> None:
    urls = [
        pages_url + "js-delayed-fetch/?delay=3000",  # the server holds it: it finishes last
        f"http://127.0.0.1:{free_port()}/",
        pages_url + "relative-links/",
    ]
    streamed: list[int] = []
    results = api.extract_many(
        urls, OPTIONS, concurrency=2, on_result=lambda i, r: streamed.append(i)
    )
    assert len(results) == 3
    first, bad, third = results
    assert isinstance(first, Extraction) and "Hydrologists" in first.markdown
    assert isinstance(bad, NavigationError) and "refused" in str(bad)
    assert isinstance(third, Extraction) and "municipal archive" in third.metadata.title.lower()
    assert sorted(streamed) == [0, 1, 2]
    assert streamed[-1] == 0  # streamed as they finished, not in input order


def test_a_missing_browser_stops_the_batch() -> None:
    with pytest.raises(ExtractorError, match="nowhere"):
        api.extract_many(["http://127.0.0.1:9/"], Options(browser_path="/nowhere/chrome"))


@pytest.mark.browser
def test_cdp_endpoint_uses_a_running_browser_and_leaves_it_running(
    pages_url: str, tmp_path: Path
) -> None:
    with remote_chromium(tmp_path / "profile") as (chromium, ws_endpoint):
        http_endpoint = ws_endpoint.replace("ws://", "http://").split("/devtools/")[0]
        # the DevTools HTTP address, and the WebSocket form browser pools (Browserless) hand out
        for endpoint in (http_endpoint, ws_endpoint):
            page = api.capture(pages_url + "shadow-dom/", replace(OPTIONS, cdp_endpoint=endpoint))
            assert "Shadow paragraph" in page.dom_html, endpoint
            assert chromium.poll() is None  # disconnecting leaves someone else's browser running


def test_unreachable_cdp_endpoint_means_no_browser() -> None:
    options = replace(OPTIONS, cdp_endpoint=f"http://127.0.0.1:{free_port()}", timeout_ms=3_000)
    with pytest.raises(NoBrowserError, match="cannot connect"):
        api.capture("http://127.0.0.1:9/", options)
