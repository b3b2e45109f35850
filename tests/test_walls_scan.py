"""Visible text and the page-wide reads the wall detectors share (walls/signals.py, walls/scan.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import HtmlElement

from extractor import dom
from extractor.walls.scan import SCRIPT_TEXT_LIMIT, Scan
from extractor.walls.signals import INVISIBLE_TAGS, visible_text

PAGES = sorted(Path(__file__).parent.joinpath("pages").glob("*/index.html"))


def reference_text(el: HtmlElement, *, with_noscript: bool) -> str:
    """The plain definition: walk the tree, every text and tail a piece, joined with spaces."""
    skip = INVISIBLE_TAGS if with_noscript else INVISIBLE_TAGS | {"noscript"}
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if isinstance(node.tag, str) and node.tag not in skip:
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not el:
            parts.append(node.tail or "")

    walk(el)
    return dom.fold(" ".join(parts))


@pytest.mark.parametrize(
    ("html", "with_noscript", "expected"),
    [
        ("<p>one<b>two</b>three</p>", True, "one two three"),  # inline pieces stay apart
        ("<div>before<script>var x = 1;</script>after</div>", True, "before after"),
        ("<div>a<style>p{}</style><meta content=x>b</div>", True, "a b"),
        (
            "<div>a<noscript><p>Enable JavaScript</p></noscript>b</div>",
            True,
            "a Enable JavaScript b",
        ),
        ("<div>a<noscript><p>Enable JavaScript</p></noscript>b</div>", False, "a b"),
        ("<div>a<template><p>later</p></template>b</div>", True, "a b"),
    ],
)
def test_visible_text(html: str, with_noscript: bool, expected: str) -> None:
    el = dom.parse(f"<html><body>{html}</body></html>").find(".//body/*")
    assert visible_text(el, with_noscript=with_noscript) == expected


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.parent.name)
def test_visible_text_of_every_element_of_the_fixture_pages_follows_the_definition(
    path: Path,
) -> None:
    doc = dom.parse(path.read_text(encoding="utf-8"))
    scan = Scan(doc)
    for el in doc.iter():
        for flag in (True, False):
            expected = reference_text(el, with_noscript=flag)
            assert visible_text(el, with_noscript=flag) == expected, (el.tag, flag)
            assert scan.visible(el, with_noscript=flag) == expected, (el.tag, flag)


def test_without_noscript_text_both_views_are_one_and_with_it_they_differ() -> None:
    pixel = "<noscript><img src='/pixel.gif'></noscript>"
    silent = Scan(dom.parse(f"<html><body><p>Story text.</p>{pixel}</body></html>"))
    assert silent.visible(silent.body, with_noscript=False) == "Story text."
    message = "<noscript>Please enable JavaScript.</noscript>"
    loud = Scan(dom.parse(f"<html><body><p>Story text.</p>{message}</body></html>"))
    assert loud.visible(loud.body, with_noscript=True).endswith("enable JavaScript.")
    assert loud.visible(loud.body, with_noscript=False) == "Story text."


def test_markup_holds_attribute_values_and_script_starts_lower_cased() -> None:
    filler = "x" * SCRIPT_TEXT_LIMIT
    doc = dom.parse(
        "<html><head><script src='/Cdn-CGI/Challenge-Platform/h/b'></script></head><body>"
        "<div id='PX-Captcha' data-sitekey='SiteKey1'></div><form action='/Verify'></form>"
        f"<script>window._cf_chl_opt = {{}};{filler}gokuProps</script>"
        "<a href='/onetrust'>link</a></body></html>"
    )
    scan = Scan(doc)
    for seen in ("/cdn-cgi/challenge-platform/h/b", "px-captcha", "sitekey1", "/verify"):
        assert seen in scan.markup
    assert "_cf_chl_opt" in scan.markup
    assert "gokuprops" not in scan.markup  # past the script limit
    assert "onetrust" not in scan.markup  # href is not vendor markup
    assert "px-captcha" in scan.names and "/verify" not in scan.names


def test_scripts_and_inputs_are_found_wherever_the_body_sits() -> None:
    page = (
        "<html><head><script>head()</script></head><body><input type=password>"
        "<script>body()</script></body></html>"
    )
    scan = Scan(dom.parse(page))
    assert [s.text for s in scan.scripts] == ["head()", "body()"]
    assert [i.get("type") for i in scan.inputs] == ["password"]
    bare = Scan(dom.parse("<div><script>only()</script><input type=text></div>"))
    assert [s.text for s in bare.scripts] == ["only()"]
    assert [i.get("type") for i in bare.inputs] == ["text"]
