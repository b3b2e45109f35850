"""The render/capture step in a real Chromium: what each fixture page shows, and what it hides.

Pure helpers (URL and origin handling, the time budget, decoding) are tested at the end.
The session's one browser (``live``, tests/livebrowser.py) serves the browser tests.
Each case goes through capture + the pure pipeline, and checks both the captured DOM and the
Markdown a user gets.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from extractor.browser.capture import origin_of, to_url
from extractor.browser.served import decode_html
from extractor.browser.settle import Budget
from extractor.errors import NavigationError, NotHtmlError, PageTimeoutError, UsageError
from extractor.pipeline import extract_html
from extractor.records import RenderedPage
from tests.livebrowser import Browser


def shown(page: RenderedPage) -> str:
    """The captured DOM without its scripts (whose source may quote the page's texts)."""
    return re.sub(r"<script\b.*?</script>", "", page.dom_html, flags=re.S)


def in_order(text: str, *parts: str) -> bool:
    """Every part occurs in ``text``, in this order."""
    at = -1
    for part in parts:
        at = text.find(part, at + 1)
        if at < 0:
            return False
    return True


@pytest.mark.browser
def test_js_delayed_fetch_content_appears(live: Browser, pages_url: str) -> None:
    page, result = live.extract(pages_url + "js-delayed-fetch/")
    assert "Hydrologists measuring the upper basin" in result.markdown
    assert "kayak clubs worried" in result.markdown
    # the story is not in the server view: only waiting for the fetch got it
    assert page.server_html is not None and "Hydrologists" not in page.server_html
    assert "Loading story" not in page.dom_html
    assert page.wait.ended_by == "quiet" and page.wait.elapsed_ms >= 700
    assert page.status == 200 and page.final_url == pages_url + "js-delayed-fetch/"


@pytest.mark.browser
def test_noscript_wall_text_is_not_in_the_rendered_view(live: Browser, pages_url: str) -> None:
    page, result = live.extract(pages_url + "noscript-wall-clears/")
    assert page.server_html is not None and "enable JavaScript" in page.server_html
    assert "enable JavaScript" not in page.dom_html
    assert "enable JavaScript" not in result.markdown
    assert "Old apple trees respond best" in result.markdown


@pytest.mark.browser
def test_shadow_roots_are_inlined_in_place(live: Browser, pages_url: str) -> None:
    page, result = live.extract(pages_url + "shadow-dom/")
    assert "data-x-shadow-root" in page.dom_html
    assert in_order(
        result.markdown,
        "The opening paragraph",
        "Shadow paragraph: cover the beans",
        "Slotted note: soak the beans",
        "Nested shadow tip",
        "Closed shadow credit",
        "The closing paragraph",
    ), result.markdown
    # a slot shows what is assigned to it; unassigned light children are not shown
    assert "Fallback note" not in shown(page)
    assert "not assigned to any slot" not in shown(page)


@pytest.mark.browser
def test_same_origin_frames_are_inlined_in_place(live: Browser, pages_url: str) -> None:
    page, result = live.extract(pages_url + "iframe-same-origin/")
    assert in_order(
        result.markdown,
        "Before the frame",
        "Framed transcript",
        "Framed script text",
        "After the frame",
        "Srcdoc frame",
    ), result.markdown
    assert f'data-x-frame="{pages_url}iframe-same-origin/frame.html"' in page.dom_html
    # links inside the frame resolve against the frame's address, not the page's
    assert f"({pages_url}iframe-same-origin/notes/keeper.html)" in result.markdown


@pytest.mark.browser
def test_lazy_images_get_their_real_urls(live: Browser, pages_url: str) -> None:
    page, result = live.extract(pages_url + "lazy-images/")
    base = pages_url + "lazy-images/img/"
    for name in ("north-pier.jpg", "slipway-1600.jpg", "market-2x.jpg", "lighthouse-dusk-1600.jpg"):
        # the URL, then the end of the image or its caption title
        assert re.search(rf"\]\({re.escape(base + name)}(\)| \")", result.markdown), name
    assert "data:image/gif" not in result.markdown
    # the chosen URL is written as the page wrote it; absolutising is a later step
    assert 'src="img/north-pier.jpg"' in page.dom_html
    assert "Scroll-loaded paragraph" in result.markdown


@pytest.mark.browser
def test_the_page_script_and_the_pure_steps_choose_the_same_image(
    live: Browser, pages_url: str
) -> None:
    url = pages_url + "lazy-images-attributes/"
    page, rendered = live.extract(url)
    assert page.server_html is not None
    served = extract_html(page.server_html, url)  # the same markup, no browser

    def images(markdown: str) -> list[str]:
        return re.findall(r"!\[[^\]]*\]\(([^ )]+)", markdown)

    wanted = ["ferry-ramp.jpg", "wheelhouse-original.jpg", "harbour-wall.jpg", "gulls-1280.webp"]
    assert images(served.markdown) == [url + "img/" + name for name in wanted]
    assert images(rendered.markdown) == images(served.markdown)
    for name in wanted:  # the capture script wrote the same choice into src
        assert f'src="img/{name}"' in page.dom_html, name


@pytest.mark.browser
def test_without_scrolling_the_observer_loader_never_fires(live: Browser, pages_url: str) -> None:
    page = live.capture(pages_url + "lazy-images/", scroll=False)
    assert "lighthouse-dusk-1600.jpg" not in shown(page)
    assert "Scroll-loaded paragraph" not in shown(page)
    assert "north-pier.jpg" in shown(page)  # data-src needs no scrolling


@pytest.mark.browser
def test_hidden_text_is_dropped(live: Browser, pages_url: str) -> None:
    page, result = live.extract(pages_url + "hidden-text/")
    for text in ("Visible paragraph one", "Visible paragraph two", "Visible override inside"):
        assert text in result.markdown, text
    for hidden in (
        "Hidden by inline display none",
        "Hidden by a stylesheet class",
        "Hidden by the hidden attribute",
        "Hidden by visibility",
        "Hidden in a zero-size box",
        "Screen-reader-only aside",
        "Hidden off-screen",
        "Skip to main content",
    ):
        assert hidden not in shown(page), hidden
    # text comes from the DOM, not from rendering: CSS text-transform does not change it
    assert "Night trains return to the northern line" in page.dom_html
    assert "NIGHT TRAINS" not in page.dom_html


@pytest.mark.browser
def test_a_closed_disclosures_body_is_kept_though_a_script_hides_it(
    live: Browser, pages_url: str
) -> None:
    # Docusaurus's folded <details>: the body hidden by a style of its own until clicked
    page, result = live.extract(pages_url + "docs-script-folded-details/")
    assert in_order(result.markdown, "Click to expand", "- [Install](", "- [Totals](", "## Install")
    assert 'style="display: none' not in page.dom_html
    # inside an open disclosure, what the stylesheet hides is still hidden
    assert "Two photographs of a roost overlap" in result.markdown
    assert "never shown" not in shown(page)


@pytest.mark.browser
def test_a_panel_folded_to_no_height_is_kept(live: Browser, pages_url: str) -> None:
    # Retype's collapsible block: its body folded to no height by the theme's script, under a
    # toggle that an empty link covers; a screen-reader label of 1px still goes
    _, result = live.extract(pages_url + "docs-collapsed-panel/")
    assert in_order(result.markdown, "Click to expand", "- [Setup](", "- [Totals](", "## Setup")
    assert "Opens in a new tab" not in result.markdown
    assert "About the harbour survey team" not in result.markdown


@pytest.mark.browser
def test_a_panel_hidden_until_opened_is_kept(live: Browser, pages_url: str) -> None:
    # an accordion's answers hidden by the page's style sheet until a reader opens them, and
    # an answer that a disclosure button opens (aria-controls); the menu a toggle opens, all
    # links, still goes, as in the pure path
    _, result = live.extract(pages_url + "faq-accordion-hidden/")
    md = result.markdown
    assert in_order(
        md,
        "### What do I need to bring with me?",
        "- Photo ID for everyone named on the return",
        "### Can I file if I moved here this year?",
        "files a part-year return",
        "How long does a refund take?",
        "Most refunds arrive within three weeks",
    )
    assert "/volunteer" not in md and "About us" not in md


@pytest.mark.browser
def test_a_panel_a_button_shows_is_kept(live: Browser, pages_url: str) -> None:
    # a shop's "View Product Details" button over the description that its style sheet hides
    # until the button is pressed (no ARIA on either): kept, as the pure path keeps it; the
    # menu a bare button shows (all links) and the form behind "Write a Review" still go
    _, result = live.extract(pages_url + "product-details-behind-button/")
    md = result.markdown
    assert in_order(
        md,
        "A lugged outsole and a rock plate",
        "The third Ridgeline keeps the grip",
        "#### Product Details",
        "- Heel-to-toe drop: 6 mm",
    )
    assert "Find a store" not in md and "longest run" not in md


@pytest.mark.browser
def test_relative_links_become_absolute(live: Browser, pages_url: str) -> None:
    _, result = live.extract(pages_url + "relative-links/")
    md = result.markdown
    assert f"]({pages_url}relative-links/docs/reading-room.html)" in md
    assert f"]({pages_url}catalogue/search?q=maps)" in md
    assert f"]({pages_url}relative-links/fees.html)" in md
    assert f"]({pages_url}relative-links/docs/plans.html#scans)" in md
    assert f"]({pages_url}relative-links/docs/img/harbour-plan.png)" in md
    assert "](https://archive.example.org/about)" in md


@pytest.mark.browser
def test_empty_app_root_stays_empty(live: Browser, pages_url: str) -> None:
    page = live.capture(pages_url + "app-root-empty/")
    assert page.server_html is not None and "enable JavaScript" in page.server_html
    assert '<div id="root"></div>' in page.dom_html
    assert "<noscript" not in page.dom_html
    assert page.wait.elapsed_ms < 5_000  # a missing bundle does not hold the capture


@pytest.mark.browser
def test_overlay_and_scroll_lock_are_marked(live: Browser, pages_url: str) -> None:
    page = live.capture(pages_url + "overlay-modal/")
    assert '<html lang="en" data-x-scroll-locked="1">' in page.dom_html
    assert 'class="modal-backdrop" data-x-overlay="100"' in page.dom_html
    # a sticky header is fixed too, but covers little of the viewport
    assert 'class="site-header">' in page.dom_html


@pytest.mark.browser
def test_allow_origins_blocks_other_origins(live: Browser, pages_url: str) -> None:
    url = pages_url + "allow-origins/"
    open_page = live.capture(url)
    assert "Third-party widget text" in open_page.dom_html
    own = pages_url.rstrip("/")
    gated = live.capture(url, allow_origins=(own,))
    assert "Third-party widget text" not in shown(gated)
    assert "First-party paragraph" in gated.dom_html


@pytest.mark.browser
def test_wait_for_selector_ends_the_wait(live: Browser, pages_url: str) -> None:
    page = live.capture(pages_url + "js-delayed-fetch/", wait_for="article p")
    assert page.wait.ended_by == "selector"
    assert "Hydrologists" in page.dom_html


@pytest.mark.browser
def test_screenshot_taken_when_asked(live: Browser, pages_url: str, tmp_path: Path) -> None:
    page = live.capture(pages_url + "overlay-modal/", wall_screenshot_dir=str(tmp_path))
    assert page.screenshot is not None and page.screenshot.startswith(b"\x89PNG")


@pytest.mark.browser
def test_local_file_is_rendered_like_a_url(live: Browser, tmp_path: Path) -> None:
    path = tmp_path / "local page.html"
    path.write_text(
        "<html><body><div id=a></div><script>"
        "document.getElementById('a').textContent = 'Written by a script in a local file.';"
        "</script></body></html>"
    )
    page = live.capture(str(path))
    assert page.final_url == path.as_uri()
    assert page.status is None and page.server_html is not None
    assert "Written by a script in a local file." in page.dom_html
    assert "Written by" not in page.server_html.split("<script>")[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.browser
@pytest.mark.parametrize(
    ("target", "error", "words"),
    [
        ("refused", NavigationError, "connection refused"),
        ("http://no-such-host.invalid/", NavigationError, "host name not found"),
        ("_hang", PageTimeoutError, "timed out"),
        ("_binary", NotHtmlError, "not HTML"),
    ],
)
@pytest.mark.browser
def test_failures_map_to_our_errors(
    live: Browser, pages_url: str, target: str, error: type[Exception], words: str
) -> None:
    if target == "refused":
        url = f"http://127.0.0.1:{free_port()}/"
    elif target.startswith("http"):
        url = target
    else:
        url = pages_url + target
    with pytest.raises(error) as caught:
        live.capture(url, timeout_ms=2_000)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.browser
def test_page_that_never_finishes_loading_is_still_captured(live: Browser, pages_url: str) -> None:
    page = live.capture(pages_url + "blocking-script-hangs/", timeout_ms=4_000)
    assert page.wait.ended_by == "timeout"
    assert "Above the stuck script" in page.dom_html
    assert "Below the stuck script" not in shown(page)
    assert page.server_html is not None and "Below the stuck script" in page.server_html


@pytest.mark.browser
def test_viewport_locale_and_time_zone_are_pinned(live: Browser, tmp_path: Path) -> None:
    path = tmp_path / "environment.html"
    path.write_text(
        "<html><body><p id=out></p><script>document.getElementById('out').textContent = ["
        "innerWidth, innerHeight, navigator.language,"
        "Intl.DateTimeFormat().resolvedOptions().timeZone].join('|');</script></body></html>"
    )
    page = live.capture(
        str(path), viewport=(1024, 640), locale="fr-FR", timezone="Asia/Tokyo", scroll=False
    )
    assert '<p id="out">1024|640|fr-FR|Asia/Tokyo</p>' in page.dom_html


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("about:blank", "about:blank"),
        ("example.org/news/1", "https://example.org/news/1"),
    ],
)
def test_to_url(given: str, expected: str) -> None:
    assert to_url(given) == expected


def test_to_url_turns_a_local_path_into_a_file_url(tmp_path: Path) -> None:
    path = tmp_path / "saved page.html"
    path.write_text("<p>x</p>")
    assert to_url(str(path)) == path.as_uri()
    assert to_url(str(path)).endswith("saved%20page.html")


def test_to_url_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a URL or an existing file"):
        to_url(str(tmp_path / "missing.html"))


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("http://127.0.0.1:8000/a/b?c", "http://127.0.0.1:8000"),
        ("HTTPS://Example.ORG/", "https://example.org"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("file:///srv/pages/a.html", "file://"),
        ("file://", "file://"),
    ],
)
def test_origin_of(url: str, origin: str) -> None:
    assert origin_of(url) == origin


def test_budget_keeps_a_reserve_for_the_capture() -> None:
    budget = Budget(10_000)
    assert budget.cap(3_000) == 3_000
    assert 7_900 <= budget.cap(60_000) <= 8_000  # 2 s kept back for the capture itself
    small = Budget(1_000)
    assert 700 <= small.cap(60_000) <= 800  # a fifth of a small budget


@pytest.mark.parametrize(
    ("body", "content_type", "text"),
    [
        ("café".encode(), "text/html; charset=utf-8", "café"),
        ("café".encode("latin-1"), "text/html; charset=ISO-8859-1", "café"),
        ('<meta charset="windows-1252"><p>café'.encode("cp1252"), "text/html", "café"),
        ("café".encode(), "text/html; charset=no-such-codec", "café"),
    ],
)
def test_server_html_decoding(body: bytes, content_type: str, text: str) -> None:
    assert text in decode_html(body, content_type)


@pytest.mark.browser
def test_saved_https_page_replayed_over_http_keeps_loading(live: Browser, pages_url: str) -> None:
    url = pages_url + "https-upgrade-script/"
    page = live.capture(url, allow_origins=(pages_url,), timeout_ms=8_000)
    assert page.final_url == "https" + url[len("http") :]
    assert page.wait.ended_by == "quiet"
    assert "Below the redirect snippet" in shown(page)


@pytest.mark.browser
def test_navigation_to_a_blocked_origin_keeps_the_page(live: Browser, pages_url: str) -> None:
    url = pages_url + "navigates-away/"
    followed = live.capture(url)
    assert "Elsewhere: the page the script sent" in shown(followed)
    assert followed.final_url.startswith("http://localhost:")
    gated = live.capture(url, allow_origins=(pages_url,))
    assert gated.final_url == url
    assert "Original story" in shown(gated) and "Elsewhere" not in shown(gated)


@pytest.mark.browser
def test_capture_waits_for_a_challenge_to_clear(live: Browser, pages_url: str) -> None:
    # the challenge page is quiet for longer than the quiet window, then swaps in the story
    page, result = live.extract(
        pages_url + "wall-botcheck-cloudflare-flash/", quiet_ms=300, wall_wait_ms=8_000
    )
    assert "four kilometres" in result.markdown
    wall = next(w for w in result.walls if (w.kind, w.phase) == ("bot-check", "rendered"))
    # seen, then gone before the capture: how much of that was the wall wait depends on how
    # long the settle took (on a loaded machine the challenge may clear within it)
    assert wall.first_seen_ms is not None and wall.cleared_ms is not None
    assert wall.cleared_ms >= wall.first_seen_ms
    assert page.wait.elapsed_ms >= wall.cleared_ms


@pytest.mark.browser
def test_a_challenge_that_stays_is_waited_for_at_most_wall_wait(
    live: Browser, pages_url: str
) -> None:
    page, result = live.extract(
        pages_url + "wall-botcheck-cloudflare/", quiet_ms=300, wall_wait_ms=1_500
    )
    assert 1_000 <= page.timings["walls"] <= 6_000
    assert any(w.kind == "bot-check" and not w.cleared for w in result.walls)
    assert result.completeness == "none"


@pytest.mark.browser
def test_capture_waits_for_an_app_that_renders_after_a_timer(live: Browser, pages_url: str) -> None:
    page, result = live.extract(pages_url + "timer-rendered-app/", quiet_ms=300, wall_wait_ms=8_000)
    assert "six underwater turbines" in result.markdown
    assert result.metadata.title == "Tidal energy pilot begins"
    assert page.timings["walls"] >= 1_000


@pytest.mark.browser
def test_an_app_root_that_stays_empty_is_waited_for_at_most_wall_wait(
    live: Browser, pages_url: str
) -> None:
    page, result = live.extract(pages_url + "app-root-empty/", wall_wait_ms=1_000)
    assert 700 <= page.timings["walls"] <= 5_000
    assert any(w.kind == "javascript" for w in result.walls)


class _Redirecting:
    """A page whose document is replaced ``cuts`` times before an evaluation gets through."""

    def __init__(self, cuts: int) -> None:
        self.cuts = cuts
        self.calls = 0

    async def evaluate(self, source: str, arg: object) -> str:
        from playwright.async_api import Error as PlaywrightError

        self.calls += 1
        if self.calls <= self.cuts:
            raise PlaywrightError(
                "Execution context was destroyed, most likely because of a navigation"
            )
        return "settled"

    async def wait_for_load_state(self, state: str, timeout: float) -> None:
        return None  # the old document is still there: it was parsed long ago


def test_evaluate_outlasts_a_redirect_chain_that_is_slow_to_commit() -> None:
    import asyncio

    from extractor.browser.settle import EVALUATE_RETRIES, evaluate

    page = _Redirecting(cuts=6)
    assert asyncio.run(evaluate(page, "() => 1", None, Budget(10_000))) == "settled"  # type: ignore[arg-type]
    assert page.calls == 7
    endless = _Redirecting(cuts=EVALUATE_RETRIES + 1)
    with pytest.raises(Exception, match="Execution context was destroyed"):
        asyncio.run(evaluate(endless, "() => 1", None, Budget(10_000)))  # type: ignore[arg-type]
