"""Documentation pages: the doc body as the region, headings at their levels, code with its
language, admonitions as callouts, every code tab, readable definition lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import HtmlElement

from extractor import api, dom
from extractor.article.callouts import mark_callouts
from extractor.article.docs import _FENCED, _fences, _page_source, source_languages
from extractor.article.tabs import lay_out_tabs
from extractor.markdown.converter import to_markdown
from extractor.normalize.core import normalize
from extractor.normalize.rawmarkdown import is_markdown_source
from extractor.pipeline import extract_html
from extractor.records import Options

PAGES = Path(__file__).parent / "pages"
URL = "https://docs.example.org/guide/page.html"
PROSE = (
    "A paragraph of the guide, long enough to be article text, with commas, clauses, and the "
    "kind of sentence a documentation page is made of."
)


def body_of(html: str) -> HtmlElement:
    doc = dom.parse(f"<html><body>{html}</body></html>", base_url=URL)
    found = doc.find(".//body")
    assert found is not None
    return found


def converted(html: str) -> str:
    """Callouts and tabs laid out, then normalised and converted, as the pipeline does."""
    body = body_of(html)
    mark_callouts(body)
    lay_out_tabs(body)
    normalize(body, URL)
    return to_markdown(body)


def page(html: str, title: str = "Guide") -> str:
    """The Markdown the whole pipeline gives for a page with this <main>."""
    doc = f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
    return extract_html(f"{doc}<main>{html}</main></body></html>", url=URL).markdown


# -- admonitions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # a documentation generator's admonition with its title paragraph
        (
            '<div class="admonition note"><p class="admonition-title">Note</p><p>Kept.</p></div>',
            "> [!note]\n> Kept.\n",
        ),
        # a title other than the kind stays as the callout's title
        (
            '<div class="admonition warning"><p class="admonition-title">Mind the gap</p>'
            "<p>Kept.</p></div>",
            "> [!warning] Mind the gap\n> Kept.\n",
        ),
        # an <aside> of the admonition family, its title beside an icon
        (
            '<aside aria-label="Tip" class="site-aside site-aside--tip"><p class="site-aside__title"'
            ' aria-hidden="true"><svg></svg>Tip</p><div class="site-aside__content"><p>Kept.</p>'
            "</div></aside>",
            "> [!tip]\n> Kept.\n",
        ),
        # a heading div in an admonition box; the kind from the class, the title from the div
        (
            '<div class="theme-admonition theme-admonition-danger admonition_a1 alert">'
            '<div class="admonitionHeading_b2"><span class="icon"></span>danger</div>'
            '<div class="admonitionContent_c3"><p>Kept.</p></div></div>',
            "> [!danger]\n> Kept.\n",
        ),
        # a custom block with an upper-case title
        (
            '<div class="important custom-block"><p class="custom-block-title">IMPORTANT</p>'
            "<p>Kept.</p></div>",
            "> [!important]\n> Kept.\n",
        ),
        # a collapsible admonition
        (
            '<details class="question"><summary>Why so slow?</summary><p>Kept.</p></details>',
            "> [!question] Why so slow?\n> Kept.\n",
        ),
        # a quote that starts with the alert mark, left as text by the generator
        ("<blockquote><p>[!CAUTION]\nKept.</p></blockquote>", "> [!caution]\n> Kept.\n"),
        # a callout box whose kind is only in its heading, set after an icon (Retype)
        (
            '<div class="doc-callout" role="alert"><div class="icon"><svg></svg></div><div>'
            "<h5>Important</h5><p>Kept.</p></div></div>",
            "> [!important]\n> Kept.\n",
        ),
        # ...or in a bold lead-in of its first paragraph
        (
            '<div class="callout"><p><strong>Note</strong> Kept.</p></div>',
            "> [!note]\n> Kept.\n",
        ),
    ],
)
def test_admonitions_become_callouts(html: str, expected: str) -> None:
    assert converted(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        # a banner styled as an alert: no title element, no admonition class
        '<div class="alert alert-warning">Site maintenance tonight.</div>',
        # a box whose class names a kind but which has neither title nor admonition class
        '<div class="note-list"><p>First note.</p></div>',
        # a quote without the mark
        "<blockquote><p>[Sic] as written.</p></blockquote>",
        # a kind word inside a longer class name, over a subtitle: a pager's "previous" card
        '<div class="prev-next-info"><p class="prev-next-subtitle">previous</p><p>Intro</p></div>',
        # a callout-named box whose first words are more than a kind
        '<div class="callout"><h5>Note the new opening hours</h5><p>From May on.</p></div>',
    ],
)
def test_other_boxes_are_not_callouts(html: str) -> None:
    assert "[!" not in converted(html)


def test_an_alert_role_callout_survives_the_page_furniture() -> None:
    # the theme marks each callout role="alert", as a banner or a toast is marked
    out = page(
        f"<article><h1>Guide</h1><p>{PROSE}</p><div class='doc-callout' role='alert'>"
        "<div class='icon'></div><div><h5>Note</h5><p>Back up first.</p></div></div>"
        f"<p>{PROSE}</p><div role='alert'>Saved to your reading list.</div></article>"
    )
    assert "> [!note]\n> Back up first." in out
    assert "reading list" not in out


def test_an_admonition_aside_survives_the_page_furniture() -> None:
    out = page(
        f"<article><h1>Guide</h1><p>{PROSE}</p><aside class='doc-aside doc-aside--caution'>"
        "<p class='doc-aside__title'>Caution</p><p>Back up first.</p></aside><p>{PROSE}</p>"
        "<aside><p>Sidebar links</p></aside></article>"
    )
    assert "> [!caution]\n> Back up first." in out
    assert "Sidebar links" not in out


def test_an_admonition_is_never_the_region() -> None:
    # the box's inner div is named "content" and holds the longest paragraph
    out = page(
        f"<article><h1>Guide</h1><p>{PROSE}</p><div class='admonition note'><p "
        f"class='admonition-title'>Note</p><div class='admonition-content'><p>{PROSE} {PROSE}</p>"
        f"</div></div><p>{PROSE}</p></article>"
    )
    assert out.startswith(PROSE)
    assert "> [!note]" in out


# -- tabs -------------------------------------------------------------------------------------


def test_aria_tabs_show_every_panel_under_its_label() -> None:
    out = converted(
        '<div><ul role="tablist"><li role="tab" aria-selected="true">npm</li>'
        '<li role="tab">yarn</li></ul><div><div role="tabpanel"><pre class="language-sh">'
        'npm i pkg</pre></div><div role="tabpanel" hidden=""><pre class="language-sh">'
        "yarn add pkg</pre></div></div></div>"
    )
    assert out == "**npm**\n\n```sh\nnpm i pkg\n```\n\n**yarn**\n\n```sh\nyarn add pkg\n```\n"


def test_tabs_pair_by_aria_controls() -> None:
    out = converted(
        '<div role="tablist"><a role="tab" aria-controls="p2">Second</a>'
        '<a role="tab" aria-controls="p1">First</a></div>'
        '<div id="p1" role="tabpanel"><p>one</p></div><div id="p2" role="tabpanel" hidden>'
        "<p>two</p></div>"
    )
    assert out == "**First**\n\none\n\n**Second**\n\ntwo\n"


def test_radio_button_tabs_show_every_block() -> None:
    out = converted(
        '<div class="code-group"><div class="tabs"><input type="radio" name="g" id="a" checked>'
        '<label for="a">pnpm</label><input type="radio" name="g" id="b"><label for="b">bun'
        '</label></div><div class="blocks"><div class="language-sh"><pre><code>pnpm add x</code>'
        '</pre></div><div class="language-sh"><pre><code>bun add x</code></pre></div></div></div>'
    )
    assert out == "**pnpm**\n\n```sh\npnpm add x\n```\n\n**bun**\n\n```sh\nbun add x\n```\n"


def test_a_reader_poll_of_radio_buttons_is_not_a_tab_strip() -> None:
    # the story holds the poll; the block after it has as many parts as the poll has answers
    out = fixture_markdown("story-reader-poll")
    assert "The harbour board voted on Monday evening" in out
    assert "reviewed in March" in out
    for part in ("**Somewhat**", "**Moderately**", "Search:"):
        assert part not in out


def test_colour_swatches_on_a_product_card_are_not_tabs() -> None:
    # a listing's product card: radio swatches with labels, then the card's parts (image, price,
    # rating) as many as the swatches, none of them a panel
    swatches = "".join(
        f'<input type="radio" name="c" id="c{i}"><label for="c{i}">Option: {colour}</label>'
        for i, colour in enumerate(("white", "oak", "black"))
    )
    card = (
        f'<div class="card"><a href="/p/1">Bookcase, white, 80x28x202 cm</a>{swatches}</div>'
        '<div class="card-parts"><div class="image">Best seller</div><div class="price">$59.00'
        '</div><button class="rating">(1181)</button></div>'
    )
    body = body_of(card)
    lay_out_tabs(body)
    text = body.text_content()
    assert "Bookcase, white" in text and "$59.00" in text
    assert body.find(".//strong") is None


def test_tabs_named_by_class_show_every_panel_as_one_text() -> None:
    # a WordPress shop theme's tabs: labels named "tab" in a "tabs" strip, the panels in the
    # block after it, no ARIA roles; the panels join the block around them
    body = body_of(
        '<section class="product-tabs"><div class="tabs"><div class="tab active"><h5>'
        'Description</h5></div><div class="tab"><h5>Features</h5></div><div class="arrow">'
        '</div></div><div class="content-wrapper"><div class="content active"><p>The dryer.</p>'
        '</div><div class="content"><ul><li>Cool shot</li></ul></div></div></section>'
    )
    lay_out_tabs(body)
    assert body.find(".//div[@class='tabs']") is None
    wrapper = body.find(".//div[@class='content-wrapper']")
    assert wrapper is not None and [el.tag for el in wrapper] == ["p", "p", "p", "ul"]
    normalize(body, URL)
    assert to_markdown(body) == "**Description**\n\nThe dryer.\n\n**Features**\n\n- Cool shot\n"


def test_tab_labels_linking_to_panels_pair_by_id() -> None:
    out = converted(
        '<ul class="tabs"><li><a href="#specs">Specifications</a></li><li><a href="#about">'
        'About</a></li></ul><div id="about" class="tab-content"><p>Made in Kendal.</p></div>'
        '<div id="specs" class="tab-content"><p>620 g.</p></div>'
    )
    assert out == "**About**\n\nMade in Kendal.\n\n**Specifications**\n\n620 g.\n"


def test_a_tabs_strip_of_links_to_other_pages_is_a_menu() -> None:
    # a shop's category tabs lead to other pages; the cards after them are not panels
    body = body_of(
        '<ul class="nav-tabs"><li class="tab"><a href="/new">New in</a></li><li class="tab">'
        '<a href="/sale">Sale</a></li></ul><div class="grid"><div class="card">Kettle £34</div>'
        '<div class="card">Mug £12</div></div>'
    )
    lay_out_tabs(body)
    assert body.find(".//ul") is not None and body.find(".//strong") is None


def test_hidden_tabs_survive_the_whole_pipeline() -> None:
    out = page(
        f"<article><h1>Guide</h1><p>{PROSE}</p><div role='tablist'><button role='tab'>macOS"
        "</button><button role='tab'>Linux</button></div><div role='tabpanel'><p>Use the "
        "installer.</p></div><div role='tabpanel' style='display: none'><p>Use the package."
        "</p></div></article>"
    )
    assert "**macOS**\n\nUse the installer.\n\n**Linux**\n\nUse the package." in out


# -- region, headings, code ---------------------------------------------------------------------


def test_a_page_of_highlighted_code_keeps_its_prose() -> None:
    # many code blocks of one highlighter class outscore the prose on commas and length
    code = "call(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y)\n" * 4
    blocks = "".join(
        f"<p>Step {i}: {PROSE}</p><div class='highlight-py'><div class='highlight'><pre>{code}"
        "</pre></div></div>"
        for i in range(4)
    )
    out = page(f"<div class='body'><h1>Guide</h1>{blocks}</div>")
    assert out.count("Step ") == 4
    assert out.count("```py") == 4


@pytest.mark.parametrize(
    "anchor",
    [
        '<a class="headerlink" href="#part">¶</a>',
        '<a class="headerlink" href="#part">\uf0c1</a>',  # an icon font's glyph
        '<a class="hash-link" href="#part" aria-label="Direct link">\u200b</a>',
        '<a class="header-anchor" href="#part">#</a>',
        '<a href="#part">🔗</a>',
    ],
)
def test_heading_permalinks_go(anchor: str) -> None:
    assert converted(f"<h2 id='part'>Part{anchor}</h2>") == "## Part\n"


def test_h1_sections_keep_their_level_and_the_title_goes() -> None:
    out = page(
        f"<article><h1>Guide</h1><p>{PROSE}</p><h1>Install</h1><p>{PROSE}</p>"
        f"<h2>From source</h2><p>{PROSE}</p></article>"
    )
    assert "Guide" not in out
    assert "\n# Install\n" in out
    assert "\n## From source\n" in out


def test_the_top_h1_goes_when_the_stated_title_differs() -> None:
    out = page(f"<article><h1>Setup</h1><p>{PROSE}</p><h1>Upgrade</h1><p>{PROSE}</p></article>")
    assert not out.startswith("# Setup")
    assert "# Upgrade" in out


def test_heading_and_code_class_names_do_not_make_them_boilerplate() -> None:
    # a heading styled "anchorTargetStickyNavbar", a highlighter's "token comment" span
    out = page(
        f"<article><h1>Guide</h1><p>{PROSE}</p><h2 class='anchor anchorTargetStickyNavbar_x'>"
        "Usage</h2><pre class='language-js'><code><span class='token keyword'>let</span> a = 1;\n"
        "<span class='token comment'>// a comment</span></code></pre></article>"
    )
    assert "## Usage" in out
    assert "```js\nlet a = 1;\n// a comment\n```" in out


def test_the_language_label_beside_a_code_block_goes() -> None:
    out = converted(
        '<div class="language-sh"><button class="copy" title="Copy Code"></button>'
        '<span class="lang">sh</span><pre><code>npm i</code></pre></div>'
    )
    assert out == "```sh\nnpm i\n```\n"


def test_definition_lists_read_as_terms_and_paragraphs() -> None:
    out = converted(
        "<dl><dt><code>timeout</code></dt><dd>Seconds to wait.</dd><dt>retries</dt>"
        "<dd><p>How many times.</p><p>Zero turns them off.</p></dd></dl>"
    )
    assert out == (
        "**`timeout`**\n\nSeconds to wait.\n\n**retries**\n\nHow many times.\n\n"
        "Zero turns them off.\n"
    )


# -- links ------------------------------------------------------------------------------------

REFERENCES = (
    '<ul><li><a href="https://www.rfc-editor.org/rfc/rfc6265">RFC 6265</a></li>'
    '<li><a href="https://example.net/same-site">Same-site cookies</a></li></ul>'
)


@pytest.mark.parametrize(
    "heading",
    [
        # Sphinx: the id on the section, a pilcrow permalink in the heading
        '<section id="references"><h2>References<a class="headerlink" href="#references">¶</a>'
        "</h2>{list}</section>",
        # MkDocs, Jekyll, VitePress: the id on the heading
        '<h2 id="references">References</h2>{list}',
        # Starlight: the heading and its permalink in a wrapper
        '<div class="sl-heading-wrapper"><h2 id="references">References</h2>'
        '<a class="sl-anchor-link" href="#references">#</a></div>{list}',
        # a README's table of contents, folded in a disclosure
        '<h2 id="toc">Table of Contents</h2><details><summary>Click to expand</summary>{list}'
        "</details>",
        # Retype in the browser: a table's wrapper, its copy button (gone with the controls)
        # before the list's own wrapper
        '<h2 id="references">References</h2><div class="retype-table"><div class="copy">'
        '<button type="button">Copy</button></div><div class="table-wrapper">{list}</div></div>',
        # ...and its folded panel: the toggle's caption under an empty link laid over it
        '<h2 id="toc">Table of Contents</h2><div class="toggle"><div>Click to expand</div>'
        '<a href="#toggle" class="absolute inset-0"></a></div><div class="collapse-content" '
        'style="height: 0px;"><div class="panel">{list}</div></div>',
    ],
)
def test_a_list_of_links_that_is_a_section_body_stays(heading: str) -> None:
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p>{heading.format(list=REFERENCES)}</article>")
    assert "- [RFC 6265](https://www.rfc-editor.org/rfc/rfc6265)" in out
    assert "- [Same-site cookies](https://example.net/same-site)" in out


@pytest.mark.parametrize(
    "heading",
    [
        '<h2 id="related">Related stories</h2>',  # a related-stories label
        "<h2>Elsewhere</h2>",  # a heading no reader can link to: not a document's section
        f"<p>{PROSE}</p>",  # no heading at all
    ],
)
def test_a_list_of_links_under_other_blocks_still_goes(heading: str) -> None:
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p>{heading}{REFERENCES}</article>")
    assert "RFC 6265" not in out


# a README's table of contents as Sphinx (MyST) and MkDocs render it: entries with sub-entries
NESTED_TOC = (
    '<ul class="simple"><li><p><a href="#install">Install</a></p></li>'
    '<li><p><a href="#api">API</a></p><ul><li><p><a href="#parse">.parse</a></p></li>'
    '<li><p><a href="#scan">.scan</a></p></li></ul></li>'
    '<li><p><a href="#options">Options</a></p></li></ul>'
)


@pytest.mark.parametrize(
    "section",
    [
        '<section id="toc"><h2>Contents<a class="headerlink" href="#toc">¶</a></h2>{list}</section>',
        '<h2 id="toc">Table of Contents</h2><details><summary>Click to expand</summary>{list}'
        "</details>",
        # the same with the disclosure flattened to a caption line (a wiki's import of it)
        '<h2><span id="toc">Table of Contents</span></h2><p>Click to expand</p>{list}',
    ],
)
def test_the_sub_entries_of_a_table_of_contents_stay_with_it(section: str) -> None:
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p>{section.format(list=NESTED_TOC)}</article>")
    assert f"- [API]({URL}#api)\n\n  - [.parse]({URL}#parse)\n  - [.scan]({URL}#scan)\n" in out
    assert f"- [Options]({URL}#options)" in out


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # a README's folded table of contents: the label a bold line of its own, unpadded
        (
            "<details><summary> Click to expand </summary><ul><li>Install</li></ul></details>",
            "**Click to expand**\n\n- Install\n",
        ),
        # a label that reads like a list marker stays text
        (
            "<details><summary>1. Options</summary><p>Kept.</p></details>",
            "**1. Options**\n\nKept.\n",
        ),
        # a label bold already, or with bold words in it, is not made bold again
        ("<details><summary><b>Tests</b></summary><p>Kept.</p></details>", "**Tests**\n\nKept.\n"),
        (
            "<details><summary>Run <b>all</b> tests</summary><p>Kept.</p></details>",
            "Run **all** tests\n\nKept.\n",
        ),
        # a label written as a heading (Nextra) is a label, not a section of the page
        (
            "<details><summary><svg></svg><h3> Tests </h3></summary><p>Kept.</p></details>",
            "**Tests**\n\nKept.\n",
        ),
    ],
)
def test_a_disclosure_label_is_a_line_of_its_own(html: str, expected: str) -> None:
    assert converted(html) == expected


# -- Markdown left unrendered in a disclosure (kramdown, Python-Markdown) ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "\n- [Install](#install)\n- [Usage](#usage)\n",  # a folded table of contents
        "\n1. Clone the repository\n2. Run the tests\n",
        "\n```sh\nnpm test\n```\n",
        "\n## Details\n\nMore.\n",
        "Read the [guide](guide.md) first.",
    ],
)
def test_markdown_source_is_recognised(text: str) -> None:
    assert is_markdown_source(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n  \n",
        "A marlin is a fast fish: step [1] of the pipeline, and no more.",
        "Costs -5 points, or *nothing* at all; see section 2.",
        "Prices (in euros) [approximate]",
    ],
)
def test_prose_is_not_markdown_source(text: str) -> None:
    assert not is_markdown_source(text)


def test_markdown_left_as_text_in_a_disclosure_is_rendered() -> None:
    html = (
        "<details><summary>Contents</summary>\n\n- [Install](#install)\n- [API](#api)\n"
        "  * [parse](#parse)\n\n</details>"
    )
    assert converted(html) == (
        f"**Contents**\n\n- [Install]({URL}#install)\n- [API]({URL}#api)\n"
        f"  - [parse]({URL}#parse)\n"
    )


def test_the_indent_of_the_html_is_not_read_as_code() -> None:
    html = (
        "<details>\n    <summary>Specifications</summary>\n    - Weight: 2 kg\n"
        "    - Size: [see the drawing](drawing.pdf)\n</details>"
    )
    assert converted(html) == (
        "**Specifications**\n\n- Weight: 2 kg\n"
        "- Size: [see the drawing](https://docs.example.org/guide/drawing.pdf)\n"
    )


def test_only_the_markdown_runs_of_a_disclosure_are_rendered() -> None:
    # MkDocs renders the fenced block (a highlighter's <div>) and leaves the text around it
    html = (
        "<details><summary>Building docs</summary>\n\n_(Made by [verb](https://verb.test/), "
        "do not edit.)_\n\nRun this:\n\n"
        '<div class="language-sh highlight"><pre><code>npm run docs\n</code></pre></div>\n\n'
        "Then *open* it: 2 * 3 pages.\n</details>"
    )
    assert converted(html) == (
        "**Building docs**\n\n*(Made by [verb](https://verb.test/), do not edit.)*\n\n"
        "Run this:\n\n```sh\nnpm run docs\n```\n\nThen \\*open\\* it: 2 * 3 pages.\n"
    )


def test_markdown_in_other_blocks_stays_text() -> None:
    assert converted("<div>\n- [Install](#install)\n</div>") == "\\- \\[Install](#install)\n"


def test_jekyll_page_with_readme_disclosures() -> None:
    out = fixture_markdown("docs-jekyll-details")
    base = "https://pages.test/docs-jekyll-details/"
    assert out.startswith("Marlin splits a log stream")
    assert (
        f"**Show the contents**\n\n- [Install]({base}#install)\n- [Rules]({base}#rules)\n"
        f"  - [Separators]({base}#separators)\n" in out
    )
    assert "**Accepted formats**\n\n| format | example |\n|---|---|\n| `clock` |" in out
    assert "```js\nmarlin({ stamp: /^\\[(.+?)\\]/ })\n```" in out
    assert f"Read the [contributing guide]({base}.github/contributing.md) first, and **run" in out
    # a disclosure of plain prose stays as it is
    assert (
        "**Why the name?**\n\nA marlin is a fast fish, and this one is quick too: a step [1]" in out
    )
    for furniture in ("Tools", "anchor", "tiller", "Small tools for logs"):
        assert furniture not in out


@pytest.mark.parametrize(
    ("between", "kept"),
    [
        ("<p><b>Ana Ruiz</b></p>", True),  # an author's name over her profile links
        ("<p>Click to expand</p>", True),
        ("", True),
        # a caption that says the links lead elsewhere
        ("<p>See also:</p>", False),
        # a line with a link of its own, or a sentence, is text of the section
        ("<p><a href='/people/ana'>Ana Ruiz</a></p>", False),
        ("<p>She wrote most of the parser and looks after the releases.</p>", False),
    ],
)
def test_a_short_caption_between_a_heading_and_its_link_list(between: str, kept: bool) -> None:
    links = (
        '<ul><li><a href="https://code.test/ana">Code profile</a></li>'
        '<li><a href="https://social.test/@ana">Social profile</a></li></ul>'
    )
    section = f'<h2 id="author">Author</h2>{between}{links}'
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p>{section}<p>{PROSE}</p></article>")
    assert ("[Code profile](https://code.test/ana)" in out) is kept


def test_a_nested_link_list_under_a_related_label_still_goes() -> None:
    related = f'<h2 id="related">Related stories</h2>{NESTED_TOC}'
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p>{related}<p>{PROSE}</p></article>")
    assert ".parse" not in out
    assert "Options" not in out


def test_links_into_the_page_point_at_the_page() -> None:
    out = converted(
        '<h2 id="options"><a href="#options">Options</a></h2>'
        '<p>See <a href="#encode">encoding</a> and <a href="#">nothing</a>.</p>'
    )
    assert out == f"## Options\n\nSee [encoding]({URL}#encode) and nothing.\n"


@pytest.mark.parametrize(
    "heading",
    [
        '<h2 id="options"><a href="#options">Options</a></h2>',  # its own id
        '<section id="options"><h2><a href="#options">Options</a></h2></section>',  # its section's
        '<span id="options"></span><h2><a href="#options">Options</a></h2>',  # a marker before it
        # a hash router's route to this heading (docsify)
        '<h2 id="options"><a href="#/guide?id=options" data-id="options">Options</a></h2>',
    ],
)
def test_a_heading_link_to_itself_goes(heading: str) -> None:
    assert converted(heading).strip() == "## Options"


@pytest.mark.parametrize(
    ("heading", "target"),
    [
        # MyST writes a relative link it cannot resolve as a place in the page
        ('<h3 id="scan"><a href="#lib/scan.js#L12">.scan</a></h3>', "#lib/scan.js#L12"),
        # docsify: the heading's own (empty) anchor, then its link to another page
        (
            '<h3 id="scan"><a href="#/api?id=scan" data-id="scan" class="anchor"><span></span></a>'
            '<a href="#/lib/scan?id=l12">.scan</a></h3>',
            "#/lib/scan?id=l12",
        ),
    ],
)
def test_a_heading_link_to_another_place_stays(heading: str, target: str) -> None:
    assert converted(heading).strip() == f"### [.scan]({URL}{target})"


# -- whole pages -------------------------------------------------------------------------------


def fixture_markdown(case: str) -> str:
    html = (PAGES / case / "index.html").read_text(encoding="utf-8")
    return extract_html(html, url=f"https://pages.test/{case}/").markdown


def test_wiki_lists_under_a_caption_line_stay() -> None:
    # a README imported into a wiki: its folded contents became a caption line over the
    # list, and its author's name a bold line over his profile links
    out = fixture_markdown("docs-wiki-captioned-lists")
    base = "https://pages.test/docs-wiki-captioned-lists/"
    assert (
        "## Contents of this guide\n\nClick to expand\n\n"
        f"- [Install]({base}#install)\n- [Counting a roost]({base}#counting-a-roost)\n"
        f"  - [Marking birds]({base}#marking-birds)\n" in out
    )
    assert (
        "## Maintainers\n\n**Rosa Lindqvist**\n\n"
        "- [Code profile](https://code.example.org/rlindqvist)\n" in out
    )
    for furniture in ("Navigation menu", "Retrieved from", "Recent changes", "Privacy policy"):
        assert furniture not in out


def test_readme_lists_stay_in_a_body_of_written_blocks() -> None:
    # JSDoc's home page: a README whose headings have no ids, spaced with <br>, its contents
    # folded in a <details>; its lists of links are the author's, not the template's
    html = (PAGES / "docs-jsdoc-readme" / "index.html").read_text(encoding="utf-8")
    found = extract_html(html, url="https://pages.test/docs-jsdoc-readme/")
    out, base = found.markdown, "https://pages.test/docs-jsdoc-readme/"
    # the template names the page "Home" (<title>, a heading): the title is the README's own
    assert found.metadata.title == "tallyho"
    assert out.startswith("[![version]")
    assert (
        "## Table of Contents\n\n**Click to expand**\n\n"
        f"- [Install]({base}#install)\n- [Usage]({base}#usage)\n"
        f"  - [Snapshots]({base}#snapshots)\n- [About]({base}#about)\n" in out
    )
    assert (
        "### Author\n\n**Ines Abara**\n\n- [Code profile](https://code.example.org/iabara)\n" in out
    )
    assert "- [histograms](https://code.example.org/tallyho/histograms)\n\nEach of them" in out
    for furniture in ("Documentation generated by", "Global", "Home"):
        assert furniture not in out


def test_react_theme_page_is_the_doc_body() -> None:
    out = fixture_markdown("docs-react-theme")
    assert out.startswith("Tidewater retries a delivery")
    for furniture in (
        "unreleased documentation", "Home", "On this page", "Edit this page", "Last updated",
        "Previous", "Next", "Queues", "Copyright", "\u200b",
    ):  # fmt: skip
        assert furniture not in out
    assert "## Install the client\n\n**npm**\n\n```bash\nnpm install tidewater-client\n```" in out
    assert "**pip**\n\n```bash\npip install tidewater-client\n```" in out
    assert "```python\nfrom tidewater import Client\n" in out
    assert "# waits 1, 2, 4, 8, 16 s\n```" in out
    assert "> [!warning] Idempotent endpoints only\n> A retried request" in out
    assert "### Limits\n\n- At most 20 attempts" in out
    assert "> [!tip]\n> Watch the `delivery.retried` metric" in out


def test_sphinx_theme_page_is_the_doc_body() -> None:
    out = fixture_markdown("docs-sphinx-theme")
    assert out.startswith("larkspur reads the comma-separated logs")
    for furniture in ("View page source", "Previous", "Next", "Copyright", "¶", "\uf0c1", "Search"):
        assert furniture not in out
    assert "```python\nimport larkspur\n\ntable = larkspur.read(" in out
    assert "> [!note]\n> Rows older than" in out
    assert "## Options\n\n**larkspur.read(*path*, *units='raw'*)**\n\nRead one station's" in out
    assert "**Parameters:**" in out
    assert "# Troubleshooting\n\nMost read errors" in out
    # the sub-entries of the page's table of contents stay under their entries
    toc = "https://pages.test/docs-sphinx-theme/#"
    assert (
        f"- [Troubleshooting]({toc}troubleshooting)\n\n  - [Column order]({toc}column-order)" in out
    )
    assert "> [!warning] Before you edit a profile\n> Profiles are shared" in out
    # docutils' footnotes (asides with DPUB-ARIA roles): the note stays, with its code
    assert "after a firmware update[^1]. Compare" in out
    assert out.endswith("[^1]: Firmware `4.2`, build `0x3f`, moved the humidity column.\n")


def test_hash_router_page_keeps_its_heading_links_and_not_its_anchors() -> None:
    out = fixture_markdown("docs-hash-router")
    base = "https://pages.test/docs-hash-router/#/"
    assert out.startswith("Ferrule fastens a value")
    for furniture in ("Overview", "Installing", "Changelog", "Menu"):
        assert furniture not in out
    assert "## API\n\nEvery function" in out
    assert f"### [clamp]({base}src/clamp?id=l12)\n\nReturns the reading" in out
    assert f"See [Limits]({base}reference?id=limits) for the ranges" in out
    assert "```js\nconst { value, moved } = clamp(41.7, 'thermistor')\n```" in out


def test_nextra_theme_page_is_the_doc_body() -> None:
    out = fixture_markdown("docs-nextra-theme")
    assert out.startswith("Quill meters every client")
    for furniture in (
        "Skip to Content", "Search", "CTRL K", "Overview", "Docs", "On This Page", "Edit this page",
        "Scroll to top", "Footnotes", "Installing", "MIT", "Light",
    ):  # fmt: skip
        assert furniture not in out
    assert "## Rates\n\nA key may write" in out
    # the language comes from the page's Markdown source in its flight data; a block fenced
    # without one in the source stays without one
    assert "```js\nconst quota = client.quota()\nconsole.log(quota.remaining)\n```" in out
    assert "```\nburst   2000 records\nrefill  200 records/s\n```" in out
    assert "[^1]: A key rotated within the minute" in out


def test_source_languages_reads_each_fence_of_the_source() -> None:
    source = (
        'Intro.\n\n```ts title="a.ts"\nlet a = 1\n```\n\n'
        "1. Step\n\n   ```bash\n   npm i quill\n\n   quill init\n   ```\n\n"
        "````md\n```\nnested\n```\n````\n\n"
        "```\nplain\n```\n\n~~~python\nplain\n~~~\n\n```sh\necho x\n```\n```js\necho x\n```\n"
    )
    assert source_languages(source) == {
        "let a = 1": "ts",
        "npm i quill\n\nquill init": "bash",  # the list item's indent is not the code's
        "```\nnested\n```": "md",
    }  # "plain" and "echo x" are fenced twice, with different languages: neither is named


@pytest.mark.parametrize(
    "source",
    [
        "```\na\n```",
        "Text ```not a fence\n  ```js\n  x\n  ```\n```\n",
        "````\n```\nin\n```\n````\n```py\nq\n```",
        "~~~\n~~~\n\n```\nunclosed",
        "\n```\n\n```\n```\nb\n```",
    ],
)
def test_fences_are_found_as_the_pattern_finds_them_anywhere(source: str) -> None:
    spans = [(m.start(), m.end()) for m in _fences(source)]
    assert spans == [(m.start(), m.end()) for m in _FENCED.finditer(source)]


def test_flight_data_is_read_alike_in_nextjs_form_and_in_any_other() -> None:
    def source(*scripts: str) -> str:
        markup = "<p>Text.</p>" + "".join(f"<script>{s}</script>" for s in scripts)
        body = dom.parse(markup).find(".//body")
        return _page_source(body)

    canonical = 'self.__next_f.push([1,"A \\"quoted\\" line\\n"])'
    assert source(canonical) == 'A "quoted" line\n'
    # spaced out, or two pushes in one script: read through the pattern
    assert source('self.__next_f.push([ 1 , "a"])', canonical) == 'aA "quoted" line\n'
    assert source('self.__next_f.push([1,"a"]);self.__next_f.push([1,"b"])') == "ab"
    # a script in Next.js's form whose middle is no JSON string: the push the pattern finds
    assert source('self.__next_f.push([1,"a"]) + ("b"])') == "a"
    assert source('self.__next_f.push([1,"\\x"])') == ""  # (no JSON escape)


def test_code_takes_no_language_from_a_script_that_is_not_the_pages_source() -> None:
    push = 'self.__next_f.push([1,"```js\\nconsole.log(1)\\n```"])'
    doc = f"<pre><code>console.log(1)</code></pre><p>{PROSE}</p>"
    assert "```js\nconsole.log(1)" in page(f"{doc}<script>{push}</script>")
    other = push.replace("self.__next_f.push", "window.data.push")
    assert "```\nconsole.log(1)" in page(f"{doc}<script>{other}</script>")
    # a block that names its language keeps it
    named = '<pre><code class="language-ts">console.log(1)</code></pre>'
    assert "```ts\nconsole.log(1)" in page(f"{named}<p>{PROSE}</p><script>{push}</script>")


@pytest.mark.browser
def test_rendered_capture_keeps_the_tab_panels_a_tab_strip_hides(pages_url: str) -> None:
    """Through Chromium: the hidden tab panel (display: none) is captured and extracted."""
    options = Options(timeout_ms=15_000, network_idle_ms=1_000, scroll=False)
    out = api.extract(pages_url + "docs-react-theme/", options).markdown
    assert "**npm**\n\n```bash\nnpm install tidewater-client\n```" in out
    assert "**pip**\n\n```bash\npip install tidewater-client\n```" in out
    assert "unreleased documentation" not in out


def test_code_in_a_language_tab_takes_the_tab_language() -> None:
    out = converted(
        '<div role="tablist"><span role="tab">Python</span><span role="tab">Go</span>'
        '<span role="tab">Output</span></div><div role="tabpanel"><pre>print("hi")</pre></div>'
        '<div role="tabpanel" hidden><pre class="language-golang">fmt.Println("hi")</pre></div>'
        '<div role="tabpanel" hidden><pre>hi</pre></div>'
    )
    assert '**Python**\n\n```python\nprint("hi")\n```' in out
    assert '**Go**\n\n```golang\nfmt.Println("hi")\n```' in out  # the block's own language wins
    assert "**Output**\n\n```\nhi\n```" in out


def test_a_section_whose_id_is_its_heading_is_not_named_boilerplate() -> None:
    # generators give each section the slug of its heading: "Prerelease tags", "Share links"
    out = page(
        f"<article><h1>Guide</h1><p>{PROSE}</p><section id='prerelease-tags'><h2>Prerelease "
        f"tags</h2><p>{PROSE}</p></section><section id='share-links-1'><h2>Share links</h2>"
        f"<p>{PROSE}</p></section><div id='share'><h3>Share this page</h3><p><a href='/s'>"
        "Send</a></p></div></article>"
    )
    assert "## Prerelease tags" in out
    assert "## Share links" in out
    assert "Share this page" not in out  # an id that is not its heading's slug still counts


def test_a_heading_after_an_empty_anchor_is_not_escaped() -> None:
    out = page(f"<section><span id='old-anchor'></span><h2>Install</h2><p>{PROSE}</p></section>")
    assert out.startswith("## Install\n")


@pytest.mark.parametrize("hidden", ["sr-only", "x:sr-only"])  # plain, under Nextra's prefix
def test_a_screen_reader_only_heading_still_goes(hidden: str) -> None:
    out = page(
        f"<article><h1>Guide</h1><p>{PROSE}</p><section class='footnotes'><h2 class='{hidden}' "
        "id='footnote-label'>Footnotes</h2><ol><li>A note.</li></ol></section></article>"
    )
    assert "Footnotes" not in out
    assert "A note." in out


def test_a_heading_shown_again_by_a_prefixed_utility_stays() -> None:
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p><h2 class='x:not-sr-only'>Notes</h2>"
               f"<p>{PROSE}</p></article>")  # fmt: skip
    assert "## Notes" in out


def test_utility_classes_do_not_name_a_block_content() -> None:
    # "x:text-sm" holds "text": a style, not a name that vouches for a breadcrumb
    crumbs = '<div class="nextra-breadcrumb x:flex x:text-sm"><a href="/">Docs</a><span>Guide</span></div>'
    out = page(f"<article>{crumbs}<h1>Guide</h1><p>{PROSE}</p></article>")
    assert "Docs" not in out
    assert out.startswith(PROSE[:20])


@pytest.mark.parametrize("klass", ["x:print:hidden", "print:hidden", "x:mb-8 x:md:print:hidden"])
def test_what_a_utility_class_hides_from_print_goes(klass: str) -> None:
    pager = f'<div class="{klass}"><a href="/install" title="Installing">Installing</a></div>'
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p>{pager}</article>")
    assert "Installing" not in out
    shown = page(
        f"<article><h1>Guide</h1><p>{PROSE}</p><p class='print:text-black'>Kept.</p></article>"
    )
    assert "Kept." in shown


def test_code_that_reads_like_page_furniture_stays() -> None:
    # a one-line highlighted block whose only token reads like a junk line or a byline
    blocks = "".join(
        f'<pre class="language-python"><code><span class="{cls}">{word}</span></code></pre>'
        for cls, word in (("nb", "print"), ("n author", "comments"))
    )
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p>{blocks}<p>{PROSE}</p></article>")
    assert "```python\nprint\n```" in out
    assert "```python\ncomments\n```" in out


@pytest.mark.parametrize(
    "heading",
    [
        '<h2 id="authors">Authors<a class="headerlink" href="#authors">¶</a></h2>',
        '<section id="authors"><h2>Authors</h2></section>',
    ],
)
def test_a_section_named_authors_is_no_byline(heading: str) -> None:
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p>{heading}<p>{PROSE}</p></article>")
    assert "## Authors" in out


def test_a_byline_styled_heading_without_its_own_anchor_still_goes() -> None:
    out = page(f'<article><h1>Guide</h1><h5 class="author">By Ann Lee</h5><p>{PROSE}</p></article>')
    assert "Ann Lee" not in out


def test_mediawiki_page_is_the_article_without_edit_links() -> None:
    # MediaWiki 1.39, legacy Vector: headings hold their id on an inner span and an "[edit]"
    # link; SyntaxHighlight names the language on the block's wrapper
    out = fixture_markdown("docs-mediawiki")
    assert out.startswith("A **tern logger** is the small geolocator")
    for furniture in ("[edit]", "edit]", "Jump to", "Contents", "Retrieved from", "Category",
                      "Field equipment", "last edited", "Navigation", "Log in", "Disclaimers"):  # fmt: skip
        assert furniture not in out
    assert "## Fitting a logger\n\nCatch the bird" in out
    assert "### Ring sizes\n\nArctic terns" in out
    assert "```python\nfrom ternlog import read_logger\n" in out
    # a link to a page not written yet (a red link, "action=edit&redlink=1") is article text
    assert "[equipment register](https://pages.test/w/index.php?title=Equipment_register" in out
    # the headline's id is its own text: no page part's name ("sharing")
    assert "## Sharing the data\n\nTracks go to the seabird tracking archive" in out
    # the links of an anchored section are its content
    assert "## Suppliers\n\n- [Brightwater Loggers](https://loggers.example.com/)" in out
    assert out.endswith("- [North Sound Tags](https://tags.example.net/)\n")


@pytest.mark.parametrize(
    "heading",
    [
        # MediaWiki 1.41 on: the edit link beside the heading, in its wrapper
        '<div class="mw-heading mw-heading2"><h2 id="Wiring">Wiring</h2><span class="mw-editsection">'
        '<span class="mw-editsection-bracket">[</span><a href="/w/index.php?title=Pump&amp;'
        'action=edit&amp;section=2" title="Edit section: Wiring"><span>edit</span></a>'
        '<span class="mw-editsection-bracket">]</span></span></div>',
        # a wiki with the visual editor: "[edit | edit source]"
        '<h2><span class="mw-headline" id="Wiring">Wiring</span><span class="mw-editsection">'
        '<span class="mw-editsection-bracket">[</span><a href="/w/index.php?title=Pump&amp;'
        'veaction=edit&amp;section=2" class="mw-editsection-visualeditor">edit</a>'
        '<span class="mw-editsection-divider"> | </span><a href="/w/index.php?title=Pump&amp;'
        'action=edit&amp;section=2">edit source</a><span class="mw-editsection-bracket">]</span>'
        "</span></h2>",
    ],
)
def test_a_headings_edit_link_leaves_it(heading: str) -> None:
    out = page(f"<p>{PROSE}</p>{heading}<p>{PROSE} The pump's wiring.</p>")
    assert "## Wiring\n\nA paragraph" in out
    assert "edit" not in out


def test_an_edit_link_that_is_no_headings_stays() -> None:
    # a line of text that offers to edit a section is no heading's control
    out = page(
        f"<p>{PROSE}</p><h2 id='w'>Wiring</h2><p>{PROSE}</p><p>Spotted a mistake? <a href="
        "'/w/index.php?title=Pump&amp;action=edit&amp;section=2'>Edit this section</a> and "
        "say why in the summary.</p>"
    )
    assert "[Edit this section](https://docs.example.org/w/index.php?title=Pump&action=edit" in out


def test_a_list_under_a_heading_with_a_named_anchor_is_its_content() -> None:
    # the heading's place is an anchor inside it (<a name>, as older editors write it)
    links = "".join(f"<li><a href='https://{n}.example.com/'>{n} supplies</a></li>" for n in
                    ("alder", "birch", "cedar"))  # fmt: skip
    out = page(f"<p>{PROSE}</p><h2><a name='suppliers'></a>Suppliers</h2><ul>{links}</ul>")
    assert "## Suppliers\n\n- [alder supplies](https://alder.example.com/)" in out


@pytest.mark.parametrize("title", ["Social media", "Release date", "Related projects", "Tags"])
def test_a_heading_is_kept_when_its_headline_id_holds_a_boilerplate_word(title: str) -> None:
    # MediaWiki to 1.40: the id is on the headline span, the slug of the heading's text
    span_id = title.replace(" ", "_")
    heading = f'<h2><span class="mw-headline" id="{span_id}">{title}</span></h2>'
    out = page(f"<p>{PROSE}</p>{heading}<p>{PROSE}</p>")
    assert f"## {title}\n\nA paragraph" in out


def test_a_span_named_for_a_page_part_inside_a_heading_still_goes() -> None:
    # an id that is not the heading's own text names a page part ("share" buttons)
    heading = '<h2>Wiring <span id="share-links">Share</span></h2>'
    out = page(f"<p>{PROSE}</p>{heading}<p>{PROSE}</p>")
    assert "## Wiring\n" in out and "Share" not in out


@pytest.mark.parametrize(
    ("heading", "shown"),
    [
        # a docs theme's page actions beside the title, mounted by its script (Retype)
        (
            '<h2 id="install">Install<div class="page-actions"><button type="button" '
            'title="Copy page as Markdown"><span>Copy</span></button></div></h2>',
            "## Install",
        ),
        ('<h2>Where to buy<button aria-label="Share">Share</button></h2>', "## Where to buy"),
        # an accordion's header (the WAI-ARIA pattern): the button holds the heading's words
        (
            '<h2><button aria-expanded="false" aria-controls="a1">How long does delivery '
            "take?</button></h2>",
            "## How long does delivery take?",
        ),
        (
            '<h2><span>1.</span><button aria-expanded="true">Choose a plan</button></h2>',
            "Choose a plan",
        ),
    ],
)
def test_a_button_in_a_heading_is_its_header_or_an_action_beside_it(
    heading: str, shown: str
) -> None:
    out = page(f"<article><h1>Guide</h1><p>{PROSE}</p>{heading}<p>{PROSE}</p></article>")
    assert shown in out
    assert "Copy" not in out and "Share" not in out
