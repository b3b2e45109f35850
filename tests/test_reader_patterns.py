"""What a reader sees, captured: infinite scroll, "Read more", shadow DOM slots, redirect chains,
walls in frames, login modals over visible posts, and scripts that navigate to a failure.

One capture per fixture page (tests/pages/reader-*), checked for the text a reader reaches, the
walls recorded (kind and phase), what must not be clicked or kept, and how the wait ended.
"""

from __future__ import annotations

import time

import pytest

from tests.livebrowser import Browser

pytestmark = pytest.mark.browser


@pytest.fixture
def reader(live: Browser) -> Browser:
    """The session's one browser (tests/livebrowser.py)."""
    return live


# page -> texts that must reach the Markdown, in this order
COMPLETE = {
    "reader-scroll-sentinel": ("Chapter one begins", "Chapter two arrives", "Final paragraph"),
    "reader-scroll-listener": ("Day one of the festival", "Day two brought rain", "Last update"),
    "reader-scroll-timer": ("First section", "Third section", "Closing section"),
    "reader-readmore-en": ("Opening:", "Collapsed part:", "Traders came to rely on it"),
    "reader-readmore-de": ("Anfang:", "Ausgeklappter Teil:", "Zum Schluss sagt er"),
    "reader-readmore-fr": ("Début :", "Partie repliée :", "Le vigneron explique"),
    "reader-readmore-es": ("Inicio:", "Parte oculta:", "Al final del trayecto"),
    "reader-readmore-ja": ("冒頭：", "折りたたまれた部分：", "店主は"),
    "reader-readmore-pt": ("Começo:", "Parte recolhida:", "A dona da banca"),
    "reader-shadow-slots": ("Default slot, first paragraph", "Default slot, second paragraph"),
    "reader-shadow-nested": ("Re-projected paragraph one", "Re-projected paragraph two"),
    "reader-shadow-declarative": ("Shadow lede", "Light paragraph one", "Light paragraph two"),
    "reader-redirect-replace": ("Target of the short link", "forty moorings"),
    "reader-redirect-chain": ("End of the redirect chain", "preservation order"),
    "reader-iframe-consent": ("Article under the consent frame", "viewing platform"),
    "reader-login-modal-social": ("Post text, first block", "Post text, third block"),
    "reader-login-modal-pro": ("Lesson one:", "Lesson three:"),
    "reader-regwall": ("Visible part:", "Farmers whose land"),
    "reader-navigates-unreachable": ("Loaded article:", "fit the old type again"),
    "reader-navigates-late": ("Rendered before the navigation", "ring road"),
    "reader-navigates-early": ("Server-rendered article", "autumn storms"),
}
# page -> (kind, phase) of every wall that must be recorded; other pages have none
WALLS = {
    "reader-redirect-replace": {("javascript", "static")},
    "reader-redirect-chain": {("javascript", "static")},
    "reader-iframe-consent": {("consent", "rendered")},
    "reader-iframe-botcheck": {("bot-check", "rendered")},
    "reader-login-modal-social": {("login", "rendered")},
    "reader-login-modal-pro": {("login", "static"), ("login", "rendered")},
    "reader-regwall": {("login", "rendered")},
}
# page -> texts that must not reach the Markdown (wall text, ads opened, fallback slot text)
ABSENT = {
    "reader-readmore-en": ("Advert expanded",),
    "reader-shadow-nested": ("Fallback side text",),
    "reader-shadow-declarative": ("Fallback title",),
    "reader-iframe-consent": ("We value your privacy",),
    "reader-login-modal-social": ("Log in to see more", "Forgotten password"),
    "reader-login-modal-pro": ("Sign in to view more content",),
    "reader-regwall": ("Register for free", "Create a free account"),
}
TEASERS = {"reader-login-modal-social", "reader-login-modal-pro", "reader-regwall"}


@pytest.mark.parametrize("case", sorted(COMPLETE.keys() | WALLS.keys()))
def test_the_reader_sees_it_all(reader: Browser, pages_url: str, case: str) -> None:
    _, result = reader.extract(pages_url + case + "/")
    at = -1
    for text in COMPLETE.get(case, ()):
        found = result.markdown.find(text, at + 1)
        assert found > at, f"{text!r} missing or out of order in:\n{result.markdown}"
        at = found
    for text in ABSENT.get(case, ()):
        assert text not in result.markdown
    assert {(w.kind, w.phase) for w in result.walls} == WALLS.get(case, set())
    if case in TEASERS:
        assert result.completeness == "teaser"
    elif case not in WALLS or all(w.phase == "static" for w in result.walls):
        assert result.completeness == "full"


def test_expanders_are_clicked_in_the_article_only_and_recorded(
    reader: Browser, pages_url: str
) -> None:
    page, result = reader.extract(pages_url + "reader-readmore-en/")
    assert page.final_url.endswith("/reader-readmore-en/"), "a link that navigates was followed"
    clicked = [s for s in result.steps if s.name == "expanders"]
    assert clicked and clicked[0].samples == ("Read more",)  # not the ad's, not the teaser link


def test_a_page_without_expanders_records_no_click(reader: Browser, pages_url: str) -> None:
    _, result = reader.extract(pages_url + "reader-shadow-slots/")
    assert "expanders" not in {s.name for s in result.steps}


def test_redirect_chain_keeps_each_documents_server_html(reader: Browser, pages_url: str) -> None:
    page = reader.capture(pages_url + "reader-redirect-chain/")
    assert page.final_url.endswith("/app.html")
    assert [d.url.rsplit("/", 1)[-1] for d in page.documents] == ["", "hop.html"]
    assert page.server_html is not None and 'id="root"' in page.server_html


@pytest.mark.parametrize("case", ["reader-navigates-unreachable", "reader-navigates-late"])
def test_navigating_to_a_failure_keeps_the_last_good_dom(
    reader: Browser, pages_url: str, case: str
) -> None:
    page = reader.capture(pages_url + case + "/")
    assert page.wait.ended_by == "navigated-away"
    assert page.final_url.startswith(pages_url)
    assert not page.dom_html.startswith("<!DOCTYPE html><html dir")  # not Chromium's error page


def test_a_page_that_navigates_while_it_loads_keeps_its_server_view(
    reader: Browser, pages_url: str
) -> None:
    page = reader.capture(pages_url + "reader-navigates-early/")
    assert page.wait.ended_by == "navigated-away"
    assert not page.rendered and page.dom_html == page.server_html


def test_a_check_in_a_frame_that_clears_is_recorded_with_its_timing(
    reader: Browser, pages_url: str
) -> None:
    _, result = reader.extract(pages_url + "reader-iframe-check-clears/")
    walls = [w for w in result.walls if w.kind == "bot-check" and w.phase == "rendered"]
    assert walls and walls[0].first_seen_ms is not None and walls[0].cleared_ms is not None
    assert walls[0].first_seen_ms < walls[0].cleared_ms
    assert "After the check:" in result.markdown and result.completeness == "full"


def test_an_error_page_is_not_waited_on(reader: Browser, pages_url: str) -> None:
    start = time.monotonic()
    reader.capture(pages_url + "reader-navigates-unreachable/", wall_wait_ms=8_000)
    assert time.monotonic() - start < 7, "the wall wait ran out on Chromium's error page"


def test_a_page_that_does_not_grow_is_not_held_at_the_bottom(
    reader: Browser, pages_url: str
) -> None:
    page = reader.capture(pages_url + "reader-readmore-de/")
    # no loader on the page: scrolling costs its short per-step pauses, no growth wait
    scroll = page.timings["scroll"] - page.timings.get("walls", page.timings["quiet"])
    assert scroll < 1_500
