"""The cleanup steps' shared walk: what sits inside code blocks is never looked at, and the
walk leaves the tree as it found it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from extractor import dom
from extractor.article.cleanup import (
    _outside_code,
    drop_bylines,
    drop_junk_lines,
    drop_link_lists,
    drop_title,
    is_link_listing,
)
from extractor.pipeline import extract_html

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


def test_a_tag_lines_label_leaves_with_its_tag_list() -> None:
    # Hugo's theme skeleton: <div>Tags:</div> beside the <ul> of tag links
    page = Path(__file__).parent / "pages" / "article-hugo-tags-label" / "index.html"
    md = extract_html(page.read_text("utf-8"), url="https://kitchen.test/posts/starter/").markdown
    assert "Tags:" not in md and "Sourdough](" not in md
    assert md.rstrip().endswith("the timings can go back to what they were.")
    assert "- Discard before feeding, not after." in md  # the article's own list stays
    # the label alone goes as a tag line with its tags on it does; a line that only starts with
    # the word stays
    region = dom.parse(
        "<html><body><div id='r'><p>Tags: baking, winter</p><p>Tags:</p>"
        "<p>Tagsets of a post are kept.</p></div></body></html>"
    ).get_element_by_id("r")
    drop_junk_lines(region)
    assert [p.text for p in region] == ["Tagsets of a post are kept."]


def test_a_templates_unfilled_placeholders_go() -> None:
    # a forum's error box bound by a client-side template, left as "{{ ... }}" in the HTML
    page = Path(__file__).parent / "pages" / "forum-unfilled-placeholders" / "index.html"
    md = extract_html(page.read_text("utf-8"), url="https://bakers.test/t/5011/").markdown
    assert "DiscussionBoard.errors" not in md
    assert "down as {{ hours }}" in md  # a post that writes braces keeps them
    assert md.count("**ryefield**") == 2


def test_a_listings_cards_are_counted_without_the_templates_indentation() -> None:
    # a static blog's archive: short linked titles between lines of template indentation; the
    # indentation made the cards hold too little of the text to count as the listing's cards
    page = Path(__file__).parent / "pages" / "listing-archive-indented" / "index.html"
    url = "https://notes.test/categories/operations/"
    md = extract_html(page.read_text("utf-8"), url=url).markdown
    titles = ["Cron", "Backup drills", "Timeouts", "Rotating credentials"]
    assert [t for t in titles if f"# [{t}](" in md] == titles
    assert "Renewing certificates" not in md  # the sidebar's recent posts still go


def test_a_region_of_links_is_a_listing_whatever_its_indentation() -> None:
    pad = "\n" + " " * 40 + "\n"
    links = "".join(f"<li>{pad}<a href='/p{i}'>Post {i}</a>{pad}</li>" for i in range(2))
    region = dom.parse(
        f"<html><body><div id='r'>{pad}<p>Latest</p>{pad}<ul>{links}</ul>{pad}</div></body></html>"
    ).get_element_by_id("r")
    assert is_link_listing(region)
    prose = "<p>" + "A sentence of the article's own text. " * 4 + "</p>"
    region = dom.parse(
        f"<html><body><div id='r'>{prose}<ul>{links}</ul></div></body></html>"
    ).get_element_by_id("r")
    assert not is_link_listing(region)


def test_buttons_drawn_as_links_go_and_links_in_text_stay() -> None:
    page = Path(__file__).parent / "pages" / "article-script-link-controls" / "index.html"
    md = extract_html(page.read_text("utf-8"), url="https://gazette.test/ferry/").markdown
    for control in ("Printer-friendly version", "Expand all", "E-mail article"):
        assert control not in md
    assert "## Questions from the meeting" in md  # a heading linking nowhere is a heading
    assert "site; this link opens them" in md  # a link inside a sentence is its text
    assert "[Ferry news archive](https://gazette.test/archive/ferries)" in md


def test_a_listings_first_linked_title_is_no_page_title() -> None:
    # a theme that heads every post of a category page with an <h1> linking to the post
    page = Path(__file__).parent / "pages" / "listing-linked-h1-titles" / "index.html"
    url = "https://garden.test/garden/category/tools.html"
    md = extract_html(page.read_text("utf-8"), url=url).markdown
    assert md.startswith("1. # [Building a cold frame from old windows](")
    assert md.count("# [") == 3


@pytest.mark.parametrize(
    ("headings", "page_url", "dropped"),
    [
        # a post's own title, linked to its page or not, goes
        ('<h1><a href="/p/1">Ferry</a></h1>', "https://s.test/p/1", True),
        ('<h1><a href="https://s.test/p/1#top">Ferry</a></h1>', "https://s.test/p/1/", True),
        ("<h1>Ferry</h1><h1><a href='/p/2'>Other</a></h1>", "https://s.test/p/1", True),
        # the first of several titles linking to pages of their own stays
        (
            '<h1><a href="/p/1">Ferry</a></h1><h1><a href="/p/2">Other</a></h1>',
            "https://s.test/",
            False,
        ),
    ],
)
def test_the_title_fallback_leaves_a_listings_cards(
    headings: str, page_url: str, dropped: bool
) -> None:
    region = dom.parse(
        f"<html><body><div id='r'>{headings}<p>Some text of the page.</p></div></body></html>"
    ).get_element_by_id("r")
    step = drop_title(region, "Unrelated site name", page_url)
    assert (step.removed == 1) is dropped


@pytest.mark.parametrize("wrapper", ["div", "table"])
def test_a_section_h1_after_the_text_stays_in_a_region_inside_a_layout_table(
    wrapper: str,
) -> None:
    # the region is a table layout's content cell: the paragraph above the <h1> is text above
    # it, whatever blocks hold the region (the cell's own table is no quote around it)
    cell = (
        "<p>Many people find their scalp oily a day after washing, and wonder what it means"
        " for their hair.</p><h1>How to tell what kind it is</h1><p>More text.</p>"
    )
    page = (
        f"<div><div id='r'>{cell}</div></div>"
        if wrapper == "div"
        else f"<table><tr><td id='r'>{cell}</td></tr></table>"
    )
    region = dom.parse(f"<html><body>{page}</body></html>").get_element_by_id("r")
    assert drop_title(region, "Oily hair: what to eat and what not to").removed == 0
    assert "How to tell what kind it is" in dom.text_content(region)


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        # a count or a prompt pointing to a post's comments goes, with its line
        ('<p>There are <a href="/p/1.html#disqus_thread">comments</a>.</p>', True),
        ('<p><a href="/p/1.html#comments">12 Comments</a></p>', True),
        ('<div><span><a href="#respond">Leave a comment</a></span></div>', True),
        # a sentence that mentions the comments says more
        (
            '<p>Several readers asked in <a href="/p/1.html#comments">the comments</a> how '
            "the frame is hinged, so here is a drawing.</p>",
            False,
        ),
        # a line with other links, or a link to another part of a page
        ('<p><a href="/p/1.html#comments">3 comments</a> <a href="/tag/x">x</a></p>', False),
        ('<p><a href="/p/1.html#history">History</a></p>', False),
        # a place in the text itself: a reference's section on comments in code
        (
            '<p><a href="#comments">Writing comments</a></p><h3 id="comments">Comments in code</h3>',
            False,
        ),
    ],
)
def test_a_line_pointing_to_a_posts_comments_goes(line: str, dropped: bool) -> None:
    prose = "<p>" + "A sentence of the post that a reader reads to its end. " * 4 + "</p>"
    region = dom.parse(f"<html><body><div id='r'>{prose}{line}</div></body></html>")
    region = region.get_element_by_id("r")
    said = dom.fold(dom.parse(f"<div>{line}</div>").text_content())
    drop_junk_lines(region)
    text = dom.fold(region.text_content())
    assert text.startswith("A sentence of the post")
    assert (said not in text) is dropped


def test_a_heading_that_says_a_furniture_phrase_stays_over_a_section_of_its_own() -> None:
    # a reference whose sections are named "Comments", "Print" and "Email"
    page = Path(__file__).parent / "pages" / "docs-furniture-named-sections" / "index.html"
    md = extract_html(page.read_text("utf-8"), url="https://docs.test/ledger/format/").markdown
    for heading in ("## Comments", "## Print", "## Email"):
        assert heading in md
    assert md.index("## Comments") < md.index("A line that starts with a semicolon")


@pytest.mark.parametrize(
    ("after", "kept"),
    [
        (
            "<p>" + "A paragraph of the section, long enough to be read as prose. " * 2 + "</p>",
            True,
        ),
        (
            "<div><p>" + "Prose one level down in the section, read as such. " * 2 + "</p></div>",
            True,
        ),
        # a comment form's label, a share bar's: nothing or only short lines follow
        ("<form><label>Name</label><input name='n'></form>", False),
        ("<ul><li><a href='/s'>Share on Mastodon</a></li></ul>", False),
        # the prose belongs to the next section, not to this heading's
        ("<h2>Next section</h2><p>" + "Prose under another heading entirely. " * 3 + "</p>", False),
    ],
)
def test_a_furniture_heading_goes_unless_its_section_holds_prose(after: str, kept: bool) -> None:
    prose = "<p>" + "A sentence of the article that a reader reads to its end. " * 4 + "</p>"
    region = dom.parse(
        f"<html><body><div id='r'>{prose}<h2>Comments</h2>{after}</div></body></html>"
    )
    region = region.get_element_by_id("r")
    drop_junk_lines(region)
    assert ("Comments" in dom.fold(region.text_content())) is kept


@pytest.mark.parametrize(
    ("lead", "kept"),
    [
        # a docs page's sentence that goes on into its list
        ("<p>The server implements the following data types:</p>", True),
        ("<p>For more information, see:</p>", True),
        # a related-stories label, however it is worded, and a rail's one-word label
        ("<p>You may also be interested in the following articles:</p>", False),
        ("<p>Read more: our coverage of the harbour</p>", False),
        ("<p>Sponsors:</p>", False),
        # a sentence that does not lead into the list
        ("<p>The server keeps each value in memory and writes it to disk.</p>", False),
    ],
)
def test_a_link_list_that_a_sentence_leads_into_stays(lead: str, kept: bool) -> None:
    prose = "<p>" + "The harbour master keeps the tide tables, the berths, and the fees. " * 5
    links = (
        '<ul><li><a href="/types/strings">Strings</a></li><li><a href="/types/hashes">Hashes</a>'
        '</li><li><a href="/types/lists">Lists</a></li></ul>'
    )
    page = dom.parse(
        f"<html><body><div id='r'>{prose}</p>{lead}{links}{prose}</p></div></body></html>"
    )
    found = page.get_element_by_id("r")
    drop_link_lists(found)
    assert ("Hashes" in found.text_content()) is kept


def _listicle(items: int, cta: str) -> str:
    return (
        "<ol>"
        + "".join(
            f"<li><h2>Boat {n}</h2><p>Boat {n} is a small cruiser, with a cabin for two, an engine "
            f"that starts in the cold, and a price that a club member can pay.</p>"
            f'<p><a href="/reviews/boat-{n}">Read the full Boat {n} review</a></p>'
            f'<p><a href="https://deals.test/?b={n}">{cta}</a></p></li>'
            for n in range(1, items + 1)
        )
        + "</ol>"
    )


def _after_junk_lines(body: str) -> str:
    region = dom.parse(f"<html><body><div id='r'>{body}</div></body></html>")
    region = region.get_element_by_id("r")
    drop_junk_lines(region)
    return dom.fold(region.text_content())


def test_a_link_alone_on_its_line_under_every_item_goes() -> None:
    # a list article's call to action, the same words under each item; each item's own link
    # (its review, named after it) stays
    text = _after_junk_lines(_listicle(4, "Compare new boat deals with harbour.test"))
    assert "Compare new boat deals" not in text
    assert "Read the full Boat 4 review" in text and "a cabin for two" in text


def test_a_link_line_written_twice_or_in_a_list_of_links_stays() -> None:
    assert "Compare new boat deals" in _after_junk_lines(
        _listicle(2, "Compare new boat deals with harbour.test")
    )
    # a contents list that names one section three times is a list of links, left to the
    # link-list steps
    contents = "".join(
        f'<li><a href="#braces">Braces</a></li><li><a href="#x{n}">Part {n}</a></li>'
        for n in range(3)
    )
    assert dom.fold(contents.replace("<li>", " ")).count("Braces") == 3
    assert _after_junk_lines(f"<p>Contents:</p><ul>{contents}</ul>").count("Braces") == 3


def test_a_line_in_its_wrappers_is_counted_once() -> None:
    # a link in a list item in a <div> in a <div>: one line, not three
    line = '<div class="foot"><div class="tabs"><ul><li><a>And this at the bottom</a></li></ul></div></div>'
    prose = "<p>" + "A sentence of the page that a reader reads to its end. " * 3 + "</p>"
    assert "And this at the bottom" in _after_junk_lines(prose + line)


def test_a_list_articles_calls_to_action_go_and_its_items_stay() -> None:
    page = Path(__file__).parent / "pages" / "article-listicle-cta-links" / "index.html"
    md = extract_html(page.read_text("utf-8"), url="https://pages.test/listicle/").markdown
    assert "Compare new boat deals" not in md and "Compare used boat deals" not in md
    for name in ("Tern 19", "Fulmar 31"):
        assert f"## {name}" in md and f"Read the full {name} review" in md
    assert "sleeps four, carries water for a week" in md
    assert "sail it with someone who knows the estuary" in md


def test_the_sites_banner_heading_goes_over_the_pages_own() -> None:
    # a theme's header <h1> with the site's name inside the region, over a tag page's <h1>
    html = (
        "<html><head><title>Pino | Server Notes</title></head><body><header><h1>Server Notes"
        "</h1></header><main><h1>Pino</h1><ul><li><a href='/p/help/'>Help</a></li>"
        "<li><a href='/p/child/'>Child loggers</a></li></ul></main></body></html>"
    )
    page = extract_html(html, url="http://blog.test/tags/pino/")
    assert page.metadata.title == "Pino" and page.metadata.site_name == "Server Notes"
    assert "Server Notes" not in page.markdown and "Child loggers" in page.markdown


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("<h3>Replies (2)</h3>", True),  # heading a thread's replies: a count, still a label
        ("<p>7 Comments</p>", True),
        ("<h2>2 responses</h2>", True),
        ("<h3>Replies to the council's consultation</h3>", False),
        ("<p>12 answers came in by the deadline, most of them from the harbour.</p>", False),
    ],
)
def test_a_count_of_replies_is_a_label(line: str, dropped: bool) -> None:
    reply = "<p>We did it for three years; a shared calendar worked best of all for us.</p>"
    region = dom.parse(
        f"<html><body><div id='r'><p>The question, in full.</p>{line}{reply}</div></body></html>"
    ).get_element_by_id("r")
    step = drop_junk_lines(region)
    assert (step.removed == 1) is dropped
