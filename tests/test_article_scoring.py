"""The signals the article region is chosen by, and the removal bookkeeping behind --explain."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import HtmlElement

from extractor import dom
from extractor.article import scoring
from extractor.article.boilerplate import drop_chrome_tags
from extractor.article.scoring import (
    best_region,
    holds_notes,
    link_density,
    name_weight,
    paragraph_points,
    score_candidates,
)
from extractor.normalize.footnotes import reference_targets
from extractor.pipeline import extract_html
from extractor.removal import Removal, is_attached


def element(markup: str) -> HtmlElement:
    found = dom.parse(f"<html><body>{markup}</body></html>").find(".//body/*")
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("markup", "low", "high"),
    [
        ("<p>plain words only here</p>", 0.0, 0.0),
        ("<p>half <a href='/'>half</a></p>", 0.3, 0.6),
        ("<ul><li><a href='/a'>one</a></li><li><a href='/b'>two</a></li></ul>", 1.0, 1.0),
        ("<div></div>", 0.0, 0.0),
    ],
)
def test_link_density(markup: str, low: float, high: float) -> None:
    assert low <= link_density(element(markup)) <= high


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ("article-body", "plain-box"),
        ("plain-box", "sidebar"),
        ("entry-content", "comment-list"),
        ("story", "social-share"),
    ],
)
def test_article_names_outscore_boilerplate_names(better: str, worse: str) -> None:
    assert name_weight(element(f"<div class='{better}'></div>")) > name_weight(
        element(f"<div class='{worse}'></div>")
    )


@pytest.mark.parametrize(
    ("more", "fewer"),
    [
        (
            "a long sentence, with commas, and clauses, " * 3,
            "a long sentence with no commas at all",
        ),
        ("word " * 80, "word " * 10),
    ],
)
def test_longer_and_more_clausal_paragraphs_score_higher(more: str, fewer: str) -> None:
    assert paragraph_points(more) > paragraph_points(fewer)


def test_length_points_are_capped() -> None:
    assert paragraph_points("x" * 10_000) == paragraph_points("x" * 400)


def test_a_link_heavy_container_loses_to_plain_prose() -> None:
    prose = "<p>" + "Plain sentence, with a clause, and more words to read. " * 4 + "</p>"
    links = "<p>" + "<a href='/x'>Linked sentence, with a clause, and more words.</a> " * 4
    body = element(f"<div><div id='links'>{links * 3}</p></div><div id='prose'>{prose}</div></div>")
    assert best_region(body).get("id") == "prose"


def test_nested_removals_are_counted_once() -> None:
    body = dom.body_of(
        dom.parse("<html><body><footer><nav>Links</nav>Footer</footer><p>Text</p></body></html>")
    )
    step = drop_chrome_tags(body)
    assert step.removed == 1
    assert dom.fold(body.text_content()) == "Text"


def test_removal_keeps_the_tail_text_and_knows_what_is_detached() -> None:
    body = dom.body_of(dom.parse("<html><body><div><b>gone</b> kept</div></body></html>"))
    bold = body.find(".//b")
    div = body.find("div")
    assert bold is not None and div is not None and is_attached(bold)
    removal = Removal("test", "why")
    removal.take(bold)
    assert dom.fold(body.text_content()) == "kept"
    assert not is_attached(bold)
    removal.take(bold)  # already gone: not counted again
    assert removal.step().removed == 1
    assert removal.step().samples == ("gone",)


def test_a_bem_element_counts_as_an_article_name_only_in_an_article_block() -> None:
    def weight(cls: str) -> int:
        return name_weight(element(f'<div class="{cls}"></div>'))

    assert weight("article__body") == weight("entry-content") > 0
    assert weight("review-card__body") == weight("card__content") == 0


def _notes(n: int, words: int) -> str:
    note = "A source, its author, its year and its publisher, cited once. " * words
    items = "".join(f'<li id="fn{i}"><a href="#ref{i}">^</a> {note}</li>' for i in range(1, n + 1))
    return f'<ol class="footnotes">{items}</ol>'


def _marks(n: int) -> str:
    return "".join(f'<sup id="ref{i}"><a href="#fn{i}">[{i}]</a></sup>' for i in range(1, n + 1))


def test_a_list_of_notes_is_known_by_the_marks_that_point_at_it() -> None:
    doc = dom.parse(
        f"<html><body><p>Text with marks.{_marks(4)}</p>{_notes(4, 3)}"
        "<ol><li id='step1'>Step</li><li id='step2'>Step</li><li id='step3'>Step</li></ol>"
        "<p><a href='#step1'>Step one</a></p></body></html>"
    )
    targets = reference_targets(doc)
    assert targets == {"fn1", "fn2", "fn3", "fn4"}  # a link saying "Step one" is no mark
    lists = doc.findall(".//ol")
    assert holds_notes(lists[0], targets)
    assert not holds_notes(lists[1], targets)  # items with ids, but no mark points at them


def test_an_article_ending_in_its_footnotes_is_not_a_list_of_notes() -> None:
    body = "<p>" + "The article's own prose, long and plain, with commas, too. " * 40 + "</p>"
    doc = dom.parse(
        f"<html><body><div id='post'>{body}<p>More.{_marks(4)}</p>{_notes(4, 1)}</div></body></html>"
    )
    post = doc.get_element_by_id("post")
    assert not holds_notes(post, reference_targets(doc))


def test_notes_longer_than_the_article_are_not_chosen_over_it() -> None:
    # a list page: a table of short rows, each citing sources, and references longer than it
    rows = "".join(
        f"<tr><td>Entry {i}</td><td>A short line about it, with a comma.{_marks(0)}"
        f'<sup><a href="#fn{i}">[{i}]</a></sup></td></tr>'
        for i in range(1, 9)
    )
    doc = dom.parse(
        "<html><body><div class='page'><p>"
        + "The list's lead, which says what the list holds, and why. " * 3
        + f"</p><table>{rows}</table>{_notes(8, 6)}</div></body></html>"
    )
    region = best_region(doc.find("body"))
    assert "The list's lead" in region.text_content() and "Entry 8" in region.text_content()


def long_section_page() -> str:
    page = Path(__file__).parent / "pages" / "docs-sphinx-long-section" / "index.html"
    return page.read_text(encoding="utf-8")


def test_one_long_chapter_does_not_stand_for_the_document() -> None:
    # Sphinx's default theme: the API section scores a hair above the page body holding it and
    # the other chapters; the body, in a near tie with half again its prose, is the region
    md = extract_html(long_section_page(), url="https://docs.test/tickle.html").markdown
    for heading in ("## Install", "## Guide", "### Units", "## API", "### `parseDuration(text)`"):
        assert heading in md
    assert md.index("## Install") < md.index("## API") < md.index("## License")
    assert "Quick search" not in md and "Powered by" not in md


def test_without_the_near_tie_the_chapter_alone_was_the_region(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (the document of headed sections around the chapter reads it whole too, and so does a
    # page of sections)
    monkeypatch.setattr(scoring, "ENCLOSING_NEAR_GAIN", scoring.ENCLOSING_GAIN)
    monkeypatch.setattr(scoring, "_sectioned_document", lambda el: False)
    monkeypatch.setattr(scoring, "PAGE_SECTIONS", 99)
    md = extract_html(long_section_page(), url="https://docs.test/tickle.html").markdown
    assert "## Install" not in md


def sectioned_page() -> str:
    page = Path(__file__).parent / "pages" / "docs-sectioned-theme" / "index.html"
    return page.read_text(encoding="utf-8")


def test_a_section_that_wins_is_read_with_its_document() -> None:
    # a Sphinx theme (Shibuya) whose article earns no points by its name: the API section,
    # nested deep, outscores the page's top section; the document of headed sections around it
    # (two top-level ones, a code block under the title) is the region
    md = extract_html(sectioned_page(), url="https://pages.test/docs-sectioned-theme/").markdown
    assert md.startswith("Durations for people")
    for heading in ("## Usage", "## Reference", "#### `humanize(value, options)`", "# Thanks"):
        assert heading in md
    for furniture in ("On this page", "Previous", "Made with Sphinx", "stopwatch"):
        assert furniture not in md


def test_without_its_document_the_section_alone_was_the_region(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scoring, "_sectioned_document", lambda el: False)
    md = extract_html(sectioned_page(), url="https://pages.test/docs-sectioned-theme/").markdown
    assert "## Usage" not in md and "# Thanks" not in md


@pytest.mark.parametrize(
    ("markup", "sectioned"),
    [
        ('<div><h1>t</h1><p>x</p><section><a id="a"></a><h2>a</h2><p>y</p></section></div>', True),
        # a section that opens with no heading (a hero picture, a link back to the list)
        ("<div><section><h2>a</h2></section><section><p>All articles</p></section></div>", False),
        # the page around it: navigation, an aside
        ('<div><nav><a href="/">Home</a></nav><section><h2>a</h2></section></div>', False),
        ("<div><h1>t</h1><p>no sections</p></div>", False),
    ],
)
def test_a_sectioned_document(markup: str, sectioned: bool) -> None:
    assert scoring._sectioned_document(element(markup)) is sectioned


def test_blocks_of_one_kind_are_kin_not_an_enclosing_body() -> None:
    # a story split in two "rtf" blocks around a call to action: gathered (see _gather_kin)
    prose = "<p>" + "A sentence of the story, with a comma, and a full stop. " * 5 + "</p>"
    body = element(
        f"<div id='w'><div class='rtf'>{prose * 3}</div><div class='cta'>Find out</div>"
        f"<div class='rtf'>{prose * 2}</div><div class='rtf'>tiny</div></div>"
    )
    _, prose_of = score_candidates(body)
    first, *_ = body.find_class("rtf")
    assert scoring._has_kin(first, body, prose_of)
    lone = element(f"<div id='w'><section>{prose * 3}</section><section>{prose}</section></div>")
    _, prose_of = score_candidates(lone)
    assert not scoring._has_kin(lone.find(".//section"), lone, prose_of)


def test_a_card_of_links_joins_its_kin_at_their_place() -> None:
    # a category page's cards: one card's excerpt is the post's table of contents (mostly
    # links), the others are prose; a block of the same class in the sidebar, mostly links too,
    # sits elsewhere in the template and stays out
    contents = "".join(
        f"<li><a href='#s{n}'>Section number {n} of the guide</a></li>" for n in range(15)
    )
    text = "Set the tubers in egg boxes, eyes up, on a cool windowsill, out of the sun, for weeks. "

    def card(title: str, excerpt: str) -> str:
        return (
            f"<div class='card'><article class='entry'><p class='title'><a href='/{title}/'>"
            f"{title}</a></p><div class='content'>{excerpt}</div></article></div>"
        )

    cards = card("checklist", f"<ul>{contents}</ul><p>Dig in.</p>") + "".join(
        card(name, f"<p>{text * 2}</p>") for name in ("potatoes", "mould", "currants")
    )
    rail = "".join(f"<li><a href='/p{n}/'>Recent post {n}</a></li>" for n in range(6))
    body = element(
        f"<div id='page'><div class='column-main'>{cards}</div><div class='column-side'>"
        f"<div class='card'><article class='entry'><ul>{rail}</ul></article></div></div></div>"
    )
    region = dom.fold(best_region(body).text_content())
    assert "Section number 14" in region and "Dig in." in region
    assert region.count("Set the tubers") == 6  # (every card, two sentences each)
    assert "Recent post" not in region


def _two_cards(title: str) -> HtmlElement:
    # (the first excerpt the longer: the list holds less than as much again, no widening)
    text = "Stuff wet autumn leaves into a bin bag, pierce it with a fork, leave it by the shed. "
    cards = "".join(
        f"<li class='card'>{title.format(n=n)}<div class='columns'><div class='column'>"
        f"<div class='post-excerpt'><p>{text * (4 - n)}</p></div></div><div class='column'>"
        f"<div class='post-date'>March {n}, 2024</div></div></div></li>"
        for n in (1, 2)
    )
    return element(f"<div id='page'><ul class='grid'>{cards}</ul><footer>Powered</footer></div>")


def test_excerpts_gathered_as_kin_come_with_their_cards_titles() -> None:
    # a block theme's archive page: the excerpts are kin; each card's title, a heading that
    # links to the post, comes with its excerpt
    body = _two_cards("<h2 class='post-title'><a href='/posts/leaf-{n}/'>Leaf mould {n}</a></h2>")
    region = dom.fold(best_region(body).text_content())
    assert "Leaf mould 1" in region and "Leaf mould 2" in region
    assert region.count("Stuff wet autumn leaves") == 5


def test_a_heading_with_a_permalink_mark_is_no_card_title() -> None:
    # a thread's post subjects, each with its "¶" link to the post on this page: the posts'
    # texts are gathered without them
    body = _two_cards("<h4 class='subject'>Re: leaf mould <a href='?post={n}#{n}'>¶</a></h4>")
    region = dom.fold(best_region(body).text_content())
    assert "Re: leaf mould" not in region and region.count("Stuff wet autumn leaves") == 5


def _issue_page(notes_tag: str = "div") -> HtmlElement:
    note = (
        "I can reproduce it on the tablet, not on the office computer; the form sends a number. "
        * 2
    )
    journals = "".join(
        f"<div class='journal'><h4>#{n} Updated by member {n}</h4><div class='wiki'><p>{note}"
        f"</p></div></div>"
        for n in (1, 2, 3)
    )
    return element(
        "<div id='page'><div id='content'><h2>Bug #12</h2><div class='issue'>"
        "<h3>Glaze log loses the cone</h3>"
        "<div class='description'><div class='wiki'><p>Logged from the tablet by the kiln, a "
        "firing loses its cone number on saving; the hours and the date are kept.</p></div>"
        f"</div></div><div id='history'><{notes_tag} id='notes'>{journals}</{notes_tag}></div>"
        "</div><div id='footer'>Powered by a tracker</div></div>"
    )


def test_a_run_of_posts_takes_in_the_opening_post_of_their_kind() -> None:
    # an issue's notes won the region; the description above them is a text block of the
    # notes' kind ("wiki"): the region widens to the element holding both
    body = _issue_page()
    _, prose = score_candidates(body)
    notes = body.get_element_by_id("notes")
    region = scoring._with_opening_post(notes, body, prose)
    assert region.get("id") == "content" and "Logged from the tablet" in region.text_content()
    # the page's <main> is where its content ends: no widening past it
    main = _issue_page("main")
    _, prose = score_candidates(main)
    notes = main.get_element_by_id("notes")
    assert scoring._with_opening_post(notes, main, prose) is notes


def named_cells_page() -> str:
    page = Path(__file__).parent / "pages" / "article-table-layout-named-cells" / "index.html"
    return page.read_text(encoding="utf-8")


def test_a_label_named_like_the_article_gives_way_to_the_prose() -> None:
    # a table layout whose every cell has the site's one text style ("main-text"): a label
    # cell in the left column wins on its name, a line of text against the course page's
    # paragraphs and lists in an unnamed cell, which scores well over half as much
    md = extract_html(named_cells_page(), url="https://pages.test/named-cells/").markdown
    assert md.startswith("**Summary**\n\nWetlands change with the seasons")
    for line in ("- Transects, quadrats and fixed-point photography", "**What to bring**",
                 "Field guides, quadrats and measuring equipment are provided."):  # fmt: skip
        assert line in md
    for chrome in ("Field Ecology and Conservation Courses", "Bird Counts", "01632"):
        assert chrome not in md


def test_without_the_scrap_rule_the_label_was_the_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring, "SCRAP_GAIN", 10**9)
    md = extract_html(named_cells_page(), url="https://pages.test/named-cells/").markdown
    assert "Wetlands change" not in md
