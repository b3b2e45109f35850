"""The Playwright side of a batch: one Playwright driver, browsers launched (or connected over
CDP) on demand by the pool, each page captured in its own fresh context; with
``Options.user_data_dir``, the persistent profile instead, whose pages share it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import replace
from typing import Any

from playwright.async_api import Browser, BrowserContext, Playwright
from playwright.async_api import Error as PlaywrightError

from extractor.browser import launch as browsers
from extractor.browser.capture import context_settings, prepare_context
from extractor.browser.runner import capture_with_images, private_playwright
from extractor.records import Extraction, Options, RenderedPage

# A capture, and its extraction when it had to be made during the capture.
Captured = tuple[RenderedPage, Extraction | None]


class PlaywrightEngine:
    """Starts what ``Options`` says: a browser (``--browser-path``, ``--cdp-endpoint``) or a
    persistent profile (``--user-data-dir``)."""

    def __init__(self, pw: Playwright, options: Options) -> None:
        self.pw = pw
        self.options = options

    async def launch(self) -> Browser | BrowserContext:
        if self.options.user_data_dir:
            profile = await browsers.open_profile(
                self.pw, self.options, context_settings(self.options)
            )
            await prepare_context(profile, self.options)
            return profile
        return await browsers.open_browser(self.pw, self.options)

    async def close(self, browser: Any) -> None:
        with suppress(PlaywrightError):
            await browser.close()

    def engines(self) -> list[PlaywrightEngine]:
        """One engine per CDP endpoint of ``Options.cdp_endpoint`` (this one when it names at most
        one), for a batch to spread its pages over."""
        endpoints = browsers.cdp_endpoints(self.options.cdp_endpoint)
        if len(endpoints) < 2:
            return [self]
        return [PlaywrightEngine(self.pw, replace(self.options, cdp_endpoint=e)) for e in endpoints]

    def connected(self, browser: Any) -> bool:
        if isinstance(browser, BrowserContext):
            return browser.browser is None or browser.browser.is_connected()
        return bool(browser.is_connected())


@asynccontextmanager
async def playwright_engine(options: Options) -> AsyncIterator[PlaywrightEngine]:
    """A Playwright driver for the block (temporary files in a folder of ours); it stops, and
    takes its browsers along, on exit."""
    async with private_playwright() as pw:
        yield PlaywrightEngine(pw, options)


async def capture(browser: Any, url: str, options: Options) -> Captured:
    """Capture ``url`` in a fresh context of ``browser`` (or a page of a persistent profile).

    With ``Options.save_images`` the article's images are taken through the page's own context
    before it closes, which needs the extraction then: it comes back with the page. Otherwise
    the extraction is left to the caller (None), to run off the event loop.
    """
    profile = browser if isinstance(browser, BrowserContext) else None
    live = None if profile is not None else browser
    return await capture_with_images(live, profile, url, options)


__all__ = ["PlaywrightEngine", "capture", "playwright_engine"]
