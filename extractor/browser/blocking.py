"""Requests no extraction needs, refused before they leave the browser: web fonts, audio and
video, and the analytics and ad networks. Pages render and settle sooner without them.

Bot-check, consent and paywall vendors are never on the list: their scripts are how a wall
shows itself. Two ways, by where the browser comes from:
  - a browser launched here gets it through its flags (``launch_flags``), at no cost a page:
    web fonts are not loaded, tracker hosts do not resolve, audio and video do not start playing
    by themselves (a video still loads what its ``preload`` asks for, its metadata by default);
  - a browser connected to (``--cdp-endpoint``), whose flags are not ours, gets it page by page
    (``block_unneeded``): Chromium is handed URL patterns (the DevTools ``Fetch`` domain) that
    hold back only the requests that may be on the list; ``blocked`` decides each one held, and
    it is refused or let go. Every other request goes through untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
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
    # Fetch URL patterns: "*" is any run of characters, "?" one character, "\\" escapes. A file
    # type ends the URL, or is followed by a query or a fragment; a tracker is the host itself or
    # any subdomain, with or without a port. The patterns may hold back a little more than the
    # list names (a tracker's address in another URL's path): ``blocked`` has the last word.
    found = [
        f"*.{ext}{end}"
        for kind in FONT_MEDIA_TYPES
        for ext in (kind, kind.upper())
        for end in ("", "\\?*", "#*")
    ]
    for host in TRACKER_HOSTS:
        found += [f"*://{sub}{host}{end}" for sub in ("", "*.") for end in ("/*", ":*")]
    return tuple(found)


# The requests Chromium holds back for ``blocked`` to decide.
HELD_URLS = _patterns()


def tracker_rules(hosts: tuple[str, ...] = TRACKER_HOSTS) -> str:
    """Host resolver rules under which each host, and any subdomain of it, does not resolve."""
    return ", ".join(f"MAP {sub}{host} ~NOTFOUND" for host in hosts for sub in ("", "*."))


def launch_flags() -> tuple[str, ...]:
    """Chromium flags that refuse, for every page of a browser launched with them, what
    ``block_unneeded`` refuses page by page: web fonts, tracker hosts, playing audio and video."""
    return (
        "--disable-remote-fonts",
        "--autoplay-policy=user-gesture-required",
        f"--host-resolver-rules={tracker_rules()}",
    )


def blocked(url: str) -> bool:
    """Whether ``url`` is refused: its path ends in a font or media file type, or its host is a
    tracker's (or a subdomain of one)."""
    parts = urlsplit(url)
    _, dot, ext = parts.path.rpartition("/")[2].rpartition(".")
    if dot and ext in _TYPES:
        return True
    host = (parts.hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in TRACKER_HOSTS)


_TYPES = frozenset(FONT_MEDIA_TYPES) | {t.upper() for t in FONT_MEDIA_TYPES}


async def block_unneeded(page: Page) -> None:
    """Refuse fonts, media and trackers in ``page`` alone, through a DevTools session of its own
    (for a browser whose flags are not ours)."""
    from playwright.async_api import Error as PlaywrightError

    devtools = await page.context.new_cdp_session(page)

    async def decide(event: dict[str, Any]) -> None:
        request_id = event["requestId"]
        try:
            if blocked(str(event["request"]["url"])):
                await devtools.send(
                    "Fetch.failRequest", {"requestId": request_id, "errorReason": "BlockedByClient"}
                )
            else:
                await devtools.send("Fetch.continueRequest", {"requestId": request_id})
        except PlaywrightError:
            pass  # the page or its request went away meanwhile

    devtools.on("Fetch.requestPaused", decide)
    patterns = [{"urlPattern": pattern, "requestStage": "Request"} for pattern in HELD_URLS]
    await devtools.send("Fetch.enable", {"patterns": patterns})


__all__ = [
    "FONT_MEDIA_TYPES",
    "HELD_URLS",
    "TRACKER_HOSTS",
    "block_unneeded",
    "blocked",
    "launch_flags",
    "tracker_rules",
]
