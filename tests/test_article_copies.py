"""Blocks a page prints twice (a layout's other version): the second copy goes."""

from __future__ import annotations

from pathlib import Path

from extractor import dom
from extractor.article.copies import drop_copies
from extractor.pipeline import extract_html
from extractor.records import Options

PAGES = Path(__file__).parent / "pages"
FEATURE = (
    '<div class="feature"><h3>Cold for a day</h3>'
    "<p>Vacuum insulation keeps the ice you add at breakfast there at dinner time.</p></div>"
)


def fixture_markdown(case: str, *skip: str) -> str:
    html = (PAGES / case / "index.html").read_text(encoding="utf-8")
    options = Options(skip_steps=skip)
    return extract_html(html, url=f"https://pages.test/{case}/", options=options).markdown


def region_after(body: str) -> str:
    region = dom.parse(f"<html><body><div>{body}</div></body></html>").find(".//body/div")
    drop_copies(region)
    return dom.fold(region.text_content())


def test_a_section_written_for_two_layouts_is_read_once() -> None:
    # Shopify (Debut): feature rows for wide screens and again for phones
    out = fixture_markdown("product-layout-copies")
    assert out.count("## Cold for 24 hours") == 1 and out.count("replaceable on its own") == 1
    assert "keeps water cold for a full day" in out
    twice = fixture_markdown("product-layout-copies", "repeated-blocks")
    assert twice.count("## Cold for 24 hours") == 2


def test_only_the_second_copy_of_a_section_goes() -> None:
    out = region_after(f"<section>{FEATURE}<p>Steel and bamboo.</p></section>{FEATURE}")
    assert out.count("Cold for a day") == 1 and "Steel and bamboo." in out


def test_a_repeated_paragraph_list_entry_or_short_section_stays() -> None:
    line = "<p>Write to the editor at the address below, with your name and your town or city.</p>"
    assert region_after(f"<div>{line}</div><div>{line}</div>").count("Write to") == 2
    entry = f"<li>{FEATURE}</li>"  # (an entry of a reference, named the same in two places)
    assert region_after(f"<ul>{entry}<li>Steel.</li>{entry}</ul>").count("Cold for a day") == 2
    short = "<div><h3>Price</h3><p>£32</p></div>"
    assert region_after(short + short).count("Price") == 2


def test_a_wrapper_is_no_copy_of_what_it_wraps() -> None:
    out = region_after(f"<div><div>{FEATURE}</div></div>")
    assert out.count("Cold for a day") == 1 and "Vacuum insulation" in out
