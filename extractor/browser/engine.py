"""The Playwright side of a batch: one Playwright driver, browsers launched (or connected over
CDP) on demand by the pool, each page captured in its own fresh context."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

from extractor.browser import launch as browsers
from extractor.browser.capture import capture_page
from extractor.records import Options, RenderedPage


class PlaywrightEngine:
    """Launches browsers as ``Options`` says (``--browser-path``, ``--cdp-endpoint``)."""

    def __init__(self, pw: Any, options: Options) -> None:
        self.pw = pw
        self.options = options

    async def launch(self) -> Any:
        return await browsers.open_browser(self.pw, self.options)

    async def close(self, browser: Any) -> None:
        from playwright.async_api import Error as PlaywrightError

        with suppress(PlaywrightError):
            await browser.close()

    def connected(self, browser: Any) -> bool:
        return bool(browser.is_connected())


@asynccontextmanager
async def playwright_engine(options: Options) -> AsyncIterator[PlaywrightEngine]:
    """A Playwright driver for the block; it stops (and takes its browsers along) on exit."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        yield PlaywrightEngine(pw, options)


async def capture(browser: Any, url: str, options: Options) -> RenderedPage:
    return await capture_page(browser, url, options)


__all__ = ["PlaywrightEngine", "capture", "playwright_engine"]
