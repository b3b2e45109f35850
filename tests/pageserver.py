"""A small HTTP server for the fixture pages under tests/pages/, on 127.0.0.1 only.

- ``/<case>/`` serves ``tests/pages/<case>/index.html``; other files by path.
- ``?delay=MS`` on any request holds the response for MS milliseconds (slow APIs, late content).
- ``tests/pages/<case>/_headers.json`` maps a file name to ``{"status": 403, "headers": {...}}``
  for pages that must come with a given status or response headers (bot checks, WAF blocks);
  ``"require": {"referer": PART, "cookie": "name=value"}`` answers 403 to a request whose Referer
  lacks PART or that lacks the cookie (hotlink protection, as image CDNs do it).
- ``/_hang`` never answers within a test's patience (timeouts); ``/_binary`` is not HTML;
  ``/_hits?path=/case/file`` says how many times that path was asked for.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

PAGES = Path(__file__).parent / "pages"
# requests per path, over every server of the test session
HITS: Counter[str] = Counter()
# requests per User-Agent, over every server of the test session
AGENTS: Counter[str] = Counter()


class _Handler(SimpleHTTPRequestHandler):
    root = PAGES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.root), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if "delay" in query:
            time.sleep(int(query["delay"][0]) / 1000)
        if parts.path == "/_hits":
            body = str(HITS[query.get("path", [""])[0]]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        HITS[parts.path] += 1
        AGENTS[self.headers.get("User-Agent", "")] += 1
        if parts.path == "/_hang":
            time.sleep(30)
            return
        if parts.path == "/_binary":
            body = bytes(range(256)) * 64
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        override = self._override(parts.path)
        if override is None:
            super().do_GET()
            return
        if not self._allowed(override.get("require", {})):
            self.send_error(403, "Hotlinking is not allowed")
            return
        target = self.translate_path(parts.path)
        if Path(target).is_dir():
            target = str(Path(target) / "index.html")
        body = Path(target).read_bytes()
        self.send_response(int(override.get("status", 200)))
        headers = {"Content-Type": "text/html; charset=utf-8", **override.get("headers", {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _override(self, path: str) -> dict[str, Any] | None:
        pieces = [p for p in path.split("/") if p]
        if not pieces:
            return None
        spec = self.root / pieces[0] / "_headers.json"
        if not spec.is_file():
            return None
        name = "/".join(pieces[1:]) if len(pieces) > 1 else "index.html"
        found: dict[str, Any] | None = json.loads(spec.read_text()).get(name)
        return found

    def _allowed(self, require: dict[str, str]) -> bool:
        referer = self.headers.get("Referer", "")
        if "referer" in require and require["referer"] not in referer:
            return False
        cookies = [c.strip() for c in self.headers.get("Cookie", "").split(";")]
        return "cookie" not in require or require["cookie"] in cookies

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextmanager
def serve_handler(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run an HTTP server with this handler on a free loopback port, in a thread of its own,
    for as long as the block runs; yields its origin ("http://127.0.0.1:PORT")."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_pages(root: Path = PAGES) -> Iterator[str]:
    """Serve ``root`` (tests/pages) on a free loopback port; yields the base URL (ending in '/')."""
    with serve_handler(type("_RootHandler", (_Handler,), {"root": root})) as origin:
        yield origin + "/"
