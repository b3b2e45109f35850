"""The rendered path of the benchmark: each saved page loaded in Chromium from 127.0.0.1.

The pages are served from memory by a local server; ``Options.allow_origins`` aborts every
request to any other origin, so the page's scripts run but nothing reaches the live web.
The time per page is the whole capture (navigation, settling, DOM capture) plus extraction.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from typing import Any

from extractor.api import open_session
from extractor.pipeline import extract_page
from extractor.records import Options
from tests.bench.run import Run
from tests.pageserver import serve_handler

# Settling budgets for a page whose sub-resources are all blocked: they only shorten waits
# that would otherwise end at their caps.
BENCH_OPTIONS = Options(
    timeout_ms=20_000, network_idle_ms=2_000, quiet_ms=300, quiet_cap_ms=2_000,
    scroll_budget_ms=1_500,
)  # fmt: skip


@contextmanager
def serve(pages: dict[str, str]) -> Iterator[str]:
    """Serve ``/<id>.html`` from memory on a free loopback port; yields the origin."""
    bodies = {f"/{pid}.html": html.encode("utf-8") for pid, html in pages.items()}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = bodies.get(self.path.split("?")[0])
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serve_handler(Handler) as origin:
        yield origin


async def _render_all(pages: dict[str, str], origin: str, run: Run) -> None:
    options = Options(**{**BENCH_OPTIONS.__dict__, "allow_origins": (origin,)})
    async with open_session(options) as session:
        for pid in pages:
            start = time.perf_counter()
            try:
                page = await session.capture(f"{origin}/{pid}.html")
                markdown = extract_page(page, options).markdown
            except Exception as exc:  # one bad page is a zero score, not a lost run
                print(f"rendered {pid}: {type(exc).__name__}: {exc}")
                markdown = ""
            run.ms.append((time.perf_counter() - start) * 1000)
            run.outputs[pid] = markdown


def run_rendered(pages: dict[str, str], truth: dict[str, dict[str, str]]) -> Run:
    """Capture every page in one browser, one page at a time, and extract it."""
    run = Run("ours-rendered")
    with serve(pages) as origin:
        asyncio.run(_render_all(pages, origin, run))
    return run
