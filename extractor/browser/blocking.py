"""Requests no extraction needs, refused before they leave the browser: web fonts, audio and
video, and the analytics and ad networks. Pages render and settle sooner without them.

Bot-check, consent and paywall vendors are never on the list: their scripts are how a wall
shows itself. The patterns are matched by Playwright's route filter, so any other request goes
through untouched (no round trip to Python).
"""

from __future__ import annotations

import re

from playwright.async_api import BrowserContext, Route

# File types of web fonts and of audio/video.
FONT_MEDIA = re.compile(
    r"\.(?:woff2?|ttf|otf|eot|mp4|m4v|webm|ogv|ogg|mp3|m4a|wav|flac|mov|m3u8|mpd)(?:[?#]|$)",
    re.IGNORECASE,
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
TRACKERS = re.compile(
    r"^[a-z]+://(?:[^/?#]*\.)?(?:"
    + "|".join(re.escape(h) for h in TRACKER_HOSTS)
    + r")(?:[:/?#]|$)",
    re.IGNORECASE,
)


async def _refuse(route: Route) -> None:
    await route.abort("blockedbyclient")


async def block_unneeded(context: BrowserContext) -> None:
    """Refuse fonts, media and trackers in every page of ``context``."""
    await context.route(FONT_MEDIA, _refuse)
    await context.route(TRACKERS, _refuse)


__all__ = ["FONT_MEDIA", "TRACKERS", "TRACKER_HOSTS", "block_unneeded"]
