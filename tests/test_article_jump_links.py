"""Lines that only jump back up the page ("Back to top") leave the article; forward links stay."""

from __future__ import annotations

from pathlib import Path

from extractor import dom
from extractor.article.cleanup import drop_jump_links
from extractor.pipeline import extract_html
from extractor.records import Options

PAGES = Path(__file__).parent / "pages"
PROSE = "<p>" + "A paragraph of the guide, long enough to be prose, with commas, and more. " * 3


def guide(*skip: str) -> str:
    html = (PAGES / "guide-back-to-top" / "index.html").read_text(encoding="utf-8")
    url = "https://pages.test/guide-back-to-top/"
    return extract_html(html, url=url, options=Options(skip_steps=skip)).markdown


def kept_after(body: str) -> str:
    doc = dom.parse(f"<html><body><div id='region'>{body}</div></body></html>")
    region = doc.get_element_by_id("region")
    drop_jump_links(region)
    return dom.fold(region.text_content())


def test_back_to_top_lines_leave_a_guide() -> None:
    # WordPress guide: "Back to Top" after each section, to the <main> above and to "#top"
    out = guide()
    assert "Back to Top" not in out and "Back to top" not in out
    for kept in ("## Circuits and breakers", "Skip ahead to outlets and grounding", "[^1]",
                 "Panels rated at sixty amperes"):  # fmt: skip
        assert kept in out
    assert guide("jump-links").count("Back to Top") == 2


def test_a_link_ahead_in_the_region_stays() -> None:
    body = f"<p><a href='#later'>Jump to details</a></p>{PROSE}</p><h2 id='later'>Details</h2>"
    assert "Jump to details" in kept_after(body)


def test_a_link_back_up_or_to_the_top_goes() -> None:
    body = (
        f"<div id='start'><h2>Start</h2>{PROSE}</p><div><a href='#start'>Back to the start</a>"
        "</div></div>"
        "<p><a href='#top'>Top of page</a></p><p><a href='#'>Up</a></p>"
    )
    out = kept_after(body)
    for gone in ("Back to the start", "Top of page", "Up"):
        assert gone not in out
    assert "Start" in out


def test_a_link_to_a_place_not_on_the_page_stays() -> None:
    # a README's "[MIT](LICENSE)" that the site generator turned into "#LICENSE"
    body = f"{PROSE}</p><h2>License</h2><p><a href='#LICENSE'>MIT</a></p>"
    assert "MIT" in kept_after(body)


def test_links_inside_text_headings_permalinks_and_routers_stay() -> None:
    # Starlight: the permalink sits beside the heading, in the heading's wrapper
    body = (
        f"<h2 id='s'><a href='#s'>Section</a></h2>{PROSE}</p>"
        "<div class='sl-heading-wrapper'><h2 id='t'>Then</h2><a class='sl-anchor-link' "
        "href='#t'><span>Section titled Then</span></a></div>"
        "<p>See <a href='#s'>the section above</a> for the wiring.</p>"
        "<p><a href='#/guide/next'>Next guide</a></p>"
    )
    out = kept_after(body)
    for kept in ("Section", "the section above", "Next guide", "Section titled Then"):
        assert kept in out


def test_a_contents_entry_whose_section_went_stays_with_its_list() -> None:
    body = (
        "<ul><li><a href='#history'>1 History</a></li><li><a href='#see-also'>2 See also</a>"
        f"</li></ul><h2 id='history'>History</h2>{PROSE}</p>"
    )
    assert "2 See also" in kept_after(body)


def test_a_table_cell_that_links_to_a_missing_section_stays() -> None:
    body = (
        f"{PROSE}</p><table><tr><td><a href='#optionsOnMatch'>onMatch</a></td>"
        "<td>Called on every matched item.</td></tr></table>"
    )
    assert "onMatch" in kept_after(body)


def test_an_accordions_question_is_a_heading_not_a_jump_link() -> None:
    # a service page's FAQ: each question a heading holding a "#" link that toggles the answer,
    # beside the open/close indicator's "#" link; the questions stay, "Back to top" goes
    html = (PAGES / "service-faq-accordion" / "index.html").read_text(encoding="utf-8")
    out = extract_html(html, url="https://pages.test/service-faq-accordion/").markdown
    for question in (
        "How long does it take to move our payroll over?",
        "What does the service cost?",
    ):
        assert f"##### {question}\n\nMost firms" in out or f"##### {question}\n\nWe charge" in out
    assert "Back to top" not in out
    # a bare "#" line under a heading's wrapper is still a jump back when no heading holds it
    body = f"{PROSE}</p><div class='title'><a href='#'>Back to the top</a></div>"
    assert "Back to the top" not in kept_after(body)
