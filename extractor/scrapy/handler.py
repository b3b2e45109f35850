"""A Scrapy download handler that renders every http(s) request through the product's capture.

Same browser, settle, walls and options as the CLI: each request is captured in a fresh context
of one browser that is recycled like a batch's (after ``EXTRACTOR_RECYCLE_PAGES`` pages, or when
the process tree passes half the container's memory) and replaced when it crashes; with several
CDP endpoints, requests are spread over their browsers. The response
body is the settled DOM; the whole capture (server view, wall sightings, timings) travels with it
in ``response.meta["extractor_page"]`` for ``ExtractorSpider.parse``.
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import HtmlResponse

from extractor.batch.memory import RECYCLE_SHARE, memory_limit_bytes
from extractor.batch.pool import BrowserPool, RecyclePolicy, SpreadPool, open_pool
from extractor.browser.engine import capture, playwright_engine
from extractor.errors import ExtractorError
from extractor.records import Options, RenderedPage

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

# The request meta key that carries the capture.
PAGE_KEY = "extractor_page"
# Response headers that describe the original bytes, not the DOM we hand on.
DROPPED_HEADERS = frozenset(("content-encoding", "content-length", "transfer-encoding"))


def options_from_settings(settings: Any) -> Options:
    """``EXTRACTOR_OPTIONS`` (an ``Options``), else the defaults."""
    value = settings.get("EXTRACTOR_OPTIONS")
    return value if isinstance(value, Options) else Options()


def recycle_from_settings(settings: Any) -> RecyclePolicy:
    limit = memory_limit_bytes()
    return RecyclePolicy(
        pages=settings.getint("EXTRACTOR_RECYCLE_PAGES", 100),
        memory_bytes=int(limit * RECYCLE_SHARE) if limit else None,
    )


def to_response(page: RenderedPage, request: Request) -> HtmlResponse:
    """The settled DOM as a Scrapy response (UTF-8, decoded headers dropped)."""
    headers = {k: v for k, v in page.headers.items() if k.lower() not in DROPPED_HEADERS}
    headers["content-type"] = "text/html; charset=utf-8"
    return HtmlResponse(
        url=page.final_url or request.url,
        status=page.status or 200,
        headers=headers,
        body=page.dom_html.encode("utf-8", errors="replace"),
        encoding="utf-8",
        request=request,
    )


class ExtractorDownloadHandler(BaseDownloadHandler):
    """``DOWNLOAD_HANDLERS = {"http": ..., "https": ...}`` with this class's path."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.options = options_from_settings(crawler.settings)
        self.recycle = recycle_from_settings(crawler.settings)
        self._stack = AsyncExitStack()
        self._pool: BrowserPool | SpreadPool | None = None
        self._lock = asyncio.Lock()

    async def _get_pool(self) -> BrowserPool | SpreadPool:
        async with self._lock:
            if self._pool is None:
                engine = await self._stack.enter_async_context(playwright_engine(self.options))
                self._pool = open_pool(engine.engines(), self.recycle)
                self._stack.push_async_callback(self._pool.aclose)
            return self._pool

    async def download_request(self, request: Request) -> Response:
        pool = await self._get_pool()
        for last_try in (False, True):  # a crashed browser's page is tried once more
            async with pool.lease() as lease:
                try:
                    page, _ = await capture(lease.browser, request.url, self.options)
                except ExtractorError:
                    if pool.crashed(lease) and not last_try:
                        continue
                    raise
            request.meta[PAGE_KEY] = page
            return to_response(page, request)
        raise AssertionError("unreachable")

    async def close(self) -> None:
        await self._stack.aclose()


__all__ = ["PAGE_KEY", "ExtractorDownloadHandler", "options_from_settings", "to_response"]
