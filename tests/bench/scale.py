"""Throughput and memory of batches, side by side in one run (the machine is shared and noisy).

    .venv/bin/python -m tests.bench.scale                 # all three parts
    .venv/bin/python -m tests.bench.scale --long 300      # a shorter memory run

Pages: the saved pages of ../shared/benchmarks (read from there) plus script-rendered pages
made here (an empty shell whose script fetches the article as JSON and builds it, some after a
timer). They are served from 127.0.0.1 with a Content-Security-Policy that keeps every
sub-resource on that origin, so nothing reaches the network and no request is intercepted.

1. one batch (``extractor --urls``) against a process launched per URL, on the same pages;
2. the product's capture against a bare Playwright ``goto(load)`` + ``content()``, on the same
   pages with the same browser and number of contexts, and where the capture's time goes; the
   two take turns, so that the machine's changing load falls on both: in rounds of a few pages
   (each round as slow as its slowest page) and as one pool of all the pages (a batch's
   throughput, where other pages fill one page's wait);
3. peak memory of the batch's whole process tree (Python and Chromium) at pages 100, 500, 1000,
   and of its Python process alone (what grew when results were kept); a long run prints its
   progress on stderr every 100 pages. On 2 shared cores 1,000 pages take about 25 minutes:
   run it in the background (``nohup ... > out.txt &``) rather than under a command time limit.
Parts 1 and 2 report the page split of tests/bench/split.py apart (tuned / measured-only).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import hashlib
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from extractor.batch.memory import rss_bytes, tree_rss_bytes
from extractor.batch.timing import PHASES, mean_breakdown
from extractor.records import Options
from tests.bench.corpora import BENCHMARKS
from tests.pageserver import serve_handler

SHARED = BENCHMARKS  # $EXTRACTOR_SHARED, else ../shared beside the checkout
CORPORA = ("zyte-dev", "wcxb-dev-sample", "classic-mix")
CSP = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:"
SCRIPTED = 40  # script-rendered pages made here
WORDS = [
    "harbour",
    "council",
    "budget",
    "river",
    "station",
    "survey",
    "tram",
    "winter",
    "market",
    "bridge",
    "library",
    "school",
    "report",
    "weather",
    "festival",
    "railway",
    "museum",
    "garden",
    "ferry",
    "island",
    "mayor",
    "court",
    "hospital",
]


def is_tuned(page_id: str) -> bool:
    """The split rule: a hash of the page id; even goes to the tuned part."""
    return int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 2 == 0


# -- the pages ---------------------------------------------------------------------------------


def saved_pages(limit: int) -> dict[str, bytes]:
    """Up to ``limit`` saved pages, taken evenly from each corpus (id -> HTML bytes)."""
    pages: dict[str, bytes] = {}
    for corpus in CORPORA:
        folder = SHARED / corpus / "html"
        if not folder.is_dir():
            continue
        files = sorted(
            folder.glob("*.html.gz"), key=lambda p: hashlib.sha256(p.name.encode()).hexdigest()
        )
        for path in files[: limit // len(CORPORA)]:
            pages[f"{corpus}/{path.name.removesuffix('.html.gz')}"] = gzip.decompress(
                path.read_bytes()
            )
    return pages


SHELL = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loading</title>
<meta name="description" content="{desc}"></head><body><header><nav><a href="/">Home</a>
<a href="/news">News</a></nav></header><main id="app"><p>Loading…</p></main>
<script>
setTimeout(function () {{
  fetch("/data/{pid}.json").then(function (r) {{ return r.json(); }}).then(function (d) {{
    document.title = d.title;
    var a = document.createElement("article");
    a.innerHTML = "<h1>" + d.title + "</h1><p class=byline>By " + d.author + "</p>" +
      d.paragraphs.map(function (p) {{ return "<p>" + p + "</p>"; }}).join("") +
      "<figure><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' alt='" + d.title +
      "'><figcaption>" + d.caption + "</figcaption></figure>";
    var app = document.getElementById("app"); app.innerHTML = ""; app.appendChild(a);
  }});
}}, {delay});
</script><footer><p>© The Local Paper</p></footer></body></html>"""


def scripted_pages(count: int) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Pages whose article only a browser sees, and the JSON their scripts fetch."""
    pages, data = {}, {}
    for n in range(count):
        rng = random.Random(n)
        pid = f"scripted/{n:03d}"
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 70))).capitalize() + "."
            for _ in range(rng.randint(4, 12))
        ]
        record = {"title": title, "author": "Sam Reporter", "paragraphs": paragraphs,
                  "caption": f"The {rng.choice(WORDS)} at dawn."}  # fmt: skip
        data[f"{n:03d}"] = json.dumps(record).encode()
        shell = SHELL.format(desc=title, pid=f"{n:03d}", delay=rng.choice((0, 50, 300)))
        pages[pid] = shell.encode()
    return pages, data


@contextmanager
def serve(pages: dict[str, bytes], data: dict[str, bytes]) -> Iterator[str]:
    """``/p/<id>`` (any query) and ``/data/<n>.json`` on a free loopback port."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            body, kind = None, "text/html; charset=utf-8"
            if path.startswith("/p/"):
                body = pages.get(path[3:])
            elif path.startswith("/data/"):
                body, kind = data.get(path[6:].removesuffix(".json")), "application/json"
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Security-Policy", CSP)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body or b"")  # a page closed before its body was read

        def handle(self) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()  # a page closed while its request was still being answered

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serve_handler(Handler) as origin:
        yield origin


# -- 1. batch against a process per URL ----------------------------------------------------------


def extractor_cmd() -> list[str]:
    found = shutil.which("extractor", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "extractor"]


def run_batch_cli(urls: list[str], concurrency: int) -> float:
    """Seconds for one ``extractor --urls`` process over ``urls``."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(urls) + "\n")
    start = time.perf_counter()
    subprocess.run(
        [*extractor_cmd(), "--urls", handle.name, "--format", "json", "-q",
         "--concurrency", str(concurrency)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    Path(handle.name).unlink()
    return time.perf_counter() - start


def run_per_url(urls: list[str]) -> float:
    """Seconds for one ``extractor URL`` process per URL, one after another."""
    start = time.perf_counter()
    for url in urls:
        subprocess.run(
            [*extractor_cmd(), url, "--format", "json", "-q"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
        )  # fmt: skip
    return time.perf_counter() - start


def part_batch(origin: str, ids: list[str], concurrency: int) -> None:
    print(f"\n1. batch (--concurrency {concurrency}) against a process per URL")
    print(f"   {'part':<14}{'pages':>6}{'per-URL p/s':>13}{'batch p/s':>11}{'ratio':>8}")
    for name, part in split_parts(ids):
        urls = [f"{origin}/p/{pid}" for pid in part]
        per_url = len(urls) / run_per_url(urls)
        batch = len(urls) / run_batch_cli(urls, concurrency)
        print(f"   {name:<14}{len(urls):>6}{per_url:>13.2f}{batch:>11.2f}{batch / per_url:>7.2f}x")


def split_parts(ids: list[str]) -> list[tuple[str, list[str]]]:
    return [
        ("tuned", [i for i in ids if is_tuned(i)]),
        ("measured-only", [i for i in ids if not is_tuned(i)]),
    ]


# -- 2. capture against bare Playwright ----------------------------------------------------------


async def _bare(browser: Any, url: str) -> None:
    context = await browser.new_context()
    try:
        page = await context.new_page()
        await page.goto(url, wait_until="load", timeout=30_000)
        await page.content()
    finally:
        await context.close()


async def _timed_all(jobs: list[Any], concurrency: int) -> float:
    gate = asyncio.Semaphore(concurrency)

    async def one(job: Any) -> None:
        async with gate:
            try:
                await job()
            except Exception as exc:  # a page that fails is timed like the others
                print(f"   ({type(exc).__name__}: {str(exc)[:80]})")

    start = time.perf_counter()
    await asyncio.gather(*(one(j) for j in jobs))
    return time.perf_counter() - start


async def _side_by_side(
    urls: list[str], size: int, concurrency: int, bare: Any, ours: Any
) -> tuple[float, float]:
    """Seconds for the bare loads and for the captures of ``urls``, taken in turns of ``size``
    pages, each turn one pool of ``concurrency`` contexts, the two sides taking turns to go
    first so that a change in the machine's load falls on both alike. Rounds of a few pages
    weigh each round's slowest page (a page that waits long holds its round up); one pool of
    all the pages is the throughput of a batch, where other pages fill that wait."""
    bare_s = ours_s = 0.0
    for turn, at in enumerate(range(0, len(urls), size)):
        chunk = urls[at : at + size]
        bare_jobs = [lambda u=u: bare(u) for u in chunk]
        our_jobs = [lambda u=u: ours(u) for u in chunk]
        if turn % 2 == 0:
            bare_s += await _timed_all(bare_jobs, concurrency)
            ours_s += await _timed_all(our_jobs, concurrency)
        else:
            ours_s += await _timed_all(our_jobs, concurrency)
            bare_s += await _timed_all(bare_jobs, concurrency)
    return bare_s, ours_s


async def _capture_vs_bare(origin: str, ids: list[str], concurrency: int, options: Options) -> None:
    from playwright.async_api import async_playwright

    from extractor.browser.capture import capture_page
    from extractor.browser.launch import open_browser

    print(f"\n2. capture against bare Playwright goto(load) + content(), {concurrency} contexts")
    print(f"   {'part':<14}{'as':<12}{'pages':>6}{'bare s':>9}{'capture s':>11}{'ratio':>8}")
    async with async_playwright() as pw:
        browser = await open_browser(pw, options)
        timings: list[dict[str, int]] = []

        async def ours(url: str) -> None:
            page = await capture_page(browser, url, options)
            timings.append(page.timings)

        try:
            for name, part in split_parts(ids):
                urls = [f"{origin}/p/{pid}?c" for pid in part]
                # rounds of a few pages; then one pool of them all, twice (each side first once)
                for way, size, times in (
                    ("rounds", 2 * concurrency, 1),
                    ("one pool", len(urls), 2),
                ):
                    bare, capture = await _side_by_side(
                        urls * times, size, concurrency, lambda u: _bare(browser, u), ours
                    )
                    bare, capture = bare / times, capture / times  # seconds for the part once
                    print(f"   {name:<14}{way:<12}{len(urls):>6}{bare:>9.1f}{capture:>11.1f}"
                          f"{capture / bare:>7.2f}x")  # fmt: skip
        finally:
            await browser.close()
    means = mean_breakdown(timings)
    print("   where a capture's time goes (mean ms per page): "
          + ", ".join(f"{p} {means[p]:.0f}" for p in PHASES if p != "extraction"))  # fmt: skip


# -- 3. memory over one long batch ---------------------------------------------------------------


def part_memory(origin: str, ids: list[str], total: int, concurrency: int) -> None:
    marks = [m for m in (100, 500, 1000) if m <= total] or [total]
    print(f"\n3. peak memory of the process tree over one batch of {total} pages")
    urls = [f"{origin}/p/{ids[i % len(ids)]}?n={i}" for i in range(total)]
    proc = subprocess.Popen(
        [*extractor_cmd(), "--urls", "-", "--format", "json", "-q", "--concurrency", str(concurrency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(("\n".join(urls) + "\n").encode())
    proc.stdin.close()
    done = [0]

    def count() -> None:
        assert proc.stdout is not None
        for _ in proc.stdout:
            done[0] += 1

    reader = threading.Thread(target=count, daemon=True)
    reader.start()
    samples: list[tuple[int, int, int]] = []  # (pages done, tree RSS, the Python process's RSS)
    start = time.perf_counter()
    shown = 0
    while proc.poll() is None:
        samples.append((done[0], tree_rss_bytes(proc.pid), rss_bytes(proc.pid)))
        if done[0] >= shown + 100:  # a long run shows that it is moving (stderr: not the figures)
            shown = done[0] // 100 * 100
            print(f"   ... {done[0]} pages, {time.perf_counter() - start:.0f} s", file=sys.stderr)
        time.sleep(0.25)
    reader.join()
    seconds = time.perf_counter() - start
    window = max(1, min(marks) // 2)
    print(f"   {done[0]} pages in {seconds:.0f} s ({done[0] / seconds:.2f} pages/s)")
    print(f"   {'pages':<12}{'tree peak MB':>14}{'Python peak MB':>16}")
    peaks: dict[int, tuple[int, int]] = {}
    for mark in marks:
        inside = [(tree, own) for n, tree, own in samples if mark - window < n <= mark]
        peaks[mark] = (max(t for t, _ in inside), max(o for _, o in inside)) if inside else (0, 0)
        label = f"{mark - window + 1}-{mark}"
        print(f"   {label:<12}{peaks[mark][0] / 2**20:>14.0f}{peaks[mark][1] / 2**20:>16.0f}")
    first, last = peaks[marks[0]], peaks[marks[-1]]
    if first[0] and first[1]:
        print(f"   page {marks[-1]} against page {marks[0]}: tree {last[0] / first[0]:.2f}x, "
              f"Python {last[1] / first[1]:.2f}x")  # fmt: skip
    print(f"   overall tree peak {max(t for _, t, _ in samples) / 2**20:.0f} MB, "
          f"median {statistics.median(t for _, t, _ in samples) / 2**20:.0f} MB")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tests.bench.scale", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--pages", type=int, default=60, help="saved pages taken (60)")
    ap.add_argument("--per-url", type=int, default=24, help="pages in part 1 (24)")
    ap.add_argument("--long", type=int, default=1000, help="pages of the memory batch (1000)")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--parts", default="1,2,3")
    args = ap.parse_args(argv)
    saved = saved_pages(args.pages)
    scripted, data = scripted_pages(SCRIPTED)
    pages = {**saved, **scripted}
    ids = sorted(pages, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    print(f"{len(saved)} saved pages + {len(scripted)} script-rendered pages, served on 127.0.0.1")
    parts = set(args.parts.split(","))
    with serve(pages, data) as origin:
        if "1" in parts:
            part_batch(origin, ids[: args.per_url], args.concurrency)
        if "2" in parts:
            asyncio.run(_capture_vs_bare(origin, ids, args.concurrency, Options()))
        if "3" in parts:
            part_memory(origin, ids, args.long, args.concurrency)
    return 0


if __name__ == "__main__":
    sys.exit(main())
