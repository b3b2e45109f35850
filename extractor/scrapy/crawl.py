"""``extractor crawl``: a Scrapy worker whose queue and duplicate filter live in Redis.

Start it on as many machines as you like with the same ``--redis`` and ``--key``, push URLs to
the Redis list KEY (``LPUSH``/``RPUSH``), and every URL is rendered once by one of the workers,
also when it is pushed twice. The scheduler's queue is ``KEY:requests`` and the shared duplicate
filter ``KEY:dupefilter``; both persist, so a worker that restarts does not render a page again.
A worker waits for URLs until SIGTERM or Ctrl-C, then finishes what it is rendering, closes its
browser and exits (143 or 130).
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extractor.errors import UsageError
from extractor.records import Options

HANDLER = "extractor.scrapy.handler.ExtractorDownloadHandler"


def crawl_settings(
    redis_url: str,
    key: str,
    options: Options,
    *,
    out_dir: str | None = None,
    fmt: str = "markdown",
    concurrency: int = 2,
    log_level: str = "WARNING",
) -> dict[str, Any]:
    """Scrapy settings of a worker (pure, so it can be checked without starting one)."""
    if urlsplit(redis_url).scheme not in ("redis", "rediss", "unix"):
        raise UsageError(f"--redis: not a Redis URL: {redis_url!r} (redis://HOST:PORT/DB)")
    if not key.strip():
        raise UsageError("--key must not be empty")
    settings: dict[str, Any] = {
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "EXTRACTOR_OPTIONS": options,
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "DOWNLOAD_TIMEOUT": options.timeout_ms / 1000 + 30,
        # the same retries as a batch: "try later" answers and timeouts, never another 4xx
        "RETRY_HTTP_CODES": [429, 502, 503, 504],
        "RETRY_EXCEPTIONS": ["extractor.errors.PageTimeoutError"],
        "HTTPERROR_ALLOW_ALL": True,  # a 404 page is a result, as in the CLI
        "ROBOTSTXT_OBEY": False,
        "COOKIES_ENABLED": False,  # each page gets a fresh browser context anyway
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": log_level,
        # scrapy-redis: the queue and the duplicate filter shared by all workers
        "REDIS_URL": redis_url,
        "REDIS_START_URLS_KEY": key,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": f"{key}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{key}:dupefilter",
        "SCHEDULER_PERSIST": True,  # one worker stopping must not clear the others' filter
        "MAX_IDLE_TIME_BEFORE_CLOSE": 0,  # wait for URLs until stopped
    }
    if out_dir:
        settings["ITEM_PIPELINES"] = {"extractor.scrapy.pipelines.NotesPipeline": 300}
        settings["EXTRACTOR_OUT_DIR"] = str(Path(out_dir))
        settings["EXTRACTOR_FORMAT"] = fmt
    else:
        settings["FEEDS"] = {"stdout:": {"format": "jsonlines", "encoding": "utf-8"}}
    return settings


def run_worker(settings: dict[str, Any]) -> int:
    """Run one worker until it is stopped; the exit code (130 for SIGINT, 143 for SIGTERM)."""
    import warnings

    from scrapy.crawler import CrawlerProcess
    from scrapy.exceptions import ScrapyDeprecationWarning

    from extractor.scrapy.spiders import ExtractorRedisSpider

    # scrapy-redis still passes the spider to the stats collector, which newer Scrapy warns about
    warnings.filterwarnings("ignore", "Passing a 'spider' argument", ScrapyDeprecationWarning)
    received: list[int] = []

    class Process(CrawlerProcess):
        def _signal_shutdown(self, signum: int, frame: Any) -> None:
            received.append(signum)
            super()._signal_shutdown(signum, frame)

    process = Process(settings, install_root_handler=True)
    process.crawl(ExtractorRedisSpider)
    process.start()
    if received:
        return 128 + int(signal.Signals(received[0]))
    return 0


__all__ = ["crawl_settings", "run_worker"]
