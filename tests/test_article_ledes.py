"""The opening paragraphs printed above the article body join the region."""

from __future__ import annotations

from pathlib import Path

from extractor import dom
from extractor.article.region import find_article
from extractor.pipeline import extract_html
from extractor.records import Metadata, Options

PAGES = Path(__file__).parent / "pages"
BODY = "<p>" + "The body of the story goes on, with commas, clauses, and a full stop. " * 6 + "</p>"
LEDE = (
    "<p>The opening paragraph sits in a block of its own above the body, as some templates "
    "print it, and it is the first thing a reader of the story reads.</p>"
)


def guide(*skip: str) -> str:
    html = (PAGES / "guide-intro-block" / "index.html").read_text(encoding="utf-8")
    url = "https://pages.test/guide-intro-block/"
    return extract_html(html, url=url, options=Options(skip_steps=skip)).markdown


def region_text(body: str) -> str:
    doc = dom.parse(f"<html><head><title>t</title></head><body>{body}</body></html>")
    region, _ = find_article(doc, Metadata(title="t"), Options())
    return dom.fold(region.text_content())


def test_an_intro_block_above_the_body_joins_it() -> None:
    # a review site's guide: the intro section sits with the <h1> and byline above the body
    out = guide()
    opening = "A stove that roars in July can sputter at minus ten"
    assert out.startswith(opening)
    assert out.index("our general stove guide") < out.index("## Why you should trust us")
    for chrome in ("Mara Lind ·", "Updated January", "Trailhead Review"):
        assert chrome not in out
    assert opening not in guide("ledes")


def test_paragraphs_before_the_body_in_its_parent_join() -> None:
    text = region_text(f"<div class='page'><div class='intro'>{LEDE * 2}</div>{BODY * 4}</div>")
    assert text.startswith("The opening paragraph")


def test_a_one_line_standfirst_stays_out() -> None:
    stand = (
        "<p class='dek'>One sentence that sums the story up above its body, as a magazine's "
        "standfirst does, in short.</p>"
    )
    page = f"<div class='page'><div class='top'>{stand}</div><div>{BODY * 4}</div></div>"
    assert "sums the story up" not in region_text(page)


def test_teasers_captions_and_long_blocks_do_not_join() -> None:
    teasers = f"<ul class='more'><li>{LEDE}</li><li>{LEDE}</li></ul>"
    figure = f"<figure><img src='/a.jpg' alt=''><figcaption>{LEDE}</figcaption></figure>"
    for before in (teasers, figure):
        assert "opening paragraph" not in region_text(
            f"<div class='page'>{before}<div class='story'>{BODY * 4}</div></div>"
        )
    # an "opening" longer than half of the body is another block, not its lede
    page = f"<div class='page'><div>{LEDE * 6}</div><div class='story'>{BODY * 3}</div></div>"
    assert "opening paragraph" not in region_text(page)


def _written_post(*middle: str) -> str:
    """A post's body as an editor renders it, its opening and closing paragraphs around
    ``middle``, above a longer block (its comments)."""
    return (
        f"<div class='thread'><div class='post'><div class='md'>{LEDE}{''.join(middle)}"
        "<p>The closing paragraph of the post thanks the people who sent in their changes "
        "and asks for donations.</p></div></div>"
        f"<div class='comments'>{BODY * 4}</div></div>"
    )


def test_a_written_body_above_the_region_joins_whole() -> None:
    # a forum post (a release roundup: a heading and a list of changes per contributor) above
    # its comments, which won the region on their prose: the post's headings and lists are
    # its author's text as much as its paragraphs
    changes = "".join(
        f"<li><a href='https://code.example.org/pull/{n}'>Change number {n}, which keeps "
        "remote thumbnails when the original goes away</a></li>"
        for n in range(8)
    )
    text = region_text(_written_post(f"<h2>quillwort</h2><ul>{changes}</ul>"))
    assert text.startswith("The opening paragraph")
    assert text.index("opening paragraph") < text.index("quillwort") < text.index("Change number 7")
    assert text.index("Change number 7") < text.index("closing paragraph") < text.index("body of")


def test_a_block_of_paragraphs_and_other_parts_joins_by_its_paragraphs_only() -> None:
    # a block holding more than written text (here a widget's line) is no body of text: only
    # its lede paragraphs join
    text = region_text(_written_post("<div class='app'>Posted from the mobile app</div>"))
    assert text.startswith("The opening paragraph")
    assert "closing paragraph" in text
    assert "mobile app" not in text


def landing(*skip: str) -> str:
    html = (PAGES / "landing-hero-features" / "index.html").read_text(encoding="utf-8")
    url = "https://pages.test/landing-hero-features/"
    return extract_html(html, url=url, options=Options(skip_steps=skip)).markdown


def test_a_grid_of_feature_cards_takes_the_hero_above_it() -> None:
    # a docs generator's home layout: a hero named so (its title no heading) over a grid of
    # feature cards, each a wrapper around a card with a heading and a paragraph
    tagline = "Tide tables and berth alerts for small harbours"
    out = landing()
    assert tagline in out and out.index(tagline) < out.index("## Offline first")
    assert "## Plain exports" in out and "for the club's own calendar" in out
    assert "Released under the MIT licence" not in out and "Guide" not in out
    assert tagline not in landing("hero")


def test_a_hero_with_the_pages_h1_joins_a_grid_of_cards() -> None:
    # the hero holds the page's <h1> and a tagline that is no paragraph (a <div>)
    cards = "".join(
        f'<article class="card"><p class="title">Card {n}</p><div class="body"><p>The '
        f"card number {n} says what the tool does, in a sentence or two of its own.</p></div>"
        "</article>"
        for n in range(1, 5)
    )
    text = region_text(
        '<main><div class="container"><div class="top"><h1>Tidewatch</h1><div class="tagline">'
        "Tide tables for small harbours.</div></div>"
        f'<div class="content"><div class="card-grid">{cards}</div></div></div></main>'
    )
    assert "Tide tables for small harbours." in text and "card number 4" in text


def test_a_story_body_does_not_take_the_standfirst_beside_its_title() -> None:
    # paragraphs of one class are a body, not a grid of cards: the one short standfirst
    # beside the <h1> stays out, as before
    body = "".join(
        f'<p class="para">{n}. The body of the story goes on, with commas, clauses, and a full '
        "stop, as stories do.</p>"
        for n in range(1, 7)
    )
    text = region_text(
        '<div class="wrap"><div class="head"><h1>Harbour dues rise</h1><p class="dek">The '
        'council votes on Tuesday.</p></div><div class="story">' + body + "</div></div>"
    )
    assert "6. The body of the story" in text and "council votes" not in text


def thread_text(head: str) -> str:
    """The region's text of a thread: ``head`` (its title's block), then four posts."""
    posts = "".join(
        f'<div class="post"><div class="author">member{n}</div><div class="text"><p>Post '
        f"number {n} answers the question at some length, with reasons and a link.</p></div>"
        "</div>"
        for n in range(1, 5)
    )
    return region_text(f'<div class="thread">{head}<div class="posts">{posts}</div></div>')


def test_a_count_under_a_threads_title_is_no_tagline() -> None:
    text = thread_text(
        '<div class="thread-head"><h1>Which mooring rope?</h1><span>5 replies</span></div>'
    )
    assert "Post number 4" in text and "5 replies" not in text


def test_a_category_link_beside_a_threads_title_is_no_tagline() -> None:
    text = thread_text(
        '<div class="thread-head"><h1>Which mooring rope?</h1>'
        '<a href="/category/2/ropes-and-knots/">Ropes and knots</a></div>'
    )
    assert "Post number 4" in text and "Ropes and knots" not in text
