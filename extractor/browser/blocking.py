"""Requests no extraction needs, refused before they leave the browser: web fonts, audio and
video, and the analytics and ad networks. Pages render and settle sooner without them.

Bot-check, consent and paywall vendors are never on the list: their scripts are how a wall
shows itself. The list is handed to Chromium's own URL blocklist (the DevTools
``Network.setBlockedURLs``, as URL patterns), so no request is held up for a round trip to a
route handler: every request the list does not name goes through untouched.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.async_api import Page

# File types of web fonts and of audio/video (refused in lower or upper case), at the end of a
# URL's path.
FONT_MEDIA_TYPES = (
    "woff",
    "woff2",
    "ttf",
    "otf",
    "eot",
    "mp4",
    "m4v",
    "webm",
    "ogv",
    "ogg",
    "mp3",
    "m4a",
    "wav",
    "flac",
    "mov",
    "m3u8",
    "mpd",
)
# Hosts of analytics, tag managers and ad networks (a request to one or a subdomain is refused).
TRACKER_HOSTS = (
    "google-analytics.com",
    "googletagmanager.com",
    "googletagservices.com",
    "googlesyndication.com",
    "doubleclick.net",
    "adservice.google.com",
    "connect.facebook.net",
    "scorecardresearch.com",
    "quantserve.com",
    "chartbeat.com",
    "chartbeat.net",
    "hotjar.com",
    "clarity.ms",
    "mixpanel.com",
    "segment.io",
    "cdn.segment.com",
    "js-agent.newrelic.com",
    "bam.nr-data.net",
    "amazon-adsystem.com",
    "adnxs.com",
    "criteo.com",
    "criteo.net",
    "pubmatic.com",
    "rubiconproject.com",
    "moatads.com",
    "taboola.com",
    "outbrain.com",
    "bat.bing.com",
)


def _patterns() -> tuple[str, ...]:
    # URL patterns (the web's URLPattern syntax): any scheme and port; a file type ends the path
    # (any query may follow); a tracker is the host itself or any of its subdomains
    found = [f"*://*:*/*.{ext}" for kind in FONT_MEDIA_TYPES for ext in (kind, kind.upper())]
    for host in TRACKER_HOSTS:
        found += [f"*://{host}:*/*", f"*://*.{host}:*/*"]
    return tuple(found)


# What Chromium is told to refuse.
BLOCKED_URLS = _patterns()


def blocked(url: str) -> bool:
    """Whether ``BLOCKED_URLS`` refuses ``url``: the same rule, said in Python."""
    parts = urlsplit(url)
    _, dot, ext = parts.path.rpartition("/")[2].rpartition(".")
    if dot and ext in _TYPES:
        return True
    host = (parts.hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in TRACKER_HOSTS)


_TYPES = frozenset(FONT_MEDIA_TYPES) | {t.upper() for t in FONT_MEDIA_TYPES}


async def block_unneeded(page: Page) -> None:
    """Refuse fonts, media and trackers in ``page`` (a DevTools session of its own)."""
    devtools = await page.context.new_cdp_session(page)
    await devtools.send("Network.enable")
    patterns = [{"urlPattern": pattern, "block": True} for pattern in BLOCKED_URLS]
    await devtools.send("Network.setBlockedURLs", {"urlPatterns": patterns})


__all__ = ["BLOCKED_URLS", "FONT_MEDIA_TYPES", "TRACKER_HOSTS", "block_unneeded", "blocked"]
