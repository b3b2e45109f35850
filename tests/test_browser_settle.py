"""Settling: how long the DOM-quiet window is, and what it waits for (js/quiet.js, js/loaders.js)."""

from __future__ import annotations

from typing import Any

from extractor.browser import settle
from extractor.browser.capture import new_context
from extractor.browser.scripts import script
from extractor.records import Options
from tests.livebrowser import Browser


async def _quiet_after_load(browser: Any, url: str, quiet_ms: int) -> dict[str, Any]:
    """quiet.js on a loaded page, with the settle step's own settings but ``quiet_ms``."""
    context = await new_context(browser, Options())
    try:
        page = await context.new_page()
        await page.goto(url, wait_until="load")
        arg = {
            "quietMs": quiet_ms,
            "capMs": quiet_ms * 3,
            "idleQuietMs": settle.IDLE_QUIET_MS,
            "timerMs": settle.TIMER_MS,
            "timerCapMs": settle.TIMER_CAP_MS,
        }
        result: dict[str, Any] = await page.evaluate(script("quiet.js"), arg)
        return result
    finally:
        await context.close()


def test_a_loaded_page_with_nothing_pending_is_quiet_without_the_full_window(
    live: Browser, pages_url: str
) -> None:
    quiet = live.call(_quiet_after_load(live.session.browser, pages_url + "settle-parsed/", 4_000))
    assert quiet["quiet"] is True
    assert quiet["ms"] < 3_000


def test_a_page_waiting_on_a_request_gets_the_full_window(live: Browser, pages_url: str) -> None:
    url = pages_url + "settle-pending/"
    quiet = live.call(_quiet_after_load(live.session.browser, url, 4_000))
    assert quiet["quiet"] is True
    assert quiet["ms"] >= 2_000  # the DOM last changed as the page was parsed, a moment before


def test_a_render_put_off_by_a_timer_is_waited_for(live: Browser, pages_url: str) -> None:
    page = live.capture(pages_url + "settle-timer/", scroll=False)
    assert 'id="late"' in page.dom_html
    assert page.wait.ended_by == "quiet"


def test_a_polling_loop_is_not_waited_out_but_a_short_chain_of_timers_is(
    live: Browser, pages_url: str
) -> None:
    # a script that looks again every 40 ms would hold settling for the whole timer cap; a
    # render at the end of two timers in a row is still put off work, and waited for
    page = live.capture(pages_url + "settle-polling/", scroll=False)
    assert 'id="late"' in page.dom_html
    assert page.wait.ended_by == "quiet"
    assert page.timings["quiet"] - page.timings["navigate"] < settle.TIMER_CAP_MS


def test_a_script_the_page_adds_after_loading_is_waited_for(live: Browser, pages_url: str) -> None:
    page = live.capture(pages_url + "settle-script/", scroll=False)
    assert 'id="late-script"' in page.dom_html


def test_the_capture_scripts_own_timers_are_not_the_pages(live: Browser, pages_url: str) -> None:
    # the wall watcher and the settle scripts wait with timers of their own all the time: if they
    # were counted, a page could only settle at the timer cap
    quiet = live.call(_quiet_after_load(live.session.browser, pages_url + "settle-parsed/", 300))
    assert quiet["quiet"] is True
    assert quiet["ms"] < settle.TIMER_CAP_MS


def _evaluated(monkeypatch: Any) -> list[str]:
    """The sources ``settle.evaluate`` is asked to run, from now on."""
    seen: list[str] = []
    run = settle.evaluate

    async def recording(page: Any, source: str, arg: Any, budget: settle.Budget) -> Any:
        seen.append(source)
        return await run(page, source, arg, budget)

    monkeypatch.setattr(settle, "evaluate", recording)
    return seen


def test_a_page_nothing_watches_scrolling_on_is_looked_at_once_and_its_read_more_opened(
    live: Browser, pages_url: str, monkeypatch: Any
) -> None:
    seen = _evaluated(monkeypatch)
    page = live.capture(pages_url + "reader-readmore-en/")
    assert [s.samples for s in page.steps if s.name == "expanders"] == [("Read more",)]
    assert seen.count(settle.probe_script()) == 1
    assert script("scroll.js") not in seen and script("expand.js") not in seen


def test_a_page_that_watches_scrolling_is_scrolled_before_its_read_more_is_looked_for(
    live: Browser, pages_url: str, monkeypatch: Any
) -> None:
    seen = _evaluated(monkeypatch)
    live.capture(pages_url + "lazy-images/")
    probe, scroll, expand = (
        seen.index(s) for s in (settle.probe_script(), script("scroll.js"), script("expand.js"))
    )
    assert probe < scroll < expand
