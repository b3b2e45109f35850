"""Settling a loaded page: the network, a DOM-quiet window, passing walls, scrolling and
"Read more" clicks, all under the capture's one time budget (``Budget``)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from extractor.browser import watcher
from extractor.browser.documents import ERROR_PAGE
from extractor.browser.scripts import script
from extractor.pipeline import EXPANDERS
from extractor.records import Options, Step, Wait
from extractor.walls import lexicon

if TYPE_CHECKING:
    from playwright.async_api import Page

# The load states Playwright waits for.
LoadState = Literal["domcontentloaded", "load", "networkidle"]

# A page that has loaded and has no work of its own pending (fetch/XHR, a script loading, a
# short timer) is quiet after this long; otherwise after ``Options.quiet_ms``.
IDLE_QUIET_MS = 50
# Short timers (at most TIMER_MS) count as pending work, for at most TIMER_CAP_MS: a page that
# keeps re-arming one is not waited out.
TIMER_MS = 1_000
TIMER_CAP_MS = 1_500
# Time kept back from settling so that the capture itself still fits in the hard limit.
CAPTURE_RESERVE_MS = 2_000
# The page counts as calm (network settled) once loaded with no fetch/XHR or added script pending
# for this long (a chain of requests that starts the next within a task is not calm).
CALM_MS = 25
# After scrolling, how long lazy loaders get to finish (network idle and a DOM-quiet window).
AFTER_SCROLL_IDLE_MS = 1_500
# The pause after each scroll step, after two frames (observers notified, callbacks run), so
# loaders start.
SCROLL_PAUSE_MS = 10
# After a step, the most we wait for the requests it set off and the DOM changes they bring.
SCROLL_STEP_WAIT_MS = 2_000
# At the bottom: how long what the last step set off (a request, a timer of at most this long)
# gets to start growing the page.
SCROLL_GRACE_MS = 500
# At the bottom, the least time the last step's observers get to set something off (their
# callbacks run as tasks, late on a busy machine).
SCROLL_FLOOR_MS = 150
# Never scroll further down than this (pixels): an endless feed is cut here.
SCROLL_MAX_HEIGHT = 40_000
# "Read more" controls clicked at most, and how long what they open may take to settle.
EXPAND_MAX_CLICKS = 5
EXPAND_SETTLE_MS = 1_000
# Walls a page puts up while it works and that usually give way to the page itself (a bot
# check that passes, a "loading, JavaScript required" notice): capture waits for them to clear.
PASSING_KINDS = frozenset(("bot-check", "javascript"))
# A page with scripts that shows less text than this after settling is taken to be still
# rendering (a page without scripts cannot change: -1).
EMPTY_PAGE_CHARS = 200
# How often the wall watcher is asked whether such a wall is still up.
WALL_POLL_MS = 250
# An evaluation the page's navigation cut short is tried again this many times, after a pause
# that grows by RETRY_PAUSE_MS each time (2.75 s in all at most).
EVALUATE_RETRIES = 10
RETRY_PAUSE_MS = 50
# Evaluation errors that mean the page navigated (client redirect) and the step may be retried.
NAVIGATED = ("Execution context was destroyed", "navigation", "Target closed", "frame was detached")


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


async def settle(page: Page, options: Options, budget: Budget, timings: dict[str, int]) -> Wait:
    """Wait for the network to settle, then a DOM-quiet window, then the selector; say what
    ended it. The network has settled at Playwright's network idle, or sooner when the page has
    loaded and none of its fetch/XHR calls is pending (``js/calm.js``).

    The DOM-quiet window (``js/quiet.js``) is ``IDLE_QUIET_MS`` once the page has loaded and
    has no work of its own pending (no fetch/XHR, script load or short timer; ``js/loaders.js``),
    ``Options.quiet_ms`` while it has or may have. It is watched while the network settles (quiet time already
    passed counts); when it ended first, it is checked once more after the network settled, so
    a late response's rendering is waited for.
    """
    network = asyncio.ensure_future(
        _network_settled(page, budget.cap(options.network_idle_ms), budget)
    )
    try:
        quiet = await _quiet(page, options.quiet_ms, budget.cap(options.quiet_cap_ms), budget)
        # a quiet window that ended while the network was still settling is checked once more
        # after it settled, so that a late response's rendering is waited for
        again = not network.done()
        idle = await network
    finally:
        network.cancel()
    timings["network_idle"] = budget.elapsed_ms()
    if again:
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


@dataclass(frozen=True)
class Probe:
    """What one look at the settled page (``js/probe.js``) found."""

    there: bool  # no passing wall up, and not (next to) empty
    watches_scroll: bool  # an observer target or a scroll/wheel listener: scrolling may change it
    clicked: tuple[str, ...] | None  # "Read more" labels clicked in the same call (None: not tried)


# The first look also opens the "Read more" controls when the page is there and will not be
# scrolled, so that most pages take one call instead of three (probe, scroll, expand).
async def wait_out_walls(
    page: Page, options: Options, budget: Budget, timings: dict[str, int]
) -> tuple[bool, Probe]:
    """Wait, at most ``Options.wall_wait_ms``, while the page is not there yet: a passing wall
    (bot check, loading notice) is up, or it shows almost no text (an app still rendering after
    a timer, a loader). Says whether the wait ended because the page came, and what the last
    look found."""
    deadline = time.monotonic() + budget.cap(options.wall_wait_ms) / 1000
    waited = False
    may_expand = _may_expand(options, budget)
    while not (
        found := await _probe(page, options, budget, expand=may_expand and not waited)
    ).there:
        if time.monotonic() + WALL_POLL_MS / 1000 > deadline:
            timings["walls"] = budget.elapsed_ms()
            return False, found
        waited = True
        await asyncio.sleep(WALL_POLL_MS / 1000)
    if waited:
        timings["walls"] = budget.elapsed_ms()
    return waited, found


async def _probe(page: Page, options: Options, budget: Budget, expand: bool) -> Probe:
    if page.url.startswith(ERROR_PAGE):
        # the page's scripts navigated to a failure: nothing more will come, nothing to open
        return Probe(there=True, watches_scroll=False, clicked=None)
    arg = {
        "passing": _passing_ids(),
        "emptyChars": EMPTY_PAGE_CHARS,
        "expand": expand,
        "scroll": options.scroll and options.scroll_steps > 0,
        "maxClicks": EXPAND_MAX_CLICKS,
    }
    found = await evaluate(page, probe_script(), arg, budget)
    if not isinstance(found, list) or len(found) != 5:
        return Probe(there=True, watches_scroll=True, clicked=None)
    clicked = found[4]
    return Probe(
        there=bool(found[0]),
        watches_scroll=bool(found[3]),
        clicked=tuple(str(c) for c in clicked) if isinstance(clicked, list) else None,
    )


@cache
def probe_script() -> str:
    """``js/probe.js`` handed the wall watcher's collector and ``js/expand.js``."""
    probe, expand = script("probe.js").strip(), script("expand.js").strip()
    return f"(opts) => ({probe})(opts, {watcher.COLLECT_JS}, {expand})"


@cache
def _passing_ids() -> list[str]:
    """The lexicon entries of the walls that usually give way to the page (``PASSING_KINDS``)."""
    return [e.id for e in lexicon.load().entries if e.kind in PASSING_KINDS]


def _may_expand(options: Options, budget: Budget) -> bool:
    return EXPANDERS not in options.skip_steps and budget.cap(EXPAND_SETTLE_MS) > 0


async def scroll_through(
    page: Page, options: Options, budget: Budget, timings: dict[str, int]
) -> None:
    """Scroll down while the page grows (bounded by steps, height and time) and back up, then
    give lazy loaders a short settle (the DOM only, when scrolling set off no request; none when
    nothing watches scrolling and the page was not scrolled)."""
    limit = budget.cap(options.scroll_budget_ms)
    if limit <= 0:
        return
    arg = {
        "steps": options.scroll_steps,
        "budgetMs": limit,
        "pauseMs": SCROLL_PAUSE_MS,
        "stepWaitMs": SCROLL_STEP_WAIT_MS,
        "graceMs": SCROLL_GRACE_MS,
        "floorMs": SCROLL_FLOOR_MS,
        "maxHeight": SCROLL_MAX_HEIGHT,
    }
    scrolled = await evaluate(page, script("scroll.js"), arg, budget)
    if isinstance(scrolled, dict) and scrolled.get("steps") == 0:
        timings["scroll"] = budget.elapsed_ms()
        return  # nothing watches scrolling: the page was not scrolled, and nothing changed
    quiet = _quiet(page, min(options.quiet_ms, 300), budget.cap(AFTER_SCROLL_IDLE_MS), budget)
    if isinstance(scrolled, dict) and scrolled.get("requests") == 0:
        await quiet  # scrolling set nothing off: no network to wait for
    else:
        await asyncio.gather(
            _network_settled(page, budget.cap(AFTER_SCROLL_IDLE_MS), budget), quiet
        )
    timings["scroll"] = budget.elapsed_ms()


async def expand(
    page: Page,
    options: Options,
    budget: Budget,
    timings: dict[str, int],
    clicked: tuple[str, ...] | None = None,
) -> tuple[Step, ...]:
    """Click the article's "Read more" controls (unless ``clicked`` says what a probe already
    clicked) and let what they open settle; the clicks, as a step (none when nothing was
    clicked)."""
    if clicked is not None:
        labels = list(clicked)
    elif not _may_expand(options, budget):
        return ()
    else:
        found = await evaluate(page, script("expand.js"), {"maxClicks": EXPAND_MAX_CLICKS}, budget)
        labels = [str(c) for c in found] if isinstance(found, list) else []
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
        asyncio.ensure_future(evaluate(page, script("calm.js"), arg, budget)),
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
    return await load_state(page, "networkidle", timeout_ms)


async def load_state(page: Page, state: LoadState, timeout_ms: int) -> bool:
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
    arg = {
        "quietMs": quiet_ms,
        "capMs": cap_ms,
        "idleQuietMs": IDLE_QUIET_MS,
        "timerMs": TIMER_MS,
        "timerCapMs": TIMER_CAP_MS,
    }
    result = await evaluate(page, script("quiet.js"), arg, budget)
    return bool(isinstance(result, dict) and result.get("quiet"))


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, PlaywrightTimeout)


async def evaluate(page: Page, source: str, arg: Any, budget: Budget) -> Any:
    """``page.evaluate``, retried after a client-side redirect replaced the document.

    A redirect may leave the old document in place for a while before the new one commits (a
    slow server, a busy machine): each retry first waits a little longer (``RETRY_PAUSE_MS``
    more each time), then for the document to be parsed, so a chain of redirects does not use
    the retries up before it ends."""
    for attempt in range(1, EVALUATE_RETRIES + 1):
        try:
            return await page.evaluate(source, arg)
        except PlaywrightError as exc:
            if not any(marker in str(exc) for marker in NAVIGATED) or budget.left_ms() <= 0:
                raise
            await asyncio.sleep(min(attempt * RETRY_PAUSE_MS, budget.left_ms()) / 1000)
            with contextlib.suppress(PlaywrightError):
                await page.wait_for_load_state("domcontentloaded", timeout=budget.left_ms() or 1)
    return await page.evaluate(source, arg)


__all__ = [
    "Budget",
    "LoadState",
    "Probe",
    "evaluate",
    "expand",
    "load_state",
    "probe_script",
    "scroll_through",
    "settle",
    "wait_out_walls",
]
