"""React's streamed parts, put in place on a page read without scripts."""

from __future__ import annotations

from pathlib import Path

from extractor import dom
from extractor.article.streaming import place_streamed_parts
from extractor.pipeline import extract_html
from extractor.records import Options

PAGES = Path(__file__).parent / "pages"


def fixture_markdown(case: str, *skip: str) -> str:
    html = (PAGES / case / "index.html").read_text(encoding="utf-8")
    options = Options(skip_steps=skip)
    return extract_html(html, url=f"https://pages.test/{case}/", options=options).markdown


def placed(body: str) -> str:
    doc = dom.parse(f"<html><body>{body}</body></html>")
    place_streamed_parts(doc)
    return dom.fold(dom.text_of(dom.body_of(doc)))


def test_a_streamed_article_body_is_read_in_place() -> None:
    # Next.js app router: the body after the first paragraph arrives as hidden parts
    out = fixture_markdown("react-streamed-article")
    parts = (
        "For forty years the rule was simple",  # sent at once
        "That rule is breaking",  # the part that completes the boundary ($RC)
        "Shippers of",
        "## What still holds it back",  # the part that fills the placeholder ($RS)
        "Paths on the main lines",
    )
    for part in parts:
        assert part in out
    assert [out.index(part) for part in parts] == sorted(out.index(part) for part in parts)
    for noise in ("Loading", "More from Transport", "The ferry routes", "All rights reserved"):
        assert noise not in out
    without = fixture_markdown("react-streamed-article", "streamed-parts")
    assert "That rule is breaking" not in without and "Paths on the main lines" not in without


def test_the_fallback_goes_and_nested_boundaries_are_completed_in_order() -> None:
    body = (
        "<p>head</p><!--$?--><template id='B:0'></template><p>Loading...</p><!--/$--><p>tail</p>"
        "<div hidden id='S:0'><p>one</p><!--$?--><template id='B:1'></template>"
        "<!--$--><p>inner kept</p><!--/$--><i>Loading more</i><!--/$--></div>"
        "<div hidden id='S:1'><p>two</p></div>"
        "<script>$RC('B:0','S:0');$RC(\"B:1\",\"S:1\")</script>"
    )
    assert placed(body) == "head one two tail"


def test_the_instructions_of_the_external_runtime_are_templates() -> None:
    body = (
        "<p>a</p><!--$?--><template id='B:0'></template><p>Loading</p><!--/$-->"
        "<template id='P:1'></template><p>z</p>"
        "<div hidden id='S:0'><p>b</p></div>"
        "<template data-rci='' data-bid='B:0' data-sid='S:0'></template>"
        "<div hidden id='S:1'><p>c</p></div>"
        "<template data-rsi='' data-sid='S:1' data-pid='P:1'></template>"
    )
    assert placed(body) == "a b c z"


def test_a_boundary_without_its_closing_mark_keeps_what_follows() -> None:
    body = (
        "<div><template id='B:0'></template><p>after</p></div>"
        "<div hidden id='S:0'><p>part</p></div><script>$RC('B:0','S:0')</script>"
    )
    assert placed(body) == "part after"


def test_a_part_without_an_instruction_stays_hidden() -> None:
    body = "<!--$?--><template id='B:0'></template><!--/$--><div hidden id='S:0'><p>x</p></div>"
    doc = dom.parse(f"<html><body>{body}</body></html>")
    assert place_streamed_parts(doc).removed == 0
    assert doc.get_element_by_id("S:0").get("hidden") is not None
    assert not doc.xpath("//template[@data-x-suspense]")  # the marks go all the same


def test_boundary_comments_are_kept_only_on_a_page_waiting_for_parts() -> None:
    waiting = dom.parse("<body><!--$?--><template id='B:0'></template><p>x</p><!--/$--></body>")
    assert [t.get(dom.ATTR_SUSPENSE) for t in waiting.iter("template")] == ["$?", None, "/$"]
    done = dom.parse("<body><!--$--><p>x</p><!--/$--></body>")
    assert not list(done.iter("template"))
