"""A featured post printed apart in an <aside> above a listing joins the listing."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import dom
from extractor.article.region import find_article
from extractor.pipeline import extract_html
from extractor.records import Metadata, Options

PAGE = Path(__file__).parent / "pages" / "listing-featured-aside" / "index.html"
PROSE = "<p>" + "A paragraph of the post, with commas, clauses, and a full stop at its end. " * 6
CARD = (
    "<article class='hentry'><h2><a href='/p/{n}.html'>Post number {n}</a></h2>"
    "<p>The summary of post {n}, a sentence or two that says what it is about.</p></article>"
)
LIST = "<section id='content'>" + "".join(CARD.format(n=n) for n in range(1, 4)) + "</section>"


def home(*skip: str) -> str:
    html = PAGE.read_text(encoding="utf-8")
    return extract_html(
        html, url="https://harbour.test/", options=Options(skip_steps=skip)
    ).markdown


def region_text(body: str) -> str:
    doc = dom.parse(f"<html><head><title>t</title></head><body>{body}</body></html>")
    region, _ = find_article(doc, Metadata(title="t"), Options())
    return dom.fold(region.text_content())


def featured(heading: str = "<h2><a href='/p/0.html'>The newest post</a></h2>") -> str:
    return f"<aside id='featured'><article>{heading}{PROSE}</p></article></aside>"


def test_the_featured_post_heads_the_listing() -> None:
    md = home()
    first = "# [Laying up a small boat for the winter](https://harbour.test/winter-mooring.html)"
    assert md.startswith(first)
    assert "## Air the cabin" in md
    assert md.index("Air the cabin") < md.index("Reading a tide table without a calculator")
    assert md.count("](https://harbour.test/") >= 4
    for chrome in ("Published:", "By Tove", "atom feed", "Proudly powered"):
        assert chrome not in md
    assert "Laying up a small boat" not in home("featured-post")


def test_an_aside_right_before_a_listing_of_posts_joins_it() -> None:
    text = region_text(f"<div class='page'>{featured()}{LIST}</div>")
    assert text.startswith("The newest post")
    assert "Post number 3" in text


@pytest.mark.parametrize(
    "page",
    [
        # the region is one article, not a listing of posts
        f"{featured()}<article><h1>A story</h1>{PROSE * 3}</p></article>",
        # the listing's posts are headed at another level than the aside's post
        featured("<h3><a href='/p/0.html'>The newest post</a></h3>") + LIST,
        # the aside's heading is no link to the post
        featured("<h2>The newest post</h2>") + LIST,
        # the aside holds other widgets beside the post
        featured().replace(
            "</aside>", "<div class='tags'>" + "<a href='/t'>a tag</a> " * 80 + "</div></aside>"
        )
        + LIST,
        # the aside comes after the listing (a sidebar)
        LIST + featured(),
    ],
)
def test_other_asides_stay_out(page: str) -> None:
    assert "The newest post" not in region_text(f"<div class='page'>{page}</div>")
