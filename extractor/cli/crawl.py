"""``extractor crawl``: a worker that renders the URLs pushed to a Redis list (Scrapy with
scrapy-redis), on as many machines as you like."""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Sequence

from extractor.cli.options import ArgumentParser, add_render_options, render_settings
from extractor.errors import UsageError
from extractor.records import Options

EXAMPLES = """\
examples:
  extractor crawl --redis redis://localhost:6379/0 --key urls --out-dir notes
  redis-cli LPUSH urls https://example.com/a https://example.com/b
  extractor crawl --redis redis://queue.internal:6379/0 --key urls > items.jsonl
"""


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(
        prog="extractor crawl",
        description="Render every URL pushed to a Redis list, once across all workers, "
        "until stopped (SIGTERM or Ctrl-C).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--redis", required=True, metavar="URL", help="redis://HOST:PORT/DB")
    p.add_argument("--key", required=True, metavar="KEY", help="the Redis list URLs are pushed to")
    p.add_argument(
        "--out-dir", metavar="DIR", help="write notes and a manifest here (else JSON Lines)"
    )
    p.add_argument("-f", "--format", choices=("markdown", "json", "html"), default="markdown")
    p.add_argument("--concurrency", type=int, default=4, metavar="N", help="pages at once (4)")
    p.add_argument(
        "--recycle-pages", type=int, default=100, metavar="N", help="fresh browser after N (100)"
    )
    p.add_argument("-v", "--verbose", action="store_true", help="Scrapy's log at INFO level")
    add_render_options(p)
    return p


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    if args.concurrency < 1:
        raise UsageError("--concurrency must be at least 1")
    for module in ("scrapy", "scrapy_redis", "redis"):
        if importlib.util.find_spec(module) is None:
            raise UsageError(f"extractor crawl needs {module}: pip install 'extractor[scrapy]'")
    from extractor.scrapy.crawl import crawl_settings, run_worker

    settings = crawl_settings(
        args.redis,
        args.key,
        Options(**render_settings(args)),
        out_dir=args.out_dir,
        fmt=args.format,
        concurrency=args.concurrency,
        log_level="INFO" if args.verbose else "WARNING",
    )
    settings["EXTRACTOR_RECYCLE_PAGES"] = args.recycle_pages
    return run_worker(settings)


__all__ = ["build_parser", "main"]
