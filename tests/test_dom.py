import pytest
from lxml import etree, html

from extractor import dom
from extractor.dom import parse, text_of


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>A <span><a>B</a></span> C</p>", "A B C"),
        ("<p>A<script>var x = 1;</script> B<style>p{}</style> C</p>", "A B C"),
        ("<p>one\n\n  two\t three</p>", "one two three"),
        ("<p><b>x</b><i>y</i>z</p>", "xyz"),
        ("<div><p>one</p><p>two</p>three<br>four</div>", "one two three four"),
        ("<p></p>", ""),
    ],
)
def test_text_of_keeps_document_order_and_skips_code(markup: str, expected: str) -> None:
    assert text_of(parse(markup).find(".//body")[0]) == expected


def test_parse_never_raises_on_junk() -> None:
    assert parse("").find("body") is not None
    assert parse(b"\xff\xfe<p>x").find(".//p") is not None
    assert (
        parse('<?xml version="1.0" encoding="utf-8"?><html><p>x</p></html>').find(".//p")
        is not None
    )


@pytest.mark.parametrize("prefix", ["", "Caf\u00e9 \u2014 ", "\U0001f600 "])
def test_a_lone_surrogate_does_not_cut_the_text(prefix: str) -> None:
    doc = parse(f"<p>{prefix}Lone \ud800 surrogate from a broken script \udfff</p>")
    assert text_of(doc.find(".//p")) == f"{prefix}Lone \ufffd surrogate from a broken script \ufffd"
    assert text_of(parse(f"<p>{prefix}whole</p>").find(".//p")) == f"{prefix}whole"


def test_ancestor_is_the_nearest_above_with_a_tag_and_never_the_element() -> None:
    doc = dom.parse(
        "<div id=o><figure id=f><div id=i><figure id=g><img></figure></div></figure></div>"
    )
    img = doc.find(".//img")
    inner = doc.get_element_by_id("g")
    assert img is not None
    assert dom.ancestor(img, "figure") is inner
    assert dom.ancestor(inner, "figure") is doc.get_element_by_id("f")
    assert dom.ancestor(img, "table", "div") is doc.get_element_by_id("i")
    assert dom.ancestor(img, "table") is None


def test_is_within_is_strict_containment() -> None:
    doc = dom.parse("<div id=a><p id=b>x</p></div><p id=c>y</p>")
    a, b, c = (doc.get_element_by_id(i) for i in "abc")
    assert dom.is_within(b, a)
    assert not dom.is_within(a, a)
    assert not dom.is_within(c, a)
    assert not dom.is_within(a, b)


@pytest.mark.parametrize(("levels", "dropped"), [(3, 0), (4, 0), (5, 1), (7, 3)])
def test_cap_depth_drops_only_the_tags_below_the_limit(levels: int, dropped: int) -> None:
    root = html.fromstring("<div>" + "<b>" * levels + "text" + "</b>" * levels + "</div>")
    assert dom.cap_depth(root, limit=4) == dropped
    assert len(root.findall(".//b")) == min(levels, 4)
    assert "".join(root.itertext()) == "text"


def test_cap_depth_counts_a_comment_below_the_limit() -> None:
    root = html.fromstring("<div><b><b><!-- note --></b></b></div>")
    assert dom.cap_depth(root, limit=2) == 1
    assert dom.cap_depth(root, limit=2) == 0


@pytest.mark.parametrize("text", ["", "  ", " a\u00a0 b\n", "\u3000x\u2028y\x1c"])
def test_fold_collapses_every_kind_of_whitespace(text: str) -> None:
    assert dom.fold(text) == " ".join(text.split())
    assert "  " not in dom.fold(text + " z  z")


def test_a_page_left_in_the_head_is_moved_to_the_body() -> None:
    # an unknown element before <body> (a portal's <mbox>): libxml2 keeps the rest of the page
    # in <head>; a browser ends the head there, and so does parse
    doc = parse(
        "<html><head><title>T</title><meta name='a' content='b'><mbox><table><tr><td>"
        "<h1>Story</h1><p>The story's text.</p></td></tr></table></mbox>"
        "<p>After.</p></head><body>Tail text<p>Body.</p></body></html>"
    )
    head, body = doc.find("head"), doc.find("body")
    assert [el.tag for el in head] == ["title", "meta"]
    assert text_of(body) == "Story The story's text. After. Tail text Body."


def test_a_proper_head_stays_as_it_is() -> None:
    doc = parse(
        "<html><head><title>T</title><noscript><style>p{}</style></noscript><link rel='x'>"
        "</head><body><p>Body.</p></body></html>"
    )
    assert [el.tag for el in doc.find("head")] == ["title", "noscript", "link"]
    assert dom.body_out_of_head(doc) == 0


@pytest.mark.parametrize(
    "markup",
    [
        "<div>One <b>two</b> three<!-- a note --> four<script>var x = 1;</script></div>",
        "<div>  <p>Caf\u00e9 &amp; cr\u00e8me</p>\n<p>\u4e2d\u6587 <i>text</i></p>  </div>",
        "<div></div>",
    ],
)
def test_text_content_is_lxml_s_text_content(markup: str) -> None:
    div = html.fromstring(f"<html><body>{markup}<p>tail after</p></body></html>").find(".//div")
    div.tail = "the div's tail"
    assert dom.text_content(div) == div.text_content()
    for el in div.iter(etree.Element):
        assert dom.text_content(el) == el.text_content()


@pytest.mark.parametrize("end", ["</br>", "</BR >", "</Br>"])
def test_an_end_tag_br_is_a_line_break_as_in_a_browser(end: str) -> None:
    # the HTML standard reads "</br>" as "<br>"; libxml2 alone drops it and joins the words
    doc = dom.parse(f"<html><body><p>Blazing fast.{end}No dependencies.</p></body></html>")
    p = doc.find(".//p")
    assert p is not None and p.find("br") is not None
    assert p.text == "Blazing fast." and p.find("br").tail == "No dependencies."
