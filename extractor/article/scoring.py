"""Choose the article region: score containers by the paragraphs they hold (Readability-style).

Every block of prose adds points to its parent and, less, to its ancestors; a container's
score is then scaled down by its link density. The best container wins, and blocks of the
same kind elsewhere on the page (an article split by ads or pictures) join it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lxml.html import HtmlElement

from extractor.article.boilerplate import (
    COMMENT_NAMES,
    DISCLOSED_NAMES,
    HEADING_TAGS,
    names_article_body,
    names_boilerplate,
    names_of,
)
from extractor.article.threads import template_place
from extractor.dom import ancestor, fold, is_within, text_content
from extractor.normalize.footnotes import reference_targets

# Blocks whose own text counts as a paragraph.
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "dd"})
# Containers that may hold a paragraph's text directly (text nodes and <br> runs).
LOOSE_TEXT_TAGS = frozenset({"div", "section", "article", "main", "span", "font", "center", "td"})
# Fewer characters than this and a block is not a paragraph.
MIN_PARAGRAPH_CHARS = 25
# Each 100 characters of a paragraph add a point, up to this many.
LENGTH_POINTS_CAP = 3
# How many ancestor levels a paragraph's points reach.
ANCESTOR_LEVELS = 5
# Starting points by tag: containers of prose start ahead, lists and headings behind.
TAG_POINTS = {
    "article": 10, "main": 8, "div": 5, "section": 5, "pre": 3, "td": 3, "blockquote": 3,
    "form": -3, "ol": -3, "ul": -3, "dl": -3, "li": -3, "th": -5,
}  # fmt: skip
# class/id names that promise the article body, and the points they are worth.
ARTICLE_NAMES = re.compile(r"article|entry|post|story|content|body|text|blog|main|prose|rich-?text")
NAME_POINTS = 25
# Markup that names the article body outright.
ARTICLE_BODY_POINTS = 60
# A block of the winner's kind joins it when it holds this much prose...
KIN_MIN_PROSE = 100
# ...and is not mostly links (a teaser card that shares the class). Once two blocks so join, a
# block of the kind holding this much text at their place of the template joins as well, links
# or not.
KIN_MAX_LINK_DENSITY = 0.5
KIN_SHORT_MIN_CHARS = 20
# A region holding this many text blocks of one kind is a run of posts (see _with_opening_post);
# the element that takes in the opening post holds at most this share of other text besides.
POST_BLOCKS = 2
OPENING_FRAME_SHARE = 0.5
OPENING_COPY_CHARS = 200  # ...and the block is no copy of a post: its start is not in them
# The region widens to its parent when the parent holds at least this much more prose, relative
# to the region's own (a landing page's sections, a thread's posts, a listing's cards)...
WIDEN_MIN_GAIN = 1.0
# ...and the parent is not mostly links (a page wrapper with menus and teaser rails), unless it
# holds at least LIKE_SIBLINGS blocks of the region's kind (a listing's cards).
WIDEN_MAX_LINK_DENSITY = 0.35
LIKE_SIBLINGS = 3
# A part of the page (see CARD_MAX_PROSE) in one of at least this many sections of a parent is
# one section of a page built of them: the region widens to them all (see ``_page_of_sections``),
# as does any region holding no run of WRITTEN_RUN long paragraphs (an article's, see
# ``_written_run``).
PAGE_SECTIONS = 3
WRITTEN_RUN = 3
# Links that are whole cards (one link around a heading and a paragraph) are left out of that
# link density when the parent adds as much text outside its links (see ``_cards_beside``).
CARD_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# A best block that is only a part of the page (less prose than a card's, a list, a tab or
# accordion panel, an FAQ's answer inside one) passes over wrappers that add a little beside
# it (a note, a caption) on the way up; any other is an article and stops at the first.
CARD_MAX_PROSE = 500
PANEL_NAMES = re.compile(r"tab-?pane|tab-?panel|tab-?content|accordion|collaps|toggle|faq")
# Candidates scoring at least this share of the best one's score are a near tie with it.
NEAR_TIE = 0.9
# A region with less prose than this is a scrap (see ``_main_over_a_scrap``).
SCRAP_MAX_PROSE = 200
# A best candidate that is a scrap (a label cell named like the article, "main-body") gives
# way to one scoring at least SCRAP_TIE of its score with SCRAP_GAIN times its prose, and at
# least a card's (CARD_MAX_PROSE): its name outweighed a few paragraphs' points, not their text.
SCRAP_TIE = 0.5
SCRAP_GAIN = 5
PART_TAGS = frozenset({"ul", "ol", "dl", "li"})
# A container with at least this share of its text in <pre> is a code block (with its
# highlighter's wrappers), never the article: code scores high on commas and length.
CODE_ONLY_SHARE = 0.9
# An ancestor of the best block scoring at least this share of its score while holding at
# least ENCLOSING_GAIN times its prose is the article the block is one part of (see
# ``_enclosing_article``).
ENCLOSING_SHARE = 0.75
ENCLOSING_GAIN = 3.0
# ...or, in a near tie with it (NEAR_TIE of its score), at least this many times its prose: one
# chapter of a document (a Sphinx page's longest section) against the page body holding all of
# them, which its other chapters leave nearly as dense.
ENCLOSING_NEAR_GAIN = 1.5
# What a body of written text is made of: besides paragraphs, the blocks an editor writes.
WRITTEN_BLOCKS = frozenset(
    {"p", *HEADING_TAGS, "ul", "ol", "blockquote", "pre", "table", "hr", "dl", "details", "br"}
)
# ...and a document written in sections (docutils, Sphinx, pandoc's section wrappers) is made of
# those, its sections, and the wrappers a generator puts around code, tables and figures.
SECTIONED_BLOCKS = WRITTEN_BLOCKS | {"section", "div", "figure"}
# A block is a list of notes when at least NOTES_MIN_ITEMS of its list items carry ids,
# NOTES_SHARE of those are linked from reference marks, and they hold NOTES_SHARE of its text
# (an article body ending in its footnotes is not).
NOTES_MIN_ITEMS = 3
NOTES_SHARE = 0.5
_COMMAS = re.compile(r"[,，、،]")


def link_density(el: HtmlElement, text_len: int | None = None) -> float:
    """Share of the element's text that sits inside links."""
    total = len(text_content(el)) if text_len is None else text_len
    if not total:
        return 0.0
    linked = sum(len(text_content(a)) for a in el.iter("a"))
    return min(1.0, linked / total)


def name_weight(el: HtmlElement) -> int:
    """Points from the element's class/id: article-like names up, boilerplate names down."""
    return _names_weight(names_of(el))


@lru_cache(maxsize=8192)
def _names_weight(names: str) -> int:
    if not names:
        return 0
    weight = 0
    if ARTICLE_NAMES.search(_article_part(names)):
        weight += NAME_POINTS
    if names_boilerplate(names) or COMMENT_NAMES.search(names):
        weight -= NAME_POINTS
    return weight


def _article_part(names: str) -> str:
    """The names that may promise the article: a BEM element ("block__body") only when its
    block does ("article__body", not "product-review__body" nor "card__body": the body of
    a review or a card is no article)."""
    return " ".join(
        token
        for token in names.split()
        if "__" not in token or ARTICLE_NAMES.search(token.split("__", 1)[0])
    )


def is_article_body(el: HtmlElement) -> bool:
    """Schema.org articleBody / text markup."""
    prop = el.get("itemprop") or ""
    return "articleBody" in prop or prop == "text"


def own_text(el: HtmlElement) -> str:
    """Text that sits directly in the element, outside its block children."""
    parts = [el.text or ""]
    for child in el:
        if child.tag in ("br", "a", "b", "i", "em", "strong", "span", "font", "u", "sup", "sub"):
            parts.append(text_content(child) if child.tag != "br" else " ")
        parts.append(child.tail or "")
    return "".join(parts)


def paragraph_points(text: str) -> float:
    """One point per paragraph, one per comma, one per 100 characters (capped)."""
    return 1 + len(_COMMAS.findall(text)) + min(len(text) // 100, LENGTH_POINTS_CAP)


def score_candidates(
    body: HtmlElement,
) -> tuple[dict[HtmlElement, float], dict[HtmlElement, int]]:
    """Raw scores of every container that holds prose, before link density, and how many
    characters of prose each container holds (at any depth)."""
    scores: dict[HtmlElement, float] = {}
    prose: dict[HtmlElement, int] = {}
    top = body.getparent()  # (credit stops below it)
    for el in body.iter():
        tag = el.tag
        if tag in PARAGRAPH_TAGS:
            text = text_content(el)
        elif tag in LOOSE_TEXT_TAGS:
            text = own_text(el) if len(el) else el.text or ""  # (most have no children)
        else:
            continue
        text = text.strip()
        if len(text) < MIN_PARAGRAPH_CHARS:
            continue
        points = paragraph_points(text)
        if tag in LOOSE_TEXT_TAGS:
            _credit(scores, el, points)
        chars = len(text)
        counted = tag in LOOSE_TEXT_TAGS or tag in ("p", "pre") or el.find(".//p") is None
        if counted:
            prose[el] = prose.get(el, 0) + chars
        crediting = True
        # one walk up for both: the first ANCESTOR_LEVELS (below ``top``) are credited, every
        # ancestor holds the prose
        for level, above in enumerate(el.iterancestors()):
            if crediting and (level >= ANCESTOR_LEVELS or above is top):
                crediting = False
                if not counted:
                    break
            if crediting:
                divider = 1 if level == 0 else 2 if level == 1 else level * 3
                _credit(scores, above, points / divider)
            if counted:
                prose[above] = prose.get(above, 0) + chars
    return scores, prose


def _credit(scores: dict[HtmlElement, float], el: HtmlElement, points: float) -> None:
    if el not in scores:
        scores[el] = TAG_POINTS.get(el.tag, 0) + name_weight(el)
        if is_article_body(el):
            scores[el] += ARTICLE_BODY_POINTS
    scores[el] += points


def best_region(body: HtmlElement) -> HtmlElement:
    """The element holding the article: the best-scoring container and its kin."""
    raw, prose = score_candidates(body)
    if not raw:
        return body
    best, near_tie = _best(raw, prose)
    best = _enclosing_article(best, raw, prose)
    top = _widen(best, body, prose, part=near_tie)
    top = _written_frame(top, body)
    region = _gather_kin(top, body, prose)
    region = _with_opening_post(region, body, prose)
    return _main_over_a_scrap(region, body, prose)


def _best(raw: dict[HtmlElement, float], prose: dict[HtmlElement, int]) -> tuple[HtmlElement, bool]:
    """The candidate with the best score after link density, code blocks and admonitions aside
    (each scores high on its own: commas, names like "content"). A final score
    never exceeds the raw one, so candidates are visited best-raw first and the walk stops early.
    When the best is a small block (a notice named "article", a card) and others score nearly
    as well, the one of them holding the most prose wins: a name is worth more points than a
    card's few sentences, and a near tie says the names decided, not the prose. Returns the
    winner and whether it was so chosen (then it is one part of the page, see ``_widen``)."""
    ranked = sorted(raw.items(), key=lambda item: -item[1])
    finals: list[tuple[HtmlElement, float]] = []
    best_score = 0.0
    targets: set[str] | None = None
    for el, score in ranked:
        if score < SCRAP_TIE * best_score:
            break
        if is_code_only(el) or in_callout(el):
            continue
        if targets is None:
            targets = reference_targets(el.getroottree().getroot())
        if targets and holds_notes(el, targets):
            continue
        final = score * (1 - link_density(el))
        finals.append((el, final))
        best_score = max(best_score, final)
    if not finals:
        return ranked[0][0], False
    best = max(finals, key=lambda item: item[1])[0]
    own = prose.get(best, 0)
    if own >= CARD_MAX_PROSE:
        return best, False
    if own < SCRAP_MAX_PROSE:
        # a scrap that won on its name or tag: the best candidate holding prose gets it
        least = max(CARD_MAX_PROSE, SCRAP_GAIN * own)
        fuller = [
            (el, final)
            for el, final in finals
            if final >= SCRAP_TIE * best_score and prose.get(el, 0) >= least
        ]
        if fuller:
            return max(fuller, key=lambda item: item[1])[0], True
    near = [el for el, final in finals if final >= NEAR_TIE * best_score]
    return max(near, key=lambda el: (prose.get(el, 0), el is best)), True


def holds_notes(el: HtmlElement, targets: set[str]) -> bool:
    """Whether the element is a list of notes (references, footnotes): most of its items are
    what the text's reference marks point at (``targets``). The notes go with an article and
    are never one, even where they hold more text than it (a list page with many sources)."""
    items = [li for li in el.iter("li") if li.get("id")]
    if len(items) < NOTES_MIN_ITEMS:
        return False
    notes = [li for li in items if li.get("id") in targets]
    if len(notes) < NOTES_SHARE * len(items):
        return False
    total = len(text_content(el))
    return sum(len(text_content(li)) for li in notes) >= NOTES_SHARE * total


def _enclosing_article(
    best: HtmlElement, raw: dict[HtmlElement, float], prose: dict[HtmlElement, int]
) -> HtmlElement:
    """The ancestor of ``best`` that scores nearly as well on several times its prose, else
    ``best``: a section or block that won on its name or its density of commas (an id "text",
    one long section of a guide) is one part of an article whose other sections each score
    less, while the container of them all collects their points and scores close to it. The
    ancestor must not be mostly links (a page wrapper with menus and teaser rails). In a near
    tie, half again the prose will do, unless ``best`` has kin (see ``ENCLOSING_NEAR_GAIN``).
    A <section> that wins is widened to the sectioned document holding it, whatever the scores
    (see ``_sectioned_document``)."""
    score = raw[best] * (1 - link_density(best))
    own = max(prose.get(best, 0), 1)
    found, found_score = best, 0.0
    sectioned = best.tag == "section"
    for above in best.iterancestors():
        gain = prose.get(above, 0) / own
        if sectioned and gain > 1 and _sectioned_document(above):
            # the document whose section ``best`` is: each of its sections scores on its own,
            # and one long section of a guide outscores the whole, nested deeper than the
            # levels that credit their ancestors
            density = link_density(above)
            if density <= WIDEN_MAX_LINK_DENSITY:
                found, found_score = above, raw.get(above, 0.0) * (1 - density)
            continue
        if above not in raw or gain < ENCLOSING_NEAR_GAIN:
            continue
        density = link_density(above)
        final = raw[above] * (1 - density)
        floor = ENCLOSING_SHARE * score if gain >= ENCLOSING_GAIN else NEAR_TIE * score
        if final < floor or density > WIDEN_MAX_LINK_DENSITY or final <= found_score:
            continue
        if gain < ENCLOSING_GAIN and _has_kin(best, above, prose):
            continue  # (a body split in blocks of one kind: the kin come back whole, _gather_kin)
        found, found_score = above, final
    return found


def _sectioned_document(el: HtmlElement) -> bool:
    """A document written in sections: nothing but written blocks (``SECTIONED_BLOCKS``) and
    at least one <section>, each section headed (its first child with text is a heading)."""
    kids = [c for c in el if isinstance(c.tag, str)]
    sections = [c for c in kids if c.tag == "section"]
    return (
        bool(sections)
        and all(c.tag in SECTIONED_BLOCKS for c in kids)
        and all(_headed(c) for c in sections)
    )


def _headed(section: HtmlElement) -> bool:
    """Does the section open with a heading (past empty anchors and wrappers)?"""
    first = next(
        (c for c in section if isinstance(c.tag, str)
         and (c.tag in HEADING_TAGS or text_content(c).strip())),
        None,
    )  # fmt: skip
    return first is not None and first.tag in HEADING_TAGS


def _has_kin(block: HtmlElement, within: HtmlElement, prose: dict[HtmlElement, int]) -> bool:
    """Does another block of ``block``'s kind (tag and class) inside ``within`` hold prose?"""
    cls = block.get("class")
    return bool(cls) and any(
        el is not block and el.get("class") == cls and prose.get(el, 0) >= KIN_MIN_PROSE
        for el in within.iter(block.tag)
    )


def in_callout(el: HtmlElement) -> bool:
    """Inside an admonition (see callouts.py): a box within the article, never the article."""
    return any(a.get("data-callout") for a in el.iterancestors()) or bool(el.get("data-callout"))


def is_code_only(el: HtmlElement) -> bool:
    """Whether the element is code: (nearly) all of its text sits in <pre>, or it is inside one."""
    if el.tag == "pre" or ancestor(el, "pre") is not None:
        return True
    total = len(text_content(el).strip())
    if not total:
        return False
    code = sum(len(text_content(pre).strip()) for pre in el.iter("pre"))
    return code >= CODE_ONLY_SHARE * total


def _widen(
    top: HtmlElement, body: HtmlElement, prose: dict[HtmlElement, int], *, part: bool = False
) -> HtmlElement:
    """The best container, or the ancestor whose prose it is only a part of: content spread over
    sibling blocks (sections, posts, cards) is decided by the structure holding them all, not by
    the single best block. Wrappers that add little beside a part are passed over (see
    ``CARD_MAX_PROSE``); the walk stops at a wrapper that is mostly links (the page with its
    menus and teaser rails) and never goes above the page's <main> or article body."""
    region = top
    own = prose.get(top, 0)
    if ends_content(top):
        return top
    part = part or own < CARD_MAX_PROSE or top.tag in PART_TAGS
    part = part or _disclosed(top, prose)
    for parent in top.iterancestors():
        if parent is body.getparent():
            break
        if _page_of_sections(parent, region, prose) and (part or not _written_run(region)):
            region, own = parent, prose.get(parent, 0)
        elif prose.get(parent, 0) - own >= WIDEN_MIN_GAIN * max(own, 1):
            if (
                link_density(parent) > WIDEN_MAX_LINK_DENSITY
                and not _holds_its_like(parent, region)
                and not _cards_beside(parent, region)
            ):
                break
            region, own = parent, prose.get(parent, 0)
        elif not part and prose.get(parent, 0) > own:
            break  # an article with something beside it (a byline, a teaser): it stays
        if ends_content(parent):
            break
    return region


def _page_of_sections(
    parent: HtmlElement, region: HtmlElement, prose: dict[HtmlElement, int]
) -> bool:
    """Whether ``parent`` is a page built of sections (a one-page site's services, about,
    team...) that ``region`` lies in: at least PAGE_SECTIONS of its children are sections (a
    <section>, or a block with the class ``section``, as CSS frameworks write them), one of them
    holds the region, the others hold some prose of their own (KIN_MIN_PROSE between them),
    and ``parent`` is not mostly links. The region's prose may outweigh theirs many times over
    (a long timeline beside three short service blurbs), so no share of it is asked for; an
    article, with its run of paragraphs, stays alone beside a page's promo sections (see
    ``_widen`` and ``_written_run``)."""
    sections = [c for c in parent if c.tag == "section" or "section" in names_of(c).split()]
    if len(sections) < PAGE_SECTIONS:
        return False
    mine = next((s for s in sections if s is region or is_within(region, s)), None)
    if mine is None:
        return False
    others = sum(prose.get(s, 0) for s in sections if s is not mine)
    if others < KIN_MIN_PROSE:
        return False
    return link_density(parent) <= WIDEN_MAX_LINK_DENSITY


def _written_run(region: HtmlElement) -> bool:
    """Whether the region holds a run of written paragraphs, as an article does: one block with
    at least WRITTEN_RUN <p> children of KIN_MIN_PROSE characters or more. A landing page's
    section holds its prose in boxes, a short paragraph to each (cards, columns, a timeline)."""
    for block in region.iter():
        if not isinstance(block.tag, str):
            continue
        long = sum(
            1 for c in block if c.tag == "p" and len(text_content(c).strip()) >= KIN_MIN_PROSE
        )
        if long >= WRITTEN_RUN:
            return True
    return False


def _written_frame(top: HtmlElement, body: HtmlElement) -> HtmlElement:
    """The block of written text ``top`` is one part of: its ancestors, up to the page's <main>
    or article body, whose other children are all written blocks (headings and paragraphs that
    introduce it, a closing note), few of them links. A block of questions and answers, a tab
    set or a table wins the region on its prose, and the heading and paragraphs that lead into
    it beside it are the same page's text."""
    region = top
    if ends_content(top) or not PANEL_NAMES.search(names_of(top)):
        return top
    for parent in top.iterancestors():
        if parent is body or parent is body.getparent():
            break
        others = [c for c in parent if isinstance(c.tag, str) and c is not region]
        for child in others:
            if child.tag not in WRITTEN_BLOCKS and text_content(child).strip():
                return region
            if link_density(child) > KIN_MAX_LINK_DENSITY:
                return region
        if link_density(parent) > WIDEN_MAX_LINK_DENSITY:
            return region
        region = parent
        if ends_content(parent):
            break
    return region


def _disclosed(top: HtmlElement, prose: dict[HtmlElement, int]) -> bool:
    """Whether the block is a disclosure panel's content (a tab, an accordion's or an FAQ's
    answer), by its names or those of the wrappers that hold the same prose (a wrapper named
    "answer" alone is a Q&A thread's post, which is an article)."""
    if DISCLOSED_NAMES.search(names_of(top)):
        return True
    own = prose.get(top, 0)
    for el in top.iterancestors():
        if prose.get(el, 0) > own:
            return False
        if PANEL_NAMES.search(names_of(el)):
            return True
    return False


def _is_card_link(a: HtmlElement) -> bool:
    """A link that is a whole card: it holds a heading and a paragraph of its own."""
    if next(a.iter(*CARD_HEADINGS), None) is None:
        return False
    return any(len(text_content(p).strip()) >= MIN_PARAGRAPH_CHARS for p in a.iter("p"))


def _cards_beside(parent: HtmlElement, region: HtmlElement) -> bool:
    """Whether ``parent`` is mostly links only by its cards (links each around a heading and a
    paragraph: a landing page's services, features or team) while the text it adds outside any
    link is at least WIDEN_MIN_GAIN times the region's own: a page's other sections, not a rail
    of teaser cards beside an article (their text is all inside their links)."""
    total = len(text_content(parent))
    linked = cards = 0
    for a in parent.iter("a"):
        n = len(text_content(a))
        linked += n
        if _is_card_link(a):
            cards += n
    if not cards or linked - cards > WIDEN_MAX_LINK_DENSITY * total:
        return False
    own = len(text_content(region))
    own_free = own - link_density(region, own) * own
    return total - linked - own_free >= WIDEN_MIN_GAIN * max(own_free, 1)


def _holds_its_like(parent: HtmlElement, region: HtmlElement) -> bool:
    """Whether ``region`` is one of LIKE_SIBLINGS or more children of ``parent`` of its kind
    (tag and class): a listing's cards, each mostly links, so their row is too."""
    cls = region.get("class")
    if not cls or region.getparent() is not parent:
        return False
    like = sum(1 for child in parent if child.tag == region.tag and child.get("class") == cls)
    return like >= LIKE_SIBLINGS


def ends_content(el: HtmlElement) -> bool:
    """The page's own word on where its content ends: its <main>, or its article body (not a
    post's ``itemprop="text"``: a thread's posts are widened over)."""
    return el.tag == "main" or el.get("role") == "main" or names_article_body(el)


def _main_over_a_scrap(
    region: HtmlElement, body: HtmlElement, prose: dict[HtmlElement, int]
) -> HtmlElement:
    """A region of a few words (a line above a listing of links, every card of which is a
    link) is no page's content: the page's <main> is, when it marks one holding more."""
    if region not in prose or prose[region] >= SCRAP_MAX_PROSE:
        return region  # (a region gathered from kin is not a scrap)
    found = page_main(body)
    if found is None or prose.get(found, 0) <= prose.get(region, 0):
        return region
    return found


def page_main(body: HtmlElement) -> HtmlElement | None:
    """The page's <main> (or ``role="main"``), the first when it marks several."""
    found = body.xpath(".//main | .//*[@role='main']")
    return found[0] if found else None


def _gather_kin(top: HtmlElement, body: HtmlElement, prose: dict[HtmlElement, int]) -> HtmlElement:
    """An article split into several blocks of the same kind (same tag and class, ads or
    pictures between them) comes back whole: the blocks are moved, in order, into one new
    <div> in the first block's place. Once two or more such blocks hold prose, a short block of
    the kind at the same place of the page's template joins them too: a thread's one-line
    post ("Thanks, that was it"), its first or its last, is a post like the others."""
    cls = top.get("class")
    if not cls:
        return top
    lineage = set(top.iterancestors())
    same = [
        el
        for el in body.iter(top.tag)
        if el.get("class") == cls and el not in lineage and (el is top or not is_within(el, top))
    ]
    outer = set(same)
    same = [el for el in same if not any(a in outer for a in el.iterancestors())]
    kin = [
        el
        for el in same
        if el is top
        or (prose.get(el, 0) >= KIN_MIN_PROSE and link_density(el) <= KIN_MAX_LINK_DENSITY)
    ]
    if len(kin) < 2:
        return top
    if len(kin) < len(same):
        # (a block mostly of links joins only here, at the others' place: a card whose excerpt
        # is the post's table of contents, a post that is one link)
        places = {template_place(el, body) for el in kin}
        joined = set(kin)
        kin = [
            el
            for el in same
            if el in joined
            or (
                len(text_content(el).strip()) >= KIN_SHORT_MIN_CHARS
                and template_place(el, body) in places
            )
        ]
    if ancestor(top, "a") is not None:
        kin = _cards_of(kin)
    else:
        cards = _cards_of(kin)
        if all(_titled(card, el) for card, el in zip(cards, kin, strict=True)):
            kin = cards
    region = top.makeelement("div", {})
    kin[0].addprevious(region)  # the new region stays in the document, where the first block was
    for el in kin:
        el.tail = None
        region.append(el)
    return region


def _titled(card: HtmlElement, block: HtmlElement) -> bool:
    """Does the card hold, beside the block, a title that links elsewhere (a listing card's
    title over its excerpt; not a post's subject with its permalink mark, "¶" to "#24")?"""
    if card is block:
        return False
    for heading in card.iter(*HEADING_TAGS):
        if is_within(heading, block):
            continue
        title = fold(text_content(heading))
        for link in heading.iter("a"):
            if title and fold(text_content(link)) == title and "#" not in link.get("href", "#"):
                return True
    return False


def _with_opening_post(
    region: HtmlElement, body: HtmlElement, prose: dict[HtmlElement, int]
) -> HtmlElement:
    """A region of several posts whose text blocks are of one kind (tag and class, at least
    POST_BLOCKS of them) widens to take in a block of that kind with prose that comes before
    it outside (an issue's description above its notes, a question above its answers): the
    lowest element holding both, unless it is mostly links or holds much else. A block that
    repeats one of the posts (the accepted answer shown above the thread) is none."""
    if region.getparent() is None or ends_content(region):
        return region  # (not beyond the page's <main> or an article body)
    kinds = Counter(
        (el.tag, el.get("class"))
        for el in region.iter("div", "section", "article")
        if el.get("class") and prose.get(el, 0) >= KIN_MIN_PROSE
    )
    if not kinds:
        return region
    opening = None
    said = fold(text_content(region))
    for (tag, cls), count in kinds.most_common():
        if count < POST_BLOCKS:
            break
        for el in body.iter(tag):
            if el is region or is_within(el, region):
                break
            if (
                el.get("class") == cls
                and prose.get(el, 0) >= KIN_MIN_PROSE
                and not is_within(region, el)  # (a layout block holding the region)
                # not a copy of one of the posts, shown above them (an accepted answer)
                and fold(text_content(el))[:OPENING_COPY_CHARS] not in said
            ):
                opening = el
        if opening is not None:
            break
    if opening is None:
        return region
    frame = next((a for a in region.iterancestors() if is_within(opening, a)), None)
    if frame is None or frame is body or frame.tag == "html":
        return region
    held = len(text_content(region)) + len(text_content(opening))
    if len(text_content(frame)) - held > OPENING_FRAME_SHARE * held:
        return region
    if link_density(frame) > WIDEN_MAX_LINK_DENSITY:
        return region
    return frame


def _cards_of(kin: list[HtmlElement]) -> list[HtmlElement]:
    """Teasers whose text sits inside a link (a listing's cards, each one link: Ghost's
    ``post-card-content-link``) come with their whole card: its title, picture and date are in
    the same link or beside it. A block's card is its highest ancestor that holds no other
    block of the kin."""
    cards = []
    for el in kin:
        card = el
        for above in el.iterancestors():
            if any(other is not el and is_within(other, above) for other in kin):
                break
            card = above
        cards.append(card)
    return cards
