"""The pure path never fails on input: any HTML in, an Extraction out, the same bytes every time.

Property tests generate pages from tag soup (unclosed and stray tags, broken markup, huge and
odd attributes, any text) and from hostile JSON-LD; the regression cases below are inputs that
once raised. Examples are derandomized (the same every run) so a failure reproduces.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import dom
from extractor.metadata import jsonld
from extractor.pipeline import extract_html
from extractor.records import Extraction

URL = "https://news.example/story"
CHECKS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TAGS = [
    "p",
    "b",
    "i",
    "em",
    "strong",
    "a",
    "span",
    "div",
    "article",
    "main",
    "section",
    "aside",
    "nav",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "code",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "br",
    "hr",
    "sup",
    "form",
    "button",
    "iframe",
    "noscript",
    "template",
    "svg",
    "math",
    "select",
    "option",
    "dialog",
    "font",
    "center",
]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
ODD_TEXT = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=40
)  # any code point: controls, NUL, lone surrogates, right-to-left marks
BROKEN = st.sampled_from(
    [
        "<",
        "</",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<!DOCTYPE",
        "<?xml version='1.0' encoding='latin-1'?>",
        "&",
        "&#x;",
        "&#99999999;",
        "&nbsp",
        "<p <b>",
        '<a href="',
        "<script>",
        "</script>",
        "<style>",
        "\ufeff",
        "\x00",
        "\r",
    ]
)


@st.composite
def attribute(draw: st.DrawFn) -> str:
    name = draw(
        st.sampled_from(["class", "id", "href", "src", "alt", "title", "data-src", "style"])
    )
    value = draw(
        st.one_of(
            WORDS,
            ODD_TEXT,
            st.integers(1_000, 200_000).map(lambda n: "x" * n),  # huge
            st.just("javascript:alert(1)"),
            st.just("//[::1"),
        )
    )
    quote = draw(st.sampled_from(['"', "'", ""]))
    return f" {name}={quote}{value}{quote}"


@st.composite
def tag(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(TAGS))
    if draw(st.booleans()):
        return f"</{name}>"
    attrs = "".join(draw(st.lists(attribute(), max_size=2)))
    return f"<{name}{attrs}>"


def words(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(WORDS, min_size=1, max_size=12)))


@st.composite
def soup(draw: st.DrawFn) -> str:
    """Tag soup: tags opened and never closed, stray end tags, broken markup, any text."""
    parts = draw(
        st.lists(
            st.one_of(tag(), BROKEN, ODD_TEXT),
            max_size=40,
        )
    )
    for i in range(draw(st.integers(0, 3))):
        parts.insert(min(i * 5, len(parts)), words(draw))
    depth = draw(st.sampled_from([0, 0, 50, 400, 3000]))  # deep nesting of unclosed tags
    inline = draw(st.sampled_from(["b", "i", "span", "div", "a", "li", "table"]))
    return f"<html><body>{''.join(parts)}{f'<{inline}>' * depth}{words(draw)}</body></html>"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | ODD_TEXT,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["@type", "@id", "@graph", "headline", "author", "name", "image", "url"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@st.composite
def hostile_jsonld(draw: st.DrawFn) -> str:
    """A page whose JSON-LD is junk, deeply nested, or of the wrong shapes."""
    depth = draw(st.sampled_from([1, 100, 5_000, 50_000]))
    opener, closer = draw(st.sampled_from([("[", "]"), ('{"@graph":', "}"), ('{"a":', "}")]))
    blocks = [
        json.dumps(draw(JSON)),
        opener * depth + "1" + closer * depth,
        opener * depth,  # never closed
        draw(ODD_TEXT),
    ]
    scripts = "".join(
        f'<script type="application/ld+json">{b}</script>' for b in draw(st.permutations(blocks))
    )
    return (
        f"<html><head>{scripts}</head><body><article><p>{words(draw)}</p></article></body></html>"
    )


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{3,}", text.lower()))


def stray_words(markdown: str, page: str) -> list[str]:
    """Words of the Markdown found nowhere in the page: not in its markup (attributes, URLs)
    nor in its text with the tags taken out (inline tags join the words beside them)."""
    markup = html.unescape(page)
    haystack = f"{markup} {html.unescape(re.sub(r'<[^>]*>?', '', page))} {URL}".lower()
    return sorted(w for w in words_of(markdown) if w not in haystack)


def assert_sound(page: str, result: Extraction) -> None:
    """A result; every word of its Markdown stands in the page; a second run is identical."""
    assert isinstance(result, Extraction)
    stray = stray_words(result.markdown, page)
    assert not stray, f"words not on the page: {stray[:5]}"
    again = extract_html(page, URL)
    assert again.markdown.encode() == result.markdown.encode()
    assert json.dumps(again.to_dict()) == json.dumps(result.to_dict())


@CHECKS
@given(soup())
def test_any_tag_soup_gives_a_result(page: str) -> None:
    assert_sound(page, extract_html(page, URL))


@CHECKS
@given(hostile_jsonld())
def test_hostile_jsonld_gives_a_result(page: str) -> None:
    result = extract_html(page, URL)
    assert_sound(page, result)
    assert result.markdown.strip()  # the article beside the junk is still found


@CHECKS
@given(st.binary(max_size=400))
def test_any_bytes_parse(raw: bytes) -> None:
    doc = dom.parse(raw)
    assert doc.tag == "html"
    assert_sound(raw.decode("utf-8", "replace"), extract_html(raw.decode("utf-8", "replace"), URL))


@CHECKS
@given(st.integers(1, 20_000), st.sampled_from(["b", "div", "span", "p", "li", "td", "blockquote"]))
def test_any_depth_keeps_the_text_and_stays_within_the_cap(depth: int, name: str) -> None:
    doc = dom.parse(f"<html><body>{f'<{name}>' * depth}deep words here</body></html>")
    assert "deep words here" in dom.text_of(doc)
    assert max(sum(1 for _ in el.iterancestors()) for el in doc.iter()) <= dom.MAX_DEPTH


# Inputs that once raised (RecursionError in the Markdown converter or the JSON decoder).
ONCE_FAILED = {
    "600 unclosed <b>": "<html><body><article><p>" + "<b>" * 600 + "hello world</article>",
    "3000 unclosed <div>": "<html><body>" + "<div>" * 3000 + "hello world text</body></html>",
    "5000 unclosed <b><i>": "<p>" + "<b><i>" * 5000 + "hello world",
    "JSON-LD arrays 5000 deep": '<script type="application/ld+json">'
    + "[" * 5000
    + "]" * 5000
    + "</script><p>hi there</p>",
    "JSON-LD objects 5000 deep": '<script type="application/ld+json">'
    + '{"a":' * 5000
    + "1"
    + "}" * 5000
    + "</script><p>hi there</p>",
    "JSON-LD lists 900 deep": '<script type="application/ld+json">{"@type":"Article",'
    + '"headline":'
    + "[" * 900
    + '"x"'
    + "]" * 900
    + "}</script><p>hi there</p>",
    "JSON-LD paywall flag 900 deep": '<script type="application/ld+json">'
    + '{"isAccessibleForFree":false,"a":' * 900
    + "1"
    + "}" * 900
    + "</script><p>hi there</p>",
}


@pytest.mark.parametrize("page", ONCE_FAILED.values(), ids=ONCE_FAILED.keys())
def test_inputs_that_once_failed(page: str) -> None:
    result = extract_html(page, URL)
    assert_sound(page, result)
    assert {"hello", "there"} & words_of(result.markdown)


def test_jsonld_reader_refuses_what_is_nested_past_the_limit() -> None:
    def lists(levels: int) -> str:  # levels of nesting below the outermost list
        return "[" * (levels + 1) + "]" * (levels + 1)

    shallow, deep = lists(jsonld.MAX_NESTING), lists(jsonld.MAX_NESTING + 1)
    assert jsonld.loads(shallow) is not None
    assert jsonld.loads(deep) is None
    assert jsonld.loads('{"@type": "Article", }') == {"@type": "Article"}


def test_flattening_keeps_attributes_and_text_in_order() -> None:
    flat = dom.flattened('<div class="a b" data-x=1><b>one<i>two</b>three', limit=2)
    assert flat == '<div class="a b" data-x="1"><b>onetwo</b>three'
