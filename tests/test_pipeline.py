"""The pipeline's own decisions (each step has its own tests beside its module)."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from extractor import dom, pipeline
from extractor.pipeline import (
    FALLBACK_LOST_CHARS,
    STEP_NAMES,
    extract_page,
    lost_text_chars,
    unknown_steps,
)
from extractor.records import Extraction, Options, RenderedPage, ServedDocument, Step, Wait

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the story says something new about the harbour works and the people "
    f"who live beside them, with enough words to count as prose.</p>"
    for i in range(12)
)
ARTICLE = f"<html><head><title>Harbour works</title></head><body><article><h1>Harbour works</h1>{PARAGRAPHS}</article></body></html>"
ERROR_NOTICE = (
    "<html><head><title>Harbour works</title></head><body><main><h2>This page is not available "
    "right now</h2><p>This can sometimes happen if you have connectivity problems.</p></main></body></html>"
)


def page(dom_html: str, server_html: str | None) -> RenderedPage:
    return RenderedPage(
        url="https://news.example/harbour",
        final_url="https://news.example/harbour",
        status=200,
        headers={},
        server_html=server_html,
        dom_html=dom_html,
        wait=Wait("quiet", 900),
    )


def test_article_lost_in_rendering_is_taken_from_the_server_view() -> None:
    result = extract_page(page(ERROR_NOTICE, ARTICLE))
    assert "Paragraph 11 of the story" in result.markdown
    assert "not available" not in result.markdown
    step = next(s for s in result.steps if s.name == "server-view")
    assert step.samples and "not available" in step.samples[0]


def test_an_empty_article_says_why() -> None:
    assert extract_page(page(ARTICLE, ARTICLE)).empty_reason is None
    blank = "<html><body> </body></html>"
    assert extract_page(page(blank, blank)).empty_reason == "the page has no text"
    menu = "<html><body><nav><a href='/'>Home</a> <a href='/about'>About us</a></nav></body></html>"
    reason = extract_page(page(menu, menu)).empty_reason
    assert reason == "none of the page's 13 characters of text was taken as article (see steps)"
    shell = "<html><body><noscript>Please enable JavaScript to view this site.</noscript><div id='root'></div></body></html>"
    reason = extract_page(page(shell, shell)).empty_reason
    assert reason is not None and reason.startswith("a javascript wall stayed in the page")


def test_the_server_view_step_can_be_switched_off() -> None:
    result = extract_page(page(ERROR_NOTICE, ARTICLE), Options(skip_steps=("server-view",)))
    assert "not available" in result.markdown
    assert all(s.name != "server-view" for s in result.steps)


def test_every_step_the_snapshots_report_is_in_the_registry() -> None:
    snapshots = Path(__file__).parent.parent / "snapshots"
    reported = {
        step["name"]
        for path in snapshots.glob("*/expected.json")
        for step in json.loads(path.read_text("utf-8"))["steps"]
    }
    assert len(reported) > 10
    assert unknown_steps(sorted(reported)) == []
    assert len(set(STEP_NAMES)) == len(STEP_NAMES)
    assert unknown_steps(["walls", "no-such-step"]) == ["no-such-step"]


def test_rendered_article_is_kept_when_it_is_the_fuller_one() -> None:
    shell = "<html><body><div id='root'></div><noscript>Enable JavaScript.</noscript></body></html>"
    result = extract_page(page(ARTICLE, shell))
    assert "Paragraph 11 of the story" in result.markdown
    assert all(s.name != "server-view" for s in result.steps)


def test_a_paywall_that_cut_the_rendered_article_is_not_undone() -> None:
    teaser = ARTICLE.replace(
        PARAGRAPHS,
        PARAGRAPHS[:300]
        + "<div class='paywall'><h3>Subscribe to continue reading</h3>"
        + "<p>Already a subscriber? <a href='/login'>Sign in</a></p></div>",
    )
    result = extract_page(page(teaser, ARTICLE))
    assert result.completeness == "teaser"
    assert "Paragraph 11 of the story" not in result.markdown


def test_what_the_capture_did_comes_first_in_the_steps() -> None:
    clicked = Step("expanders", "clicked to show collapsed text", 1, ("Read more",))
    result = extract_page(replace(page(ARTICLE, ARTICLE), steps=(clicked,)))
    assert result.steps[0] == clicked


def test_a_capture_with_steps_and_documents_survives_a_round_trip() -> None:
    captured = replace(
        page(ARTICLE, ARTICLE),
        steps=(Step("expanders", "clicked", 2, ("Read more", "Weiterlesen")),),
        documents=(ServedDocument("https://t.example/x", 200, {"server": "x"}, "<p>hop</p>"),),
    )
    assert RenderedPage.from_dict(captured.to_dict()) == captured


def test_the_scan_counts_only_text_the_rendered_view_lost() -> None:
    server = dom.parse(ARTICLE)
    added = ARTICLE.replace("</article>", "</article><aside><p>Most read today</p></aside>")
    assert lost_text_chars(server, dom.parse(added)) == 0
    assert lost_text_chars(server, dom.parse(ERROR_NOTICE)) > FALLBACK_LOST_CHARS
    scripted = ARTICLE.replace("<body>", "<body><script>var story = 'Paragraph 3';</script>")
    assert lost_text_chars(dom.parse(scripted), dom.parse(ARTICLE)) == 0


def test_the_server_view_is_extracted_only_when_text_was_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real = pipeline._server_view_if_lost

    def spy(page: RenderedPage, result: Extraction, options: Options) -> Extraction:
        calls.append(page.dom_html)
        return real(page, result, options)

    monkeypatch.setattr(pipeline, "_server_view_if_lost", spy)
    grown = ARTICLE.replace("</article>", "</article><section><p>Comments (3)</p></section>")
    assert "Paragraph 11" in extract_page(page(grown, ARTICLE)).markdown
    assert calls == []
    assert "Paragraph 11" in extract_page(page(ERROR_NOTICE, ARTICLE)).markdown
    assert calls == [ERROR_NOTICE]


def test_an_app_that_never_started_gives_its_noscript_copy() -> None:
    # a forum app (Discourse) serves the thread for readers without scripts in <noscript>,
    # behind its loading splash; its bundle failed to load, so the rendered page shows the
    # splash and nothing else, and the scan of lost text reads no <noscript>
    splash = "<section id='d-splash'><div class='preloader-image'></div></section>"
    served = (
        f"<html><head><title>Harbour works</title></head><body>{splash}"
        "<noscript data-path='/t/harbour-works/7'><header><a href='/'>Harbour forum</a></header>"
        f"<div id='main-outlet' class='wrap' role='main'><div class='post'>{PARAGRAPHS}</div>"
        "</div></noscript></body></html>"
    )
    rendered = f"<html><head><title>Harbour works</title></head><body>{splash}</body></html>"
    assert lost_text_chars(dom.parse(served), dom.parse(rendered)) < FALLBACK_LOST_CHARS
    result = extract_page(page(rendered, served))
    assert "Paragraph 11 of the story" in result.markdown
    assert any(s.name == "server-view" for s in result.steps)
