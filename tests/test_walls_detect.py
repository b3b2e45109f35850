"""The wall detectors on small inline pages, without a browser."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml.html import HtmlElement

from extractor import dom
from extractor.pipeline import extract_html, extract_page
from extractor.records import Options, RenderedPage, ServedDocument, Wait, Wall, WallSighting
from extractor.walls.detect import WallFindings, completeness, find_walls, scrub

STORY = [
    "The council voted on Tuesday to extend the river path by four kilometres, linking the old "
    "mill district with the new housing on the eastern bank of the river.",
    "Residents had asked for the extension for more than a decade, describing walks along the "
    "busy ring road because the existing path stops abruptly at the railway bridge.",
    "The plan includes a footbridge over the canal, lighting along the whole route and two small "
    "parks where the path widens, with room for a separate cycle lane later on.",
    "Funding comes mostly from a regional grant, with the rest drawn from the city's own budget "
    "for the next two years; the opposition questioned the cost estimate.",
    "The planning office will publish the drawings next week and hold two open afternoons at the "
    "library, where residents can comment on the route before January.",
]


def story(*extra: str, before: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in STORY)
    return f"<html><body><main><article><h1>River path</h1>{before}{paras}{''.join(extra)}</article></main></body></html>"


def static(
    html: str,
    *,
    status: int | None = 200,
    headers: dict[str, str] | None = None,
    url: str = "",
    options: Options | None = None,
) -> tuple[WallFindings, HtmlElement]:
    page = RenderedPage(
        url=url or "https://example.org/a",
        final_url=url or "https://example.org/a",
        status=status,
        headers=headers or {},
        server_html=html,
        dom_html=html,
        wait=Wait("static", 0),
        rendered=False,
    )
    doc = dom.parse(html)
    return find_walls(page, doc, doc, options=options), doc


def rendered_page(
    server_html: str, dom_html: str, sightings: tuple[WallSighting, ...] = (), status: int = 200
) -> RenderedPage:
    return RenderedPage(
        url="https://example.org/a",
        final_url="https://example.org/a",
        status=status,
        headers={},
        server_html=server_html,
        dom_html=dom_html,
        wait=Wait("quiet", 0),
        sightings=sightings,
    )


def rendered(
    server_html: str, dom_html: str, sightings: tuple[WallSighting, ...] = ()
) -> tuple[WallFindings, HtmlElement]:
    page = rendered_page(server_html, dom_html, sightings)
    doc = dom.parse(dom_html)
    return find_walls(page, doc, dom.parse(server_html)), doc


def kinds(found: WallFindings, phase: str = "static") -> set[str]:
    return {w.kind for w in found.walls if w.phase == phase}


def text(doc: HtmlElement) -> str:
    return dom.text_of(doc)


# -- phrases: where they count


def test_strong_phrase_in_its_own_paragraph_of_a_long_article_is_a_wall_and_removed() -> None:
    found, doc = static(story("<p>Please enable JavaScript in your browser settings.</p>"))
    assert kinds(found) == {"javascript"}
    assert "enable JavaScript" not in text(doc) and "four kilometres" in text(doc)
    assert [s.name for s in found.steps] == ["walls"]


def test_the_same_phrase_inside_a_long_paragraph_is_article_text() -> None:
    para = (
        "<p>When a site says please enable JavaScript in your browser settings, the fix is "
        "usually to allow scripts for that site in your content blocker and reload.</p>"
    )
    found, doc = static(story(para))
    assert kinds(found) == set()
    assert "fix is usually" in text(doc)


@pytest.mark.parametrize(
    "quoted",
    [
        "<blockquote><p>We are having trouble retrieving the article content.</p></blockquote>",
        "<p>\u201cWe are having trouble retrieving the article content.\u201d</p>",
        "<pre><code>We are having trouble retrieving the article content.</code></pre>",
    ],
)
def test_quoted_wall_text_is_not_a_wall(quoted: str) -> None:
    found, _ = static(story(quoted))
    assert kinds(found) == set()


def test_weak_phrase_needs_a_short_page() -> None:
    long_found, _ = static(story("<p>Please enable cookies.</p>"))
    assert kinds(long_found) == set()
    short_found, _ = static(
        "<html><body><h1>Please enable cookies.</h1><p>Ray ID: 8a1b2c3d4e5f6a7b</p></body></html>"
    )
    assert kinds(short_found) == {"bot-check"}
    (wall,) = short_found.walls
    assert any(e.startswith("structure:short-body") for e in wall.evidence)
    assert wall.vendor == "Cloudflare"


def test_wall_phrase_in_an_element_named_for_a_wall_counts_on_a_long_page() -> None:
    box = '<div class="subscribe-box"><p>Already a subscriber? Sign in</p></div>'
    weak_only, _ = static(story(box))
    assert kinds(weak_only) == set()  # one weak signal
    found, doc = static(story(box.replace("</p>", "</p><p>Subscribe to continue reading</p>")))
    assert kinds(found) == {"paywall"}
    assert "Subscribe to continue" not in text(doc)


# -- vendors and structure


def test_mitigation_header_alone_is_a_wall_and_names_the_vendor() -> None:
    found, _ = static(story(), status=403, headers={"cf-mitigated": "challenge"})
    (wall,) = found.walls
    assert (wall.kind, wall.vendor) == ("bot-check", "Cloudflare")
    assert "header:cf-mitigated: challenge" in wall.evidence


def test_a_plain_cloudflare_error_status_is_only_a_hint() -> None:
    found, _ = static(story(), status=503, headers={"server": "cloudflare"})
    assert kinds(found) == set()


def test_turnstile_widget_on_a_short_page_is_not_a_challenge() -> None:
    html = (
        "<html><body><h1>Contact</h1><form><div class='cf-turnstile'></div></form>"
        "<script src='https://challenges.cloudflare.com/turnstile/v0/api.js'></script></body></html>"
    )
    assert kinds(static(html)[0]) == set()
    challenge = html.replace(
        "</body>", "<script>window._cf_chl_opt={cType:'managed'}</script></body>"
    )
    assert kinds(static(challenge)[0]) == {"bot-check"}


@pytest.mark.parametrize(
    "marker",
    [
        "<script src='/_sec/cp_challenge/sec-cpt-if-3-4.js'></script>",
        "<div id='sec-if-cpt-container' data-duration='5'></div>",
    ],
)
def test_akamai_challenge_interstitial_is_a_bot_check(marker: str) -> None:
    html = f"<html><body><h1>Un momento</h1><p>Cargando la página.</p>{marker}</body></html>"
    (wall,) = static(html)[0].walls
    assert (wall.kind, wall.vendor) == ("bot-check", "Akamai")


def test_akamai_edge_asking_for_its_challenge_is_a_bot_check() -> None:
    found, _ = static(story(), status=428, headers={"Server": "AkamaiGHost"})
    assert {(w.kind, w.vendor) for w in found.walls} == {("bot-check", "Akamai")}
    assert kinds(static(story(), status=200, headers={"Server": "AkamaiGHost"})[0]) == set()


def test_a_451_page_is_a_geo_block_in_both_phases_unless_scripts_moved_on() -> None:
    notice = (
        "<html><body><h1>Not here</h1><p>This site is not offered where you are.</p></body></html>"
    )
    page = rendered_page(notice, notice, status=451)
    found = find_walls(page, dom.parse(notice), dom.parse(notice))
    assert kinds(found, "static") == kinds(found, "rendered") == {"geo-block"}
    # the settled DOM is a later document (the page's scripts went elsewhere): the status of the
    # first one says nothing of it
    moved = replace(page, documents=(ServedDocument(page.url, 451, {}, notice),), dom_html=story())
    found = find_walls(moved, dom.parse(story()), dom.parse(story()))
    assert kinds(found, "rendered") == set()


def test_url_names_consent_interstitials() -> None:
    html = "<html><body><h1>Before you continue</h1><p>Choose your settings.</p></body></html>"
    found, _ = static(html, url="https://consent.youtube.com/m?continue=x")
    assert kinds(found) == {"consent"}


def test_empty_app_root_with_a_noscript_message_in_unseen_words() -> None:
    html = "<html><body><noscript>Scripting must be on for this tool.</noscript><div id='root'></div></body></html>"
    found, doc = static(html)
    assert kinds(found) == {"javascript"}
    assert "Scripting must be on" not in text(doc)
    assert completeness(found.walls, "") == "none"


def test_jsonld_not_free_needs_a_cut_off_body() -> None:
    ld = '<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script>'
    more = "".join(f"<p>{p}</p>" for p in STORY)
    full = story(more).replace("<body>", "<body>" + ld)
    assert kinds(static(full)[0]) == set()
    cut = f"<html><body>{ld}<article><h1>T</h1><p>{STORY[0]}</p></article></body></html>"
    assert kinds(static(cut)[0]) == {"paywall"}


def test_widget_notice_is_removed_but_not_a_wall() -> None:
    disqus = (
        "<div id='disqus_thread'></div><noscript>Please enable JavaScript to view the "
        "<a href='https://disqus.com/?ref_noscript'>comments powered by Disqus.</a></noscript>"
    )
    found, doc = static(story(disqus))
    assert found.walls == ()
    assert [s.name for s in found.steps] == ["widget-notices"]
    assert "Disqus" not in text(doc)


# -- rendered phase: overlays, banners, noscript


CONSENT = (
    "<div id='cmp' {attrs}><h2>We value your privacy</h2><p>We use cookies to improve the site. "
    "By clicking \u201cAccept all\u201d, you agree to our use of cookies.</p>"
    "<button>Accept all</button><button>Reject all</button></div>"
)


def test_consent_overlay_with_scroll_lock_is_a_consent_wall_and_is_removed() -> None:
    settled = story(CONSENT.format(attrs='data-x-overlay="100"')).replace(
        "<html>", '<html data-x-scroll-locked="1">'
    )
    found, doc = rendered(story(), settled)
    assert kinds(found, "rendered") == {"consent"}
    assert "value your privacy" not in text(doc)
    assert completeness(found.walls, "four kilometres " * 30, rendered=True) == "full"


def test_cookie_bar_that_does_not_block_is_removed_but_not_a_wall() -> None:
    found, doc = rendered(story(), story(CONSENT.format(attrs="")))
    assert found.walls == ()
    assert [s.name for s in found.steps] == ["consent-banners"]
    assert "value your privacy" not in text(doc)


def test_noscript_wall_text_in_the_settled_dom_is_removed_without_a_wall() -> None:
    settled = story(
        "<noscript><p>Please enable JavaScript in your browser settings.</p></noscript>"
    )
    found, doc = rendered(story(), settled)
    assert kinds(found, "rendered") == set()
    assert "enable JavaScript" not in text(doc)


def test_server_view_wall_is_recorded_but_the_settled_dom_is_not_touched() -> None:
    server = "<html><body><noscript>Diese Webseite benötigt JavaScript.</noscript><div id='app'></div></body></html>"
    found, _ = rendered(server, story())
    assert kinds(found, "static") == {"javascript"} and kinds(found, "rendered") == set()
    assert found.steps == ()
    assert completeness(found.walls, "x " * 200, rendered=True) == "full"


# -- the watcher's timeline


def sighting(entry: str, first: int, cleared: int | None) -> WallSighting:
    return WallSighting(phrase_id=entry, text="...", first_seen_ms=first, cleared_ms=cleared)


def test_a_wall_that_flashed_and_cleared_is_recorded_as_cleared() -> None:
    seen = (sighting("bot-en-checking-browser", 40, 700), sighting("bot-en-just-a-moment", 45, 710))
    found, _ = rendered(story(), story(), seen)
    (wall,) = found.walls
    assert (wall.kind, wall.phase, wall.first_seen_ms, wall.cleared_ms) == (
        "bot-check",
        "rendered",
        40,
        710,
    )
    assert wall.cleared and wall.vendor == "Cloudflare"
    assert completeness(found.walls, "x " * 200, rendered=True) == "full"


def test_a_blocking_overlay_that_went_away_is_a_cleared_wall_of_its_kind() -> None:
    seen = (sighting("structure:overlay-paywall", 300, 2500),)
    found, _ = rendered(story(), story(), seen)
    (wall,) = found.walls
    assert (wall.kind, wall.first_seen_ms, wall.cleared_ms) == ("paywall", 300, 2500)
    assert rendered(story(), story(), (sighting("structure:overlay-bogus", 1, 2),))[0].walls == ()


def test_one_weak_phrase_that_flashed_is_not_enough() -> None:
    found, _ = rendered(story(), story(), (sighting("bot-en-access-denied", 10, 90),))
    assert found.walls == ()


def test_a_sighting_still_visible_needs_the_settled_dom_to_agree() -> None:
    unconfirmed, _ = rendered(story(), story(), (sighting("bot-en-checking-browser", 30, None),))
    assert unconfirmed.walls == ()
    wall_page = (
        "<html><body><h1>Checking your browser before accessing example.org</h1></body></html>"
    )
    confirmed, _ = rendered(wall_page, wall_page, (sighting("bot-en-checking-browser", 30, None),))
    (_, wall) = confirmed.walls  # static and rendered
    assert (wall.phase, wall.first_seen_ms, wall.cleared_ms) == ("rendered", 30, None)
    assert "watcher:bot-en-checking-browser" in wall.evidence


# -- results: scrub and completeness


WALL = Wall("javascript", "static", "Please enable JavaScript in your browser settings.")


def test_scrub_removes_wall_lines_and_keeps_the_rest() -> None:
    md = (
        "# Title\n\nA real paragraph about rivers.\n\n"
        "**Please enable JavaScript in your browser settings.**\n\n"
        "Already a subscriber? [Log in.](https://example.org/login)\n\nLast words.\n"
    )
    paywall = Wall("paywall", "static", "Already a subscriber? Log in.")
    out = scrub(md, (WALL, paywall))
    assert out == "# Title\n\nA real paragraph about rivers.\n\nLast words.\n"
    assert scrub(md, ()) == md


@pytest.mark.parametrize(
    ("walls", "markdown", "is_rendered", "expected"),
    [
        ((), "x", False, "full"),
        ((Wall("bot-check", "static", ""),), "long " * 100, False, "none"),
        ((Wall("bot-check", "static", ""),), "long " * 100, True, "full"),  # cleared by rendering
        ((Wall("bot-check", "rendered", "", cleared_ms=500),), "long " * 100, True, "full"),
        ((Wall("login", "rendered", ""),), "Two words.", True, "none"),  # the login page itself
        ((Wall("login", "rendered", ""),), "long " * 100, True, "teaser"),  # a modal over a post
        ((Wall("bot-check", "rendered", ""),), "long " * 100, True, "none"),
        # a wall of an earlier document of a redirect chain does not cut the page shown
        (
            (Wall("javascript", "static", "", evidence=("document:https://t.example/x",)),),
            "Two words.",
            False,
            "full",
        ),
        ((Wall("paywall", "static", ""),), "A teaser paragraph.", False, "teaser"),
        ((Wall("paywall", "static", ""),), "", False, "none"),
        ((WALL,), "Two words.", False, "none"),
        ((WALL,), "long " * 100, False, "full"),
        # a consent page: a short body that is the banner, whatever is left beside it
        (
            (Wall("consent", "static", "", evidence=("structure:short-body (300 chars)",)),),
            "long " * 100,
            False,
            "none",
        ),
        # ...not a short page whose banner is an overlay over a brief
        (
            (
                Wall(
                    "consent",
                    "rendered",
                    "",
                    evidence=(
                        "structure:short-body (400 chars)",
                        "structure:overlay-covers-viewport",
                    ),
                ),
            ),
            "brief " * 40,
            True,
            "full",
        ),
        # a consent banner hides nothing: a brief of two sentences beside it is an article...
        ((Wall("consent", "rendered", ""),), "brief " * 30, True, "full"),
        # ...a footer line beside it is not, nor is a brief beside any other wall that stayed
        ((Wall("consent", "rendered", ""),), "Imprint. Privacy.", True, "none"),
        ((Wall("consent", "rendered", ""), WALL), "brief " * 30, False, "none"),
    ],
)
def test_completeness(
    walls: tuple[Wall, ...], markdown: str, is_rendered: bool, expected: str
) -> None:
    assert completeness(walls, markdown, rendered=is_rendered) == expected


def test_pipeline_blanks_the_article_when_a_bot_check_stays() -> None:
    html = (
        "<html><head><title>Just a moment...</title></head><body>"
        "<h1>Verifying you are human. This may take a few seconds.</h1>"
        "<p>example.org needs to review the security of your connection before proceeding.</p>"
        "</body></html>"
    )
    result = extract_html(html)
    assert result.completeness == "none" and result.markdown == ""
    assert [w.kind for w in result.walls] == ["bot-check"]


def test_a_paywall_prompt_copied_from_another_site_does_not_cut_this_article() -> None:
    prompt = (
        "<div class='access'><p>Already a subscriber? <a href='{0}/login'>Log in.</a></p>"
        "<p>Want all of The Times? <a href='{0}/subscription'>Subscribe.</a></p></div>"
    )
    copied, _ = static(
        story(prompt.format("https://www.nytimes.com")), url="https://blog.example/a"
    )
    own, _ = static(story(prompt.format("https://blog.example")), url="https://blog.example/a")
    assert kinds(copied) == kinds(own) == {"paywall"}
    assert completeness(copied.walls, "x " * 200) == "full"
    assert completeness(own.walls, "x " * 200) == "teaser"


def test_password_field_counts_in_the_content_not_in_the_header() -> None:
    login_box = "<header><form><input name='u'><input type='password' name='p'></form></header>"
    gate = (
        "<html><body>{0}<main><h2>Members area</h2><form><input name='u'>"
        "<input type='password' name='p'><button>Go</button></form></main></body></html>"
    )
    assert kinds(static(story().replace("<body>", "<body>" + login_box))[0]) == set()
    about = "<html><body>{0}<main><h1>About us</h1><p>A small newsroom.</p></main></body></html>"
    assert kinds(static(about.format(login_box))[0]) == set()  # header box on a short page
    found, _ = static(gate.format(""))
    assert kinds(found) == {"login"}
    assert "selector:input[type=password]" in found.walls[0].evidence


# -- options: each removal step can be switched off

SKIPPABLE = {  # step name -> text that step takes out of the page below
    "walls": "in your browser settings",
    "consent-banners": "value your privacy",
    "widget-notices": "Disqus",
}


@pytest.mark.parametrize("step", sorted(SKIPPABLE))
def test_a_skipped_step_leaves_its_nodes_and_the_walls_stay_recorded(step: str) -> None:
    disqus = "<noscript>Please enable JavaScript to view the comments powered by Disqus.</noscript>"
    wall = "<p>Please enable JavaScript in your browser settings.</p>"
    page = story(wall, disqus, before=CONSENT.format(attrs=""))
    everything, _ = static(page)
    assert {s.name for s in everything.steps} == set(SKIPPABLE)

    found, doc = static(page, options=Options(skip_steps=(step,)))
    assert found.walls == everything.walls
    assert {s.name for s in found.steps} == set(SKIPPABLE) - {step}
    for name, words in SKIPPABLE.items():  # text_content: noscript text too
        assert (words in doc.text_content()) is (name == step)


def test_extract_html_passes_skip_steps_to_the_wall_step() -> None:
    page = story("<p>Please enable JavaScript in your browser settings.</p>")
    kept = extract_html(page, "https://example.org/a", options=Options(skip_steps=("walls",)))
    assert "walls" not in {s.name for s in kept.steps}
    assert [w.kind for w in kept.walls] == ["javascript"]
    assert "walls" in {s.name for s in extract_html(page, "https://example.org/a").steps}


def test_stale_rendered_records_are_dropped_only_beside_a_full_article() -> None:
    from extractor.records import Wall
    from extractor.walls.detect import FOREIGN_EVIDENCE, without_stale

    js_static = Wall(kind="javascript", phase="static", text="Please enable JavaScript.")
    js_stayed = Wall(kind="javascript", phase="rendered", text="Please enable JavaScript.")
    copied = Wall(
        kind="paywall", phase="rendered", text="Already a subscriber?",
        evidence=(f"{FOREIGN_EVIDENCE} (nytimes.com)",),
    )  # fmt: skip
    own_paywall = Wall(kind="paywall", phase="rendered", text="Subscribe to continue reading")
    challenge = Wall(kind="bot-check", phase="rendered", text="Just a moment...")
    walls = (js_static, js_stayed, copied, own_paywall, challenge)
    assert without_stale(walls, "full") == (js_static, own_paywall, challenge)
    assert without_stale(walls, "none") == walls
    assert without_stale(walls, "teaser") == walls


def test_a_registration_wall_is_a_login_wall() -> None:
    article = "<p>" + "The river authority published its flood plan on Monday. " * 8 + "</p>"
    sheet = (
        "<div class='regwall-overlay' data-x-overlay='60'><h2>Join free to keep going</h2>"
        "<form><input type='email'><button>Continue</button></form></div>"
    )
    html = f"<html data-x-scroll-locked='1'><body><article>{article}</article>{sheet}</body></html>"
    result = extract_html(
        html, server_html=f"<html><body><article>{article}</article></body></html>"
    )
    assert [(w.kind, w.phase) for w in result.walls] == [("login", "rendered")]
    assert result.completeness == "teaser"
    assert "flood plan" in result.markdown and "Join free" not in result.markdown


def test_each_document_of_a_redirect_chain_has_its_static_phase() -> None:
    short_link = (
        "<html><body><noscript>You need to enable JavaScript to run this app.</noscript>"
        "<script>location.replace('/story')</script></body></html>"
    )
    story = (
        "<html><body><article>"
        + "<p>Story text of the page. </p>" * 30
        + "</article></body></html>"
    )
    page = RenderedPage(
        url="https://t.example/x",
        final_url="https://news.example/story",
        status=200,
        headers={},
        server_html=story,
        dom_html=story,
        wait=Wait("quiet", 100),
        documents=(ServedDocument("https://t.example/x", 200, {}, short_link),),
    )
    result = extract_page(page)
    assert [(w.kind, w.phase) for w in result.walls] == [("javascript", "static")]
    assert "document:https://t.example/x" in result.walls[0].evidence
    assert result.completeness == "full" and "Story text" in result.markdown
