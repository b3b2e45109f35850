from __future__ import annotations

import pytest

from extractor import dom
from extractor.dom import to_html
from extractor.metadata import dates, jsonld, titles
from extractor.metadata.read import read_metadata
from extractor.pipeline import extract_html
from extractor.records import Metadata

URL = "https://news.example.com/2024/03/05/story.html"


def meta_of(head: str, body: str = "", server: str | None = None, url: str = URL) -> Metadata:
    doc = dom.parse(f"<html><head>{head}</head><body>{body}</body></html>", base_url=url)
    server_doc = dom.parse(server, base_url=url) if server is not None else None
    return read_metadata(doc, url, server_doc=server_doc)


def ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


# -- title ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # og:title wins over <title>, and a "| Site" suffix goes
        (
            '<title>Rates rise again | Daily Planet</title><meta property="og:site_name" '
            'content="Daily Planet"><meta property="og:title" content="Rates rise again">',
            "",
            "Rates rise again",
        ),
        # "- Site" suffix on <title> with a known site name
        (
            '<title>Rates rise again - Daily Planet</title><meta property="og:site_name" '
            'content="Daily Planet">',
            "",
            "Rates rise again",
        ),
        # a site prefix "Site: Story"
        (
            '<title>Daily Planet: Rates rise again</title><meta property="og:site_name" '
            'content="Daily Planet">',
            "",
            "Rates rise again",
        ),
        # a republisher's name glued on the <title>; og:title states the real title
        (
            "<title>Internet InfoMedia hamass cease fire proposal includes a familiar sticking"
            ' point</title><meta property="og:site_name" content="Internet InfoMedia">'
            '<meta property="og:title" content="Hamas’s Cease-Fire Proposal Includes a'
            ' Familiar Sticking Point">',
            "<h1>Hamas’s Cease-Fire Proposal Includes a Familiar Sticking Point</h1>",
            "Hamas’s Cease-Fire Proposal Includes a Familiar Sticking Point",
        ),
        # only <title> and <h1>: the <h1> is the story part of the glued <title>
        (
            "<title>Internet InfoMedia hamass cease fire proposal includes a familiar sticking"
            ' point</title><meta property="og:site_name" content="Internet InfoMedia">',
            "<h1>Hamas’s Cease-Fire Proposal Includes a Familiar Sticking Point</h1>",
            "Hamas’s Cease-Fire Proposal Includes a Familiar Sticking Point",
        ),
        # the glued republisher name on og:title itself: the <h1> holds the story
        (
            '<meta property="og:site_name" content="Internet InfoMedia"><meta '
            'property="og:title" content="Internet InfoMedia Cease-fire talks stall in Cairo">',
            "<h1>Cease-fire talks stall in Cairo</h1>",
            "Cease-fire talks stall in Cairo",
        ),
        # a site name that starts the headline itself is not a prefix to strip
        (
            '<meta property="og:site_name" content="The Guardian"><meta property="og:title" '
            'content="The Guardian view on Hong Kong: a city on the brink">',
            "",
            "The Guardian view on Hong Kong: a city on the brink",
        ),
        # JSON-LD headline first; HTML entities decoded
        (
            ld('{"@type": "NewsArticle", "headline": "&#8216;Quoted&#8217; words in a title"}')
            + '<meta property="og:title" content="Other">',
            "",
            "‘Quoted’ words in a title",
        ),
        # no stated title: the <h1> when <title> confirms it, unknown site suffix dropped
        ("<title>Budget passes after all-night session | KXYZ</title>", "", None),
        ("<title>Budget passes</title>", "<h1>Budget passes</h1>", "Budget passes"),
        # a section-name <h1> is not the title
        ("<title>Budget passes after all-night session</title>", "<h1>News</h1>", None),
        ("<title>Budget passes after all-night session - News</title>", "<h1>News</h1>", None),
        # a documentation page: its <h1>, however short, then the site's name
        ("<title>cookie — Packages documentation</title>", "<h1>cookie</h1>", "cookie"),
        ('<meta property="og:title" content="cookie | Packages">', "<h1>cookie</h1>", "cookie"),
        # the heading's permalink ("¶", an icon, a zero-width space) is no part of it
        (
            "<title>cookie - Packages</title>",
            '<h1>cookie<a class="headerlink" href="#cookie">¶</a></h1>',
            "cookie",
        ),
        (
            "<title>cookie | Packages</title>",
            '<h1><a class="header-anchor" href="#cookie">\u200b</a>cookie</h1>',
            "cookie",
        ),
        # a logo or a banner linking home is the site's name, not the page's
        (
            "<title>Clocks - Budget passes after all-night session</title>",
            '<h1 class="logo">Clocks</h1><h1>Budget passes after all-night session</h1>',
            "Budget passes after all-night session",
        ),
        (
            "<title>Clocks - Budget passes after all-night session</title>",
            '<h1><a href="/">Clocks</a></h1><h1>Budget passes after all-night session</h1>',
            "Budget passes after all-night session",
        ),
        # a banner linking to the index of the folder the site is in (Sphinx's Piccolo theme:
        # relative "index.html"), as the page's first <h1>
        (
            "<title>cookie — Packages documentation</title>",
            '<h1><a href="index.html">Packages documentation</a></h1><h1>cookie</h1>',
            "cookie",
        ),
        (
            "<title>cookie — Packages documentation</title>",
            '<h1><a href="../index.html">Packages documentation</a></h1><h1>cookie</h1>',
            "cookie",
        ),
        # (a heading that links to its own page is the page's)
        (
            "<title>Packages documentation</title>",
            '<h1><a href="cookie.html">Packages documentation</a></h1><h1>cookie</h1>',
            "Packages documentation",
        ),
        # (a banner is the only heading: no better one)
        ("", '<h1><a href="https://clocks.test">Clocks</a></h1>', "Clocks"),
        # a page named for its place in the site ("Home"): the document's own heading
        (
            "<title>JSDoc: Home</title>",
            '<h1 class="page-title">Home</h1><article><h1>cookie</h1></article>',
            "cookie",
        ),
        (
            "<title>Home | Clocks</title>",
            "<h1>Home</h1><h1>Clocks that keep time</h1>",
            "Clocks that keep time",
        ),
        # (with no other heading, or no heading that names the place, the <title> as it is)
        ("<title>Home | Clocks</title>", "<h1>Home</h1>", "Home | Clocks"),
        ("<title>Home | Clocks</title>", "<h1>Clocks that keep time</h1>", "Home | Clocks"),
        # a <title> that is the logo's link home (a site under a folder): it names the site,
        # the <h1> the page (a docs generator's home layout)
        (
            "<title>Packages</title>",
            '<a class="title" href="/2024/">Packages</a><h1><span>fastify</span></h1>',
            "fastify",
        ),
        ("<title>Packages</title>", '<a href="/">Packages</a><h1>fastify</h1>', "fastify"),
        # (a blog's home: its first <h1> links to a post, the first card of the listing)
        (
            "<title>Packages</title>",
            '<a href="/">Packages</a><h1><a href="/2024/post.html">A post</a></h1>',
            "Packages",
        ),
        # (a link to a page that is no folder above this one, or to this page, is no home)
        ("<title>Packages</title>", '<a href="/packages">Packages</a><h1>fastify</h1>', "Packages"),
        (
            "<title>Packages</title>",
            '<a href="https://docs.test/">Packages</a><h1>x y</h1>',
            "Packages",
        ),
    ],
)
def test_title(head: str, body: str, expected: str | None) -> None:
    found = meta_of(head, body).title
    if expected is None:  # the <title> minus its unknown site part
        assert found == "Budget passes after all-night session"
    else:
        assert found == expected


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Story about things | Site", ("Site",), "Story about things"),
        ("Story about things — The Site", ("Site",), "Story about things"),
        ("Site | Section | Story about things", ("Site",), "Section | Story about things"),
        ("Story about things | Editorial", ("Site",), "Story about things | Editorial"),
        ("NYTimes.com - Story about things", ("nytimes",), "Story about things"),
    ],
)
def test_strip_site(title: str, sites: tuple[str, ...], expected: str) -> None:
    assert titles.strip_site(title, sites) == expected


# -- byline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            ld('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann Lee"}}'),
            "",
            "Ann Lee",
        ),
        (
            ld('{"@type": "Article", "author": [{"name": "Ann Lee"}, {"name": "Bo Ray"}]}'),
            "",
            "Ann Lee, Bo Ray",
        ),
        # @graph with an @id reference to the Person
        (
            ld(
                '{"@context": "https://schema.org", "@graph": [{"@type": "Person", "@id": '
                '"#p1", "name": "Cy Dunn"}, {"@type": "BlogPosting", "author": {"@id": "#p1"}}]}'
            ),
            "",
            "Cy Dunn",
        ),
        ('<meta name="author" content="By Dee Fox">', "", "Dee Fox"),
        # an author URL is not a name: fall through to the DOM
        (
            '<meta property="article:author" content="https://facebook.com/deefox">',
            '<a rel="author" href="/dee">Dee Fox</a>',
            "Dee Fox",
        ),
        ("", '<p class="byline">By Eve Gold Published 11:11 PM EST Nov 19, 2019</p>', "Eve Gold"),
        ("", '<span class="author-name">Fay Hu | March 5, 2024</span>', "Fay Hu"),
        ("", '<div itemprop="author"><span itemprop="name">Gil Ho</span> (editor)</div>', "Gil Ho"),
        # a comment form's "author" field is not a byline
        ("", '<form><label for="author">Name (required)</label><input id="author"></form>', None),
        # a product's customer review (Magento's microdata): the reviewer is not the page's author
        (
            "",
            '<div itemscope itemtype="https://schema.org/Product"><li itemprop="review" itemscope'
            ' itemtype="https://schema.org/Review"><p class="review-author">Review by <strong'
            ' itemprop="author">Marta K.</strong></p></li></div>',
            None,
        ),
    ],
)
def test_byline(head: str, body: str, expected: str | None) -> None:
    assert meta_of(head, body).byline == expected


# -- published date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            ld('{"@type": "NewsArticle", "datePublished": "2024-03-05T14:30:00Z"}'),
            "",
            "2024-03-05T14:30:00+00:00",
        ),
        (
            '<meta property="article:published_time" content="2024-03-05T14:30:00-0500">',
            "",
            "2024-03-05T14:30:00-05:00",
        ),
        ('<meta name="pubdate" content="20240305">', "", "2024-03-05"),
        (
            '<meta name="date" content="Tue, 05 Mar 2024 14:30:00 GMT">',
            "",
            "2024-03-05T14:30:00+00:00",
        ),
        ("", '<time datetime="2024-03-05">March 5</time>', "2024-03-05"),
        (
            "",
            '<article><time datetime="2024-03-06">6/3</time></article><time datetime="2024-01-09">',
            "2024-03-06",
        ),
        ("", '<span itemprop="datePublished" content="2024-03-05"></span>', "2024-03-05"),
        # a product's customer review: its date is the reviewer's, not the page's
        (
            "",
            '<li itemprop="review" itemscope itemtype="https://schema.org/Review"><time'
            ' itemprop="datePublished" datetime="2024-01-19">1/19/24</time></li>'
            '<span itemprop="datePublished" content="2024-03-05"></span>',
            "2024-03-05",
        ),
        # a <time pubdate> among other times is the date
        (
            "",
            '<time datetime="2024-01-09">9/1</time><p><time pubdate datetime="2024-03-07">7/3</time>',
            "2024-03-07",
        ),
        # among the markup that states a date, the first in the document wins
        (
            "",
            '<time pubdate datetime="2024-03-08"></time>'
            '<span itemprop="datePublished" content="2024-03-09"></span>',
            "2024-03-08",
        ),
        # nothing stated: htmldate finds the date in the URL
        ("", "<p>No date here.</p>", "2024-03-05"),
    ],
)
def test_published(head: str, body: str, expected: str) -> None:
    # the URL carries no date except for the htmldate case, which must find it there
    url = URL if "No date" in body else "https://news.example.com/story.html"
    assert meta_of(head, body, url=url).published == expected


def test_numbers_in_prose_are_no_date() -> None:
    # the quick date search reads dates, not years: a year in a sentence dates nothing
    body = "<p>In 2019 the harbour had 312 boats; by 2023 it had 280 and a new quay.</p>"
    assert meta_of("", body, url="https://news.example.com/story.html").published is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T09:07:03.123+01:00", "2024-03-05T09:07:03+01:00"),
        ("2024-03-05 09:07", "2024-03-05T09:07:00"),
        ("March 5th, 2024", "2024-03-05"),
        ("5 Sept. 2024", "2024-09-05"),
        ("Posted 2024/3/5", "2024-03-05"),
        ("1709649000", "2024-03-05T14:30:00+00:00"),
        ("2024-02-30", None),  # no such day
        ("1850-01-01", None),  # before the web
        ("yesterday", None),
        ("", None),
    ],
)
def test_to_iso(text: str, expected: str | None) -> None:
    assert dates.to_iso(text) == expected


# -- the other fields -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "html_lang", "expected"),
    [
        ("", "en-GB", "en-GB"),
        ('<meta property="og:locale" content="pt_BR">', "", "pt-BR"),
        ('<meta http-equiv="content-language" content="de, en">', "", "de"),
        (ld('{"@type": "Article", "inLanguage": "fr"}'), "", "fr"),
        ("", "", None),
    ],
)
def test_lang(head: str, html_lang: str, expected: str | None) -> None:
    markup = f'<html lang="{html_lang}"><head>{head}</head><body></body></html>'
    assert read_metadata(dom.parse(markup), URL).lang == expected


def test_site_description_image_canonical() -> None:
    head = (
        '<meta property="og:site_name" content="Daily Planet">'
        '<meta name="description" content="  What  happened. ">'
        '<meta property="og:image" content="/img/lead.jpg">'
        '<link rel="canonical" href="/2024/03/05/story">'
    )
    found = meta_of(head)
    assert found.site_name == "Daily Planet"
    assert found.description == "What happened."
    assert found.image == "https://news.example.com/img/lead.jpg"
    assert found.canonical_url == "https://news.example.com/2024/03/05/story"


def test_jsonld_fields() -> None:
    head = ld(
        '{"@graph": [{"@type": "WebSite", "@id": "#site", "name": "Planet Online"},'
        '{"@type": "ImageObject", "@id": "https://x.example/#img", "url": "https://x.example/a.png"},'
        '{"@type": ["NewsArticle"], "image": {"@id": "https://x.example/#img"},'
        '"description": "Short summary", "mainEntityOfPage": "https://x.example/story",'
        '"publisher": {"@type": "Organization", "name": "Planet Media"}}]}'
    )
    found = meta_of(head)
    assert found.site_name == "Planet Media"
    assert found.image == "https://x.example/a.png"
    assert found.description == "Short summary"
    assert found.canonical_url == "https://x.example/story"


def test_jsonld_article_type_not_listed_is_still_the_article() -> None:
    head = ld('{"@type": "WebPage", "name": "Page"}') + ld(
        '{"@type": "ReportageNewsArticle", "headline": "Field report", "author": "Ida Moe"}'
    )
    found = meta_of(head)
    assert (found.title, found.byline) == ("Field report", "Ida Moe")


def test_malformed_jsonld_block_does_not_hide_the_next() -> None:
    head = (
        ld('{"@type": "NewsArticle", "headline": "Broken",}')
        + ld("{oops")
        + ld('{"@type": "Person", "name": "Gil Ito"}')
    )
    graph = jsonld.read_graph(dom.parse(f"<html><head>{head}</head></html>"))
    assert [jsonld.types_of(o) for o in graph.objects] == [("NewsArticle",), ("Person",)]
    assert graph.article is not None and graph.article["headline"] == "Broken"


def test_server_html_fills_gaps() -> None:
    server = '<html><head><meta name="author" content="Hal Jo"></head><body></body></html>'
    found = meta_of('<meta property="og:title" content="Rendered title">', server=server)
    assert (found.title, found.byline) == ("Rendered title", "Hal Jo")


def test_canonical_falls_back_to_url_and_doc_is_untouched() -> None:
    doc = dom.parse("<html><head><title>T</title></head><body><h1>T</h1></body></html>")
    before = to_html(doc)
    found = read_metadata(doc, URL)
    assert found.canonical_url == URL
    assert to_html(doc) == before


@pytest.mark.parametrize(
    ("blocks", "byline"),
    [
        # Draft.js: every block a div, the text in spans
        ('<div data-block="true"><div><span><span data-text="true">By Amara Lindqvist</span>'
         "</span></div></div>", "Amara Lindqvist"),
        # Lexical and ProseMirror: div paragraphs, the prefix in its own mark
        ('<div class="editor-paragraph"><span>Von Katrin Schöller</span></div>', "Katrin Schöller"),
        ('<div class="node-paragraph"><span class="mark-em">Par</span> <span>Lucien Moreau'
         "</span></div>", "Lucien Moreau"),
        # a sentence that starts with "by", a lower-case phrase, a long line: no byline
        ("<div><span>By the end of the year the ferry will run hourly.</span></div>", None),
        ("<div><span>by car or by train</span></div>", None),
    ],
)  # fmt: skip
def test_byline_line_in_editor_blocks(blocks: str, byline: str | None) -> None:
    html = (
        "<html><body><h1>Title of the post</h1><div class='editor'>"
        f"{blocks}<div><span>{'Body text of the post, long enough to read. ' * 5}</span></div>"
        "</div></body></html>"
    )
    assert extract_html(html, "https://example.org/p").metadata.byline == byline


def test_byline_line_is_looked_for_only_near_the_title() -> None:
    filler = "".join(f"<div><span>Paragraph {i} of the story.</span></div>" for i in range(20))
    html = f"<html><body><h1>Title</h1>{filler}<div><span>By Jane Doe</span></div></body></html>"
    assert extract_html(html, "https://example.org/p").metadata.byline is None


def test_a_title_part_that_the_page_heads_with_is_the_title() -> None:
    # a tracker's "Topic - Project - Tracker": the <h1> names the project, an <h2> the topic
    assert (
        titles.pick(
            stated=[],
            heading="Pottery Co-op",
            document_title="Sharing a kiln - Pottery Co-op - Makers Tracker",
            sites=("makers.test",),
            subheadings=("Project", "Sharing a kiln", "Replies (2)"),
        )
        == "Sharing a kiln"
    )
    # a first part that names the site is no title ("Git - git-commit Documentation")
    assert (
        titles.pick(
            stated=[],
            heading=None,
            document_title="Git - git-commit Documentation",
            sites=("git-scm.com", "git-scm"),
            subheadings=("Git",),
        )
        == "Git - git-commit Documentation"
    )


def test_an_h1_saying_the_titles_last_part_names_the_site() -> None:
    # a tracker's wiki: <title> "Cookie - Packages", the header's <h1> "Packages" (the project),
    # the page's own <h1> "cookie"
    doc = dom.parse(
        "<html><head><title>Cookie - Packages</title></head><body><div id='header'>"
        "<h1><span class='current-project'>Packages</span></h1></div><div class='wiki'>"
        "<h1>cookie</h1><p>Parse and serialise HTTP cookies.</p></div></body></html>"
    )
    meta = read_metadata(doc, "http://docs.test/projects/packages/wiki/Cookie")
    assert meta.title == "cookie" and meta.site_name == "Packages"
    assert titles.title_tail("Bug #12: Glaze log") is None  # (one part: no site's name)


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("Added by rhea_clay over 2 years ago", "rhea_clay"),  # a tracker's "Added by"
        ("Posted by Bob Walsh", "Bob Walsh"),
        ("authored by mkrause 8 days ago", "mkrause"),
        ("Dana Obi about an hour ago", "Dana Obi"),
        ("14 hours ago", None),  # a date alone is no byline
        ("Mary Agoston", "Mary Agoston"),  # ("ago" inside a name)
    ],
)
def test_a_byline_loses_its_verb_and_its_relative_date(line: str, byline: str | None) -> None:
    from extractor.metadata.read import _clean_byline

    assert _clean_byline(line) == byline
