"""Walls in a real Chromium: a wall that flashes and clears, a wall that stays, a consent click.

All pages are loaded once, by the session's one browser (``live``: its own event loop in a helper
thread, as pytest-playwright's sync fixtures keep one in the main thread), and the tests read
what came back.
"""

from __future__ import annotations

import html
from typing import Any

import pytest

from extractor.api import Session
from extractor.browser.consent import apply_policy
from extractor.browser.watcher import COLLECT_JS, read_sightings, watcher_script
from extractor.records import Extraction, Options, WallSighting
from extractor.walls.lexicon import WIDGET, load
from tests.livebrowser import Browser
from tests.test_lexicon import NEAR_MISSES, REAL_WALL_TEXTS

pytestmark = pytest.mark.browser

FAST = Options(scroll=False, quiet_ms=300, network_idle_ms=2_000, timeout_ms=20_000)
FLASH, STAYS, CONSENT = (
    "wall-botcheck-cloudflare-flash/",
    "wall-botcheck-cloudflare/",
    "wall-consent-onetrust/",
)
SOURCEPOINT = "wall-consent-sourcepoint/"
RELOAD = "wall-botcheck-cloudflare-reload/"
STATE_JS = "document.documentElement.dataset.consent || null"


# wall texts and near misses: the watcher must read them as the Python lexicon does (the page
# shows text with entities already decoded)
SAMPLES = [
    html.unescape(text)
    for text in (
        *(text for text, _ in REAL_WALL_TEXTS),
        *(text for text, _ in NEAR_MISSES),
        "We\u2019ve detected that JavaScript is disabled in this browser.",
        "Durch Klicken auf \u201eAlle akzeptieren\u201c stimmen Sie zu",
        "STRASSE gesperrt. Bitte aktivieren Sie JavaScript",
    )
]


async def _load_all(base: str, session: Session) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # one page of the session's browser, then captures with this module's options
    assert session.browser is not None
    page = await session.browser.new_page()
    try:
        # the watcher on its own: the challenge is swapped for the article after 700 ms
        await page.add_init_script(script=watcher_script())
        await page.goto(base + FLASH)
        await page.wait_for_selector("article")
        out["sightings"] = read_sightings(await page.evaluate(COLLECT_JS))
        out["js_matches"] = await page.evaluate(
            "texts => texts.map(t => window.__extractorWalls.match(t))", SAMPLES
        )
        # a challenge that reloads into the story: the timeline survives the new document
        await page.goto(base + RELOAD)
        await page.wait_for_selector("article")
        out["reload_sightings"] = read_sightings(await page.evaluate(COLLECT_JS))
        # the consent hook on its own
        await page.goto(base + CONSENT)
        out["clicked"] = await apply_policy(page, "reject")
        out["consent_state"] = await page.evaluate(STATE_JS)
        # Sourcepoint shows its dialog in an iframe
        await page.goto(base + SOURCEPOINT)
        out["sp_clicked"] = await apply_policy(page, "reject")
        out["sp_state"] = await page.evaluate(STATE_JS)
    finally:
        await page.close()
    # settle until the swap: the challenge page is quiet for longer than the quiet window
    flash = Options(**{**FAST.__dict__, "wait_for": "article"})
    out["flash"] = await session.extract(base + FLASH, flash)
    out["stays"] = await session.extract(base + STAYS, FAST)
    out["consent_removed"] = await session.extract(base + CONSENT, FAST)
    reject = Options(**{**FAST.__dict__, "consent": "reject"})
    out["consent_rejected"] = await session.extract(base + CONSENT, reject)
    return out


@pytest.fixture(scope="module")
def loaded(live: Browser, pages_url: str) -> dict[str, Any]:
    return live.call(_load_all(pages_url, live.session), timeout=120)


def test_watcher_sees_a_challenge_flash_and_clear(loaded: dict[str, Any]) -> None:
    sightings: dict[str, WallSighting] = {s.phrase_id: s for s in loaded["sightings"]}
    seen = sightings["bot-en-checking-browser"]
    assert seen.cleared_ms is not None
    assert seen.first_seen_ms < 700 <= seen.cleared_ms
    assert "Checking your browser" in seen.text


def test_watcher_matches_the_lexicon_as_python_does(loaded: dict[str, Any]) -> None:
    lexicon = load()
    for text, js_ids in zip(SAMPLES, loaded["js_matches"], strict=True):
        py_ids = {h.entry.id for h in lexicon.match(text) if h.entry.kind != WIDGET}
        assert set(js_ids) == py_ids, text


def test_watcher_timeline_survives_a_reload_into_the_page(loaded: dict[str, Any]) -> None:
    sightings = {s.phrase_id: s for s in loaded["reload_sightings"]}
    seen = sightings["bot-en-checking-browser"]
    # counted from the challenge document's start; cleared when that document went away
    assert seen.first_seen_ms < 600 <= (seen.cleared_ms or 0)
    assert "127.0.0.1." in seen.text  # this challenge's sighting, not the previous page's
    assert set(sightings) <= {"bot-en-checking-browser"}


def test_a_wall_that_flashes_and_clears_leaves_the_article(loaded: dict[str, Any]) -> None:
    result: Extraction = loaded["flash"]
    by_phase = {(w.kind, w.phase): w for w in result.walls}
    assert ("bot-check", "static") in by_phase  # the server HTML is the challenge
    wall = by_phase[("bot-check", "rendered")]
    assert wall.cleared and wall.first_seen_ms is not None
    assert result.completeness == "full"
    assert "four kilometres" in result.markdown and "Checking your browser" not in result.markdown


def test_a_wall_that_stays_gives_no_article(loaded: dict[str, Any]) -> None:
    result: Extraction = loaded["stays"]
    wall = next(w for w in result.walls if w.phase == "rendered")
    assert (wall.kind, wall.vendor, wall.cleared) == ("bot-check", "Cloudflare", False)
    assert wall.first_seen_ms is not None
    assert result.completeness == "none" and result.markdown == ""


def test_consent_overlay_removed_and_recorded_by_default(loaded: dict[str, Any]) -> None:
    result: Extraction = loaded["consent_removed"]
    consent = [w for w in result.walls if w.kind == "consent"]
    assert [(w.phase, w.vendor) for w in consent] == [("rendered", "OneTrust")]
    assert "four kilometres" in result.markdown and "value your privacy" not in result.markdown


def test_consent_reject_clicks_the_managers_button(loaded: dict[str, Any]) -> None:
    assert loaded["clicked"] == "OneTrust: reject #onetrust-reject-all-handler"
    assert loaded["consent_state"] == "rejected"
    result: Extraction = loaded["consent_rejected"]
    # the watcher saw the dialog until the click: a consent wall that cleared, not one that stayed
    consent = [w for w in result.walls if w.kind == "consent"]
    assert consent and all(w.cleared for w in consent)
    assert "watcher:structure:overlay-consent" in consent[0].evidence
    assert "four kilometres" in result.markdown


def test_consent_reject_reaches_into_the_dialogs_iframe(loaded: dict[str, Any]) -> None:
    assert loaded["sp_clicked"] == "Sourcepoint: reject button.sp_choice_type_13"
    assert loaded["sp_state"] == "rejected"
