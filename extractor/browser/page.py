"""Capture a page that a caller already drives (pytest-playwright's ``page``, sync API)."""

from __future__ import annotations

from playwright.sync_api import Page

from extractor.browser.scripts import OVERLAY_MIN_SHARE, script
from extractor.browser.watcher import COLLECT_JS, read_sightings
from extractor.records import RenderedPage, Wait

# The caller, not the extractor, loaded and settled the page.
WAIT_BY_CALLER = Wait(ended_by="caller", elapsed_ms=0)


def capture_playwright_page(page: Page) -> RenderedPage:
    """A RenderedPage from an already-open Playwright page that a test drove.

    The DOM is serialised now by the same in-page script a capture uses (shadow roots and
    same-origin frames inlined, hidden nodes dropped, overlays marked). There is no server HTML,
    status or headers: the caller loaded the page. Wall sightings are read when the extractor's
    watcher script was added to the context; otherwise there are none.
    """
    dom_html = page.evaluate(script("capture.js"), {"overlayMinShare": OVERLAY_MIN_SHARE})
    return RenderedPage(
        url=page.url,
        final_url=page.url,
        status=None,
        headers={},
        server_html=None,
        dom_html=str(dom_html),
        wait=WAIT_BY_CALLER,
        sightings=read_sightings(page.evaluate(COLLECT_JS)),
    )
