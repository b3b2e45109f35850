from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml.html import HtmlElement
from markdown_it import MarkdownIt

from extractor import dom
from extractor.article.cleanup import drop_title
from extractor.markdown.converter import to_markdown
from extractor.markdown.escaping import is_junk_alt
from extractor.metadata.read import read_metadata
from extractor.normalize.core import normalize
from extractor.pipeline import extract_html
from tests.livebrowser import Browser

BASE = "https://mag.example.com/culture/review.html"
LONG = "A first paragraph long enough to be article text rather than a kicker."


def region_of(body: str) -> HtmlElement:
    doc = dom.parse(f"<html><body><article>{body}</article></body></html>", base_url=BASE)
    found = doc.find(".//article")
    assert found is not None
    return found


def md(body: str, title: str | None = None) -> str:
    """The region's Markdown, its title heading dropped first as the pipeline's step does."""
    region = region_of(body)
    drop_title(region, title)
    normalize(region, BASE)
    return to_markdown(region)


# -- headings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "title", "expected"),
    [
        # levels kept under the title
        ("<h2>Part</h2><p>a</p><h3>Sub</h3><p>b</p>", None, "## Part\n\na\n\n### Sub\n\nb\n"),
        # an <h1> repeating the title at the top goes
        ("<h1>The Title</h1><p>a</p><h2>Part</h2>", "The Title", "a\n\n## Part\n"),
        # ...also when it differs only in case and punctuation
        ("<h1>The title!</h1><p>a</p>", "The Title", "a\n"),
        # an article that uses <h1> for sections keeps their levels
        (
            "<h1>The Title</h1><p>a</p><h1>Part</h1><h2>Sub</h2>",
            "The Title",
            "a\n\n# Part\n\n## Sub\n",
        ),
        # a heading further down that only begins like the title stays
        (
            f"<p>{LONG}</p><h2>The Title, again</h2>",
            "The Title",
            f"{LONG}\n\n## The Title, again\n",
        ),
        # a heading at the top that is the title cut short goes
        ("<h2>The title of the piece, in</h2><p>a</p>", "The title of the piece, in full", "a\n"),
        # ...but a short kicker above the title heading does not keep it
        ("<p>Chapter 7</p><h1>The Title</h1><p>a</p>", "The Title", "Chapter 7\n\na\n"),
        # emphasis inside a heading is dropped, line breaks fold
        ("<h2><strong>Bold</strong> part<br>two</h2>", None, "## Bold part two\n"),
    ],
)
def test_headings(body: str, title: str | None, expected: str) -> None:
    assert md(body, title) == expected


# -- inline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<p><strong>b</strong> <em>i</em> <del>d</del> <code>c</code></p>",
            "**b** *i* ~~d~~ `c`\n",
        ),
        # emphasis that would not close (punctuation inside, a letter outside) gets a space
        ("<p><b>Viera (4-0):</b>K. Hupfer</p>", "**Viera (4-0):** K. Hupfer\n"),
        ("<p>word<b>(x)</b> end</p>", "word **(x)** end\n"),
        ("<p>in<b>side</b>word</p>", "in**side**word\n"),
        ('<p>a <a href="/x">link</a>.</p>', "a [link](https://mag.example.com/x).\n"),
        ('<p><a href="https://e.org/a b(1)">odd</a></p>', "[odd](https://e.org/a%20b%281%29)\n"),
        ('<p><a href="https://e.org/">https://e.org/</a></p>', "<https://e.org/>\n"),
        ('<p><a href="/x" title="Tooltip">t</a></p>', "[t](https://mag.example.com/x)\n"),
        ("<p>one<br>two</p>", "one\\\ntwo\n"),
        ("<p>trailing break<br></p>", "trailing break\n"),
        (
            "<p>old site<br><br>paragraphs<br>\n<br>split by breaks</p>",
            "old site\n\nparagraphs\n\nsplit by breaks\n",
        ),
        (
            '<video src="/v.mp4" poster="/p.jpg">Your browser does not support video.</video>',
            "[Video](https://mag.example.com/v.mp4)\n",
        ),
        (
            '<audio controls><source src="/a.mp3">No audio support.</audio>',
            "[Audio](https://mag.example.com/a.mp3)\n",
        ),
        ('<p><img src="/a.png" alt="A  b"></p>', "![A b](https://mag.example.com/a.png)\n"),
        (
            '<p><a href="/big"><img src="/a.png" alt="A"></a></p>',
            "[![A](https://mag.example.com/a.png)](https://mag.example.com/big)\n",
        ),
        ("<p>x<sup>2</sup> H<sub>2</sub>O</p>", "x2 H2O\n"),
        # a link's text on one line: the source's wrapping and a <br> become a space (a link
        # over two lines is two broken pieces to a tool reading line by line)
        (
            '<p>Read <a href="/po">premature\n   optimization</a> and\nmore.</p>',
            "Read [premature optimization](https://mag.example.com/po) and\nmore.\n",
        ),
        (
            '<p><a href="/c"><strong>Gator</strong><br> Mic cable</a></p>',
            "[**Gator** Mic cable](https://mag.example.com/c)\n",
        ),
        # a link around blocks (a teaser card) keeps the blocks; its heading takes the link
        (
            '<a href="/s"><h3>Story</h3><p>Teaser.</p></a>',
            "### [Story](https://mag.example.com/s)\n\nTeaser.\n",
        ),
        ('<a href="/s"><p>Story</p><p>Teaser.</p></a>', "Story\n\nTeaser.\n"),
        # the DOM text, not a CSS text-transform
        ('<p><span style="text-transform: uppercase">Quiet</span> words</p>', "Quiet words\n"),
    ],
)
def test_inline(body: str, expected: str) -> None:
    assert md(body) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("snake_case and file_name_here", "snake_case and file_name_here"),
        ("a ___ rule", "a ___ rule"),
        ("_private and __init__", "\\_private and \\_\\_init__"),
        ("2 * 3 = 6", "2 * 3 = 6"),
        ("*not emphasis*", "\\*not emphasis\\*"),
        ("Jo** Al****", "Jo\\*\\* Al\\*\\*\\*\\*"),
        ("*", "\\*"),
        ("`tick`", "\\`tick\\`"),
        ("<The Palace> show", "\\<The Palace> show"),
        ("a < b > c", "a < b > c"),
        ("&amp; literal", "\\&amp; literal"),
        ("[1] and [x](y)", "[1] and \\[x](y)"),
        ("C:\\path\\n", "C:\\path\\n"),
        ("a\\*b", "a\\\\\\*b"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
    ],
)
def test_escaping(text: str, expected: str) -> None:
    region = region_of("<p></p>")
    region.find("p").text = text
    assert to_markdown(region) == expected + "\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Not a list", "1\\. Not a list"),
        ("2019) was a year", "2019\\) was a year"),
        ("# not a heading", "\\# not a heading"),
        ("- not a bullet", "\\- not a bullet"),
        ("+ not a bullet", "\\+ not a bullet"),
        ("> not a quote", "\\> not a quote"),
        ("---", "\\---"),
        ("#hashtag stays", "#hashtag stays"),
        ("10.5 percent", "10.5 percent"),
    ],
)
def test_block_starts_escaped(text: str, expected: str) -> None:
    region = region_of("<p></p>")
    region.find("p").text = text
    assert to_markdown(region) == expected + "\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # labels side by side (one tag, a class in common): a stylesheet spaces them apart
        (
            '<p><span class="chip team">Design</span><span class="chip type">Contract</span></p>',
            "Design Contract\n",
        ),
        (
            '<p><a class="tag" href="/a">Kelp</a><a class="tag" href="/b">Bays</a></p>',
            "[Kelp](/a) [Bays](/b)\n",
        ),
        # a price's parts, a word's letters for an animation, spans in code: as they are
        ('<p><span class="whole">12</span><span class="cents">99</span></p>', "1299\n"),
        ('<p><span class="char">H</span><span class="char">i</span></p>', "Hi\n"),
        ('<p><code><span class="tok">let</span><span class="tok">x</span></code></p>', "`letx`\n"),
        ('<p><span class="a">one.</span><span class="a">two</span></p>', "one.two\n"),
    ],
)
def test_labels_side_by_side_are_spaced(body: str, expected: str) -> None:
    assert to_markdown(region_of(body)) == expected


def test_a_job_boards_category_labels_do_not_run_together() -> None:
    # Lever: a posting's location, team and commitment, printed with nothing between them
    html = (PAGES / "listing-lever-postings" / "index.html").read_text(encoding="utf-8")
    out = extract_html(html, url="https://pages.test/listing-lever-postings/").markdown
    assert "Remote Engineering – Platform Full-time" in out
    assert "RemoteEngineering" not in out


def test_a_card_links_first_heading_carries_the_link() -> None:
    # Markdown cannot wrap a heading and a paragraph in one link: the title takes it
    out = md('<a href="/p/1"><h3>Title</h3><p>Teaser text.</p><h4>Second</h4></a>')
    assert out == "### [Title](https://mag.example.com/p/1)\n\nTeaser text.\n\n#### Second\n"
    # a heading with a link of its own, or an anchor without an address, is left as it is
    assert md('<a href="/p/1"><h3><a href="/x">T</a></h3><p>x</p></a>').startswith(
        "### [T](https://mag.example.com/x)"
    )
    assert md('<a name="top"><h3>Top</h3><p>x</p></a>').startswith("### Top\n")


# -- blocks -----------------------------------------------------------------------------


def test_code_fence_keeps_language_and_text() -> None:
    out = md(
        '<pre><code class="language-python">def f(a_b):\n\n\n    return a_b * 2\n</code></pre>'
    )
    assert out == "```python\ndef f(a_b):\n\n\n    return a_b * 2\n```\n"


def test_code_fence_longer_than_backticks_inside() -> None:
    out = md("<pre>say ```hi```</pre>")
    assert out == "````\nsay ```hi```\n````\n"


def test_nested_lists_and_quotes() -> None:
    out = md(
        "<ul><li>One<ul><li>One.a</li><li>One.b<ol><li>deep</li></ol></li></ul></li><li>Two</li></ul>"
        "<ol start='3'><li>three</li><li>four</li></ol>"
        "<blockquote><p>Said.</p><blockquote><p>Inner.</p></blockquote></blockquote>"
    )
    assert out == (
        "- One\n  - One.a\n  - One.b\n    1. deep\n- Two\n\n3. three\n4. four\n\n"
        "> Said.\n>\n> > Inner.\n"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<ul><li><ul><li>x</li></ul></li></ul>", "- - x\n"),
        ("<ul><li><blockquote>q</blockquote></li></ul>", "- > q\n"),
        ("<div>1. bare text in a div</div>", "1\\. bare text in a div\n"),
        ("<blockquote>- bare text in a quote</blockquote>", "> \\- bare text in a quote\n"),
        (
            "<ol><li><p>- dash para</p></li><li>- dash text</li></ol>",
            "1. \\- dash para\n2. \\- dash text\n",
        ),
    ],
)
def test_list_item_starts(body: str, expected: str) -> None:
    assert md(body) == expected


def images_of(markdown: str) -> list[dict[str, str]]:
    """Each image as a CommonMark parser reads it: src, alt and title."""
    found = []
    for block in MarkdownIt("commonmark").parse(markdown):
        for token in block.children or []:
            if token.type == "image":
                alt = "".join(child.content for child in token.children or [])
                found.append({"src": str(token.attrGet("src")), "alt": alt,
                              "title": str(token.attrGet("title") or "")})  # fmt: skip
    return found


def visible_text(markdown: str) -> str:
    """The text a reader of the rendered Markdown sees, images left out."""
    rendered = MarkdownIt("commonmark").render(markdown)
    doc = dom.parse(f"<html><body>{rendered}</body></html>")
    for img in list(doc.iter("img")):
        img.drop_tree()
    return dom.fold(doc.text_content())


def captions_of(markdown: str) -> dict[str, str]:
    """Each image's src and the caption a reader sees: the italic line right under it."""
    found: dict[str, str] = {}
    src = None
    for block in MarkdownIt("commonmark").parse(markdown):
        if block.type != "inline":
            continue
        kids = [t for t in block.children or [] if t.type != "softbreak"]
        images = [t for t in kids if t.type == "image"]
        if len(images) == 1 and all(t.type in ("image", "link_open", "link_close") for t in kids):
            src = str(images[0].attrGet("src"))
            found[src] = ""
            continue
        if src is not None and kids and kids[0].type == "em_open" and kids[-1].type == "em_close":
            found[src] = "".join(t.content for t in kids[1:-1])
        src = None
    return found


@pytest.mark.parametrize(
    ("body", "src", "alt", "caption"),
    [
        # the caption is an italic line under the image; a credit may stay in it
        (
            '<figure><img src="/a.jpg" alt="Harbour"><figcaption>At dawn. <em>Photo: Jo</em>'
            "</figcaption></figure>",
            "https://mag.example.com/a.jpg",
            "Harbour",
            "At dawn. Photo: Jo",
        ),
        # a file-name alt gives way to the caption; quotes in the caption stay
        (
            '<figure><img src="/06mideast.jpg" alt="06mideast ledeall 01 hqmp facebookJumbo">'
            '<figcaption>The "Old City" at night. Photo: Getty Images</figcaption></figure>',
            "https://mag.example.com/06mideast.jpg",
            'The "Old City" at night. Photo: Getty Images',
            'The "Old City" at night. Photo: Getty Images',
        ),
        # no alt at all: the caption
        (
            '<figure><a href="/big.jpg"><img src="/b.jpg"></a><figcaption>Boats \\ nets'
            "</figcaption></figure>",
            "https://mag.example.com/b.jpg",
            "Boats \\ nets",
            "Boats \\ nets",
        ),
        # WordPress's caption wrapper
        (
            '<div class="wp-caption"><img src="/c.jpg" alt="Pier"><p class="wp-caption-text">'
            "The north pier.</p></div>",
            "https://mag.example.com/c.jpg",
            "Pier",
            "The north pier.",
        ),
        # a caption right under an image, outside any figure
        (
            '<div class="photo"><img src="/d.jpg" alt="Market"></div>'
            '<p class="image-caption">Fish market, 6 a.m.</p>',
            "https://mag.example.com/d.jpg",
            "Market",
            "Fish market, 6 a.m.",
        ),
        # URLs with spaces, parentheses and stars stay one URL
        (
            '<figure><img src="/img/690*460/a b (1).jpg" alt="Roof"><figcaption>Roof (left)'
            "</figcaption></figure>",
            "https://mag.example.com/img/690%2A460/a%20b%20%281%29.jpg",
            "Roof",
            "Roof (left)",
        ),
    ],
)
def test_figure_caption_is_a_line_under_the_image(
    body: str, src: str, alt: str, caption: str
) -> None:
    out = md(f"<p>{LONG}</p>{body}<p>After.</p>")
    assert images_of(out) == [{"src": src, "alt": alt, "title": ""}]
    assert captions_of(out) == {src: caption}
    # a reader sees the caption, whatever the renderer does with the image
    assert visible_text(out) == f"{LONG} {caption} After."


def test_a_figure_left_in_its_own_shape_keeps_its_caption_under_the_image() -> None:
    """With the figures step switched off, the caption is still a line under the image."""
    region = region_of(
        '<figure><div class="media"><a href="/big.jpg"><img src="/a.jpg" alt="Pier"></a></div>'
        "<div class='meta'><figcaption>North pier.</figcaption></div></figure>"
    )
    out = to_markdown(region)
    assert images_of(out) == [{"src": "/a.jpg", "alt": "Pier", "title": ""}]
    assert captions_of(out) == {"/a.jpg": "North pier."}


def test_caption_of_a_figure_without_a_picture_is_an_italic_line() -> None:
    out = md(
        "<figure><pre>make all</pre><figcaption>Listing 2: the build</figcaption></figure>"
        "<figure><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
        "<figcaption>Scores</figcaption></figure>"
    )
    assert out == (
        "```\nmake all\n```\n\n*Listing 2: the build*\n\n"
        "| A | B |\n|---|---|\n| 1 | 2 |\n\n*Scores*\n"
    )


def test_a_caption_whose_picture_went_goes_too() -> None:
    out = md(
        f"<p>{LONG}</p><figure><img src='data:image/gif;base64,R0lGOD'><figcaption>Gone with "
        "its picture</figcaption></figure>"
    )
    assert out == f"{LONG}\n"


@pytest.mark.parametrize(
    ("alt", "junk"),
    [
        ("06mideast ledeall 01 hqmp facebookJumbo", True),
        ("IMG_2041", True),
        ("reef-lead-2400", True),
        ("DSC00042.JPG", True),
        ("harbour-at-dawn-by-the-pier", True),
        ("A diver counts coral along a tape", False),
        ("iPhone 15", False),
        ("Boeing 737 MAX", False),
        ("well-being", False),
        ("Harbour", False),
        ("2024", False),
        ("CP24", False),
        ("9to5Toys", False),
        ("image5554754", True),
    ],
)
def test_junk_alt(alt: str, junk: bool) -> None:
    assert is_junk_alt(alt) is junk


def test_junk_alt_without_a_caption_is_dropped() -> None:
    out = md('<p><img src="/IMG_2041.jpg" alt="IMG_2041.jpg"> <img src="/x.jpg" alt="Pier"></p>')
    assert [image["alt"] for image in images_of(out)] == ["", "Pier"]


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (
            "https://www.pinterest.com/pin/create/button/?url=https://e.org/a(b)&media=x y",
            "https://www.pinterest.com/pin/create/button/?url=https://e.org/a%28b%29&media=x%20y",
        ),
        ("https://e.org/<tag>/690*460", "https://e.org/%3Ctag%3E/690%2A460"),
    ],
)
def test_link_urls_are_one_url(href: str, expected: str) -> None:
    out = md(f'<p>See <a href="{href}">the pin</a> here.</p>')
    tokens = MarkdownIt("commonmark").parseInline(out)[0].children or []
    links = [t.attrGet("href") for t in tokens if t.type == "link_open"]
    assert links == [expected]
    assert visible_text(out) == "See the pin here."


def test_footnotes() -> None:
    out = md(
        '<p>Claim.<sup id="r1"><a href="#n1">1</a></sup> More.<sup id="r2"><a href="#n2">2</a></sup></p>'
        '<ol class="footnotes"><li id="n1"><p>First.</p><p>Second para. <a href="#r1">↩</a></p></li>'
        '<li id="n2">Other. <a href="#r2">↩</a></li></ol>'
    )
    assert out == "Claim.[^1] More.[^2]\n\n[^1]: First.\n\n    Second para.\n\n[^2]: Other.\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # header row from <thead>, pipes escaped, links inside cells
        (
            "<table><thead><tr><th>Name</th><th>Note</th></tr></thead><tbody>"
            '<tr><td>a|b</td><td><a href="/x">x</a></td></tr></tbody></table>',
            "| Name | Note |\n|---|---|\n| a\\|b | [x](https://mag.example.com/x) |\n",
        ),
        # no header: the first row is the header GFM needs
        (
            "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>",
            "| 1 | 2 |\n|---|---|\n| 3 | 4 |\n",
        ),
        # spans laid out on the grid, spanned slots empty
        (
            "<table><tr><th rowspan=2>City</th><th colspan=2>Temp</th></tr>"
            "<tr><th>Min</th><th>Max</th></tr><tr><td>Oslo</td><td>-3</td><td>4</td></tr></table>",
            "| City | Temp |  |\n|---|---|---|\n|  | Min | Max |\n| Oslo | -3 | 4 |\n",
        ),
        # a caption goes above
        (
            "<table><caption>Scores</caption><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>",
            "Scores\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
        ),
        # block content: the cells as blocks
        (
            "<table><tr><td><p>Intro para.</p><ul><li>point</li></ul></td><td><p>Side.</p></td></tr></table>",
            "Intro para.\n\n- point\n\nSide.\n",
        ),
        # one row of cells side by side: a layout
        ("<table><tr><td>Left</td><td>Right</td></tr></table>", "Left\n\nRight\n"),
        # a one-column layout table
        ("<table><tr><td><p>Only text.</p></td></tr></table>", "Only text.\n"),
    ],
)
def test_tables(body: str, expected: str) -> None:
    assert md(body) == expected


def test_cells_gathered_out_of_their_table_keep_their_blocks() -> None:
    # an article region gathered from a layout table's cells (a forum's post cells, one a
    # post): each cell's headings, paragraphs and code stay blocks, one after another
    doc = dom.parse(
        "<html><body><article><table><tr>"
        "<td class='post'><h2>Simple</h2><p>Run it once.</p></td>"
        "<td class='post'><h2>Advanced</h2><p>Run it <code>twice</code>.</p><ul><li>a</li></ul></td>"
        "</tr></table></article></body></html>"
    )
    region = doc.makeelement("div", {})
    for cell in list(doc.iter("td")):
        region.append(cell)
    assert to_markdown(region) == (
        "## Simple\n\nRun it once.\n\n## Advanced\n\nRun it `twice`.\n\n- a\n"
    )


def test_a_region_that_is_one_cell_keeps_its_blocks() -> None:
    # a table layout's content cell chosen as the region: its paragraphs, list and picture
    # stay blocks, not one line of run-together text
    doc = dom.parse(
        "<html><body><table><tr><td><p>Summary</p><p>First paragraph.</p>"
        "<ul><li>one</li><li>two</li></ul><img src='https://site.test/a.png' alt='Map'>"
        "<p>Last paragraph.</p></td></tr></table></body></html>"
    )
    cell = next(doc.iter("td"))
    assert to_markdown(cell) == (
        "Summary\n\nFirst paragraph.\n\n- one\n- two\n\n![Map](https://site.test/a.png)\n\n"
        "Last paragraph.\n"
    )


def test_dropped_elements_and_tidy_output() -> None:
    out = md(
        "<p>a</p><script>var x_y = 1;</script><style>p{}</style><button>Share</button>"
        "<p>\u200b</p><div><p></p></div><form><input value='q'></form><p>b  </p>"
    )
    assert out == "a\n\nb\n"


def test_a_rule_that_separates_nothing_goes() -> None:
    # the rules around a block that went (a store's price between two <hr>), and at the ends
    out = md("<hr><p>a</p><hr><hr><p>b</p><hr><p>c</p><hr>")
    assert out == "a\n\n---\n\nb\n\n---\n\nc\n"
    assert md("<pre><code>---\n---</code></pre>") == "```\n---\n---\n```\n"  # code keeps its own


def test_deterministic_and_region_untouched() -> None:
    region = region_of(
        '<h1>T</h1><p>x <a href="/a">y</a></p><table><tr><td>1</td><td>2</td></tr></table>'
    )
    normalize(region, BASE)
    before = dom.to_html(region)
    first = to_markdown(region)
    assert to_markdown(region) == first
    assert dom.to_html(region) == before


def test_empty_region_is_empty_string() -> None:
    assert md("<div> </div>") == ""


def test_output_shape_on_mixed_page() -> None:
    out = md(
        "<h2>A</h2><p>x</p><ul><li>y</li></ul><pre>z\n\n\n\nz</pre><p>w</p><blockquote>q</blockquote>"
    )
    outside_code = re.sub(r"```.*?```", "CODE", out, flags=re.S)
    assert "\n\n\n" not in outside_code
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert all(line == line.rstrip() for line in out.split("\n"))


# -- fidelity pages: tests/pages/md-*/ (their full outputs are recorded as snapshots) ----

PAGES = Path(__file__).parent / "pages"
PAIR = ("md-lists-quotes", "md-figures")


def page_markdown(case: str) -> str:
    """The Markdown of the page's <article>, as normalize + to_markdown give it."""
    url = f"https://pages.test/{case}/"
    doc = dom.parse((PAGES / case / "index.html").read_text(encoding="utf-8"), base_url=url)
    title = read_metadata(doc, url).title
    region = doc.find(".//article")
    assert region is not None
    drop_title(region, title)
    normalize(region, url)
    return to_markdown(region)


def test_page_tables() -> None:
    out = page_markdown("md-tables")
    assert "| Route | Seat | Couchette | Sleeper |\n|---|---|---|---|\n" in out
    assert "| [Zürich – Amsterdam](https://pages.test/routes/zurich-amsterdam) | 49.90 |" in out
    # the spanned header keeps five columns in every row
    spanned = out.split("Scheduled journey times (hours:minutes)\n\n")[1].split("\n\n")[0]
    assert {line.count(" | ") for line in spanned.split("\n") if not line.startswith("|-")} == {4}
    # the layout table's cells come out as blocks, headings included
    assert "### Couchette\n\nFour or six" in out and "- Lockable door" in out
    assert "| class | seat \\| couchette \\| sleeper |" in out
    assert "# Night trains" not in out


def test_page_code() -> None:
    out = page_markdown("md-code")
    python = out.split("```python\n")[1].split("\n```")[0]
    assert python.startswith("import random\nimport time\n\n\ndef backoff_delays(base_s=0.5")
    assert python.endswith("        attempt += 1")
    assert "```js\nasync function withRetry(fn, tries = 5) {\n" in out
    assert "i < tries" in out  # entities decoded, no escapes inside code
    assert "```go\nfor attempt := 0;" in out and "\ttime.Sleep(jitter(attempt))\n}\n```" in out
    assert "````markdown\n```bash\npip install retrying-client\n```\n````" in out
    assert "`__next__`" in out and "`RETRY_MAX=5`" in out
    assert "Copy" not in out and "\n1\n2\n3" not in out


def test_page_figures() -> None:
    out = page_markdown("md-figures")
    base = "https://pages.test/wp-content/uploads/2024/07/"
    nursery = "Volunteers call it the “nursery”: a stand of plate coral at nine metres."
    assert captions_of(out) == {
        f"{base}reef-lead-2400.jpg": "Bleached staghorn coral beside new growth. Photo: Ana Folau",
        f"{base}transect-map-800x500.png": "The twelve survey transects, north to south.",
        f"{base}diver-1600.webp": "",
        # a caption only in the image's title
        f"{base}logger-800x533.jpg": (
            "A logger on the eight-metre line records the water every ten minutes."
        ),
        # a title that is the file's name (WordPress titles an upload so) is no caption
        f"{base}Screen-Shot-2024-07-02-at-09.14.05-AM-1024x640.png": "",
        f"{base}turtle.jpg": "A green turtle over the reef flat. Photo: Coastal Review",
        "https://pages.test/images/2024/07/06/science/06reef-lede/06reef-lede-jumbo.jpg"
        "?quality=75&auto=webp": f"{nursery} Photo: Getty Images",
        "https://pages.test/resize/690%2A460/reef-flat%20%28low%20tide%29.jpg": (
            "The reef flat at low tide, looking north."
        ),
    }
    alts = [image["alt"] for image in images_of(out)]
    assert f"{nursery} Photo: Getty Images" in alts  # the file-name alt gave way
    assert "A diver counts coral along a tape" in alts
    assert not any(image["title"] for image in images_of(out))  # a title shows nowhere
    seen = visible_text(out)  # what a reader sees, with or without the images
    for caption in ("Photo: Ana Folau", "north to south", "nursery", "looking north", "turtle"):
        assert caption in seen
    # a quote's caption stays as an italic line under it; a link stays one link
    assert "> Below eight metres the reef looks like 2019.\n\n*The survey lead, at the" in out
    assert "on Pinterest, and the survey keeps the originals." in seen
    assert "data:" not in out and "pixel.wp.com" not in out and "facebook.com/tr" not in out
    assert "placeholder.png" not in out
    assert out.count("![") == 8
    assert "Screen Shot" not in visible_text(out)


def test_page_lists_and_quotes() -> None:
    out = page_markdown("md-lists-quotes")
    assert "How to run a post-incident review" not in out  # the title heading went
    assert "## before the meeting" in out  # source case, not text-transform
    assert "1. Write the timeline while memories are fresh.\n   - Pull alerts" in out
    assert (
        "2. Invite the people who were there, and one person who was not.\n\n   The outsider" in out
    )
    assert (
        "  1. technical (alerts, limits, defaults)\n  2. human (handover, fatigue)\n     - and"
        in out
    )
    assert (
        "> Ask *how* it made sense at the time, not *who* did it.\n>\n> > The second story" in out
    )
    assert "**Summary**\n\nTwo sentences a manager can repeat." in out  # a term and its definition
    assert "\n2023 was the year" in out  # a year is not an ordered-list number


def test_page_footnotes() -> None:
    out = page_markdown("md-footnotes")
    assert "thousands of gardens,[^1] and the census" in out
    assert out.count("[^1]") == 3  # two references and one note
    assert "[^2]: The 1851 census asked about occupation, birthplace and disability.\n\n" in out
    assert "    It also counted church attendance, once.\n" in out
    assert "[^3]: See [the history of phrenology](https://example.org/phrenology).\n" in out
    assert "↩" not in out and "#fn" not in out


def test_text_after_the_region_is_not_part_of_it() -> None:
    doc = dom.parse("<html><body><div><article><p>inside</p></article>after</div></body></html>")
    region = doc.find(".//article")
    assert region is not None and region.tail == "after"
    assert to_markdown(region) == "inside\n"


@pytest.mark.browser
def test_rendered_pages_keep_source_case_and_real_image_urls(live: Browser, pages_url: str) -> None:
    """Through Chromium: the captured DOM (noscript as text, CSS text-transform) converts alike."""
    outputs = {}
    for case in PAIR:
        page = live.capture(
            pages_url + case + "/", timeout_ms=15_000, network_idle_ms=1_000, scroll=False
        )
        doc = dom.parse(page.dom_html, base_url=page.final_url)
        region = doc.find(".//article")
        assert region is not None
        drop_title(region, read_metadata(doc, page.final_url).title)
        normalize(region, page.final_url)
        outputs[case] = to_markdown(region)
    quotes, figures = outputs["md-lists-quotes"], outputs["md-figures"]
    assert "Chapter 7\n" in quotes and "## before the meeting" in quotes
    assert "CHAPTER" not in quotes and "Before The Meeting" not in quotes
    assert f"{pages_url}wp-content/uploads/2024/07/reef-lead-2400.jpg)" in figures
    assert f"{pages_url}wp-content/uploads/2024/07/diver-1600.webp)" in figures
    assert figures.count("![") == 8 and "data:" not in figures
    assert "\n\n*Bleached staghorn coral beside new growth. Photo: Ana Folau*\n" in figures


# -- Chinese and Japanese text: no spaces where the page has none --------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # inline elements meet Japanese text without a space
        (
            "<p>今回はそのアプリ<a href='/k'>Kindle for PC</a>に関する話。</p>",
            "今回はそのアプリ[Kindle for PC](https://mag.example.com/k)に関する話。\n",
        ),
        # a line break in the source between two characters is no space
        (
            "<p>日本語の文章が\n  ここで改行されて\n<a href='/x'>リンク</a>\nへ続く。</p>",
            "日本語の文章がここで改行されて[リンク](https://mag.example.com/x)へ続く。\n",
        ),
        ("<p>中文句子在这里\n换行了。</p>", "中文句子在这里换行了。\n"),
        # emphasis that could only close with an added space is left out instead
        ("<p>これは<b>「注意」</b>です。</p>", "これは「注意」です。\n"),
        ("<p>这是<em>重点</em>内容。</p>", "这是*重点*内容。\n"),
        # Korean is written with spaces: its line breaks stay breaks
        ("<p>한국어\n문장</p>", "한국어\n문장\n"),
    ],
)
def test_cjk_text_gains_no_spaces(body: str, expected: str) -> None:
    assert md(body) == expected


def test_cjk_words_survive_as_a_reader_sees_them() -> None:
    out = md("<p>東京の<strong>天気</strong>は\n晴れ、<a href='/a'>気温</a>は二十度。</p>")
    assert visible_text(out) == "東京の天気は晴れ、気温は二十度。"


# -- whole pages through the pipeline ---------------------------------------------------


def test_pipeline_keeps_code_toolbars_and_quote_attributions() -> None:
    code = extract_html((PAGES / "md-code" / "index.html").read_text("utf-8"), "https://p.test/")
    assert "```python\nimport random\nimport time\n" in code.markdown
    assert "Copy" not in code.markdown
    quotes = (PAGES / "md-lists-quotes" / "index.html").read_text("utf-8")
    out = extract_html(quotes, "https://p.test/").markdown
    assert (
        "> > The second story is always more useful than the first.\n>\n> — Field notes, SRE guild\n"
        in out
    )
    assert "Ops Handbook is written by the platform team" not in out  # the page's own footer


# -- captions only in an image's title -----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "caption"),
    [
        # a picture alone in its paragraph, linked to its full size
        (
            '<p><a href="/big.jpg"><img src="/a.jpg" alt="Pier" title="The north pier at dawn.">'
            "</a></p>",
            "The north pier at dawn.",
        ),
        # a picture alone between paragraphs
        ('<img src="/a.jpg" alt="" title="Nets drying on the quay.">', "Nets drying on the quay."),
        # a title that only repeats the alt, or names the file, says nothing new
        ('<p><img src="/a.jpg" alt="Pier" title="Pier"></p>', ""),
        ('<p><img src="/a.jpg" alt="Pier" title="IMG_2041"></p>', ""),
    ],
)
def test_a_title_only_caption_is_a_line_under_the_image(body: str, caption: str) -> None:
    out = md(f"<p>{LONG}</p>{body}<p>After.</p>")
    assert captions_of(out) == {"https://mag.example.com/a.jpg": caption}


def test_an_image_inside_a_sentence_keeps_its_title_out_of_the_text() -> None:
    out = md(f'<p>{LONG} Tap <img src="/gear.png" alt="gear" title="Settings"> to begin.</p>')
    assert "Settings" not in out


def test_the_converter_tags_find_their_parents_as_bs4_does() -> None:
    from bs4 import BeautifulSoup, Tag

    from extractor.markdown.converter import _Tag

    markup = "<div><pre><code><b>x</b></code></pre><p><i>y</i></p></div>"
    fast = BeautifulSoup(markup, "lxml", element_classes={Tag: _Tag})
    plain = BeautifulSoup(markup, "lxml")
    for name in ("b", "i"):
        for parent in ("pre", "code", "div", "p", "figure"):
            found, expected = (
                fast.find(name).find_parent(parent),
                plain.find(name).find_parent(parent),
            )
            assert (found.name if found else None) == (expected.name if expected else None)
    assert fast.find("b").find_parent(["pre", "p"]).name == "pre"  # other filters: bs4's own


def _parsed_again(el: HtmlElement) -> str:
    """What the soup was before: the element serialized and parsed a second time."""
    from bs4 import BeautifulSoup
    from lxml import html as lxml_html

    return str(BeautifulSoup(lxml_html.tostring(el, encoding="unicode", with_tail=False), "lxml"))


def test_the_soup_is_built_from_the_parsed_region_as_a_second_parse_would_give_it() -> None:
    from extractor import dom
    from extractor.markdown.converter import soup_of

    source = (
        "<article class='story main'><h2>Title</h2><!-- a note --><p>One &amp; <b>two</b> "
        "tail<br>after</p><pre>  kept\n  spaces</pre><table><tr><td rel='a b'>c</td></tr>"
        "</table></article>"
    )
    page = dom.parse(f"<html><head><title>T</title></head><body>{source}</body></html>")
    for region in (page.find(".//article"), page.find("body"), page):
        built = str(soup_of(region))
        assert built == _parsed_again(region).replace("<!-- a note -->", ""), region.tag
    assert soup_of(page.find(".//article")).find("article")["class"] == ["story", "main"]


def test_an_attribute_lxml_cannot_look_up_does_not_stop_the_conversion() -> None:
    # a template's placeholder left in a tag ("{{ attrs }}") becomes an attribute named "{{",
    # which the parser keeps and lxml cannot look up by name (it reads "{..." as a namespace);
    # the region still converts, and a callout still forms
    html = (
        '<html><body><article><div class="x" {{ attrs }}><p>'
        + "Words of the story, with commas, and more words. " * 8
        + '</p><div class="admonition note" {{ attrs }}><p class="admonition-title">Note</p>'
        "<p>Mind the step.</p></div></div></article></body></html>"
    )
    out = extract_html(html, url="https://mag.example.com/a").markdown
    assert "Words of the story" in out
    assert "> [!note]" in out and "Mind the step." in out
