"""The cleanup steps' shared walk: what sits inside code blocks is never looked at, and the
walk leaves the tree as it found it."""

from __future__ import annotations

from lxml import etree

from extractor import dom
from extractor.article.cleanup import _outside_code, drop_bylines

PAGE = (
    "<html><body><div id='r'><p id='a'>Intro <span id='b'>text</span></p>"
    "<pre id='c'><code><span>x</span> = <span>1</span></code> tail in code</pre> after"
    "<div id='d'><pre id='e'><span>y</span><pre id='f'><span>z</span></pre></pre></div>"
    "<span id='g'>last</span><!-- a comment --></div></body></html>"
)


def region() -> etree._Element:
    return dom.parse(PAGE).get_element_by_id("r")


def ids(found: list[etree._Element]) -> list[str | None]:
    return [el.get("id") for el in found]


def test_lists_everything_outside_code_in_document_order() -> None:
    assert ids(_outside_code(region(), ())) == ["a", "b", "c", "d", "e", "g"]


def test_lists_only_the_tags_asked_for() -> None:
    assert ids(_outside_code(region(), ("span", "pre"))) == ["b", "c", "e", "g"]


def test_leaves_the_tree_as_it_was() -> None:
    found = region()
    before = etree.tostring(found)
    _outside_code(found, ())
    assert etree.tostring(found) == before


def test_finds_nothing_inside_a_code_block() -> None:
    pre = region().get_element_by_id("c")
    assert _outside_code(pre, ()) == []
    assert _outside_code(pre.find(".//code"), ()) == []


def test_bylines_and_datelines_both_go_whether_or_not_a_byline_went_first() -> None:
    for byline in ("", "<div class='byline'>By Jane Doe</div>"):
        page = dom.parse(
            f"<html><body><article>{byline}<p>March 3, 2024</p>"
            "<p>The story itself, long enough to be a paragraph of its own.</p>"
            "</article></body></html>"
        )
        article = page.find(".//article")
        step = drop_bylines(article, None)
        text = dom.fold(article.text_content())
        assert text == "The story itself, long enough to be a paragraph of its own."
        assert step.removed == (2 if byline else 1)
