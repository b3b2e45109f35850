"""One browser, many pages: a browser started (or reached) for a block, a fresh context per page
(or, with ``Options.user_data_dir``, one persistent profile whose pages share it)."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress

from playwright.async_api import Browser, BrowserContext, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from extractor.browser import launch as browsers
from extractor.browser.capture import capture_page, context_settings, prepare_context
from extractor.browser.network import Network
from extractor.notes.attachments import article_images
from extractor.pipeline import extract_page
from extractor.records import Extraction, Options, RenderedPage

DEFAULT_OPTIONS = Options()


class Session:
    """One browser, many pages; each capture gets its own fresh context (or a page of ``profile``)."""

    def __init__(
        self, browser: Browser | None, options: Options, profile: BrowserContext | None = None
    ) -> None:
        self.browser = browser
        self.options = options
        self.profile = profile

    async def capture(
        self, url: str, options: Options | None = None, net: Network | None = None
    ) -> RenderedPage:
        """Render one page; ``net`` records its network to a HAR or replays it from one."""
        opts = options or self.options
        return await capture_page(self.browser, url, opts, self.profile, net=net)

    async def extract(self, url: str, options: Options | None = None) -> Extraction:
        return (await self.capture_and_extract(url, options))[1]

    async def capture_and_extract(
        self, url: str, options: Options | None = None
    ) -> tuple[RenderedPage, Extraction]:
        """Capture and extract; with ``Options.save_images`` the article's images are taken
        through the page's own session before its context closes."""
        opts = options or self.options
        page, extraction = await capture_with_images(self.browser, self.profile, url, opts)
        return page, extraction or extract_page(page, opts)


async def capture_with_images(
    browser: Browser | None, profile: BrowserContext | None, url: str, opts: Options
) -> tuple[RenderedPage, Extraction | None]:
    """Capture ``url``; with ``Options.save_images`` the article's images are taken through the
    page's own context before it closes, which needs the extraction then: it comes back with
    the page. Otherwise the extraction is left to the caller (None)."""
    if not opts.save_images:
        return await capture_page(browser, url, opts, profile), None
    extracted: list[Extraction] = []

    def wanted(page: RenderedPage) -> list[str]:
        extracted.append(extract_page(page, opts))
        return article_images(extracted[-1].article_html)

    page = await capture_page(browser, url, opts, profile, images=wanted)
    return page, extracted[-1] if extracted else None


@asynccontextmanager
async def open_session(options: Options | None = None) -> AsyncIterator[Session]:
    """Start (or connect to) a browser for the block; it is closed however the block ends."""
    opts = options or DEFAULT_OPTIONS
    async with private_playwright() as pw:
        if opts.user_data_dir:
            profile = await browsers.open_profile(pw, opts, context_settings(opts))
            try:
                await prepare_context(profile, opts)
                yield Session(None, opts, profile)
            finally:
                await asyncio.shield(_close(profile))
            return
        browser = await browsers.open_browser(pw, opts)
        try:
            yield Session(browser, opts)
        finally:
            await asyncio.shield(_close(browser))


@asynccontextmanager
async def private_playwright() -> AsyncIterator[Playwright]:
    """A Playwright driver whose temporary files (and Chromium's) go to a folder of ours, removed
    with them, so none is left behind even when a Ctrl-C to the process group stops them before
    they tidy up. (A short name: Chromium makes a socket in there, and a socket path has ~100
    characters.)"""
    with tempfile.TemporaryDirectory(prefix="x", ignore_cleanup_errors=True) as tmp:
        with _tmpdir_for_children(tmp):
            pw = await async_playwright().start()  # the driver starts with this TMPDIR
        try:
            yield pw
        finally:
            await pw.stop()


@contextmanager
def _tmpdir_for_children(folder: str) -> Iterator[None]:
    """TMPDIR for the processes started inside the block (Playwright's driver copies the
    environment when it starts, and Chromium inherits the driver's)."""
    before = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = folder
    try:
        yield
    finally:
        if before is None:
            del os.environ["TMPDIR"]
        else:
            os.environ["TMPDIR"] = before


async def _close(browser: Browser | BrowserContext) -> None:
    with suppress(PlaywrightError):
        await browser.close()
