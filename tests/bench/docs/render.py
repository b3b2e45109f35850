"""Pages that a documentation site renders in the browser (docsify): serve, load, save the DOM.

The site folder is served on loopback for the duration of the call; each hash route is loaded in
Chromium and its settled DOM returned. The server and the browser end with the call.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


def render_hash_routes(root: Path, routes: list[str], ready: str = "#main h1") -> dict[str, str]:
    """``{route: settled DOM}`` for ``index.html#/<route>`` of the site in ``root``."""
    from playwright.sync_api import sync_playwright

    from extractor.browser.launch import launch_args

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pages: dict[str, str] = {}
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(**launch_args())
            try:
                for route in routes:
                    page = browser.new_page()
                    page.goto(f"{base}#/{route}")
                    page.wait_for_selector(ready)
                    page.wait_for_load_state("networkidle")
                    pages[route] = page.content()
                    page.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return pages
