from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import HtmlElement

from extractor import dom
from extractor.normalize.core import normalize
from extractor.normalize.images import best_of_srcset
from extractor.pipeline import extract_html
from extractor.records import Step

BASE = "https://blog.example.org/posts/2024/entry.html"


def region_of(body: str) -> HtmlElement:
    doc = dom.parse(f"<html><body><article>{body}</article></body></html>", base_url=BASE)
    found = doc.find(".//article")
    assert found is not None
    return found


def run(body: str) -> tuple[HtmlElement, dict[str, Step]]:
    region = region_of(body)
    steps = normalize(region, BASE)
    return region, {s.name: s for s in steps}


def attr(region: HtmlElement, path: str, name: str) -> list[str]:
    return [str(el.get(name)) for el in region.iterfind(path)]


# -- URLs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "path", "name", "expected"),
    [
        ('<a href="../x.html">x</a>', ".//a", "href", "https://blog.example.org/posts/x.html"),
        ('<a href="/top">x</a>', ".//a", "href", "https://blog.example.org/top"),
        ('<a href="//cdn.example.net/a">x</a>', ".//a", "href", "https://cdn.example.net/a"),
        ('<a href="mailto:a@b.c">mail</a>', ".//a", "href", "mailto:a@b.c"),
        (
            '<img src="pics/a.png" alt="">',
            ".//img",
            "src",
            "https://blog.example.org/posts/2024/pics/a.png",
        ),
        (
            '<video src="v.mp4" poster="p.jpg"></video>',
            ".//video",
            "poster",
            "https://blog.example.org/posts/2024/p.jpg",
        ),
    ],
)
def test_absolute_urls(body: str, path: str, name: str, expected: str) -> None:
    region, _ = run(body)
    assert attr(region, path, name) == [expected]


def test_base_href_is_respected() -> None:
    doc = dom.parse(
        '<html><head><base href="/static/v2/"></head><body><article><a href="x.html">x</a>'
        "</article></body></html>"
    )
    region = doc.find(".//article")
    normalize(region, BASE)
    assert attr(region, ".//a", "href") == ["https://blog.example.org/static/v2/x.html"]


# -- lazy images ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # data-src behind a grey data: placeholder
        ('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/a.jpg">', "/a.jpg"),
        ('<img src="/static/blank.gif" data-lazy-src="/b.jpg">', "/b.jpg"),
        ('<img data-original="/c.jpg">', "/c.jpg"),
        # the largest srcset candidate wins
        ('<img src="/small.jpg" srcset="/s.jpg 320w, /l.jpg 1600w, /m.jpg 800w">', "/l.jpg"),
        ('<img data-srcset="/a1.jpg 1x, /a2.jpg 2x" src="data:,">', "/a2.jpg"),
        # <picture><source> holds the real URL
        ('<picture><source srcset="/p.webp 1200w"><img src="data:,"></picture>', "/p.webp"),
        # a <noscript> copy next to a script-only image
        ('<img class="lazy" src="data:,"><noscript><img src="/n.jpg"></noscript>', "/n.jpg"),
        # a plain image stays as it is
        ('<img src="/plain.png" alt="x">', "/plain.png"),
    ],
)
def test_lazy_images(body: str, expected: str) -> None:
    region, _ = run(body)
    assert attr(region, ".//img", "src") == ["https://blog.example.org" + expected]
    assert region.find(".//img").get("data-src") is None
    assert region.find(".//source") is None and region.find(".//noscript") is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Vue Router's link as an in-DOM template writes it, before the app mounts
        ('<p>See <router-link to="/guide/">the guide</router-link>.</p>', ["/guide/"]),
        # Retype's link to a place in the page, before its script runs
        (
            '<p>An <doc-anchor-trigger to="#options">object</doc-anchor-trigger>.</p>',
            ["#options"],
        ),
        ('<p><nuxt-link to="../x.html">x</nuxt-link></p>', ["../x.html"]),
        # a bound expression, a word, an element that is no custom one, or one around a link
        ("<p><router-link :to=\"{ name: 'home' }\">home</router-link></p>", []),
        ('<p><my-tab to="left">left</my-tab></p>', []),
        ('<p><span to="/x">x</span></p>', []),
        ('<p><my-card to="/a"><a href="/b">b</a></my-card></p>', ["/b"]),
    ],
)
def test_links_a_script_has_yet_to_make(body: str, expected: list[str]) -> None:
    region = region_of(body)
    normalize(region, BASE, skip=("absolute-urls",))
    assert attr(region, ".//a", "href") == expected


def test_image_without_real_url_is_dropped() -> None:
    region, steps = run('<p>Text</p><img src="data:image/png;base64,iVBOR" alt="loading">')
    assert region.find(".//img") is None
    assert steps["placeholder-images"].removed == 1


@pytest.mark.parametrize(
    "body",
    [
        '<img src="/t.gif" width="1" height="1">',
        # a spacer a pixel high that indents a reply in a table layout (Hacker News' s.gif)
        '<img src="/s.gif" height="1" width="40">',
        '<img src="https://www.facebook.com/tr?id=1&ev=PageView">',
        '<img src="https://sb.scorecardresearch.com/p?c1=2">',
    ],
)
def test_tracking_pixels_dropped(body: str) -> None:
    region, steps = run(f"<p>Text</p>{body}")
    assert region.find(".//img") is None
    assert steps["tracking-pixels"].removed + steps["placeholder-images"].removed == 1


def test_a_picture_with_one_stated_size_of_zero_is_no_pixel() -> None:
    # a responsive picture whose height the page sets once laid out keeps its caption
    region, steps = run(
        '<figure><img src="/lite.jpg" alt="" width="570" height="0">'
        "<figcaption>The light app, now in eleven countries.</figcaption></figure>"
    )
    assert attr(region, ".//img", "src") == ["https://blog.example.org/lite.jpg"]
    assert steps["tracking-pixels"].removed == 0
    assert dom.text_of(region.find(".//figcaption")) == "The light app, now in eleven countries."


@pytest.mark.parametrize(
    ("srcset", "expected"),
    [
        ("a.jpg 100w, b.jpg 300w", "b.jpg"),
        ("a.jpg, b.jpg 2x", "b.jpg"),
        ("https://x.org/a,b.jpg 100w, https://x.org/c.jpg 50w", "https://x.org/a,b.jpg"),
        ("data:image/gif;base64,AAAA 1x", None),
        ("", None),
    ],
)
def test_best_of_srcset(srcset: str, expected: str | None) -> None:
    assert best_of_srcset(srcset) == expected


# -- figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '<figure class="wp-block-image"><a href="/big.jpg"><img src="/a.jpg" alt="A"></a>'
        "<figcaption>A cat asleep.</figcaption></figure>",
        '<div class="wp-caption aligncenter"><img src="/a.jpg" alt="A">'
        '<p class="wp-caption-text">A cat asleep.</p></div>',
        '<figure><div class="media"><img src="/a.jpg" alt="A"></div><div class="caption">'
        '<span class="caption-text">A cat asleep.</span></div></figure>',
    ],
)
def test_figures_take_one_shape(body: str) -> None:
    region, _ = run(body)
    figure = region.find(".//figure")
    assert figure is not None
    assert [child.tag for child in figure] == ["img", "figcaption"]
    assert dom.text_of(figure.find("figcaption")) == "A cat asleep."


def test_figure_caption_and_credit_merge() -> None:
    region, _ = run(
        '<figure><img src="/a.jpg"><span class="caption">Harbour at dawn.</span>'
        '<span class="credit">Photo: Jo Lin</span></figure>'
    )
    assert dom.text_of(region.find(".//figcaption")) == "Harbour at dawn. Photo: Jo Lin"


@pytest.mark.parametrize(
    "body",
    [
        '<img src="/a.jpg"><p class="caption">A cat asleep.</p>',
        '<a href="/big.jpg"><img src="/a.jpg"></a>\n<span class="img-caption">A cat asleep.</span>',
        '<div class="photo"><img src="/a.jpg"></div><div class="caption-wrap">'
        '<p class="image-caption">A cat asleep.</p></div>',
    ],
)
def test_a_caption_right_under_a_picture_joins_it(body: str) -> None:
    region, _ = run(f"<p>Before.</p>{body}<p>After.</p>")
    figure = region.find(".//figure")
    assert figure is not None
    assert [child.tag for child in figure] == ["img", "figcaption"]
    assert dom.text_of(figure.find("figcaption")) == "A cat asleep."
    assert dom.text_of(region) == "Before. A cat asleep. After."


def test_a_caption_after_text_is_not_a_picture_caption() -> None:
    region, _ = run('<img src="/a.jpg"> Some words.<p class="caption">Not its caption.</p>')
    assert region.find(".//figure") is None


def test_captions_without_their_picture_go() -> None:
    region, steps = run(
        '<figure><img src="data:image/gif;base64,R0lGOD"><figcaption>Lost.</figcaption></figure>'
        "<figure><pre>ls</pre><figcaption>Listing 1</figcaption></figure>"
    )
    assert steps["orphan-captions"].removed == 1
    assert steps["orphan-captions"].samples == ("Lost.",)
    assert [dom.text_of(c) for c in region.iter("figcaption")] == ["Listing 1"]


def test_a_title_that_says_something_new_becomes_the_caption() -> None:
    region, _ = run(
        '<p><img src="/up/logger-800x533.jpg" alt="A logger" title="The logger on the reef, '
        'at eight metres."></p><p>Readings every ten minutes.</p>'
    )
    assert dom.text_of(region.find(".//figcaption")) == "The logger on the reef, at eight metres."


@pytest.mark.parametrize(
    "body",
    [
        # WordPress titles an upload after its file
        '<p><a href="/up/Screen-Shot-2012-10-17-at-12.04.43-PM.png"><img alt="" '
        'src="/up/Screen-Shot-2012-10-17-at-12.04.43-PM.png" '
        'title="Screen Shot 2012-10-17 at 12.04.43 PM"></a></p>',
        '<p><img src="/up/squash-pear-soup-500-2.jpg" title="squash &amp; pear soup"></p>',
        # the product's name, in the link right under its picture
        '<div><img src="/p/7059652.jpg" title="Bambino Plus Espresso Machine"></div>'
        '<h3><a href="/p/bambino">Bambino Plus Espresso Machine</a></h3>',
        # a member's badge in a forum post: the title is its tooltip
        '<div class="badge"><img src="/i/b/pep-bb5.png" title="BB5 badge (verified skill)"></div>',
        '<p><img class="user-avatar" src="/u/12.png" title="Posted by a moderator"></p>',
    ],
)
def test_a_title_that_is_a_file_name_a_repeat_or_a_tooltip_is_no_caption(body: str) -> None:
    region, _ = run(body + "<p>The post goes on after the picture.</p>")
    assert region.find(".//figcaption") is None
    assert region.find(".//img") is not None


def test_image_next_to_prose_is_not_a_figure() -> None:
    region, _ = run('<div class="image"><img src="/a.jpg"><p>' + "Long text. " * 60 + "</p></div>")
    assert region.find(".//figure") is None


# -- code -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ('<pre><code class="language-python">x = 1</code></pre>', "python"),
        ('<pre class="lang-js"><code>x = 1</code></pre>', "js"),
        ('<div class="highlight-source-rust"><pre>x = 1</pre></div>', "rust"),
        ('<pre class="brush: ruby">x = 1</pre>', "ruby"),
        ('<pre data-lang="go">x = 1</pre>', "go"),
        # MediaWiki's SyntaxHighlight names it on the wrapper, after its own class
        (
            '<div class="mw-highlight mw-highlight-lang-lua mw-content-ltr" dir="ltr"><pre>'
            "<span></span>x = 1</pre></div>",
            "lua",
        ),
        ('<div class="sourceCode"><pre class="sourceCode haskell">x = 1</pre></div>', "haskell"),
        ('<div class="language-ruby highlighter-rouge"><pre>x = 1</pre></div>', "ruby"),
        ('<pre><code class="nohighlight">x = 1</code></pre>', None),
        # Sphinx: a block written without a language is "highlight-default" (its lexer guesses)
        (
            '<div class="highlight-default notranslate"><div class="highlight"><pre>x = 1</pre>'
            "</div></div>",
            None,
        ),
        ('<div lang="en"><pre>x = 1</pre></div>', None),
        # Hexo: the figure around the gutter and code table names it in its second class word
        (
            '<figure class="highlight js"><table><tr><td class="gutter"><pre>1</pre></td>'
            '<td class="code"><pre>x = 1</pre></td></tr></table></figure>',
            "js",
        ),
        (
            '<figure class="highlight plaintext"><table><tr><td class="code"><pre>x = 1</pre>'
            "</td></tr></table></figure>",
            None,
        ),
        # a figure around a block is no highlighter's unless so named
        ('<figure class="wide js"><pre>x = 1</pre></figure>', None),
        # the code's one class word, when it is a language's name (TypeDoc, GeSHi on the <pre>)
        ('<pre><code class="sh">x = 1</code><button>Copy</button></pre>', "sh"),
        ('<pre class="javascript" style="font-family:monospace;">x = 1</pre>', "javascript"),
        ('<pre><code class="TypeScript">x = 1</code></pre>', "typescript"),
        # ...not a word that names no language, nor one among other class words
        ('<pre><code class="output">x = 1</code></pre>', None),
        ('<pre><code class="text">x = 1</code></pre>', None),
        ('<pre class="prettyprint">x = 1</pre>', None),
        ('<pre><code class="wrap sh">x = 1</code></pre>', None),
    ],
)
def test_code_language(body: str, lang: str | None) -> None:
    region, _ = run(body)
    pre = region.find(".//pre")
    assert pre.get("data-lang") == lang
    assert pre.text == "x = 1" and len(pre) == 0


@pytest.mark.parametrize(
    "body",
    [
        # Prism: a gutter span after the code
        '<pre class="line-numbers"><code>a()\nb()<span class="line-numbers-rows">'
        "<span></span><span></span></span></code></pre>",
        # one .lineno per line
        '<pre><span class="lineno">1 </span>a()\n<span class="lineno">2 </span>b()</pre>',
        # a gutter column in a table (Rouge / Hexo)
        '<figure class="highlight"><table><tr><td class="gutter"><pre>1\n2</pre></td>'
        '<td class="code"><pre>a()\nb()</pre></td></tr></table></figure>',
        # a copy button inside the wrapper, lines as block elements
        '<div class="code-block"><button>Copy code</button><pre><div class="line">a()</div>'
        '<div class="line">b()</div></pre></div>',
        # lines split by <br>
        "<pre>a()<br>b()</pre>",
    ],
)
def test_code_text_without_chrome(body: str) -> None:
    region, _ = run(body)
    pres = region.findall(".//pre")
    assert len(pres) == 1
    assert pres[0].text == "a()\nb()"
    assert region.find(".//button") is None and region.find(".//table") is None


# -- footnotes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        # Pandoc / markdown-it
        '<p>Claim.<sup id="fnref1"><a href="#fn1" class="footnote-ref">1</a></sup></p>'
        '<section class="footnotes"><hr><ol><li id="fn1"><p>Source A. '
        '<a href="#fnref1" class="footnote-back">↩︎</a></p></li></ol></section>',
        # Wikipedia
        '<p>Claim.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup></p>'
        '<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink">'
        '<a href="#cite_ref-1">^</a></span> <span class="reference-text">Source A.</span></li></ol>',
        # a named anchor in a notes paragraph, same-page absolute href
        f'<p>Claim.<a href="{BASE}#n1">(1)</a></p><div class="endnotes">'
        '<p><a name="n1"></a>Source A.</p></div>',
    ],
)
def test_footnotes(body: str) -> None:
    region, _ = run(body)
    refs = region.findall(".//sup[@data-footnote-ref]")
    notes = region.findall(".//*[@data-footnote]")
    assert [r.get("data-footnote-ref") for r in refs] == ["1"]
    assert [n.get("data-footnote") for n in notes] == ["1"]
    assert dom.text_of(notes[0]) == "Source A."
    assert refs[0].getparent().text_content() == "Claim.1"


def test_in_page_link_that_is_no_footnote_stays() -> None:
    region, _ = run('<p>See <a href="#part-2">2</a>.</p><h2 id="part-2">Part 2</h2>')
    assert region.find(".//sup") is None and region.find(".//a") is not None


def test_a_references_sections_permalink_is_no_footnote() -> None:
    # Sphinx: the section's id is "references"; its heading's pilcrow points at it
    region, _ = run(
        '<section id="references"><h2>References<a class="headerlink" href="#references">¶</a>'
        '</h2><ul><li><a href="https://example.net/rfc">RFC 6265</a></li></ul></section>'
    )
    assert region.find(".//sup") is None and region.find(".//*[@data-footnote]") is None
    assert dom.text_of(region.find(".//h2")) == "References"


# -- links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "text", "links"),
    [
        ('<p>A<a href="/x"></a>B</p>', "AB", 0),
        ('<p><a name="top"></a>Top</p>', "Top", 0),
        ('<p><a href="javascript:void(0)">Click</a> here</p>', "Click here", 0),
        ('<p><a href="#">Top</a></p>', "Top", 0),
        ('<h2 id="s">Section<a class="anchor" href="#s">#</a></h2>', "Section", 0),
        ('<h2 id="s"><a href="#s" aria-hidden="true">¶</a>Section</h2>', "Section", 0),
        ('<p><a href="/x"><img src="/i.png" alt=""></a></p>', "", 1),
        ('<p><a href="/x">kept</a></p>', "kept", 1),
    ],
)
def test_links(body: str, text: str, links: int) -> None:
    region, _ = run(body)
    assert dom.text_of(region) == text
    assert len(region.findall(".//a")) == links


@pytest.mark.parametrize(
    ("skip", "kept"),
    [
        ((), "https://blog.example.org/a.jpg"),
        (("placeholder-images",), "data:,"),
        (("absolute-urls",), "/a.jpg"),
    ],
)
def test_steps_can_be_skipped(skip: tuple[str, ...], kept: str) -> None:
    region = region_of('<p>x</p><img src="data:," data-src="/a.jpg">')
    steps = normalize(region, BASE, skip=skip)
    assert attr(region, ".//img", "src") == [kept]
    assert not {s.name for s in steps} & set(skip)


# -- an ordered list's numbers printed again in its items ----------------------------------


@pytest.mark.parametrize(
    ("body", "kept", "gone"),
    [
        # a how-to's number boxes, "Step N" badges, a list that starts further on
        (
            "<ol><li><div class='stepnum'>1</div><p>Water it.</p></li>"
            "<li><div class='stepnum'>2.</div><p>Tip it out.</p></li></ol>",
            ["Water it.", "Tip it out."],
            ["1", "2."],
        ),
        (
            "<ol start='4'><li><span>Step 4</span> <p>Feed it.</p></li></ol>",
            ["Feed it."],
            ["Step 4"],
        ),
        (  # an item that sets its own number, and the one after it
            "<ol><li value='7'><span>7</span> <p>Seven.</p></li>"
            "<li><span>8</span> <p>Eight.</p></li></ol>",
            ["Seven.", "Eight."],
            ["7", "8"],
        ),
        # not the item's number, in a link, after the item's own text, all the item says,
        # a list that counts down, an unordered list
        ("<ol><li><span>2019</span> <p>First cutting.</p></li></ol>", ["2019"], []),
        ("<ol><li><a href='#r1'>1</a> <p>A note.</p></li></ol>", ["1"], []),
        ("<ol><li>Pot <span>1</span> <p>A note.</p></li></ol>", ["1"], []),
        ("<ol><li><span>1</span></li><li><span>2</span></li></ol>", ["1", "2"], []),
        ("<ol reversed><li><span>1</span> <p>Last.</p></li></ol>", ["1"], []),
        ("<ul><li><span>1</span> <p>Bullet.</p></li></ul>", ["1"], []),
    ],
)
def test_an_items_own_number_goes(body: str, kept: list[str], gone: list[str]) -> None:
    region, steps = run(body)
    texts = [dom.fold(el.text_content()) for el in region.iter("span", "div", "p", "a")]
    for text in kept:
        assert text in texts
    for text in gone:
        assert text not in texts
    assert steps["list-numbers"].removed == len(gone)


def test_a_how_tos_step_boxes_leave_the_numbering_to_the_list() -> None:
    page = Path(__file__).parent / "pages" / "article-howto-step-numbers" / "index.html"
    md = extract_html(page.read_text("utf-8"), url="https://balcony.test/re-pot/").markdown
    assert "1. **Water the day before.**" in md and "3. **Tease the circling" in md
    assert "4. Feed after" in md and "Step 4" not in md
    # a box that is not its item's number stays
    assert "1. 2019" in md and "2. 7" in md


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # a timeline's date box against the title it dates
        (
            '<li><span class="timeline-date">2/21</span><a href="/p">Help</a></li>',
            "2/21 Help",
        ),
        # a <time> between an author and a reading time, parted by the layout only
        (
            "<div><span>Aino</span><time>3/14/25</time><span>2 min</span></div>",
            "Aino 3/14/25 2 min",
        ),
        ("<p>Posted<span class='post-date'>May 2</span>.</p>", "Posted May 2."),
        # spaced already, or touching a mark: unchanged
        ("<p>On <time>May 2</time>, it rained.</p>", "On May 2, it rained."),
        ("<p>(<time>2024</time>)</p>", "(2024)"),
        # not a date's box ("timeline", "update"): unchanged
        ("<p><span class='timeline'>Ab</span><span class='update'>cd</span></p>", "Abcd"),
    ],
)
def test_a_date_laid_out_apart_keeps_a_space_from_its_neighbours(body: str, text: str) -> None:
    region, _ = run(f"<div>{body}</div>")
    assert dom.fold(dom.text_content(region)) == text


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # a comment's header: the author's link and the age, boxes of a flex row
        (
            "<div class='d-flex text-muted'><a href='/u/kestrel'>kestrel</a>"
            "<span class='ms-1'>3 hours ago</span></div>",
            "kestrel 3 hours ago",
        ),
        # Tailwind's flex row of badges
        ("<div class='flex gap-1'><span>OP</span><span>Mod</span></div>", "OP Mod"),
        # spaced already, or touching a mark: unchanged
        (
            "<div class='d-flex'><span>kestrel</span> <span>3 hours ago</span></div>",
            "kestrel 3 hours ago",
        ),
        ("<div class='flex'><span>$</span><span>49</span></div>", "$49"),
        # not a flex container ("flexible", "flex-fill" name no layout of the children)
        ("<div class='flexible'><span>Ab</span><span>cd</span></div>", "Abcd"),
        ("<p><span class='d-flex'>Ab</span><span>cd</span></p>", "Abcd"),
    ],
)
def test_the_boxes_of_a_flex_row_keep_a_space_between_them(body: str, text: str) -> None:
    region, _ = run(f"<div>{body}</div>")
    assert dom.fold(dom.text_content(region)) == text


def test_flex_spacing_is_a_step_of_its_own() -> None:
    body = "<div><div class='d-flex'><span>OP</span><span>Mod</span></div></div>"
    region = region_of(body)
    normalize(region, BASE, skip=("flex-spacing",))
    assert dom.fold(dom.text_content(region)) == "OPMod"
