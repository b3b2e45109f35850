"""The pipeline's own decisions (each step has its own tests beside its module)."""

from dataclasses import replace

from extractor.pipeline import extract_page
from extractor.records import RenderedPage, ServedDocument, Step, Wait

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
