"""Render one page in a browser context and capture both of its views.

``capture_page`` reads like the steps it takes, all under one hard ``Options.timeout_ms``:
  1. open a fresh context (pinned viewport, locale, time zone; the wall watcher; origin gate),
     or a page in a persistent profile, with the user's session for the URL (``session.py``);
     fonts, media and trackers are refused (``blocking.py``: by the flags of a browser launched
     here, page by page in one connected to);
  2. navigate to DOMContentLoaded and keep the main document's body (the server view);
  3. settle: network idle (capped), a DOM-quiet window (capped), the ``wait_for`` selector;
  4. scroll through the page while it grows (lazy loaders, infinite scroll), then back to the top,
     click the article's "Read more" controls, and settle briefly again;
  5. apply the consent policy, read the wall watcher's sightings;
  6. serialize the settled DOM with ``js/capture.js`` (the rendered view), take a screenshot if asked;
     session headers and secret values are taken out of the record.
Every main-frame document keeps its server HTML (``documents.Documents``): a client-side redirect
chain has one static phase per document. When the page's own scripts navigate away to something
that fails, the last good capture of the page is kept and ``Wait.ended_by`` says so.
Playwright errors are turned into ours by ``browser.map_error``.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError

from extractor.auth import SessionFiles
from extractor.browser import consent, documents, network, session, watcher
from extractor.browser import images as page_images
from extractor.browser import served as from_server
from extractor.browser.blocking import block_unneeded
from extractor.browser.documents import ERROR_PAGE, Documents
from extractor.browser.launch import auth_asked, map_error
from extractor.browser.network import Network
from extractor.browser.scripts import CAPTURE_SETTINGS, keep_script, script
from extractor.browser.settle import (
    Budget,
    evaluate,
    expand,
    load_state,
    scroll_through,
    settle,
    wait_out_walls,
)
from extractor.browser.targets import resolve_target
from extractor.errors import NavigationError, NotHtmlError, UsageError
from extractor.records import Options, RenderedPage, Wait

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, Page, Route


# Wait.ended_by when the page's scripts navigated away to a failure and the last good DOM was kept.
NAVIGATED_AWAY = "navigated-away"


def to_url(target: str) -> str:
    """A URL as given, a local file path as a file:// URL, a bare host name as https://."""
    if urlsplit(target).scheme in ("data", "about"):
        return target
    return resolve_target(target)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` in lower case; every local file shares the origin ``file://``."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return "file://"
    return f"{parts.scheme}://{parts.netloc}".lower()


# Given the captured page, the URLs of the images to take along (``Options.save_images``).
ImagesWanted = Callable[[RenderedPage], Sequence[str]]


async def capture_page(
    browser: Browser | None,
    url: str,
    options: Options,
    profile: BrowserContext | None = None,
    images: ImagesWanted | None = None,
    net: Network | None = None,
) -> RenderedPage:
    """Open a context on ``browser`` (or a page in the persistent ``profile``), render ``url`` and
    capture it; what was opened is always closed.

    Credentials in ``url`` become basic auth for its origin and are gone from the record; the
    session files are cut to the URL's site (``browser.session``). With ``images``, the images
    it names are taken through the same context before it closes (``RenderedPage.images``).
    With ``net`` the page's network is recorded to a HAR, or replayed from one
    (``browser.network``; fresh contexts only).
    """
    if profile is not None and net is not None:
        raise UsageError("recording or replaying the network needs a fresh context, not a profile")
    url, options = session.with_url_credentials(url, options)
    target = to_url(url)
    files = session.session_files(options)
    opened: BrowserContext | Page | None = None
    replay = None
    try:
        if profile is not None:
            await session.add_profile_cookies(profile, files, target)
            opened = page = await profile.new_page()
        else:
            assert browser is not None
            opened = context = await new_context(browser, options, target, files, net)
            replay = await network.prepare(context, net)
            page = await context.new_page()
        recorder = page_images.listen(page) if images is not None else None
        watching = Documents(page)
        # the page's set-up steps are independent: one round trip's wait for all of them
        setup = [
            session.prepare_page(
                page, options, target, options.timeout_ms, profile=profile is not None
            ),
        ]
        if options.block_unneeded and options.cdp_endpoint:
            # a browser launched here refuses them by its flags (``launch.launch_flags``)
            setup.append(block_unneeded(page))
        await asyncio.gather(*setup)
        try:
            async with asyncio.timeout(options.timeout_ms / 1000):
                captured = await _capture_page(page, watching, url, target, options)
        finally:
            watching.close()
        if replay is not None:
            replay.check(url)
        captured = session.finish(captured, options, files)
        if images is not None and recorder is not None:
            taken = await page_images.take_images(
                page.context, captured.final_url, images(captured), recorder, options
            )
            captured = replace(captured, images=taken)
        return captured
    except (TimeoutError, PlaywrightError) as exc:
        if replay is not None:
            replay.check(url)  # a missing request is the reason, not the error it caused
        raise map_error(exc, url) from exc
    finally:
        if opened is not None:
            with contextlib.suppress(PlaywrightError):
                await asyncio.shield(opened.close())  # also writes a recording's HAR


def context_settings(options: Options) -> dict[str, Any]:
    """What every context gets: pinned viewport, locale and time zone, no service workers."""
    width, height = options.viewport
    settings: dict[str, Any] = {
        "viewport": {"width": width, "height": height},
        "locale": options.locale,
        "timezone_id": options.timezone,
        "service_workers": "block",  # so that every request passes the origin gate
    }
    if options.user_agent:
        settings["user_agent"] = options.user_agent
    return settings


async def new_context(
    browser: Browser,
    options: Options,
    url: str | None = None,
    files: SessionFiles | None = None,
    net: Network | None = None,
) -> BrowserContext:
    """A fresh context (``context_settings``, plus the session for ``url`` from ``files``, plus
    the HAR recorder when ``net`` records), prepared by ``prepare_context``."""
    settings = context_settings(options)
    if url is not None:
        settings.update(session.context_settings(options, url, files or SessionFiles()))
    settings.update(network.context_settings(net))
    context = await browser.new_context(**settings)
    replaying = net is not None and net.replay_from is not None
    await prepare_context(context, options, origin_gate=not replaying)
    return context


async def prepare_context(
    context: BrowserContext, options: Options, origin_gate: bool = True
) -> None:
    """The page helpers and the wall watcher in every page, and the binding through which a page
    hands over its view as it navigates away (``documents.listen``); the origin gate when
    origins are set (not on replay, where the recording answers every request). Fonts, media
    and trackers are refused page by page (``capture_page``)."""
    await asyncio.gather(context.add_init_script(page_helpers()), documents.listen(context))
    if options.allow_origins and origin_gate:
        allowed = {origin_of(o) for o in options.allow_origins}
        # a page saved from https and served over plain http often insists on https: its
        # https twin is answered from the allowed http origin
        twins = {"https" + o[len("http") :]: o for o in allowed if o.startswith("http://")}

        async def gate(route: Route) -> None:
            url = route.request.url
            origin = origin_of(url)
            if origin in allowed:
                await route.continue_()
            elif origin in twins:
                served = await route.fetch(url=twins[origin] + url[len(origin) :])
                await route.fulfill(response=served)
            elif route.request.is_navigation_request():
                # "aborted" cancels a navigation and keeps the current document (a script
                # sending the page to its canonical address); other errors show an error page
                await route.abort("aborted")
            else:
                await route.abort("blockedbyclient")

        await context.route("**/*", gate)


async def _capture_page(
    page: Page, watching: Documents, url: str, target: str, options: Options
) -> RenderedPage:
    budget = Budget(options.timeout_ms)
    timings: dict[str, int] = {}
    # 2. navigate; keep the server view. A page that answers but never reaches DOMContentLoaded
    # (a hung blocking script) is still captured, with the wait ended by "timeout".
    response = await page.goto(target, wait_until="commit", timeout=max(1, budget.left_ms()))
    timings["commit"] = budget.elapsed_ms()
    status, headers, content_type = from_server.response_facts(response, target)
    auth_asked(url, status, headers, options)
    if content_type and content_type not in from_server.HTML_TYPES:
        raise NotHtmlError(f"{url}: not HTML ({content_type})")
    loaded, server_html = await asyncio.gather(
        load_state(page, "domcontentloaded", budget.cap(budget.total_ms)),
        from_server.server_html(response, target, budget.cap(budget.total_ms), watching.body),
    )
    timings["navigate"] = budget.elapsed_ms()

    # 3. settle
    wait = await settle(page, options, budget, timings)
    if not loaded:
        wait = Wait(ended_by="timeout", elapsed_ms=wait.elapsed_ms)

    # 3b. a challenge or loading wall still up, or next to no text: give the page time to come,
    # then settle what came. The same look opens what the article keeps collapsed when the
    # page is there and nothing on it watches scrolling.
    came, found = await wait_out_walls(page, options, budget, timings)
    if came:
        wait = await settle(page, options, budget, timings)

    # 4. scroll so lazy content loads, then let it finish; open what the article keeps collapsed
    if options.scroll and options.scroll_steps > 0:
        if came or found.watches_scroll:
            await scroll_through(page, options, budget, timings)
        else:
            timings["scroll"] = budget.elapsed_ms()  # nothing watches scrolling: not scrolled
    steps = await expand(page, options, budget, timings, None if came else found.clicked)

    # 5. consent policy and wall sightings
    step = time.monotonic()
    # a consent manager that cannot be clicked in time is left for the wall detector
    with contextlib.suppress(PlaywrightError, TimeoutError):
        await asyncio.wait_for(
            consent.apply_policy(page, options.consent), budget.cap(5_000) / 1000
        )
    timings["consent"] = _since(step)

    # 6. the rendered view, with the wall sightings and the address shown, in one call; when the
    # page's scripts sent it to Chromium's error page, the last good view the page handed over
    # as it went, or (it went before it had loaded) the server's
    step = time.monotonic()
    shown = await evaluate(page, final_view_script(), CAPTURE_SETTINGS, budget)
    shown_url, raw_sightings, dom_html = str(shown[0]), shown[1], str(shown[2])
    final_url = page.url
    served = await watching.served(budget.cap(2_000))
    rendered = True
    if shown_url.startswith(ERROR_PAGE):
        wait = Wait(ended_by=NAVIGATED_AWAY, elapsed_ms=wait.elapsed_ms)
        good = watching.last_good
        if good is not None:
            dom_html, raw_sightings, final_url = good.dom_html, good.sightings, good.url
        else:
            final_url = served[-1].url if served else url
            dom_html = from_server.chain(server_html, served, final_url)[0] or ""
            raw_sightings, rendered = None, False
            if not dom_html:
                raise NavigationError(
                    f"{url}: the page navigated to {page.url}, which failed to load"
                )
    screenshot = None
    if options.wall_screenshot_dir and rendered:
        try:
            screenshot = await page.screenshot(type="png", timeout=max(1, budget.left_ms()))
        except PlaywrightError:
            screenshot = None
    server_html, chain = from_server.chain(server_html, served, final_url)
    timings["capture"] = _since(step)
    timings["total"] = budget.elapsed_ms()
    return RenderedPage(
        url=url,
        final_url=final_url,
        status=status,
        headers=headers,
        server_html=server_html,
        dom_html=dom_html,
        wait=wait,
        sightings=watcher.read_sightings(raw_sightings),
        content_type=content_type or "text/html",
        rendered=rendered,
        timings=timings,
        screenshot=screenshot,
        steps=steps,
        documents=chain,
    )


@cache
def final_view_script() -> str:
    """``[location.href, the wall sightings, the rendered view]``, read in one call."""
    return f"(opts) => [location.href, ({watcher.COLLECT_JS})(), ({script('capture.js').strip()})(opts)]"


@cache
def page_helpers() -> str:
    """The scripts every document gets before its own, in this order, as one init script (one
    call to the browser instead of five); one that fails does not keep the others from running."""
    parts = (
        script("mutations.js"),
        script("loaders.js"),
        script("shadow.js"),
        watcher.watcher_script(),
        keep_script(),
    )
    return "\n".join(f"try {{\n{part}\n}} catch (e) {{}}" for part in parts)


def _since(start: float) -> int:
    return int((time.monotonic() - start) * 1000)


__all__ = [
    "NAVIGATED_AWAY",
    "capture_page",
    "context_settings",
    "new_context",
    "origin_of",
    "prepare_context",
    "to_url",
]
