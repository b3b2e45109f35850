"""Pages that are not one article: a forum thread, a crawler view in <noscript>, tabbed products."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import dom
from extractor.article import boilerplate, scoring
from extractor.article.boilerplate import names_boilerplate
from extractor.article.cleanup import LINK_DENSE, drop_link_lists
from extractor.article.region import find_article
from extractor.article.scoring import link_density
from extractor.pipeline import extract_html
from extractor.records import Metadata, Options

PAGES = Path(__file__).parent / "pages"


def region_text(body: str, *, rendered: bool = True) -> str:
    doc = dom.parse(f"<html><head><title>t</title></head><body>{body}</body></html>")
    region, _ = find_article(doc, Metadata(title="t"), Options(), rendered=rendered)
    return dom.fold(region.text_content())


def post(n: int) -> str:
    return (
        f'<article class="topic-post post-comment" id="post_{n}"><div class="cooked">'
        f"<p>Reply {n}: I had the same trouble with the valve, and after a week of trying, "
        f"swapping the washer, and asking around, the plumber said the seat was worn.</p>"
        f"</div></article>"
    )


def test_a_thread_of_comment_named_posts_is_the_page() -> None:
    # forum software names each post like a comment; together they are all the page holds
    thread = "".join(post(n) for n in range(1, 6))
    text = region_text(f'<div class="topic-area">{thread}</div><p>Powered by a forum</p>')
    assert all(f"Reply {n}:" in text for n in range(1, 6))


def test_comments_under_an_article_still_go() -> None:
    story = "".join(
        f"<p>Story paragraph {n}, long enough, with commas, clauses, and details about the "
        f"council's plan for the river, the bridge, and the costs.</p>"
        for n in range(6)
    )
    comments = "".join(post(n) for n in range(1, 3))
    text = region_text(
        f'<article class="story">{story}</article><section id="comments">{comments}</section>'
    )
    assert "Story paragraph 5" in text
    assert "Reply 1:" not in text


CRAWLER_VIEW = (
    '<div id="app"></div><noscript><div id="main-outlet">'
    + "".join(
        f"<div class='post'><p>Post {n}: the crawler view of the thread, with enough text, "
        f"commas, and clauses to read as prose written by a member of the forum.</p></div>"
        for n in range(1, 4)
    )
    + "</div></noscript>"
)


def test_a_page_read_without_scripts_shows_its_noscript_view() -> None:
    text = region_text(CRAWLER_VIEW, rendered=False)
    assert "Post 1:" in text and "Post 3:" in text


def test_a_rendered_page_ignores_its_noscript_view() -> None:
    assert "Post 1:" not in region_text(CRAWLER_VIEW, rendered=True)


def test_a_short_noscript_notice_stays_out_of_a_static_page() -> None:
    story = "<p>" + "A paragraph of the story, with commas, and clauses. " * 5 + "</p>"
    text = region_text(
        f"<article>{story}</article><noscript>Turn on JavaScript</noscript>", rendered=False
    )
    assert "JavaScript" not in text


def test_hidden_tab_panes_and_accordion_bodies_stay() -> None:
    spec = "Weight 1.2 kg, battery 10 hours, screen 13 inches, ports two, warranty two years."
    body = (
        '<div class="product"><p>The laptop is light, quiet, and fast, with a keyboard that '
        "people who type all day will like, and a screen that is easy on the eyes.</p>"
        '<div class="tabs"><div class="tab-pane active"><p>Overview of the laptop.</p></div>'
        f'<div class="tab-pane" style="display:none"><p>{spec}</p></div></div>'
        '<div class="accordion__body" aria-hidden="true"><p>Returns within 30 days, free of '
        "charge, with the original packaging.</p></div>"
        '<div style="display:none">Sign in for the best experience</div></div>'
    )
    text = region_text(body)
    assert spec in text
    assert "Returns within 30 days" in text
    assert "Sign in" not in text


def test_a_page_nested_in_a_navigation_left_open_is_still_read() -> None:
    # a mega menu's dropdown <div> is never closed, so the parser nests the page in the <nav>
    html = (PAGES / "unclosed-nav-wrapper" / "index.html").read_text(encoding="utf-8")
    out = extract_html(html, url="https://pages.test/unclosed-nav-wrapper/").markdown
    assert out.startswith("A rain barrel catches the water")
    assert "## Overflow" in out and "scrub the inside with a brush" in out
    for chrome in ("Pruning", "Skip to content", "12 Quay Road"):
        assert chrome not in out  # the menu's links and the real footer still go


def test_a_closed_navigation_with_text_still_goes() -> None:
    story = "".join(
        f"<p>Story paragraph {n}, long enough, with commas, clauses, and details about the "
        f"council's plan for the river, the bridge, and the costs.</p>"
        for n in range(6)
    )
    text = region_text(
        f'<nav class="mega"><p>{"Every guide we wrote, in one long menu. " * 10}</p></nav>'
        f'<article class="story">{story}</article>'
    )
    assert "Story paragraph 5" in text
    assert "Every guide we wrote" not in text


def fixture_markdown(case: str) -> str:
    html = (PAGES / case / "index.html").read_text(encoding="utf-8")
    return extract_html(html, url=f"https://pages.test/{case}/").markdown


def test_a_landing_page_is_all_its_sections_not_its_best_card() -> None:
    # the best-scoring block is one card; each card has a note beside its text
    out = fixture_markdown("landing-sections")
    for section in ("## What we take off your desk", "### Payroll", "## How it works",
                    "## Who we work with", "### What if I am behind?"):  # fmt: skip
        assert section in out
    assert "fixed price agreed before we begin" in out
    for chrome in ("Pricing", "company number"):
        assert chrome not in out


def test_a_one_page_site_is_all_its_sections_not_its_longest_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a one-page template's sections (services, a timeline, the team): the timeline is a list
    # holding most of the prose, and wins; the page is every section beside it
    out = fixture_markdown("landing-timeline-sections")
    for line in ("## Services", "#### Shop signs", "Painted boards for the shops",
                 "## About", "#### A loft over the chandlery", "## The crew", "#### Tom Pike"):  # fmt: skip
        assert line in out
    for chrome in ("Copyright", "Privacy Policy", "Show me"):
        assert chrome not in out
    monkeypatch.setattr(scoring, "PAGE_SECTIONS", 99)  # (a page not built of sections)
    alone = fixture_markdown("landing-timeline-sections")
    assert "A loft over the chandlery" in alone and "Shop signs" not in alone


def test_blocks_named_section_are_a_page_of_sections_too() -> None:
    # a UI kit's landing page is <div class="section"> blocks; the best block is one of the
    # team's quote cards (its member's name a link), and the page is every section
    quotes = "".join(
        f'<div class="col-md-4"><div class="card"><div class="card-body"><a href="#m{n}">'
        f'<div class="author"><h4>Member {n}</h4><h6>Designer</h6></div></a>'
        f"<p>Quote {n}: a team is a group of people who trust each other enough to say, out "
        f"loud and early, that the plan is wrong, and then to stay and fix it together.</p>"
        "</div></div></div>"
        for n in range(1, 5)
    )
    text = region_text(
        '<div class="wrapper"><div class="section"><h2>Let us talk product</h2><p>This is '
        "the paragraph about the product, what it does and for whom.</p></div>"
        '<div class="section section-dark"><div class="container"><h2>About us</h2>'
        f'<div class="row">{quotes}</div></div></div>'
        '<div class="section"><h2>Statistics</h2><p>Choose from colours that resemble sugar '
        "paper, and keep the pastels for the charts.</p></div></div>"
    )
    assert "Quote 4:" in text and "Let us talk product" in text and "sugar paper" in text


def test_a_run_of_paragraphs_is_an_article_and_boxes_of_one_paragraph_are_not() -> None:
    long = "<p>" + "A sentence of the body, with a clause of its own. " * 3 + "</p>"
    run = dom.parse(f"<div><h2>Body</h2>{long * 3}</div>").find(".//div")
    boxes = dom.parse(f"<div>{f'<div class=card><h4>Card</h4>{long}</div>' * 3}</div>")
    assert scoring._written_run(run)
    assert not scoring._written_run(boxes.find(".//div"))


def test_an_article_in_a_section_stays_alone_beside_the_pages_promo_sections() -> None:
    # an article is no part of a page: the sections around it (a call to action, a client
    # list, case studies with a blurb each) are not its content
    paragraphs = "".join(
        f"<p>Paragraph {n} of the guide: edit the footage on a laptop, keep the originals, "
        f"and export a copy for each platform before the client sees the cut.</p>"
        for n in range(8)
    )
    promo = "".join(
        f'<section class="promo"><h2>Case study {n}</h2><p>How a bakery in the old town '
        f"doubled its orders with one short film about its ovens, shot in a morning.</p>"
        "</section>"
        for n in range(3)
    )
    text = region_text(
        f'<main><section class="post"><h1>Editing</h1>{paragraphs}</section>{promo}</main>'
    )
    assert "Paragraph 7 of the guide" in text and "Case study" not in text


def test_a_service_page_keeps_its_linked_cards_and_the_sections_beside_its_faq() -> None:
    # no <main>: the best block is an FAQ answer, and the body is mostly links only by its cards
    # (one link around each card's heading and text), while its overview adds prose of its own
    out = fixture_markdown("service-linked-cards")
    assert out.startswith("Marlow & Pike tax advisers work with owner-managed firms")
    assert "## Tax Advisory Services" in out
    assert "### [Estates and Trusts](https://pages.test/services/tax/estates/)" in out
    assert "Passing wealth on with care" in out
    assert "Earlier than most people do." in out and "We agree a fixed fee" in out
    assert "company number" not in out


def test_an_article_does_not_widen_into_a_rail_of_linked_teaser_cards() -> None:
    # the teasers are cards like a service page's (a link around a heading and an excerpt), but
    # the wrapper adds no prose outside them: the article stays alone
    paragraphs = "".join(
        f"<p>Paragraph {n} of the report: the council met on Tuesday, heard the objections, "
        f"and deferred its vote on the harbour plan until the survey is finished.</p>"
        for n in range(8)
    )
    cards = "".join(
        f'<div class="card"><a href="/news/{n}/"><h3>Other story number {n}</h3>'
        f"<p>An excerpt of the other story, long enough to read as a teaser paragraph, "
        f"with a clause or two and a full stop at its end.</p></a></div>"
        for n in range(14)
    )
    text = region_text(
        f'<div class="page"><div class="story">{paragraphs}</div>'
        f'<div class="river">{cards}</div></div>'
    )
    assert "Paragraph 7 of the report" in text
    assert "Other story" not in text and "An excerpt" not in text


def test_a_landing_pages_hero_banner_is_its_opening_not_an_ad() -> None:
    # HubSpot's theme names the opening section "hero-banner"; an ad or cookie banner goes
    out = fixture_markdown("landing-hero-banner")
    assert "Learn in a group of six" in out
    assert "## Fees and books" in out
    assert names_boilerplate("hero-banner") is False
    assert names_boilerplate("herobanner") is False
    for name in ("ad-banner", "top-banner", "cookiebanner", "banner"):
        assert names_boilerplate(name)
    for chrome in ("Our teachers", "Registered charity"):
        assert chrome not in out


def test_a_guide_is_all_its_picks_not_its_best_scoring_section() -> None:
    # the buying advice scores best on its own (an id ending in "text", long comma-rich
    # paragraphs) and sits in a wrapper with a lead line; the guide holds it and five picks
    out = fixture_markdown("guide-roundup-picks")
    for pick in ("Best Overall: Fulcrum Lift Pro", "Best Budget Desk", "Best for Small Rooms",
                 "Best Corner Desk", "Best Desk Converter", "How to Choose a Standing Desk"):  # fmt: skip
        assert f"## {pick}" in out
    assert "Sitting all day is hard on the back" in out
    for chrome in ("Latest reviews", "We may earn a commission"):
        assert chrome not in out


def test_an_article_does_not_widen_over_what_sits_beside_it() -> None:
    story = "".join(
        f"<p>Story paragraph {n}, long enough, with commas, clauses, and details about the "
        f"council's plan for the river, the bridge, and the costs.</p>"
        for n in range(6)
    )
    teasers = "".join(
        f'<div class="teaser"><p>Teaser {n}: a summary of another story, with a clause or two, '
        f"long enough to read as prose on its own, and more than a headline.</p></div>"
        for n in range(8)
    )
    text = region_text(
        f'<div class="page"><div class="story-wrap"><div class="story">{story}</div>'
        f'<p class="byline-note">Reporting by the river desk, with help from readers.</p></div>'
        f'<div class="more">{teasers}</div></div>'
    )
    assert "Story paragraph 5" in text
    assert "Teaser 1:" not in text


def test_the_region_never_widens_past_the_pages_main() -> None:
    cards = "".join(
        f'<div class="card"><div class="card-body"><p>Card {n}: a short description of one '
        f"service, with a clause, and a second one.</p></div>"
        f'<p class="note">Included from the first month on.</p></div>'
        for n in range(3)
    )
    rail = "".join(
        f"<p>Rail {n}: prose from a column outside the main content, with clauses, "
        f"commas, and enough words to count as prose on any page.</p>"
        for n in range(4)
    )
    text = region_text(f'<div class="wrap"><main><div class="row">{cards}</div></main>'
                       f'<div class="rail">{rail}</div></div>')  # fmt: skip
    assert "Card 2:" in text
    assert "Rail 1:" not in text


def test_product_feature_blocks_named_gallery_are_content() -> None:
    # a picture beside a heading and a paragraph, named "feature-gallery"; a real carousel follows
    out = fixture_markdown("product-feature-blades")
    for heading in ("## A keyboard for a day of writing", "## Battery that outlasts the trip",
                    "## Every port you still need"):  # fmt: skip
        assert heading in out
    assert "Each port is labelled on the hinge." in out
    for chrome in ("Accessories", "Travel dock", "Northgate Computers Ltd."):
        assert chrome not in out


def test_page_builder_blocks_named_widget_are_content() -> None:
    out = fixture_markdown("builder-widgets")
    assert out.startswith("Our two-day course teaches the craft")
    assert "## What you will learn" in out and "clothes you do not mind ruining" in out
    assert "Share on Facebook" not in out  # the builder's share block still goes


def test_a_small_named_notice_does_not_outweigh_a_product_description() -> None:
    # the notice's name ("content") makes it score as well as the whole product block: in a
    # near tie between a small block and a larger one, the prose decides
    links = "".join(f'<a href="/c/{n}">Category number {n}</a> ' for n in range(12))
    bullets = "".join(
        f"<li>Feature {n}: a plain line on what the board is made of, and why.</li>"
        for n in range(5)
    )
    text = region_text(
        f'<div class="topbar">{links}<div class="notice-content"><p>Orders placed before noon, '
        f"Monday to Friday, leave the same day, by tracked post, insured.</p></div></div>"
        f'<div class="product-content"><h1>Oak board</h1><div class="product-bullets">'
        f'<ul>{bullets}</ul></div><div class="specs"><p>Weight 3.2 kg, 45 by 30 by 4 cm, '
        f"English oak, end grain, oiled.</p></div></div>"
    )
    assert "Feature 4:" in text and "Weight 3.2 kg" in text
    assert "Orders placed" not in text


def test_a_product_page_keeps_its_description_and_its_hidden_specifications_tab() -> None:
    out = fixture_markdown("product-tabs-notice")
    assert "End-grain oak, 45 by 30 cm" in out
    assert "- Juice groove on one face" in out
    assert "| Dimensions | 45 × 30 × 4 cm |" in out  # the tab the page hides until clicked
    for chrome in ("Add to basket", "Northumberland", "About"):
        assert chrome not in out


def test_a_product_page_keeps_every_panel_of_its_themes_tabs() -> None:
    # a theme's tabs named by class: the description is the longest panel, the features and
    # the specifications are hidden by a class until clicked
    out = fixture_markdown("product-theme-tabs")
    assert "**Description**\n\nA kettle for the stove" in out
    assert "**Features**\n\n- Folding steel handle" in out
    assert "| Weight | 620 g |" in out
    for chrome in ("Add to cart", "You may also like", "Billy can", "Kendal. Orders"):
        assert chrome not in out


def test_a_category_page_keeps_its_listing_of_links() -> None:
    # the best block is the line above the listing; every entry below it is a link
    out = fixture_markdown("listing-category-links")
    assert "### B\n\n- [Baking techniques by country]" in out
    assert "(3 C, 57 P)" in out and "[Zesting]" in out and "[Caramelization]" in out
    for chrome in ("Random page", "Privacy policy", "last edited"):
        assert chrome not in out


def test_a_section_page_keeps_every_card_of_its_listing() -> None:
    # each card is a linked headline and a linked teaser: mostly links, and the page
    out = fixture_markdown("listing-news-cards")
    assert out.startswith("Reporting from the estuary towns")
    for headline in ("Harbour dredging to start", "Three rural bus routes", "longer leases"):
        assert f"## [{headline}" in out or headline in out
    assert "[A petition signed by forty stallholders" in out
    assert "[The port authority says the work" in out
    for chrome in ("Opinion", "Older stories", "Customs House, Quay"):
        assert chrome not in out


def test_a_listing_whose_cards_are_each_one_link_keeps_whole_cards() -> None:
    # Ghost's Casper: a card's title and excerpt sit inside one link, so the excerpts score
    # best and are gathered; each comes with its card: picture, title (the link) and excerpt
    out = fixture_markdown("listing-ghost-cards")
    for title, url in (
        ("Counting owls in the winter woods", "owls"),
        ("The oldest oak in the parish", "oaks"),
        ("Newts return to the village pond", "newts"),
    ):
        assert f"## [{title}](https://pages.test/{url}/)" in out
        assert f"](https://pages.test/img/{url[:-1] if url != 'oaks' else 'oak'}.jpg)" in out
    assert out.index("Counting owls") < out.index("tawny owls") < out.index("The oldest oak")
    for chrome in ("min read", "Jan 2, 2024", "Birds", "Privacy"):
        assert chrome not in out


def test_a_wiki_list_page_is_not_its_references() -> None:
    # MediaWiki: a table whose rows cite two sources each, and a references list longer than
    # the table: the list page is the lead and the table, its references follow
    out = fixture_markdown("listing-wiki-references")
    assert "This **list of films set in a repeating day**" in out
    assert "| *[Once More at Noon]" in out and "## References" in out
    assert out.index("## Films") < out.index("The Lantern Keeper") < out.index("[^1]: Marlow")
    for chrome in ("Random article", "last edited", "Privacy policy", "Jump to content"):
        assert chrome not in out


def test_the_link_lists_step_keeps_a_listings_cards() -> None:
    # a section's region: a paragraph about the section, then cards, each mostly its links
    intro = (
        "<p>" + "Reporting from the estuary towns, every weekday, by the newsroom. " * 6 + "</p>"
    )
    cards = "".join(
        f'<div class="card"><h3><a href="/s/{n}">Headline of story {n} about the harbour</a>'
        f'</h3><p><a href="/s/{n}">Its teaser, a sentence on what happened there.</a></p>'
        "<span>March 6, 2026</span></div>"
        for n in range(5)
    )
    region = dom.parse(f"<html><body><section>{intro}{cards}</section></body></html>")
    section = region.find(".//section")
    assert section is not None and link_density(section) <= LINK_DENSE
    step = drop_link_lists(section)
    assert step.removed == 0 and "story 4 about" in section.text_content()


def test_a_rail_of_linked_teasers_beside_a_story_still_goes() -> None:
    story = "".join(
        f"<p>Paragraph {n} of the story, with commas, clauses, and the council's plans for "
        "the river, the bridge, the road, and what each of them will cost.</p>"
        for n in range(6)
    )
    rail = "".join(
        f'<li class="teaser"><a href="/s/{n}">Another story {n}</a> <a href="/s/{n}">Its '
        "teaser, a line</a></li>"
        for n in range(4)
    )
    text = region_text(f'<article class="story">{story}<ul class="rail">{rail}</ul></article>')
    assert "Paragraph 5" in text and "Another story" not in text


def test_a_few_words_above_a_listing_give_way_to_the_pages_main() -> None:
    cards = "".join(
        f'<li><a href="/p/{n}">Walking boot model {n}, leather, size 36 to 47</a></li>'
        for n in range(30)
    )
    text = region_text(
        '<nav><a href="/">Home</a></nav><main><div class="intro"><p>Boots for the hills, '
        f'by weight.</p></div><div class="results"><ul>{cards}</ul></div></main>'
    )
    assert "Boots for the hills" in text and "model 0," in text and "model 29," in text
    assert "Home" not in text


def test_a_story_with_a_short_lead_is_not_widened_to_main() -> None:
    # a region of real length stays what it is, whatever <main> holds beside it
    story = "<p>" + "The council met on Monday, and the vote, long delayed, went ahead. " * 4
    rail = "".join(
        f'<li><a href="/s/{n}">Another story about the river, {n}</a></li>' for n in range(8)
    )
    text = region_text(
        f'<main><article class="story">{story}</p></article><ul class="more">{rail}</ul></main>'
    )
    assert "The council met" in text and "Another story" not in text


def test_a_store_whose_every_part_is_named_widget_keeps_its_bullets() -> None:
    # every block of the page is a "celwidget": the word names the page's parts, not boilerplate
    out = fixture_markdown("product-store-widgets")
    assert "## About this item" in out and "- Charges from any USB-C plug" in out
    assert "designed in the Lake District" in out
    assert "| Battery | 5,200 mAh, USB-C |" in out
    for ad in ("Sponsored:", "Advertisement:", "Back to top"):  # also named otherwise: they go
        assert ad not in out


def test_sections_named_widget_that_hold_the_page_together_stay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a CMS prints a listing's rows as "widget" blocks of one class: each holds less than the
    # guard's share of the page, together they hold most of it; the contact widget still goes
    out = fixture_markdown("listing-widget-sections")
    for title in ("#### Accounting and Auditing", "#### Supply Chain", "#### Data Analytics"):
        assert title in out
    assert "taught by practising planners" in out
    assert "programs office" not in out and "All rights reserved" not in out
    monkeypatch.setattr(boilerplate, "PAGE_BLOCK_MIN_CHARS", 10**9)  # (no such blocks)
    assert "Data Analytics" not in fixture_markdown("listing-widget-sections")


def test_a_rail_of_named_teasers_is_no_part_of_the_page() -> None:
    # teaser blocks of one class, each with a paragraph, holding a small share together
    story = "".join(
        f"<p>Paragraph {n}: the council met on Tuesday, heard the objections to the harbour "
        f"plan, and deferred its vote until the survey of the sea wall is finished.</p>"
        for n in range(10)
    )
    teasers = "".join(
        f'<div class="related-story"><h3>Story {n}</h3><p>The ferry timetable changes '
        f"next month, and the council wants to hear from those who use it daily.</p></div>"
        for n in range(3)
    )
    text = region_text(f'<main><article class="story">{story}</article>{teasers}</main>')
    assert "Paragraph 9" in text and "ferry timetable" not in text


def test_a_stores_cross_selling_block_is_not_the_product() -> None:
    out = fixture_markdown("product-upsells")
    assert "washed twice so that it is soft" in out and "One size, 95 cm long" in out
    for card in ("also bought", "Quilted oven gloves", "£16.00"):
        assert card not in out


def test_a_noscript_copy_of_the_article_is_not_read_twice() -> None:
    # the pure path opens <noscript> views (a forum's posts for crawlers), but not a second copy
    out = fixture_markdown("article-noscript-copy")
    assert out.count("Smart leak detectors are the second.") == 1
    assert "The third is scheduling." in out


def test_the_body_of_a_review_card_is_not_the_article() -> None:
    # "review-card__body": a BEM element named "body" of a block that is no article
    out = fixture_markdown("product-review-cards")
    assert "## A broadcast classic, now with its own preamp" in out
    assert "### Built for the spoken word" in out and "standard 5/8-inch thread" in out


def test_a_threads_author_panels_go_and_every_post_stays() -> None:
    # XenForo: the author's cell (name, user title, "Joined", "Messages") beside each post
    out = fixture_markdown("forum-author-panels")
    for post in ("I am putting together a quiet build", "a two-fan card with a large heatsink",
                 "I measured 271 mm", "12 GB is plenty"):  # fmt: skip
        assert post in out
    for panel in ("Joined", "Messages", "Senior Member", "18,204"):
        assert panel not in out


def test_a_threads_signatures_and_post_controls_go_and_every_post_stays() -> None:
    # vBulletin 4: a signature under each post, a foot with "Reply With Quote" and thumbs
    out = fixture_markdown("forum-post-chrome")
    for post in ("a ten-year-old tower under a desk", "keep a copy off site",
                 "the part we never had", "refuse to open a file from a synced folder"):  # fmt: skip
        assert post in out
    for chrome in ("Ridgeway Bookkeeping", "managed backups", "NVMe shared hosting",
                   "Reply With Quote", "Thumbs up"):  # fmt: skip
        assert chrome not in out


def test_a_quote_of_a_post_on_the_page_goes_and_one_of_a_post_elsewhere_stays() -> None:
    # phpBB: marlow quotes tessaly's post above; quinby quotes okafor's post on page one
    out = fixture_markdown("forum-quoted-replies")
    assert out.count("realising a gain and paying tax on it") == 1
    assert "tessaly wrote" not in out and "[tessaly]" not in out
    assert "okafor](" in out and "Bands of five percentage points" in out
    for reply in ("That works while the contributions", "Back to this point from the first page"):
        assert reply in out


PULLED = "The river will be open to boats again by the first week of June, the council says"


def story_with(quote: str, *, quote_first: bool) -> str:
    paragraphs = [
        f"<p>Paragraph {n} of the story, long enough to be prose, with a clause, a comma, and "
        f"another clause about the bridge works.</p>"
        for n in range(4)
    ]
    paragraphs.insert(2, f"<p>{PULLED}, after a winter of repairs to the weir and the locks.</p>")
    parts = [quote, *paragraphs] if quote_first else [*paragraphs, quote]
    return f'<article class="story">{"".join(parts)}</article>'


def test_a_pull_quote_ahead_of_its_paragraph_stays() -> None:
    # a pull quote naming its speaker repeats a paragraph that comes after it
    quote = f'<blockquote class="pullquote">{PULLED}.<cite>Ana Ruiz, council</cite></blockquote>'
    text = region_text(story_with(quote, quote_first=True))
    assert text.count(PULLED) == 2


def test_a_quote_that_names_nobody_stays_even_after_its_words() -> None:
    # a passage repeated in a block quote without an attribution is the article's own
    text = region_text(story_with(f"<blockquote><p>{PULLED}.</p></blockquote>", quote_first=False))
    assert text.count(PULLED) == 2


def test_a_quotes_expand_link_goes_and_a_quote_of_a_post_above_with_it() -> None:
    # XenForo: a quote of an earlier post ends in a "Click to expand..." button; the post it
    # quotes is on the page, above it, so the quote is a second copy and goes
    out = fixture_markdown("forum-post-reactions")
    assert out.count("still come out dense.") == 1 and "corvina said:" not in out
    for post in ("What should I change first?", "judge it by the dough", "without steam"):
        assert post in out
    assert "Click to expand" not in out


def test_a_replys_preview_of_the_post_it_answers_goes() -> None:
    # NodeBB: a reply opens with the whole text of its parent post, clamped to one line
    out = fixture_markdown("forum-reply-previews")
    assert out.count("moves the search index to its own process") == 1
    assert out.count("memory stayed flat the whole time") == 1
    for post in ("asked to publish this week", "the estimate in the upgrade notes",
                 "can members keep posting"):  # fmt: skip
        assert post in out


def test_what_a_quote_of_a_post_leaves_out_goes() -> None:
    # Invision: the "Edited ... by" line is marked data-excludequote
    out = fixture_markdown("forum-excluded-from-quotes")
    for post in ("watched the price for us", "rebooked us at the lower price",
                 "once the final payment date gets close"):  # fmt: skip
        assert post in out
    assert "Edited" not in out


def test_a_parent_shown_by_its_authors_name_alone_stays() -> None:
    # an older NodeBB shows the parent as "@name" only: no copy of a post, nothing to drop
    post = (
        '<li component="post"><div component="post/parent"><a href="/post/1">@marta</a></div>'
        '<div component="post/content"><p>Thanks, the second washer fixed it, and the tap has '
        "not dripped since Sunday, even with the pressure turned back up.</p></div></li>"
    )
    text = region_text(f'<ul component="topic">{post * 3}</ul>')
    assert text.count("@marta") == 3


@pytest.mark.parametrize(
    "names",
    [
        "signature restore",  # vBulletin
        "signaturecontainer",
        "signature",  # phpBB, SMF
        "message-signature",  # XenForo
        "ipssignature",  # Invision
        "post-signature owner",  # Stack Exchange's user card under a post
        "postfoot",  # vBulletin
        "postcontrols",
        "post-buttons",  # phpBB
        "message-actionbar actionbar",  # XenForo
        "reactionsbar js-reactionslist is-active",
        "message-lastedit",
        "bbcodeblock-expandlink js-expandlink",
        "quickbuttons",  # SMF
        "ipscomment_controls",  # Invision
        "u-sronly",  # XenForo's screen-reader-only text ("Reactions:")
        "icon-only icon-actions",  # Redmine's journal menu, drawn as its icon ("Actions")
    ],
)
def test_a_forum_posts_chrome_is_named_boilerplate(names: str) -> None:
    assert names_boilerplate(names)


@pytest.mark.parametrize(
    "names", ["postcontent restore", "message-body js-selecttoquote", "bbwrapper", "postbody"]
)
def test_a_forum_posts_text_is_not_named_boilerplate(names: str) -> None:
    assert not names_boilerplate(names)


def test_an_aria_accordion_keeps_its_questions_and_hidden_answers() -> None:
    # WAI-ARIA accordion: <h3><button aria-expanded aria-controls></h3> over a panel hidden with
    # aria-hidden, named after the site's own component ("drawer-body")
    out = fixture_markdown("service-aria-accordion")
    assert "### How much do I need to retire?" in out and "### What if I change jobs?" in out
    assert "There is no single number for everyone" in out
    assert "never passes through your hands" in out
    for chrome in ("Menu", "Pricing and fees"):  # the menu its toggle opens is links: it goes
        assert chrome not in out


def test_a_disclosure_without_aria_controls_opens_the_panel_after_it() -> None:
    # WAI-ARIA's disclosure pattern makes aria-controls optional: a show/hide link with
    # aria-expanded alone opens the hidden block right after its wrapper
    out = fixture_markdown("service-show-hide-details")
    assert "pays interest on the balance daily" in out
    assert "### What it leaves out" in out and "bonus rates for new customers" in out
    assert out.rstrip().endswith("in about ten minutes.")
    assert "Lost or stolen cards" not in out  # the account toggle's panel is links: it goes


def test_a_question_whose_button_names_no_panel_stays_with_its_answer() -> None:
    # an FAQ's question as a <button aria-expanded> alone, its answer hidden right after it
    answer = (
        "No. The account has no monthly fee, whatever you keep in it, for as long as you hold it."
    )
    body = (
        '<main><h1>Questions</h1><div class="faq"><div><button aria-expanded="false">'
        f"Is there a monthly fee?</button></div><div hidden><p>{answer}</p></div></div></main>"
    )
    out = extract_html(f"<html><body>{body}</body></html>", url="https://pages.test/q/").markdown
    assert "Is there a monthly fee?" in out and "no monthly fee" in out


def _opened(body: str) -> set[str]:
    doc = dom.parse(f"<html><body>{body}</body></html>")
    return {el.get("id") for el in boilerplate.opened_in_place(doc.find("body"))}


_PROSE = "<p>" + "The panel holds a paragraph a reader opens to read, long enough. " * 3 + "</p>"


@pytest.mark.parametrize(
    ("body", "opened"),
    [
        (f'<button aria-expanded="false">More</button><div id="p" hidden>{_PROSE}</div>', {"p"}),
        (f'<div><a aria-expanded="false">More</a></div><div id="p" hidden>{_PROSE}</div>', {"p"}),
        # a control with words beside it does not fill its wrapper
        (
            f'<div><a aria-expanded="false">More</a> or less</div><div id="p" hidden>{_PROSE}</div>',
            set(),
        ),
        # the block after it is not hidden, or is a menu of links, or is named for chrome
        (f'<button aria-expanded="false">More</button><div id="p">{_PROSE}</div>', set()),
        (
            '<button aria-expanded="false">Menu</button><div id="p" hidden><a href="/a">'
            + "A long menu entry " * 8
            + "</a></div>",
            set(),
        ),
        (
            f'<button aria-expanded="false">More</button><div id="p" class="share-panel" hidden>'
            f"{_PROSE}</div>",
            set(),
        ),
        # aria-controls names the panel, wherever it is
        (
            f'<button aria-expanded="false" aria-controls="p">More</button><p>x</p>'
            f'<div id="p" hidden>{_PROSE}</div>',
            {"p"},
        ),
    ],
)
def test_what_a_disclosure_control_opens(body: str, opened: set[str]) -> None:
    assert _opened(body) == opened


def test_an_author_box_under_the_post_is_not_the_post() -> None:
    # Elementor's Author Box widget in the post's own container: the writer's name and biography
    out = fixture_markdown("article-author-box")
    assert "## Recover on purpose" in out and "a signal to train lighter" in out
    assert "Dana" not in out and "certified strength coach" not in out


def test_a_copyright_line_under_the_post_is_not_the_post() -> None:
    out = fixture_markdown("article-author-box")
    assert out.rstrip().endswith("a signal to train lighter rather than to stop.")
    assert "Copyright" not in out and "reproduced" not in out


def test_a_signature_named_after_the_board_goes_and_every_post_stays() -> None:
    # a board prefixing every part with its name: "DiscussionBoard-signature" holds a comment
    # word and a boilerplate one; the boilerplate one says what it is
    out = fixture_markdown("forum-board-signatures")
    for post in ("made two sales", "Build the list.", "once the readers trust you",
                 "write a short checklist"):  # fmt: skip
        assert post in out
    for signature in ("Signature", "Free guide", "doubled my open rates"):
        assert signature not in out


def test_invision_signatures_go_and_every_post_stays() -> None:
    # Invision Community: the signature is marked only by data-role="memberSignature"
    out = fixture_markdown("forum-comment-named-chrome")
    for post in ("an editing machine for 4K timelines", "A good dual-tower air cooler",
                 "that settles it"):  # fmt: skip
        assert post in out
    for chrome in ("Current build", "Message me on the board", "Moderator", "18,204"):
        assert chrome not in out


def test_a_latest_posts_rail_inside_the_post_is_not_the_post() -> None:
    # WordPress's Latest Posts block, with excerpts: prose enough to pass for the post's own
    out = fixture_markdown("article-latest-posts")
    assert "## What we changed to make it work" in out and "any tool we tried" in out
    for rail in ("price by the project", "Hourly rates punished us", "Hiring juniors"):
        assert rail not in out


def test_a_store_collection_keeps_its_grid_of_product_cards() -> None:
    # each card is a picture, its name as a link and its price: the grid is mostly links, and
    # it is the page (the filter panel beside it goes)
    out = fixture_markdown("listing-store-collection")
    for name in ("Assam Mokalbari", "Darjeeling Castleton", "Yunnan golden buds", "Kenya Milima",
                 "Ceylon Uva", "Lapsang souchong"):  # fmt: skip
        assert f"### [{name}]" in out
    assert "£4.20 GBP" in out
    for chrome in ("Filter:", "In stock (6)", "Add to cart", "Free delivery"):
        assert chrome not in out


@pytest.mark.parametrize(
    ("around", "kept"),
    [
        # a post's body as an editor renders it: nothing but written blocks
        ("<div class='md'>{}</div>", True),
        # a template's column, where a heading and a short list of links may be a rail
        ("<div class='col'>{}<div class='ad-slot'><span>Ad</span></div></div>", False),
    ],
)
def test_a_short_link_list_under_a_plain_heading_in_written_text(around: str, kept: bool) -> None:
    # a release roundup: each contributor's name, then the changes they made, as links
    prose = "".join(
        f"<p>Paragraph {n} of the update, with commas, clauses, and what the two of us did "
        "over the last fortnight, in order.</p>"
        for n in range(4)
    )
    changes = (
        "<h2>quillwort</h2><ul><li><a href='https://code.test/pull/1'>Drop an unused index</a>"
        "</li><li><a href='https://code.test/pull/2'>Run checks in one transaction</a></li></ul>"
    )
    region = dom.parse(f"<html><body>{around.format(prose + changes + prose)}</body></html>")
    block = region.find(".//body/div")
    assert block is not None
    drop_link_lists(block)
    assert ("Run checks in one transaction" in block.text_content()) is kept


def test_an_faq_keeps_the_heading_and_paragraphs_that_lead_into_it() -> None:
    # a Webflow-style accordion wins the region on its answers; the page's <main> holds only
    # the heading and paragraphs that introduce it, which are the same page's text
    out = fixture_markdown("faq-accordion-hidden")
    parts = (
        "Volunteers at our tax sites prepare",
        "Book a time at the site nearest to you",
        "## Common questions",
        "### What do I need to bring with me?",
    )
    assert all(part in out for part in parts)
    assert [out.index(part) for part in parts] == sorted(out.index(part) for part in parts)
    assert "Harbour Community Fund, 12 Quay Street" not in out  # (the footer stays out)


def test_a_disclosure_buttons_question_heads_its_answer() -> None:
    # <button aria-expanded aria-controls> with no heading around it: the question stays,
    # as a line of its own before the answer it opens; a menu toggle's word still goes
    out = fixture_markdown("faq-accordion-hidden")
    question, answer = "How long does a refund take?", "Most refunds arrive within three weeks"
    assert question in out and answer in out and out.index(question) < out.index(answer)
    assert "Menu" not in out


def test_a_bootstrap_accordion_keeps_the_section_heading_above_it() -> None:
    # Bootstrap 5's accordion (accordion-item / accordion-collapse) in a <main> that holds
    # only its title, an introduction and the heading over the questions
    qa = [
        ("Who can join the club?", "Anyone over sixteen who can swim two lengths of the pool."),
        ("Do I need my own boat?", "No. The club lends its training boats for two seasons."),
        ("When are the sessions?", "Tuesday and Thursday evenings from April to October."),
    ]
    items = "".join(
        f'<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-'
        f'button collapsed" type="button" data-bs-toggle="collapse" aria-expanded="false" '
        f'aria-controls="c{i}">{q}</button></h2><div id="c{i}" class="accordion-collapse '
        f'collapse"><div class="accordion-body">{a}</div></div></div>'
        for i, (q, a) in enumerate(qa)
    )
    html = (
        '<html><head><title>Questions</title></head><body><nav><a href="/">Home</a></nav>'
        '<main class="container"><h1>Questions</h1><p>New members ask us the same few things '
        "before their first outing, so the answers are here; the captain answers the rest.</p>"
        f'<h2>Joining and sessions</h2><div class="accordion" id="faq">{items}</div></main>'
        "<footer>Weir Rowing Club</footer></body></html>"
    )
    out = extract_html(html, url="https://club.test/faq").markdown
    parts = ("New members ask us", "## Joining and sessions", "## Who can join the club?")
    assert all(part in out for part in parts)
    assert [out.index(part) for part in parts] == sorted(out.index(part) for part in parts)
    assert "Weir Rowing Club" not in out


@pytest.mark.parametrize(
    ("widget", "content"),
    [
        ("card-widget card-info text-center", "post-body text-left"),  # Bootstrap's utilities
        ("sidebar-box has-text-centered", "entry has-text-justified"),  # Bulma's
        ("widget text-gray-700 text-sm", "prose text-lg"),  # Tailwind's
    ],
)
def test_a_text_style_utility_does_not_name_content(widget: str, content: str) -> None:
    # "text-center" says how a block's text looks: a widget so styled (here at the foot of the
    # article's block) still goes, and the article named for what it is stays
    para = "<p>The ferry timetable changes on Monday, and the harbour office has the new times.</p>"
    html = (
        f"<html><body><main><div class='{content}'>{para * 6}"
        f"<div class='{widget}'><div class='site-data'><a href='/archives/'>Articles 12</a>"
        "<a href='/tags/'>Tags 4</a><a href='/categories/'>Categories 2</a></div>"
        "<p>The editors write here about the islands every week of the year.</p></div>"
        "</div></main></body></html>"
    )
    out = extract_html(html, url="https://pages.test/post/").markdown
    assert out.count("ferry timetable") == 6
    assert "Articles 12" not in out and "The editors write" not in out


@pytest.mark.parametrize(
    ("names", "boilerplate_named"),
    [
        ("sidebar", True),
        ("primary-sidebar widget-area", True),
        ("nosidebar", False),  # a layout without one (Redmine's main block)
        ("no-sidebar", False),
        ("has-sidebar", False),  # a layout with one (WordPress themes' body class)
        ("with_sidebar", False),
    ],
)
def test_a_layout_named_for_its_sidebar_is_not_one(names: str, boilerplate_named: bool) -> None:
    assert names_boilerplate(names) is boilerplate_named
