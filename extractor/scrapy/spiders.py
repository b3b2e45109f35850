"""Spiders that turn rendered responses into items of the JSON contract.

``ExtractorSpider`` takes its URLs as an argument; ``ExtractorRedisSpider`` reads them from a
Redis list (scrapy-redis) and, unlike scrapy-redis's default, lets every request through the
shared duplicate filter, so a URL pushed twice, early or late, is rendered once in all workers.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import scrapy
from scrapy_redis.spiders import RedisSpider
from scrapy_redis.utils import bytes_to_str
from twisted.python.failure import Failure

from extractor.batch.notes import error_object, now_iso
from extractor.errors import ExtractorError
from extractor.pipeline import extract_page
from extractor.scrapy.handler import PAGE_KEY, options_from_settings

# Schemes a worker renders; anything else pushed to the list is logged and dropped.
SCHEMES = ("http://", "https://")


class ExtractorMixin:
    """``parse`` and ``failed`` shared by both spiders."""

    crawler: Any
    logger: Any

    async def parse(self, response: Any, **kwargs: Any) -> AsyncIterator[dict[str, Any]]:
        page = response.meta.get(PAGE_KEY)
        if page is None:  # not rendered by our handler (DOWNLOAD_HANDLERS not set)
            raise ExtractorError(f"{response.url}: not rendered by ExtractorDownloadHandler")
        options = options_from_settings(self.crawler.settings)
        # extraction is pure CPU work: off the event loop, so other captures go on
        result = await asyncio.get_running_loop().run_in_executor(None, extract_page, page, options)
        yield {**result.to_dict(), "captured": now_iso()}

    def failed(self, failure: Failure) -> Iterator[dict[str, Any]]:
        error = failure.value
        if not isinstance(error, ExtractorError):
            error = ExtractorError(f"{type(error).__name__}: {error}")
        url = failure.request.url  # type: ignore[attr-defined]
        yield {"url": url, "error": error_object(error)}


class ExtractorSpider(ExtractorMixin, scrapy.Spider):
    name = "extractor"

    def __init__(self, urls: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = list(urls)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)


class ExtractorRedisSpider(ExtractorMixin, RedisSpider):  # type: ignore[misc]
    """Reads URLs from the Redis list ``REDIS_START_URLS_KEY`` (one URL, or a JSON object with
    a ``url``, per element)."""

    name = "extractor"

    def make_request_from_data(self, data: bytes) -> scrapy.Request | list[scrapy.Request]:
        text = bytes_to_str(data, self.redis_encoding).strip()
        if text.startswith("{"):
            try:
                text = str(json.loads(text).get("url", ""))
            except (ValueError, AttributeError):
                text = ""
        if not text.startswith(SCHEMES):
            self.logger.warning("not an http(s) URL, dropped: %r", text[:200])
            return []
        # dont_filter stays False: the shared duplicate filter sees every pushed URL
        return scrapy.Request(text, callback=self.parse, errback=self.failed)


__all__ = ["ExtractorRedisSpider", "ExtractorSpider"]
