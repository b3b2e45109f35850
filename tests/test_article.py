"""The article region: what is kept, what is dropped around it, and the steps that say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import dom
from extractor.article.region import find_article
from extractor.pipeline import extract_html
from extractor.records import Metadata, Options, Step

# Three paragraphs of prose, enough for any container to win the region on its own.
PROSE = "".join(
    f"<p>Paragraph {n} of the story, with commas, clauses, and enough words to read like "
    f"real prose that a person wrote about the harbour, the boats, and the weather.</p>"
    for n in range(1, 4)
)


def extract(
    body: str, title: str | None = None, byline: str | None = None, **options: object
) -> tuple[str, list[Step]]:
    doc = dom.parse(f"<html><head><title>t</title></head><body>{body}</body></html>")
    meta = Metadata(title=title, byline=byline)
    region, steps = find_article(doc, meta, Options(**options))  # type: ignore[arg-type]
    return dom.fold(region.text_content()), steps


def step_named(steps: list[Step], name: str) -> Step:
    return next(s for s in steps if s.name == name)


# (case, page body, text that must stay, text that must go)
AROUND_THE_ARTICLE = [
    (
        "navigation-aside-footer",
        f"<nav>Home World Sport</nav><article>{PROSE}</article><aside>Most read today</aside>"
        "<footer>Copyright Example Media</footer>",
        "Paragraph 2 of the story",
        ["Home World Sport", "Most read today", "Copyright Example Media"],
    ),
    (
        "aria-roles",  # chrome-roles
        f"<div role='banner'>Example Daily</div><div>{PROSE}</div>"
        "<div role='complementary'>Weather widget</div>",
        "Paragraph 1",
        ["Example Daily", "Weather widget"],
    ),
    (
        "share-bar-and-newsletter",
        f"<div class='story'><div class='share-tools'>Facebook Twitter Email</div>{PROSE}"
        "<div class='newsletter-signup'>Get our daily briefing in your inbox</div></div>",
        "Paragraph 3",
        ["Facebook Twitter Email", "daily briefing"],
    ),
    (
        "related-named-content",
        f"<div class='story'>{PROSE}<div class='relatedContent'>Another story entirely</div></div>",
        "Paragraph 3",
        ["Another story entirely"],
    ),
    (
        "hidden-elements",
        f"<div class='story'>{PROSE}<div style='display: none'>Hidden modal text</div>"
        "<p hidden>Hidden paragraph</p></div>",
        "Paragraph 1",
        ["Hidden modal text", "Hidden paragraph"],
    ),
    (
        "wordpress-comments",
        f"<div class='entry-content'>{PROSE}</div><div id='comments' class='comments-area'>"
        "<h3>2 thoughts on this post</h3><p>Great post, thanks for sharing it with us.</p>"
        "<div id='respond'><h3>Leave a Reply</h3><p>Your email address will not be published."
        "</p></div></div>",
        "Paragraph 2",
        ["Leave a Reply", "will not be published", "Great post"],
    ),
    (
        "captions-without-a-picture",
        f"<div class='story'><figure><video src='a.mp4'></video><figcaption>The harbour "
        f"at dawn. Photo: A. Person</figcaption></figure>{PROSE}"
        "<div class='image-caption'>Boats in the bay</div>"
        "<div class='gallery'><img src='g.jpg'><span class='caption'>Slide 1 of 9</span></div>"
        "<div class='InlineImage-imageEmbedCredit'>Jo Lin | Getty Images</div></div>",
        "Paragraph 2",
        ["The harbour at dawn", "Boats in the bay", "Slide 1 of 9", "Getty"],
    ),
    (
        "hover-card-on-a-name",
        f"<div class='story'><p>The governor, <span class='rollover-people'><a href='/p/kn'>Kristi "
        "Noem</a><span class='rollover-people-block'>Profile card: 40 articles</span></span>, "
        f"said so.</p>{PROSE}</div>",
        "The governor, Kristi Noem, said so.",
        ["Profile card"],
    ),
    (
        "cookie-banner",
        f"<div class='story'>{PROSE}</div><div class='cookie-notice'><p>We use cookies to give "
        "you the best experience. See our privacy policy.</p></div>",
        "Paragraph 3",
        ["privacy policy"],
    ),
    (
        "code-toolbar-buttons",
        f"<div class='story'>{PROSE}<div class='code-toolbar'><pre>make</pre></div>"
        "<div class='toolbar'><span>Copy</span><span>Expand</span></div></div>",
        "Paragraph 1",
        ["Expand"],
    ),
    (
        "search-form",
        f"<form><label>Search</label><input name='q'></form><div class='story'>{PROSE}</div>",
        "Paragraph 1",
        ["Search"],
    ),
    (
        "link-list-inside-region",
        f"<div class='story'>{PROSE}<ul><li><a href='/a'>First other story</a></li>"
        "<li><a href='/b'>Second other story</a></li></ul></div>",
        "Paragraph 3",
        ["First other story", "Second other story"],
    ),
    (
        "labelled-related-links",
        f"<div class='story'>{PROSE}<p><strong>DON'T MISS</strong></p>"
        "<p><a href='/x'>Minister resigns over harbour plan</a></p>"
        "<p><a href='/y'>Ferry strike called off</a></p><p>The final paragraph of the story, "
        "which comes after the links, is still the article.</p></div>",
        "The final paragraph of the story",
        ["DON'T MISS", "Minister resigns", "Ferry strike"],
    ),
    (
        "capitals-promo-headline",
        f"<div class='story'>{PROSE}<p><strong><a href='/z'>STAR ELIMINATED FROM DANCE SHOW"
        "</a></strong></p></div>",
        "Paragraph 2",
        ["STAR ELIMINATED"],
    ),
    (
        "junk-lines",
        f"<div class='story'><div>Advertisement</div>{PROSE}<p>Filed under: Harbours</p>"
        "<span>Share this article</span><h3>Share This Post</h3></div>",
        "Paragraph 1",
        ["Advertisement", "Filed under", "Share this article", "Share This Post"],
    ),
    (
        "ad-slot-lines",
        f"<div class='story'><p>Paragraph 1 of the story, long enough to be article text.</p>"
        "<div class='slot'><div>Advertisement - Page continues below</div><div></div></div>"
        f"{PROSE}<p>Story continues below advertisement</p><p>ADVERTISEMENT - CONTINUE READING"
        " BELOW</p><p>Article continues after this ad</p></div>",
        "Paragraph 1",
        ["Page continues below", "Story continues", "CONTINUE READING", "after this ad"],
    ),
    (
        "reply-links-under-posts",
        f"<div class='story'>{PROSE}<p><font size='1'><u><a href='/reply?id=7'>reply</a></u>"
        "</font></p></div>",
        "Paragraph 1",
        ["reply"],
    ),
    (
        "junk-lines-other-languages-and-stamps",
        f"<div class='story'><p>Updated at 1:23 p.m.</p>{PROSE}<div>Iklan</div>"
        "<p>Filed under: Harbour, Boats</p><p>Click to Tweet</p></div>",
        "Paragraph 1",
        ["Updated at", "Iklan", "Filed under", "Click to Tweet"],
    ),
    (
        "unfilled-template-placeholders",
        f"<div class='story'>{PROSE}<div class='post-errors'><strong>{{{{ board.errors[118]"
        ".message }}</strong></div><p>{% if member %}</p><p>Write {{ name }} in the "
        "greeting and the shop fills in your name.</p></div>",
        "Write {{ name }} in the greeting",
        ["board.errors", "if member"],
    ),
    (
        "script-link-controls",
        f"<div class='story'>{PROSE}<p><a href='javascript:void(0)'>Show all comments</a></p>"
        "<div><a href='javascript:;' onclick='enlarge()'>Larger text</a></div></div>",
        "Paragraph 3",
        ["Show all comments", "Larger text"],
    ),
    (
        "labelled-link-line",
        f"<div class='story'>{PROSE}<p><strong>SEE MORE</strong>: <a href='/s'>Students under "
        "siege in the university</a></p><p>Explore further <a href='/t'>Neural network of "
        "torpor</a></p></div>",
        "Paragraph 3",
        ["SEE MORE", "Students under siege", "Explore further", "torpor"],
    ),
]


@pytest.mark.parametrize(
    ("body", "kept", "dropped"),
    [case[1:] for case in AROUND_THE_ARTICLE],
    ids=[case[0] for case in AROUND_THE_ARTICLE],
)
def test_drops_what_surrounds_the_article(body: str, kept: str, dropped: list[str]) -> None:
    text, _ = extract(body)
    assert kept in text
    for phrase in dropped:
        assert phrase not in text


# (case, page body, text that must stay)
KEPT_INSIDE = [
    (
        "links-to-nowhere-in-headings-lists-and-sentences",
        f"<div class='story'><h3><a href='#'>Timetable for the spring</a></h3>{PROSE}"
        "<p>The minutes open <a href='javascript:void(0)'>in a window</a> once loaded.</p>"
        "<p><a href='#'>Read the minutes of the meeting here</a></p></div>",
        "Timetable for the spring",
    ),
    (
        "sentence-with-a-script-link",
        f"<div class='story'>{PROSE}<p>The minutes open <a href='javascript:void(0)'>in a "
        "window</a> once loaded.</p></div>",
        "The minutes open in a window once loaded.",
    ),
    (
        "a-download-of-data-the-page-holds",
        f"<div class='story'>{PROSE}<p><a href='data:text/csv;base64,YSxiCjEsMgo='>Download "
        "the table</a></p></div>",
        "Download the table",
    ),
    (
        "a-longer-line-that-links-nowhere",
        f"<div class='story'>{PROSE}<p><a href='javascript:void(0)'>Read the minutes of the "
        "meeting here</a></p></div>",
        "Read the minutes of the meeting here",
    ),
    (
        "wrapper-named-like-an-ad",
        f"<div class='non-ad-column'><article>{PROSE}</article></div>",
        "Paragraph 3",
    ),
    (
        "wrapper-named-like-a-sidebar-on-a-page-without-paragraphs",
        "<div class='has-sidebar'><div>"
        + "<br>".join(
            ["A line of the story, long enough to count, with commas, and a full stop at the end."]
            * 6
        )
        + "</div></div>",
        "A line of the story",
    ),
    (
        "drupal-field-with-hidden-label",
        f"<div class='story'>{PROSE}<div class='field field-label-hidden'><p>A closing "
        "note from the field that only hides its label.</p></div></div>",
        "A closing note from the field",
    ),
    (
        "embedded-tweet-in-social-box",
        f"<div class='story'>{PROSE}<div class='social-media-embed'><blockquote "
        "class='twitter-tweet'><p>Yes this is real and the state paid for it, says the "
        "author of the tweet.</p></blockquote></div></div>",
        "Yes this is real",
    ),
    (
        "lone-linked-paragraph",
        f"<div class='story'>{PROSE}<p><a href='https://shop.example'>Get it on Amazon for "
        "$39.99</a></p></div>",
        "Get it on Amazon",
    ),
    (
        "asp-net-page-form",
        f"<form id='aspnetForm'><div class='story'>{PROSE}{PROSE}{PROSE}{PROSE}{PROSE}</div>"
        "</form>",
        "Paragraph 2",
    ),
    (
        # a short page in one WebForms <form>: the form holds nearly all its text
        "short-page-in-a-form",
        f"<form id='form1'><div class='story'>{PROSE}</div><label>Search <input type='text' "
        "name='q'></label></form>",
        "Paragraph 2",
    ),
    (
        "sentence-that-starts-like-a-label",
        f"<div class='story'>{PROSE}<p>More than <a href='/p'>forty people</a> came to the "
        "harbour on the first morning, and most of them stayed until the evening.</p></div>",
        "More than forty people came",
    ),
    (
        "inline-words-that-look-like-junk",
        f"<div class='story'>{PROSE}<p>Readers can <a href='mailto:x@example.com'>email</a> "
        "the desk, and on <time>Tuesday</time> the mayor said <b>more</b> would come.</p></div>",
        "Readers can email the desk, and on Tuesday the mayor said more would come.",
    ),
    (
        "figure-caption-with-its-picture",
        f"<div class='story'><figure><img src='a.jpg' alt='harbour'><figcaption>The harbour "
        f"at dawn. Photo: A. Person</figcaption></figure>{PROSE}</div>",
        "The harbour at dawn. Photo: A. Person",
    ),
    (
        "wordpress-caption-wrapper",
        f"<div class='entry-content'><div class='wp-caption'><img src='boats.jpg' alt='Boats'>"
        f"<p class='wp-caption-text'>Boats in the bay at dawn</p></div>{PROSE}</div>",
        "Boats in the bay at dawn",
    ),
    (
        "picture-credit-named-like-a-byline",
        f"<div class='story'>{PROSE}<figure><img src='t.jpg'><div class='image-meta'><span "
        "class='caption'>A turtle.</span> <span class='credit'>Photo: Jo</span></div></figure>"
        "</div>",
        "A turtle. Photo: Jo",
    ),
    (
        "caption-right-under-a-picture",
        f"<div class='story'>{PROSE}<div class='photo'><a href='big.jpg'><img src='b.jpg'></a>"
        "</div><div class='image-caption'>Boats in the bay</div></div>",
        "Boats in the bay",
    ),
    (
        "caption-of-a-code-listing",
        f"<div class='story'>{PROSE}<figure><pre>make all</pre><figcaption>Listing 2: the "
        "build</figcaption></figure></div>",
        "Listing 2: the build",
    ),
    (
        "prism-code-toolbar",
        f"<div class='story'>{PROSE}<div class='code-toolbar'><pre><code>import random\n"
        "random.seed(4)</code></pre><div class='toolbar'>Copy</div></div></div>",
        "random.seed(4)",
    ),
    (
        "highlight-wrapper-named-like-a-menu",
        f"<div class='story'>{PROSE}<div class='hljs sidebar-code'><pre>ls -la /srv</pre></div>"
        "</div>",
        "ls -la /srv",
    ),
    (
        "quote-attribution",
        f"<div class='story'>{PROSE}<blockquote><p>No owner, no action.</p><footer>— <cite>"
        "Field notes, SRE guild</cite></footer></blockquote></div>",
        "Field notes, SRE guild",
    ),
    (
        # sections an in-page table of contents leads to, named for that navigation
        "prose-sections-named-for-navigation",
        "<nav class='nav'><a href='/a'>Accounts</a> <a href='/l'>Loans</a></nav>"
        + "".join(
            f"<div class='content-nav-section'><h2>Step {n}</h2>{PROSE}</div>" for n in (1, 2, 3)
        ),
        "Step 1",
    ),
    (
        "cookie-recipe",
        f"<div class='story'>{PROSE}<p class='cookie-step'>Cream the butter with the sugar, "
        "then fold in the flour and bake the cookies for eleven minutes.</p></div>",
        "bake the cookies for eleven minutes",
    ),
]


@pytest.mark.parametrize(
    ("body", "kept"), [case[1:] for case in KEPT_INSIDE], ids=[case[0] for case in KEPT_INSIDE]
)
def test_keeps_article_text_that_looks_like_boilerplate(body: str, kept: str) -> None:
    text, _ = extract(body)
    assert kept in text


def test_a_menu_is_still_dropped_by_its_name() -> None:
    menu = "<div class='nav-menu'><p><a href='/a'>Accounts and savings for every age</a></p>"
    menu += "<p><a href='/l'>Loans, mortgages and the rates this week</a></p></div>"
    text, _ = extract(f"{menu}<div class='story'>{PROSE}</div>")
    assert "Paragraph 1" in text and "Accounts and savings" not in text


def test_a_caption_wrapper_keeps_its_picture() -> None:
    body = (
        "<div class='entry-content'><div class='wp-caption'><img src='boats.jpg' alt='Boats'>"
        f"<p class='wp-caption-text'>Boats in the bay</p></div>{PROSE}</div>"
    )
    doc = dom.parse(f"<html><body>{body}</body></html>")
    region, _ = find_article(doc, Metadata(), Options())
    assert region.find(".//img") is not None


def test_chooses_the_container_with_the_prose() -> None:
    teasers = "".join(
        f"<div class='teaser'><a href='/{n}'>Headline number {n} about something else</a></div>"
        for n in range(8)
    )
    body = f"<div id='rail'>{teasers}</div><div id='text'>{PROSE}</div>"
    text, _ = extract(body)
    assert text.startswith("Paragraph 1")
    assert "Headline number" not in text


def test_text_in_a_table_cell_wins_over_the_menu_cell_beside_it() -> None:
    lines = "<br><br>".join(
        f"Line {n} of an old page, set straight into a table cell, with commas, breaks, and "
        "no paragraph tags at all."
        for n in range(1, 5)
    )
    body = (
        "<table><tr><td><a href='/'>Home page</a><br><a href='/about'>About us</a><br>"
        f"<a href='/links'>Links and friends</a></td><td>{lines}</td></tr></table>"
    )
    text, _ = extract(body)
    assert text.startswith("Line 1 of an old page")
    assert "Home page" not in text


def test_gathers_an_article_split_into_blocks_in_order() -> None:
    first = (
        "<div class='post__content'><p>First part of the piece, which opens the story "
        "about tuft cells, lungs, and the immune system.</p>" + PROSE + "</div>"
    )
    second = (
        "<div class='post__content'><p>Second part of the piece, which closes the story "
        "about tuft cells, with a quote, a date, and a place.</p>" + PROSE + "</div>"
    )
    body = (
        f"<section>{first}</section><div class='promo-box'>Subscribe to our magazine</div>"
        f"<section>{second}</section><section class='more'>Unrelated footer text</section>"
    )
    text, _ = extract(body)
    assert text.index("First part") < text.index("Second part")
    assert "Subscribe" not in text
    assert "Unrelated footer" not in text


@pytest.mark.parametrize(
    ("heading", "title", "dropped"),
    [
        ("<h1>Harbour reopens</h1>", "Harbour reopens", True),
        (
            "<h2>Harbour reopens after the storm</h2>",
            "Harbour reopens after the storm | Daily",
            True,
        ),
        ("<h2>What the mayor said</h2>", "Harbour reopens after the storm", False),
    ],
)
def test_title_heading_duplicated_at_the_top(heading: str, title: str, dropped: bool) -> None:
    text, steps = extract(f"<article>{heading}{PROSE}</article>", title=title)
    heading_text = dom.fold(dom.parse(heading).text_content())
    assert (heading_text not in text) is dropped
    assert (step_named(steps, "title-duplicate").removed > 0) is dropped


def test_a_section_repeating_a_phrase_of_the_title_is_no_title() -> None:
    # a service page: its title is "Tide Calculator: When Is High Water Today?", its <h1> the
    # tool's name, and its FAQ opens with the title's question; the question is a section
    title = "Tide Calculator: When Is High Water Today?"
    faq = (
        "<h2>Frequently asked questions</h2><h3>When is high water today?</h3>"
        "<p>High water comes twice a day, about fifty minutes later each day, and the table "
        "above gives today's times for the harbour, corrected for the season.</p>"
    )
    text, steps = extract(f"<article><h1>Harbour tide tool</h1>{PROSE}{faq}</article>", title=title)
    assert "When is high water today?" in text
    # the same run of the title as the article's first heading is the title, and goes
    text, steps = extract(
        f"<article><h2>When is high water today?</h2>{PROSE}</article>", title=title
    )
    assert "When is high water today?" not in text
    assert step_named(steps, "title-duplicate").removed == 1


def test_a_section_named_like_the_title_under_a_higher_heading_stays() -> None:
    # a package's README without its title heading (a generator left its HTML heading out):
    # its API section "### tallyho" is named for the package, under "## API"
    api = (
        "<h2>API</h2><h3>tallyho</h3><p>The main export: it takes a name and returns a counter "
        "that every worker thread adds to, and that reads as the sum of them all.</p>"
    )
    text, steps = extract(f"<article><h2>Install</h2>{PROSE}{api}</article>", title="tallyho")
    assert "tallyho" in text
    assert step_named(steps, "title-duplicate").removed == 0


@pytest.mark.parametrize(
    ("markup", "byline"),
    [
        ("<div class='byline'>By Jane Doe, Staff Writer</div>", None),
        ("<p>By Jane Doe</p>", "Jane Doe"),
        ("<span class='article-meta date'>November 19, 2019</span>", None),
        ("<time datetime='2019-11-19'>Nov. 19, 2019</time>", None),
        ("<p>sexta-feira, 22 de outubro de 2010 às 20:13</p>", None),
    ],
)
def test_bylines_and_datelines_go(markup: str, byline: str | None) -> None:
    text, _ = extract(f"<article>{markup}{PROSE}</article>", byline=byline)
    assert dom.fold(dom.parse(markup).text_content()) not in text
    assert "Paragraph 1" in text


@pytest.mark.parametrize(
    "markup",
    [
        # a date as code inside a sentence (docs: "e.g. <code><span>2020-02-30</span></code>")
        "<p>Invalid dates (e.g. <code><span class='pre'>2020-02-30</span></code>) are kept.</p>",
        "<p>Press <kbd>2024-01-01</kbd> to jump, or <mark>May 5, 2021</mark> to go back.</p>",
    ],
)
def test_a_date_inline_in_a_sentence_stays(markup: str) -> None:
    text, _ = extract(f"<article>{markup}{PROSE}</article>")
    assert dom.fold(dom.parse(markup).text_content()) in text


def test_include_comments_keeps_the_comment_section() -> None:
    body = (
        f"<div class='entry-content'>{PROSE}</div><div id='comments'><p>A reader's comment "
        "that is long enough to be read as prose, with commas, and a view.</p></div>"
    )
    without, _ = extract(body)
    with_comments, _ = extract(body, include_comments=True)
    assert "A reader's comment" not in without
    assert "A reader's comment" in with_comments


def test_skip_steps_switches_a_step_off() -> None:
    body = f"<div class='story'><div class='share-tools'>Facebook Twitter</div>{PROSE}</div>"
    text, steps = extract(body, skip_steps=("boilerplate-names",))
    assert "Facebook Twitter" in text
    assert all(step.name != "boilerplate-names" for step in steps)


def test_skipping_chrome_keeps_navigation_and_asides() -> None:
    body = f"<nav>Home World Sport</nav><article>{PROSE}<aside>Fees rise again</aside></article>"
    text, steps = extract(body, skip_steps=("chrome",))
    assert "Fees rise again" in text
    assert all(step.removed == 0 for step in steps if step.name.startswith("chrome"))


def test_steps_say_what_they_removed() -> None:
    body = f"<nav>Home World Sport</nav><nav>Log in</nav><article>{PROSE}</article>"
    _, steps = extract(body)
    chrome = step_named(steps, "chrome")
    assert chrome.removed == 2
    assert chrome.samples == ("Home World Sport", "Log in")
    assert chrome.why


def test_a_page_without_prose_returns_its_body() -> None:
    doc = dom.parse("<html><body><div>Hello</div></body></html>")
    region, _ = find_article(doc, Metadata(), Options())
    assert region.tag == "body"
    assert dom.fold(region.text_content()) == "Hello"


def test_skipping_choose_region_keeps_the_whole_body() -> None:
    doc = dom.parse(f"<html><body><div id='a'>{PROSE}</div><div id='b'>Other</div></body></html>")
    region, _ = find_article(doc, Metadata(), Options(skip_steps=("choose-region",)))
    assert region.tag == "body"


def test_a_link_card_sharing_the_article_class_is_not_gathered() -> None:
    card = "".join(
        f"<p><a href='/{n}'>A teaser headline about another story, number {n}, that links "
        "away from this page</a></p>"
        for n in range(6)
    )
    body = (
        f"<section><div class='text'>{PROSE}</div></section>"
        f"<section><div class='text'>{card}</div></section>"
    )
    text, _ = extract(body)
    assert "Paragraph 1" in text
    assert "teaser headline" not in text


def test_a_cookie_recipe_keeps_its_cookie_named_paragraphs() -> None:
    """tests/pages/decoy-cookie-recipe: every paragraph is class="cookie-step"."""
    page = Path(__file__).parent / "pages" / "decoy-cookie-recipe" / "index.html"
    out = extract_html(page.read_text(encoding="utf-8"), "https://pages.test/recipe/").markdown
    assert "We use cookies to decorate the cake as well" in out
    assert "bake at 180 °C for eleven minutes" in out
    assert "Chill the dough for crisper edges." in out


def test_a_junk_line_inside_a_dropped_one_is_no_crash() -> None:
    # the link goes as a junk line first; the span inside it comes next in document order
    doc = dom.parse(
        f"<html><body><article><p>{'Prose of the article, long enough. ' * 8}</p>"
        '<a href="/share"><span><b>Share</b></span></a><p>More text follows here.</p>'
        "</article></body></html>"
    )
    region, _ = find_article(doc, Metadata(), Options())
    assert "Share" not in region.text_content()


def test_line_steps_look_at_no_element_inside_code() -> None:
    from extractor.article.cleanup import _outside_code

    doc = dom.parse(
        "<div><p>a <span>b</span></p><pre><span>c</span><pre><p>d</p></pre></pre><p>e</p></div>"
    )
    region = doc.find(".//div")
    assert [el.text for el in _outside_code(region, ("p", "span"))] == ["a ", "b", "e"]
    assert [el.tag for el in _outside_code(region, ())] == ["p", "span", "pre", "p"]
    assert _outside_code(doc.find(".//pre/pre"), ()) == []
