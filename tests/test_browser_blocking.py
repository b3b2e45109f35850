from typing import Any

import pytest

from extractor.browser.blocking import (
    FONT_MEDIA_TYPES,
    HELD_URLS,
    TRACKER_HOSTS,
    block_unneeded,
    blocked,
)
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
