"""Render one page in a browser context and capture both of its views.

``capture_page`` reads like the steps it takes, all under one hard ``Options.timeout_ms``:
  1. open a fresh context (pinned viewport, locale, time zone; the wall watcher; origin gate),
     or a page in a persistent profile, with the user's session for the URL (``session.py``);
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
import json
import mimetypes
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit
from urllib.request import url2pathname

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from extractor.auth import SessionFiles
from extractor.browser import consent, network, session, watcher
from extractor.browser import images as page_images
from extractor.browser.blocking import block_unneeded
from extractor.browser.documents import BINDING, ERROR_PAGE, Documents, Served
from extractor.browser.launch import map_error
from extractor.browser.network import Network
from extractor.browser.targets import resolve_target
from extractor.errors import NavigationError, NotHtmlError, UsageError
from extractor.normalize import images as lazy
from extractor.pipeline import EXPANDERS
from extractor.records import Options, RenderedPage, ServedDocument, Step, Wait
from extractor.walls import lexicon

# The load states Playwright waits for.
LoadState = Literal["domcontentloaded", "load", "networkidle"]

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, Page, Response, Route


# Content types the pipeline can read; anything else is refused with NotHtmlError.
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Time kept back from settling so that the capture itself still fits in the hard limit.
CAPTURE_RESERVE_MS = 2_000
# The page counts as calm (network settled) once loaded with no fetch/XHR pending for this long.
CALM_MS = 100
# After scrolling, how long lazy loaders get to finish (network idle and a DOM-quiet window).
AFTER_SCROLL_IDLE_MS = 1_500
# The pause after each scroll step, so observers fire and loaders start.
SCROLL_PAUSE_MS = 60
# After a step, the most we wait for the requests it set off and the DOM changes they bring.
SCROLL_STEP_WAIT_MS = 2_000
# At the bottom of a page with loaders (observers, scroll listeners): how long they get to start.
SCROLL_GRACE_MS = 500
# Never scroll further down than this (pixels): an endless feed is cut here.
SCROLL_MAX_HEIGHT = 40_000
# "Read more" controls clicked at most, and how long what they open may take to settle.
EXPAND_MAX_CLICKS = 5
EXPAND_SETTLE_MS = 1_000
# Wait.ended_by when the page's scripts navigated away to a failure and the last good DOM was kept.
NAVIGATED_AWAY = "navigated-away"
# A fixed/sticky box covering at least this share of the viewport is marked as an overlay.
OVERLAY_MIN_SHARE = 0.3
# What capture.js is handed: the overlay threshold, and the lazy-image vocabulary the pure
# normalisation uses, so the page script and Python choose an image's URL the same way.
CAPTURE_SETTINGS = {
    "overlayMinShare": OVERLAY_MIN_SHARE,
    "lazySrc": list(lazy.LAZY_SRC_ATTRS),
    "lazySrcset": list(lazy.SRCSET_ATTRS),
    "placeholder": lazy.PLACEHOLDER.pattern,  # written in the syntax JavaScript shares
}
# Walls a page puts up while it works and that usually give way to the page itself (a bot
# check that passes, a "loading, JavaScript required" notice): capture waits for them to clear.
PASSING_KINDS = frozenset(("bot-check", "javascript"))
# A page with scripts that shows less text than this after settling is taken to be still
# rendering (a page without scripts cannot change: -1).
EMPTY_PAGE_CHARS = 200
VISIBLE_CHARS_JS = "() => document.scripts.length ? (document.body ? document.body.innerText.trim().length : 0) : -1"
# How often the wall watcher is asked whether such a wall is still up.
WALL_POLL_MS = 250
# Evaluation errors that mean the page navigated (client redirect) and the step may be retried.
NAVIGATED = ("Execution context was destroyed", "navigation", "Target closed", "frame was detached")


@cache
def script(name: str) -> str:
    """An in-page script from extractor/js/, loaded once."""
    return (resources.files("extractor.browser") / "js" / name).read_text(encoding="utf-8")


@cache
def keep_script() -> str:
    """``js/keep.js`` with the capture script and its options built in."""
    source = script("keep.js").replace("__BINDING__", BINDING)
    source = source.replace("__OPTIONS__", json.dumps(CAPTURE_SETTINGS), 1)
    return source.replace("__CAPTURE__", script("capture.js").strip(), 1)


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


class Budget:
    """The one hard time limit, shared by every step of a capture."""

    def __init__(self, total_ms: int) -> None:
        self.start = time.monotonic()
        self.total_ms = total_ms

    def elapsed_ms(self) -> int:
        return int((time.monotonic() - self.start) * 1000)

    def left_ms(self, reserve_ms: int = 0) -> int:
        return max(0, self.total_ms - self.elapsed_ms() - reserve_ms)

    def cap(self, want_ms: int) -> int:
        """``want_ms``, shortened so that the capture reserve stays free."""
        reserve = min(CAPTURE_RESERVE_MS, self.total_ms // 5)
        return max(0, min(want_ms, self.left_ms(reserve)))


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
        await session.prepare_page(
            page, options, target, options.timeout_ms, profile=profile is not None
        )
        async with asyncio.timeout(options.timeout_ms / 1000):
            captured = await _capture(page, url, target, options)
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
    """The page helpers and the wall watcher in every page; the origin gate when origins are set
    (not on replay, where the recording answers every request); fonts, media and trackers
    refused when ``options.block_unneeded``."""
    await context.add_init_script(script("mutations.js"))
    await context.add_init_script(script("loaders.js"))
    await context.add_init_script(script("shadow.js"))
    await context.add_init_script(watcher.watcher_script())
    await context.add_init_script(keep_script())
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
    if options.block_unneeded:  # after the gate: the route added last is asked first
        await block_unneeded(context)


async def _capture(page: Page, url: str, target: str, options: Options) -> RenderedPage:
    budget = Budget(options.timeout_ms)
    timings: dict[str, int] = {}
    documents = Documents(page)
    await documents.listen()
    try:
        return await _capture_page(page, documents, url, target, options, budget, timings)
    finally:
        documents.close()


async def _capture_page(
    page: Page,
    documents: Documents,
    url: str,
    target: str,
    options: Options,
    budget: Budget,
    timings: dict[str, int],
) -> RenderedPage:
    # 2. navigate; keep the server view. A page that answers but never reaches DOMContentLoaded
    # (a hung blocking script) is still captured, with the wait ended by "timeout".
    response = await page.goto(target, wait_until="commit", timeout=max(1, budget.left_ms()))
    timings["commit"] = budget.elapsed_ms()
    status, headers, content_type = _response_facts(response, target)
    if content_type and content_type not in HTML_TYPES:
        raise NotHtmlError(f"{url}: not HTML ({content_type})")
    loaded, server_html = await asyncio.gather(
        _load_state(page, "domcontentloaded", budget.cap(budget.total_ms)),
        _server_html(response, target, budget.cap(budget.total_ms)),
    )
    timings["navigate"] = budget.elapsed_ms()

    # 3. settle
    wait = await settle(page, options, budget, timings)
    if not loaded:
        wait = Wait(ended_by="timeout", elapsed_ms=wait.elapsed_ms)

    # 3b. a challenge or loading wall still up, or next to no text: give the page time to come,
    # then settle what came
    if await wait_out_walls(page, options, budget, timings):
        wait = await settle(page, options, budget, timings)

    # 4. scroll so lazy content loads, then let it finish; open what the article keeps collapsed
    if options.scroll and options.scroll_steps > 0:
        await scroll_through(page, options, budget, timings)
    steps = await expand(page, options, budget, timings)

    # 5. consent policy and wall sightings
    step = time.monotonic()
    # a consent manager that cannot be clicked in time is left for the wall detector
    with contextlib.suppress(PlaywrightError, TimeoutError):
        await asyncio.wait_for(
            consent.apply_policy(page, options.consent), budget.cap(5_000) / 1000
        )
    raw_sightings = await _evaluate(page, watcher.COLLECT_JS, None, budget)
    timings["consent"] = _since(step)

    # 6. the rendered view; when the page's scripts sent it to Chromium's error page, the last
    # good view the page handed over as it went, or (it went before it had loaded) the server's
    step = time.monotonic()
    shown_url = str(await _evaluate(page, "() => location.href", None, budget))
    final_url = page.url
    served = await documents.served(budget.cap(2_000))
    rendered = True
    if shown_url.startswith(ERROR_PAGE):
        wait = Wait(ended_by=NAVIGATED_AWAY, elapsed_ms=wait.elapsed_ms)
        good = documents.last_good
        if good is not None:
            dom_html, raw_sightings, final_url = good.dom_html, good.sightings, good.url
        else:
            final_url = served[-1].url if served else url
            dom_html = _chain(server_html, served, final_url)[0] or ""
            raw_sightings, rendered = None, False
            if not dom_html:
                raise NavigationError(
                    f"{url}: the page navigated to {page.url}, which failed to load"
                )
    else:
        dom_html = str(await _evaluate(page, script("capture.js"), CAPTURE_SETTINGS, budget))
    screenshot = None
    if options.wall_screenshot_dir and rendered:
        try:
            screenshot = await page.screenshot(type="png", timeout=max(1, budget.left_ms()))
        except PlaywrightError:
            screenshot = None
    server_html, chain = _chain(server_html, served, final_url)
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


def _chain(
    first_html: str | None, served: list[Served], final_url: str
) -> tuple[str | None, tuple[ServedDocument, ...]]:
    """The final document's server HTML, and the documents shown before it (a redirect chain).

    ``first_html`` is the first document's, read when navigation committed (or from disk)."""
    if len(served) < 2:
        return first_html or (_decoded(served[0]) if served else None), ()
    last = len(served) - 1
    while last > 0 and served[last].url != final_url and served[last].body is None:
        last -= 1
    htmls = [first_html or _decoded(served[0])] + [_decoded(s) for s in served[1:]]
    earlier = tuple(
        ServedDocument(url=s.url, status=s.status, headers=s.headers, html=html)
        for s, html in zip(served[:last], htmls[:last], strict=True)
        if html is not None
    )
    return htmls[last], earlier


def _decoded(served: Served) -> str | None:
    if served.body is None:
        return None
    return decode_html(served.body, served.headers.get("content-type", ""))


async def settle(page: Page, options: Options, budget: Budget, timings: dict[str, int]) -> Wait:
    """Wait for the network to settle, then a DOM-quiet window, then the selector; say what
    ended it. The network has settled at Playwright's network idle, or sooner when the page has
    loaded and none of its fetch/XHR calls is pending (``js/calm.js``).

    The quiet window is watched while the network settles (quiet time already passed counts),
    then checked once more after network idle, so a late response's rendering is waited for.
    """
    idle, _ = await asyncio.gather(
        _network_settled(page, budget.cap(options.network_idle_ms), budget),
        _quiet(page, options.quiet_ms, budget.cap(options.quiet_cap_ms), budget),
    )
    timings["network_idle"] = budget.elapsed_ms()
    quiet = await _quiet(page, options.quiet_ms, budget.cap(options.quiet_cap_ms), budget)
    timings["quiet"] = budget.elapsed_ms()
    ended_by = "quiet" if quiet else "network-idle" if idle else "timeout"
    if options.wait_for:
        ended_by = "timeout"
        timeout = budget.cap(budget.total_ms)
        if timeout > 0:
            try:
                await page.wait_for_selector(options.wait_for, state="attached", timeout=timeout)
                ended_by = "selector"
            except PlaywrightError as exc:
                if not _is_timeout(exc):
                    raise
        timings["selector"] = budget.elapsed_ms()
    return Wait(ended_by=ended_by, elapsed_ms=budget.elapsed_ms())


async def wait_out_walls(
    page: Page, options: Options, budget: Budget, timings: dict[str, int]
) -> bool:
    """Wait, at most ``Options.wall_wait_ms``, while the page is not there yet: a passing wall
    (bot check, loading notice) is up, or it shows almost no text (an app still rendering after
    a timer, a loader). True when the wait ended because the page came."""
    deadline = time.monotonic() + budget.cap(options.wall_wait_ms) / 1000
    waited = False
    while await _not_there_yet(page, budget):
        if time.monotonic() + WALL_POLL_MS / 1000 > deadline:
            timings["walls"] = budget.elapsed_ms()
            return False
        waited = True
        await asyncio.sleep(WALL_POLL_MS / 1000)
    if waited:
        timings["walls"] = budget.elapsed_ms()
    return waited


async def _not_there_yet(page: Page, budget: Budget) -> bool:
    if page.url.startswith(ERROR_PAGE):
        return False  # the page's scripts navigated to a failure: nothing more will come
    shown = await _evaluate(page, VISIBLE_CHARS_JS, None, budget)
    if isinstance(shown, int) and 0 <= shown < EMPTY_PAGE_CHARS:
        return True
    words = lexicon.load()
    raw = await _evaluate(page, watcher.COLLECT_JS, None, budget)
    return any(
        s.cleared_ms is None
        and (entry := words.by_id(s.phrase_id)) is not None
        and entry.kind in PASSING_KINDS
        for s in watcher.read_sightings(raw)
    )


async def scroll_through(
    page: Page, options: Options, budget: Budget, timings: dict[str, int]
) -> None:
    """Scroll down while the page grows (bounded by steps, height and time) and back up, then
    give lazy loaders a short settle."""
    limit = budget.cap(options.scroll_budget_ms)
    if limit <= 0:
        return
    arg = {
        "steps": options.scroll_steps,
        "budgetMs": limit,
        "pauseMs": SCROLL_PAUSE_MS,
        "stepWaitMs": SCROLL_STEP_WAIT_MS,
        "graceMs": SCROLL_GRACE_MS,
        "maxHeight": SCROLL_MAX_HEIGHT,
    }
    await _evaluate(page, script("scroll.js"), arg, budget)
    await asyncio.gather(
        _network_settled(page, budget.cap(AFTER_SCROLL_IDLE_MS), budget),
        _quiet(page, min(options.quiet_ms, 300), budget.cap(AFTER_SCROLL_IDLE_MS), budget),
    )
    timings["scroll"] = budget.elapsed_ms()


async def expand(
    page: Page, options: Options, budget: Budget, timings: dict[str, int]
) -> tuple[Step, ...]:
    """Click the article's "Read more" controls and let what they open settle; the clicks, as a
    step (none when nothing was clicked)."""
    if EXPANDERS in options.skip_steps or budget.cap(EXPAND_SETTLE_MS) <= 0:
        return ()
    clicked = await _evaluate(page, script("expand.js"), {"maxClicks": EXPAND_MAX_CLICKS}, budget)
    labels = [str(c) for c in clicked] if isinstance(clicked, list) else []
    if not labels:
        return ()
    await asyncio.gather(
        _network_settled(page, budget.cap(EXPAND_SETTLE_MS), budget),
        _quiet(page, min(options.quiet_ms, 300), budget.cap(EXPAND_SETTLE_MS), budget),
    )
    timings["expand"] = budget.elapsed_ms()
    step = Step(
        name=EXPANDERS,
        why="clicked to show the article text the page kept collapsed",
        removed=len(labels),
        samples=tuple(label[:60] for label in labels),
    )
    return (step,)


async def _network_settled(page: Page, timeout_ms: int, budget: Budget) -> bool:
    """Whichever comes first: network idle, or the page calm (loaded, no fetch/XHR pending)."""
    if timeout_ms <= 0:
        return False
    arg = {"calmMs": CALM_MS, "capMs": timeout_ms}
    waits = [
        asyncio.ensure_future(_network_idle(page, timeout_ms)),
        asyncio.ensure_future(_evaluate(page, script("calm.js"), arg, budget)),
    ]
    try:
        for done in asyncio.as_completed(waits):
            if await done is True:
                return True
        return False
    finally:
        for wait in waits:
            wait.cancel()
        await asyncio.gather(*waits, return_exceptions=True)


async def _network_idle(page: Page, timeout_ms: int) -> bool:
    return await _load_state(page, "networkidle", timeout_ms)


async def _load_state(page: Page, state: LoadState, timeout_ms: int) -> bool:
    """Wait for a load state; False when it did not come within ``timeout_ms``."""
    if timeout_ms <= 0:
        return False
    try:
        await page.wait_for_load_state(state, timeout=timeout_ms)
    except PlaywrightError as exc:
        if _is_timeout(exc):
            return False
        raise
    return True


async def _quiet(page: Page, quiet_ms: int, cap_ms: int, budget: Budget) -> bool:
    if cap_ms <= 0:
        return False
    arg = {"quietMs": quiet_ms, "capMs": cap_ms}
    result = await _evaluate(page, script("quiet.js"), arg, budget)
    return bool(isinstance(result, dict) and result.get("quiet"))


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, PlaywrightTimeout)


async def _evaluate(page: Page, source: str, arg: Any, budget: Budget) -> Any:
    """``page.evaluate``, retried after a client-side redirect replaced the document."""
    for _ in range(4):
        try:
            return await page.evaluate(source, arg)
        except PlaywrightError as exc:
            if not any(marker in str(exc) for marker in NAVIGATED) or budget.left_ms() <= 0:
                raise
            with contextlib.suppress(PlaywrightError):
                await page.wait_for_load_state("domcontentloaded", timeout=budget.left_ms())
    return await page.evaluate(source, arg)


def _response_facts(
    response: Response | None, target: str
) -> tuple[int | None, dict[str, str], str | None]:
    """Status, lower-cased headers and the bare content type of the main document."""
    if target.startswith("file:"):
        guessed = mimetypes.guess_type(target)[0]
        return None, {}, guessed or "text/html"
    if response is None:
        return None, {}, None
    headers = {k.lower(): v for k, v in response.headers.items()}
    raw = headers.get("content-type", "")
    content_type = raw.split(";")[0].strip().lower() or None
    return response.status, headers, content_type


async def _server_html(response: Response | None, target: str, timeout_ms: int) -> str | None:
    if target.startswith("file:"):
        try:
            body = Path(url2pathname(urlsplit(target).path)).read_bytes()
        except OSError:
            return None
        return decode_html(body, "")
    if response is None:
        return None
    try:
        body = await asyncio.wait_for(response.body(), max(timeout_ms, 1) / 1000)
    except (PlaywrightError, TimeoutError):
        return None  # the body never finished (or was evicted): no server view
    return decode_html(body, response.headers.get("content-type", ""))


def decode_html(body: bytes, content_type: str) -> str:
    """Decode with the header's charset, else a <meta charset> near the top, else UTF-8."""
    charset = "utf-8"
    declared = _CHARSET.search(content_type.encode("ascii", "replace")) or _CHARSET.search(
        body[:4096]
    )
    if declared:
        charset = declared.group(1).decode("ascii")
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _since(start: float) -> int:
    return int((time.monotonic() - start) * 1000)


__all__ = [
    "Budget",
    "capture_page",
    "context_settings",
    "decode_html",
    "new_context",
    "origin_of",
    "prepare_context",
    "script",
    "settle",
    "to_url",
]
