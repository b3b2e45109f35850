import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from extractor.browser import launch
from extractor.browser.blocking import (
    FONT_MEDIA_TYPES,
    HELD_URLS,
    TRACKER_HOSTS,
    block_unneeded,
    blocked,
    tracker_rules,
)
from extractor.records import Options
from tests.livebrowser import Browser

FONTS_AND_MEDIA = [
    ("https://cdn.example/fonts/Inter.woff2", True),
    ("https://cdn.example/f/a.TTF?v=3", True),
    ("https://media.example/clip.mp4#t=2", True),
    ("https://media.example/live/index.m3u8", True),
    ("https://cdn.example/img/photo.jpg", False),
    ("https://cdn.example/app.js", False),
    ("https://example.com/woff2-guide/", False),
    ("https://cdn.example/styles.css?font=woff2", False),
    ("https://www.webmd.com/a-z", False),  # a host that starts like a file type
    ("https://example.com/a.mov/index.html", False),  # the type does not end the path
]
TRACKERS = [
    ("https://www.google-analytics.com/analytics.js", True),
    ("https://www.googletagmanager.com/gtm.js?id=GTM-1", True),
    ("https://securepubads.g.doubleclick.net/tag/js/gpt.js", True),
    ("https://connect.facebook.net/en_US/fbevents.js", True),
    ("https://cdn.taboola.com/libtrc/site/loader.js", True),
    ("https://example.com/google-analytics.com/page", False),
    ("https://notdoubleclick.net.example.com/x", False),
    ("https://challenges.cloudflare.com/turnstile/v0/api.js", False),  # walls show themselves
    ("https://js.captcha-delivery.com/captcha/", False),
    ("https://cdn.cookielaw.org/scripttemplates/otSDKStub.js", False),  # consent managers too
    ("https://www.facebook.com/story", False),
]


@pytest.mark.parametrize(("url", "refused"), FONTS_AND_MEDIA)
def test_fonts_and_media(url: str, refused: bool) -> None:
    assert blocked(url) is refused


@pytest.mark.parametrize(("url", "refused"), TRACKERS)
def test_trackers(url: str, refused: bool) -> None:
    assert blocked(url) is refused


def test_every_type_and_host_has_its_patterns() -> None:
    for kind in FONT_MEDIA_TYPES:
        for ext in (kind, kind.upper()):
            assert {f"*.{ext}", f"*.{ext}\\?*", f"*.{ext}#*"} <= set(HELD_URLS)
    for host in TRACKER_HOSTS:
        assert {f"*://{host}/*", f"*://*.{host}/*", f"*://{host}:*", f"*://*.{host}:*"} <= set(
            HELD_URLS
        )


async def _refused_by_chromium(browser: Any, base: str, urls: list[str]) -> dict[str, bool]:
    """Each URL asked for by a page with the list applied: whether Chromium itself refused it
    (refused by the client, "net::ERR_BLOCKED_BY_CLIENT.Inspector"), as against failing or loading otherwise."""
    context = await browser.new_context()
    try:
        page = await context.new_page()
        await block_unneeded(page)
        failures: dict[str, str] = {}
        page.on("requestfailed", lambda r: failures.__setitem__(r.url, r.failure or ""))
        await page.goto(base + "blocking-fonts-media/")
        await page.evaluate(
            "urls => Promise.all(urls.map(u => fetch(u, {mode: 'no-cors'}).catch(() => null)))",
            urls,
        )
        return {u: failures.get(u) == "net::ERR_BLOCKED_BY_CLIENT.Inspector" for u in urls}
    finally:
        await context.close()


def test_chromium_refuses_what_the_list_says(live: Browser, pages_url: str) -> None:
    # local files of every kind, and trackers (which would fail to resolve here: only a refusal
    # by the list itself counts)
    local = [
        pages_url + path
        for path in ("f/Inter.woff2", "f/a.TTF?v=3", "clip.webm", "photo.jpg", "a.mov/x.html")
    ]
    # held back by a tracker's pattern (its address in the query), then let go by the rule
    local.append(pages_url + "photo.jpg?next=https://www.google-analytics.com/")
    remote = [url for url, _ in TRACKERS[:6]]
    urls = local + remote
    refused = live.call(_refused_by_chromium(live.session.browser, pages_url, urls))
    assert refused == {url: blocked(url) for url in urls}
    assert sum(refused.values()) == 3 + 5  # so the comparison cannot pass by refusing nothing


def _serve_recording() -> tuple[ThreadingHTTPServer, list[str]]:
    """A server on 127.0.0.1 that answers every path and records ``host path`` of each request."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(f"{self.headers.get('Host', '').split(':')[0]} {self.path}")
            port = self.server.server_address[1]
            body = PAGE.replace("PORT", str(port)).encode() if self.path == "/" else b"x"
            self.send_response(200)
            self.send_header("Content-Type", "text/html" if self.path == "/" else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, seen


# A page that asks for a web font, two scripts of a tracker (its host and a subdomain) and one of
# another host; under the test's rules every .example host resolves to the server above.
PAGE = """<!doctype html><html><head><style>
@font-face { font-family: Body; src: url(/f.woff2) format("woff2"); }
body { font-family: Body, serif; }
</style></head><body><p>A page with a web font and some scripts.</p>
<script src="http://tracker.example:PORT/t.js"></script>
<script src="http://ads.tracker.example:PORT/a.js"></script>
<script src="http://cdn.example:PORT/app.js"></script>
</body></html>"""


async def _requests_seen(flags: list[str]) -> list[str]:
    from playwright.async_api import async_playwright

    server, seen = _serve_recording()
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=launch.find_browser(), args=flags)
            try:
                page = await browser.new_page()
                await page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
            finally:
                await browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return sorted(seen)


@pytest.mark.browser
def test_a_launched_browser_refuses_fonts_and_trackers_by_its_flags() -> None:
    base = launch.launch_flags(Options(block_unneeded=False))
    resolve = "MAP *.example 127.0.0.1"  # after ours: the first rule that matches a host wins
    ours = [f for f in launch.launch_flags() if f not in base]
    rules = [f for f in ours if f.startswith("--host-resolver-rules=")]
    assert len(rules) == 1  # the tracker list itself, turned into rules
    assert "MAP *.doubleclick.net ~NOTFOUND" in rules[0]
    refusing = [f for f in ours if f not in rules]
    refusing.append(f"--host-resolver-rules={tracker_rules(('tracker.example',))}, {resolve}")
    loading = asyncio.run(_requests_seen([*base, f"--host-resolver-rules={resolve}"]))
    refused = asyncio.run(_requests_seen([*base, *refusing]))
    # without the flags the page asks for all of it; with them, for its own page and app only
    assert loading == [
        "127.0.0.1 /",
        "127.0.0.1 /f.woff2",
        "ads.tracker.example /a.js",
        "cdn.example /app.js",
        "tracker.example /t.js",
    ]
    assert refused == ["127.0.0.1 /", "cdn.example /app.js"]
