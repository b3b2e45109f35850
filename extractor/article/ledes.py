"""The lede above the article body joins the region.

Many templates print the opening paragraphs of a story (the lede, an introduction to a guide)
in a block of their own above the body: an "intro" section beside the byline, a page
builder's text widget before the body's column. The body then wins the region on its prose,
and the opening is lost. Paragraphs of prose that come before the region inside its parent or
grandparent, and add less than the region holds, join it, before it.

Where those paragraphs are the children of one body of written text (a block holding nothing
but paragraphs, headings, lists, quotes, code and tables: what a Markdown or rich-text editor
renders, such as a forum post above its comments), the whole block joins: its headings and
lists are the same author's text as its paragraphs.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from extractor.article.boilerplate import HEADING_TAGS, names_of
from extractor.article.scoring import LIKE_SIBLINGS, WRITTEN_BLOCKS, ends_content, link_density
from extractor.dom import fold, is_within, text_content
from extractor.records import Step

# The lede sits at most this many levels above the region (its parent's or grandparent's block).
MAX_LEVELS = 2
# A lede paragraph is prose: at least this many characters...
MIN_LEDE_CHARS = 80
# ...and mostly read, not followed.
MAX_LINK_DENSITY = 0.3
# One short paragraph above the body is a standfirst (a summary of the story, which a reader
# may or may not count as its text); a lede holds at least this many characters.
MIN_LEDE_TOTAL = 150
# The lede is shorter than the body: together its paragraphs hold at most this share of it.
MAX_LEDE_SHARE = 0.5
# A paragraph of this many <br> line breaks is lines (notices, links), not prose.
MAX_BREAKS = 2
# Where a paragraph sits in one of these, it is no lede (a teaser, a caption, a control).
NOT_LEDE = ("a", "button", "form", "label", "li", "figure", "figcaption", "blockquote", "table")
# ...of which a body holds at least one, else its paragraphs are all there is to join.
AUTHORED_BLOCKS = frozenset({*HEADING_TAGS, "ul", "ol", "blockquote", "pre", "table", "dl"})


def join_lede(region: HtmlElement, body: HtmlElement) -> tuple[HtmlElement, Step]:
    """The region with the lede paragraphs found before it in its parent's and grandparent's
    blocks moved, in page order, into a new <div> before it; else the region itself. Not past
    the page's <main> or article body (their own word on where the content is)."""
    step = Step("ledes", "opening paragraphs above the article body", 0)
    if region is body or region.getparent() is None or ends_content(region):
        return region, step
    size = len(fold(text_content(region)))
    branch = region
    found: list[HtmlElement] = []
    for level, parent in enumerate(region.iterancestors()):
        if level >= MAX_LEVELS or parent is body:
            break
        before = []
        for sibling in parent:
            if sibling is branch:
                break
            if isinstance(sibling.tag, str):
                before.extend(_lede_paragraphs(sibling, parent))
        found = before + found
        if ends_content(parent):
            break
        branch = parent
    total = sum(len(fold(text_content(p))) for p in found)
    if total < MIN_LEDE_TOTAL or total > MAX_LEDE_SHARE * size:
        return region, step
    found = _written_bodies(found, region)
    joined = region.makeelement("div", {})
    region.addprevious(joined)
    for el in [*found, region]:
        el.tail = None
        joined.append(el)
    samples = tuple(" ".join(fold(text_content(p)).split()[:8]) for p in found[:3])
    return joined, Step(step.name, step.why, 0, samples)


# A hero (the page's title, its tagline, a call to action) holds at most this many characters.
HERO_MAX_CHARS = 600
# ...and is the block holding the page's <h1>, or one so named (VitePress's "VPHero", Rspress's
# "rp-home-hero", whose title is no heading; Bootstrap's "jumbotron")
HERO_NAMES = re.compile(r"hero|jumbotron")
# ...and says something beside its title and links: at least this many words ("5 replies"
# under a thread's title is a count, not a tagline)
HERO_MIN_WORDS = 3


def join_hero(region: HtmlElement, body: HtmlElement) -> tuple[HtmlElement, Step]:
    """A grid of cards (a landing page's features, a listing's items) with the hero that
    opens the page above it: the block before it, in its parent or grandparent, that holds the
    page's <h1> (or is named a hero) and a few lines beside it (the tagline), joins it."""
    step = Step("hero", "the hero above a grid of cards", 0)
    if region is body or ends_content(region) or not _is_card_grid(region):
        return region, step
    branch = region
    for level, parent in enumerate(region.iterancestors()):
        if level >= MAX_LEVELS or parent is body:
            break
        hero = next(
            (
                el for el in branch.itersiblings(preceding=True)
                if isinstance(el.tag, str) and _is_hero(el)
            ),
            None,
        )  # fmt: skip
        if hero is not None:
            text = fold(text_content(hero))
            h1 = hero if hero.tag == "h1" else hero.find(".//h1")
            if len(text) > HERO_MAX_CHARS or _tagline_words(hero, h1) < HERO_MIN_WORDS:
                break
            joined = region.makeelement("div", {})
            region.addprevious(joined)
            for el in (hero, region):
                el.tail = None
                joined.append(el)
            return joined, Step(step.name, step.why, 0, (" ".join(text.split()[:8]),))
        if ends_content(parent):
            break
        branch = parent
    return region, step


def _tagline_words(hero: HtmlElement, h1: HtmlElement | None) -> int:
    """How many words the hero says outside its <h1> and its links (a thread's category link
    beside its title is no tagline)."""
    said = len(fold(text_content(hero)).split())
    for el in [h1, *hero.iter("a")]:
        if el is not None and (h1 is None or el is h1 or not is_within(el, h1)):
            said -= len(fold(text_content(el)).split())
    return said


def _is_hero(el: HtmlElement) -> bool:
    return el.tag == "h1" or el.find(".//h1") is not None or bool(HERO_NAMES.search(names_of(el)))


def _is_card_grid(region: HtmlElement) -> bool:
    """LIKE_SIBLINGS or more children of one kind (tag and class), through single wrappers."""
    kids = _children(_unwrapped(region))
    kinds: dict[tuple[str, str], int] = {}
    for c in kids:
        if c.tag in WRITTEN_BLOCKS or len(_children(_unwrapped(c))) < 2:
            continue  # (a card is a box of blocks: a body's paragraphs are no grid)
        key = (c.tag, c.get("class") or "")
        kinds[key] = kinds.get(key, 0) + 1
    return len(kids) >= LIKE_SIBLINGS and max(kinds.values(), default=0) >= max(
        LIKE_SIBLINGS, len(kids) - 1
    )


def _children(el: HtmlElement) -> list[HtmlElement]:
    return [c for c in el if isinstance(c.tag, str)]


def _unwrapped(el: HtmlElement) -> HtmlElement:
    """The element past the wrappers of one child each."""
    while len(kids := _children(el)) == 1:
        el = kids[0]
    return el


def _written_bodies(found: list[HtmlElement], region: HtmlElement) -> list[HtmlElement]:
    """``found`` with the paragraphs that are children of one body of written text (see the
    module's notes) replaced by that body, once, where the first of them was."""
    out: list[HtmlElement] = []
    taken: set[HtmlElement] = set()
    for p in found:
        block = p.getparent()
        if block is not None and block in taken:
            continue
        if block is not None and _is_written_body(block, region):
            taken.add(block)
            out.append(block)
        else:
            out.append(p)
    return out


def holds_only_written(block: HtmlElement) -> bool:
    """Whether the block's children are nothing but written blocks (``WRITTEN_BLOCKS``)."""
    return all(el.tag in WRITTEN_BLOCKS for el in block if isinstance(el.tag, str))


def _is_written_body(block: HtmlElement, region: HtmlElement) -> bool:
    """Nothing but written blocks, one of them more than a paragraph, and no ancestor of the
    region."""
    if not holds_only_written(block) or is_within(region, block):
        return False
    return any(el.tag in AUTHORED_BLOCKS for el in block if isinstance(el.tag, str))


def _lede_paragraphs(block: HtmlElement, top: HtmlElement) -> list[HtmlElement]:
    """The paragraphs of prose in ``block`` (a child of ``top``), in page order."""
    paragraphs = [block] if block.tag == "p" else list(block.iter("p"))
    return [p for p in paragraphs if _is_lede(p, top)]


def _is_lede(p: HtmlElement, top: HtmlElement) -> bool:
    """A paragraph of prose: long enough, few links, no pictures, not lines parted by <br>
    (a box of notices or links), not inside a link, a list, a figure or a table."""
    text = fold(text_content(p))
    if len(text) < MIN_LEDE_CHARS or link_density(p) > MAX_LINK_DENSITY:
        return False
    if p.find(".//img") is not None or len(p.findall(".//br")) >= MAX_BREAKS:
        return False
    for above in p.iterancestors():
        if above is top:
            return True
        if above.tag in NOT_LEDE:
            return False
    return False
