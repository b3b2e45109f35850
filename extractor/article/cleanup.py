"""Cleaning inside the chosen region: link lists, junk lines, duplicated title and byline."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qs, unquote, urldefrag, urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from extractor.article import docs, ledes
from extractor.article.boilerplate import COMMENT_NAMES, names_of
from extractor.article.datelines import DATE_LINE_MAX_CHARS, is_date_line
from extractor.article.posts import is_post_byline, posts_holding_bylines
from extractor.article.scoring import link_density
from extractor.dom import ancestor, fold, is_within, previous_element, text_content
from extractor.metadata.titles import key, names_a_place
from extractor.normalize.core import leads_nowhere
from extractor.records import Step
from extractor.removal import Removal, is_attached

# Containers that may be a link list (a lone linked paragraph or heading inside the article is
# article text: "Get it on Amazon for $39", "Ticketing: www.example.com").
LIST_TAGS = ("ul", "ol", "dl", "div", "section", "table", "figure", "header")
# A link list has at least this many links.
LIST_MIN_LINKS = 2
# A listing's cards: blocks of one kind (tag and class), at least this many, mostly links (as
# LINK_DENSE), holding together at least this share of the region's text, are its content.
CARD_TAGS = ("article", "li", "div", "section")
CARD_MIN_COUNT = 3
CARD_TEXT_SHARE = 0.5
# A line that is a link alone, written this many times in the region, is a template's call to
# action (see ``_repeated_link_lines``).
REPEATED_LINE_COUNT = 3
_LINK_LINE_TAGS = frozenset({"p", "li", "div"})
# Elements that may hold a junk line on their own.
LINE_TAGS = (*LIST_TAGS, "p", "li", "h2", "h3", "h4", "h5", "h6", "span", "strong", "em", "b", "a")
# A block above this link density is a link list (related stories, tag clouds).
LINK_DENSE = 0.5
# ...unless it holds this much text (a paragraph that happens to cite many sources).
LINK_DENSE_MAX_CHARS = 400
# Lines that are page furniture, not article text (each matches a whole line, any case).
JUNK_PHRASES = (
    # ad slots, in the languages the pages come in
    r"advertisement|advertising|advert|sponsored|ad|anzeige|werbung|publicidad|publicit[eé]"
    r"|pubblicit[aà]|reklama|advertentie|iklan"
    # the line an ad slot puts in the text: "Story continues below advertisement",
    # "Advertisement - Page continues below", "Article continues after this ad"
    # "Advertisement - Continue reading below"
    r"|(?:advertisement\W+)?(?:(?:the )?(?:story|article|page|content|text) continues"
    r"|continue reading) (?:below|after (?:this|the) (?:ad|advert|advertisement))"
    r"(?:\W+advertisement)?",
    # reading and sharing controls
    r"continue reading(?: below| the main story)?|read more:?.*|see also:?|view all(?: \d+)?"
    r"|related(?: articles| stories| posts| coverage)?:?|share(?: this)?(?: article| story| post| page)?:?"
    r"|share (?:this )?(?:on|via) \w+|click to tweet|tweet|email|print|close|loading\W*"
    r"|skip (?:to )?(?:content|ad|advertisement)|like this:?|recommended(?: for you)?"
    r"|(?:liked|enjoyed|did you (?:like|enjoy)) (?:this|the|our) (?:article|post|story|read)\??"
    r"(?:\W+(?:please )?share (?:it|this).*)?",
    # the link back to the original on a republished post
    r"source link|original (?:article|source|post)(?: link)?:?",
    # comment forms
    r"comments?|leave a (?:reply|comment)|reply|your email address will not be published\.?.*"
    # ...and the note in its place that asks a visitor to sign in first
    r"|.*\b(?:log(?:ged)? ?in|sign(?:ed)? ?in|register)\b.{0,20}\bto (?:post an? )?(?:comment|reply)\.?",
    # newsletter and follow prompts
    r"sign up.*newsletter.*|subscribe.*|follow (?:us|me|him|her|them)\b.*",
    # a forum post's badge for the member who opened the thread (XenForo's "Thread starter",
    # vBulletin's "Original Poster", Invision's and vBulletin 5's "Topic starter")
    r"original poster|(?:thread|topic) (?:starter|author)",
    # credits, tags and update stamps; a tag line's label alone, its links being in a list
    # beside it (Hugo's theme skeleton: <div>Tags:</div><ul>...</ul>)
    r"image credits?:?.*|photo:?|getty images|filed under:? .*"
    r"|tags?:(?: .*)?|(?:last )?updated(?: on| at)?:? .{0,30}\d.{0,30}",
    # a client-side template's placeholder the page never filled in (an error message bound
    # by Vue or Angular, "{{ form.errors.message }}"; a Liquid or Jinja tag): shown only when a
    # script runs and fails, never text a reader sees (code blocks are never matched)
    r"\{\{[^{}]*\}\}|\{%[^{}]*%\}",
)
JUNK_LINES = re.compile(r"^(?:" + "|".join(JUNK_PHRASES) + r")$", re.IGNORECASE)
# The signs of the currencies a store writes its prices in.
_CURRENCY = r"[$€£¥₹]"
# A store's discount badges beside a product's price ("19% off", "You save $15", "Save: $150.00
# (13%)"): junk on a product page (on a service's pricing page, "Save 16%" is the offer).
STORE_BADGE_LINES = re.compile(
    rf"^(?:-?\d{{1,2}} ?% off|(?:you )?save:? ?(?:up to )?(?:{_CURRENCY} ?)?\d[\d.,]*"
    rf"(?: ?{_CURRENCY})?(?: ?\(\d{{1,2}} ?%\))?|save \d{{1,2}} ?%)$",
    re.IGNORECASE,
)
# An amount of money as a store writes it: a currency sign before the number, or a sign or
# code after it ("EUR 42" before a number is as often a shoe size).
_MONEY = (
    rf"(?:{_CURRENCY}\s?\d[\d.,\s]*"
    rf"|\d[\d.,\s]*\s?(?:{_CURRENCY}|kr|zł|kč|lei|usd|eur|gbp|chf))"
)
# A line that is the product's price and nothing else ("£19.99", "From $1,299.99", "149,00 €",
# "$4.99 / lb", "Price: $20 – $25 incl. VAT"): the buy box's figure, junk in the text on a
# product page (the price a clipping keeps is the page's schema.org offer; on a listing, the
# price is part of the card and stays; see ``_in_buy_box`` for where it goes).
PRICE_LINES = re.compile(
    r"^-?\s?(?:(?:from|now|only|was|price|our price|sale price|regular price|list price)"
    rf":?\s)?{_MONEY}(?:\s?[–-]\s?{_MONEY})?(?:\s?/\s?\w{{1,12}})?"
    r"(?:\s?\(?(?:incl?|excl?|ex)\.?\s(?:tax|vat)\)?)?$",
    re.IGNORECASE,
)
# class/id words of a store's buy box (its price, its stock, the variations it sells), and how
# far above a line they are looked for: a price in a list is the buy box's only when so named
# (a list of plans in the description keeps its prices).
BUY_BOX_NAMES = re.compile(r"price|amount|availab|stock|variation|offer")
BUY_BOX_LEVELS = 3
# The buy box's stock status ("In stock", "In stock (20 available)", "Only 3 left in stock",
# "Sold out"): junk in the text on a product page, as its price is.
STOCK_LINES = re.compile(
    r"^(?:in stock|out of stock|sold out|currently unavailable|available now|pre-?order"
    r"|only \d+ left(?: in stock)?)(?: ?[!.])?(?: ?\(\d+ (?:available|in stock)\))?$",
    re.IGNORECASE,
)
# Junk lines are short; longer text is never matched against the table above.
JUNK_MAX_CHARS = 120
# A heading that says a junk phrase stays when its section holds a paragraph this long (see
# ``_heads_prose``).
SECTION_PROSE_CHARS = 80
# A control drawn as a link (see ``_is_control``) says at most this many words.
CONTROL_MAX_WORDS = 3
# A line pointing to a post's comments ("There are comments.", "12 Comments", "Post a comment
# on <title>", see ``_comments_prompt``) says at most this many words.
COMMENTS_PROMPT_MAX_WORDS = 6
# class/id names of bylines and datelines (the byline lives in metadata).
BYLINE_NAMES = re.compile(
    r"byline|author|dateline|timestamp|publish|posted-?on|post-?meta|entry-?meta|article-?meta"
    r"|(?:^|[\s_-])(?:date|time|meta|credit)(?:$|[\s_-])"
)
# Labels of a store's rails of other products under a product (WooCommerce's "Related
# products", Magento's "Customers also bought", "Frequently bought together"): the grid of
# linked product cards after one is counted in words (see ``_is_link_line``).
STORE_RAIL_LABELS = (
    r"related (?:items|products)|similar (?:items|products)|you may also (?:love|need)"
    r"|recommended (?:items|products)"  # (Oscar's rail under a product)
    r"|(?:customers|people) (?:who bought this(?: item| product)? )?also (?:bought|viewed|purchased)"
    r"|frequently bought together|recently viewed(?: items| products)?"
    r"|complete (?:the|your) (?:look|order|set)|shop the look"
)
STORE_RAIL_LABEL = re.compile(rf"^(?:{STORE_RAIL_LABELS})\W*$", re.IGNORECASE)
# Labels that introduce links to other stories ("DON'T MISS", "You may also like"), alone on
# their line with the links after it, or leading a line of links ("SEE MORE: <link>").
RELATED_LABELS = (
    r"you may also like|you might also like|don.?t miss|see more|see also|read more|more"
    r"|you (?:may|might) (?:also )?be interested in(?: the following)?(?: articles| posts| stories)?"
    r"|also see|related(?: articles| stories| posts| coverage| links| content| reading)?"
    r"|also read|read also|explore further|recommended(?: reading| stories)?"
    r"|more (?:stories|news|from [\w .]+|on this(?: story)?)|further reading"
    r"|trending(?: now| news)?|most (?:read|popular)|top stories"
    # "read also" in the other languages news sites write in
    r"|(?:à )?lire aussi|voir aussi|lesen sie auch|mehr zum thema|auch interessant"
    r"|lea también|lee también|leia também|veja também|leggi anche|czytaj (?:też|także)"
    r"|lees ook|læs også|les også|läs även|читайте также|см\. также|延伸阅读|相关阅读|推荐阅读"
    r"|あわせて読みたい|관련 기사|" + STORE_RAIL_LABELS
)
RELATED_LABEL = re.compile(rf"^(?:{RELATED_LABELS})\W*$", re.IGNORECASE)
RELATED_LEAD = re.compile(rf"^(?:{RELATED_LABELS})(?::|\W*\s)", re.IGNORECASE)
# A sentence that leads into the list after it ("... the following data types:") has at least
# this many words (a label of one or two words is a rail's: "Related:", "Sponsors:").
INTRO_MIN_WORDS = 3
# A labelled line of links is at most this long.
RELATED_LINE_MAX_CHARS = 300
# Inline elements: they make a line of their own only inside a block that holds nothing else.
INLINE_TAGS = frozenset(
    {"a", "span", "strong", "b", "em", "i", "time", "small", "font", "u", "abbr", "cite", "sup",
     "sub", "code", "kbd", "samp", "var", "mark", "q", "s", "del", "ins"}
)  # fmt: skip
# A block at this link density is "a link" (a headline pointing elsewhere).
LINK_ONLY = 0.8
# An all-capitals linked line of at least this many words is a promo headline.
PROMO_MIN_WORDS = 3
# How a byline line starts.
BYLINE_LEAD = re.compile(r"^(?:by|written by|von|par|por)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")
# A byline block is short.
BYLINE_MAX_CHARS = 200
_HEADINGS = ("h1", "h2", "h3")
_ALL_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# blocks of text that, above an <h1>, make it a section heading rather than the title
_TEXT_BLOCKS = ("p", "li", "pre", "table", "blockquote", "dl")
# text above an <h1> that still leaves it the title (a kicker: "Chapter 7", "Analysis")
TITLE_KICKER_MAX_CHARS = 60
# A heading that is a run of the title's words (the title with the site's name or a subtitle
# added) stands for the title only as the region's first heading, above the article's text:
# further down, a section that repeats a phrase of the title (an FAQ's question) is a section.
TITLE_RUN_MAX_ABOVE = 500
# a heading whose key is this share of the title's (or the title's of its) duplicates it
TITLE_MATCH = 0.8
# the blocks a dateline may be
_DATE_LINE_TAGS = ("p", "div", "span", "small", "strong", "em", "h5", "h6")


def _outside_code(region: HtmlElement, tags: tuple[str, ...]) -> list[HtmlElement]:
    """The elements below ``region`` with these tags (any tag for none), in document order,
    leaving out what sits inside <pre>: a highlighted code block is thousands of <span>s, and no
    byline, junk line or related link is among them.

    What the blocks hold is set aside while lxml lists the rest (in C, where a walk in Python
    that skipped each block's subtree took twice as long), then put back as it was: the tree is
    the same when this returns, and the blocks themselves are among the elements found."""
    if region.tag == "pre" or any(True for _ in region.iterancestors("pre")):
        return []
    held: list[tuple[HtmlElement, list[HtmlElement]]] = []
    try:
        for pre in list(region.iter("pre")):
            if len(pre):
                held.append((pre, list(pre)))
                for child in held[-1][1]:
                    pre.remove(child)  # (its tail goes with it, and comes back with it)
        return [el for el in region.iterdescendants(*tags) if isinstance(el.tag, str)]
    finally:
        for pre, children in reversed(held):
            pre.extend(children)


def drop_link_lists(region: HtmlElement) -> Step:
    """Blocks that are mostly links: related stories, tag lists, "more from" rails."""
    removal = Removal("link-lists", "blocks whose text is mostly links")
    if is_link_listing(region):
        return removal.step()
    cards = _card_kinds(region)
    # a post that got its author's line is a post, however many links it holds (one that is
    # a table of contents): its lists are looked at alone
    posts = posts_holding_bylines(region)
    for el in list(region.iter(*LIST_TAGS)):
        if el is region or el.getparent() is None or el in posts:
            continue
        if cards and (_in_card(el, region, cards) or _holds_cards(el, cards)):
            continue
        if len(el.findall(".//a")) < LIST_MIN_LINKS:
            continue
        text_len = len(text_content(el).strip())
        if not text_len or text_len > LINK_DENSE_MAX_CHARS:
            continue
        dense = link_density(el, text_len) > LINK_DENSE and not _has_prose(el)
        outer = _outermost_list(el, region)
        if dense and not _opens_section(outer, region) and not _introduced(outer):
            removal.take(el)
    return removal.step()


def is_link_listing(region: HtmlElement) -> bool:
    """A region that is itself a link list by the measure above (a category page, a directory):
    its link lists are the content, not rails beside it. (Its text is counted without its
    whitespace, as the cards' in ``_card_kinds``.)"""
    total = _visible_chars(region)
    linked = sum(_visible_chars(a) for a in region.iter("a"))
    return bool(total) and linked > LINK_DENSE * total


def _card_kinds(region: HtmlElement) -> frozenset[tuple[str, str]]:
    """The kinds (tag and class) of the region's cards: blocks of one kind, at least
    CARD_MIN_COUNT of them, mostly links, that together hold most of the region's text (a
    listing's teasers); a rail of related stories beside an article holds less, and a thread's
    posts are not mostly links."""
    # (text counted without its whitespace: a template's indentation between the cards is no
    # text of the page's)
    total = _visible_chars(region)
    if not total:
        return frozenset()
    count: dict[tuple[str, str], int] = {}
    chars: dict[tuple[str, str], int] = {}
    linked: dict[tuple[str, str], int] = {}
    in_links = {a: _visible_chars(a) for a in region.iter("a")}  # (each link counted once)
    for el in region.iterdescendants(*CARD_TAGS):
        cls = el.get("class")
        if not cls:
            continue
        key = (el.tag, cls)
        count[key] = count.get(key, 0) + 1
        chars[key] = chars.get(key, 0) + _visible_chars(el)
        linked[key] = linked.get(key, 0) + sum(in_links[a] for a in el.iter("a"))
    return frozenset(
        key
        for key, n in count.items()
        if n >= CARD_MIN_COUNT
        and chars[key] >= CARD_TEXT_SHARE * total
        and linked[key] > LINK_DENSE * chars[key]
    )


def _visible_chars(el: HtmlElement) -> int:
    """The element's characters, each run of white space counted as one (as a reader sees the
    text, whatever the template's indentation)."""
    return len(fold(text_content(el)))


def _in_card(el: HtmlElement, region: HtmlElement, cards: frozenset[tuple[str, str]]) -> bool:
    for block in (el, *el.iterancestors()):
        if block is region:
            return False
        if (block.tag, block.get("class") or "") in cards:
            return True
    return False


def _holds_cards(el: HtmlElement, cards: frozenset[tuple[str, str]]) -> bool:
    """Does ``el`` hold the region's cards (the grid of a listing, not a rail beside it)?"""
    return any((card.tag, card.get("class") or "") in cards for card in el.iter(*CARD_TAGS))


def _outermost_list(el: HtmlElement, region: HtmlElement) -> HtmlElement:
    """The list that ``el`` sits in through list items (a sub-list's top list), else ``el``: the
    nested entries of a table of contents are part of that table, kept or dropped with it."""
    outer, in_item = el, False
    for anc in el.iterancestors():
        if anc is region:
            break
        if anc.tag == "li":
            in_item = True
        elif anc.tag in ("ul", "ol") and in_item:
            outer, in_item = anc, False
    return outer


def _opens_section(el: HtmlElement, region: HtmlElement) -> bool:
    """A link list that is the body of an anchored section ("References", a README's table of
    contents) is content; one under a related-stories label is not. Inside a body of written
    text (a block of nothing but paragraphs, headings, lists...: a post as an editor renders
    it) any heading will do where the text goes on after the list: a list of links that ends
    the body is the rail an article's template or author adds ("Elsewhere")."""
    parent = el.getparent()
    folded = parent is not None and parent.tag == "details"  # its <details> is the body's block
    block, holder = (parent, parent.getparent()) if folded else (el, parent)
    written = (
        holder is not None
        and ledes.holds_only_written(holder)
        and any(text_content(after).strip() for after in block.itersiblings())
    )
    heading = docs.section_heading(el, region, label=RELATED_LABEL, anchored=not written)
    return heading is not None and not RELATED_LABEL.match(fold(text_content(heading)))


def _introduced(el: HtmlElement) -> bool:
    """A list that the sentence before it leads into ("Redis implements the following data
    types:", "For more information, see:") is that sentence's end: a paragraph of a few words
    or more that ends in a colon, not a related-stories label ("Read more:")."""
    prev = previous_element(el, adjacent=True)
    if prev is None or prev.tag != "p":
        return False
    text = fold(text_content(prev))
    if not text.endswith(":") or len(text.split()) < INTRO_MIN_WORDS:
        return False
    return not (RELATED_LABEL.match(text) or RELATED_LEAD.match(text))


def drop_related_links(region: HtmlElement) -> Step:
    """Runs of links to other stories: a label ("DON'T MISS", "You may also like") and the
    linked lines after it, and linked headlines in capitals (a promo for another story)."""
    removal = Removal("related-links", "links to other stories inside the article")
    for el in _outside_code(
        region, ("p", "div", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span")
    ):
        if el is region:
            continue
        raw = text_content(el)
        if len(raw) > 2 * RELATED_LINE_MAX_CHARS:  # whitespace aside, too long for any rule
            continue
        text = fold(raw)
        if len(text) <= JUNK_MAX_CHARS and RELATED_LABEL.match(text):
            block = _line_of(el, region)
            if block is None:
                continue
            rail = STORE_RAIL_LABEL.match(text) is not None
            for sibling in list(block.itersiblings()):
                if not isinstance(sibling.tag, str) or not _is_link_line(sibling, words=rail):
                    break
                removal.take(sibling)
            removal.take(block)
        elif el.tag == "p" and _is_promo_headline(el, text):
            removal.take(el)
        elif len(text) <= RELATED_LINE_MAX_CHARS and _is_labelled_links(el, text):
            block = _line_of(el, region)
            if block is not None:
                removal.take(block)
    return removal.step()


def _block_of(el: HtmlElement, region: HtmlElement) -> HtmlElement:
    """The outermost ancestor below ``region`` that holds nothing but ``el``'s text."""
    block = el
    text = fold(text_content(el))
    for parent in el.iterancestors():
        if parent is region or fold(text_content(parent)) != text:
            break
        block = parent
    return block


def _line_of(el: HtmlElement, region: HtmlElement) -> HtmlElement | None:
    """The element that holds ``el`` alone on its line, or None when ``el`` sits inside a
    longer line of text ("Please <a>email</a> us", "on <time>Tuesday</time> the mayor said")."""
    block = _block_of(el, region)
    if block.tag not in INLINE_TAGS:
        return block
    # an inline element is its own line when no text and no inline neighbour touches it
    parent = block.getparent()
    if parent is None:
        return None  # its line went already (a link dropped around this span)
    prev, nxt = block.getprevious(), block.getnext()
    before = parent.text if prev is None else prev.tail
    if (before or "").strip() or (block.tail or "").strip():
        return None
    if any(n is not None and n.tag in INLINE_TAGS for n in (prev, nxt)):
        return None
    return block


def _is_link_line(el: HtmlElement, *, words: bool = False) -> bool:
    """A line or block that is (nearly) all links; with ``words``, counted in words (a store's
    grid of linked product cards: the white space its template indents the cards with is no
    text beside the links)."""
    if not words:
        text = text_content(el).strip()
        return bool(text) and el.find(".//a") is not None and link_density(el) >= LINK_ONLY
    folded = fold(text_content(el))
    if not folded or el.find(".//a") is None:
        return False
    linked = sum(len(fold(text_content(a))) for a in el.iter("a"))
    return linked >= LINK_ONLY * len(folded)


def _is_labelled_links(el: HtmlElement, text: str) -> bool:
    """ "SEE MORE: <a>Other story</a>": a related label, then nothing but links."""
    lead = RELATED_LEAD.match(text)
    if lead is None:
        return False
    rest = len(text) - lead.end()
    linked = sum(len(fold(text_content(a))) for a in el.iter("a"))
    return rest > 0 and linked >= LINK_ONLY * rest


def _is_promo_headline(el: HtmlElement, text: str) -> bool:
    return text.isupper() and len(text.split()) >= PROMO_MIN_WORDS and _is_link_line(el)


# The count over a thread's replies or a story's comments ("Replies (2)", "7 Comments", "2
# responses"): a label, even where it heads the replies (a junk line heading prose stays).
COUNT_LINES = re.compile(
    r"(?:comments|replies|answers|responses) ?\(\d+\)|\d+ (?:comments?|repl(?:y|ies)"
    r"|answers?|responses?)",
    re.IGNORECASE,
)


def drop_junk_lines(region: HtmlElement, *, product: bool = False) -> Step:
    """Short lines that are page furniture: "Advertisement", "Share this", "Read more"...; on a
    product page (``product``) the buy box's discount badges, price and stock lines too (see
    ``_store_line``, ``_in_buy_box``); and a link alone on its line, repeated under each item
    (see ``_repeated_link_lines``)."""
    removal = Removal("junk-lines", "page furniture lines (advertisement, share, read more...)")
    for el in _outside_code(region, LINE_TAGS):
        raw = text_content(el)
        if len(raw) > 2 * JUNK_MAX_CHARS:  # whitespace aside, too long to be a junk line
            continue
        text = fold(raw)
        if (
            len(text) <= JUNK_MAX_CHARS
            and (JUNK_LINES.match(text) or (product and _store_line(text) and _in_buy_box(el)))
            and _line_of(el, region) is not None
            and not _heads_prose(el)
        ) or (COUNT_LINES.fullmatch(text) and _line_of(el, region) is not None):
            removal.take(el)
        elif el.tag == "a" and _is_control(el, text, region):
            removal.take(el)  # (not its line: a picture beside it, with no text, stays)
        elif el.tag == "a" and (line := _comments_prompt(el, region)) is not None:
            removal.take(line)
    for line in _repeated_link_lines(region):
        if is_attached(line):
            removal.take(line)
    return removal.step()


def _in_buy_box(el: HtmlElement) -> bool:
    """Does a price or stock line stand where the buy box puts one: not in a table (a price
    column), nor in a list or a definition list unless a buy-box name is on it or just above
    it (Cartridge's "variations" list)?"""
    if ancestor(el, "table") is not None:
        return False
    if el.tag not in ("li", "dd", "dt") and ancestor(el, "li", "dd", "dt") is None:
        return True
    above = [el, *el.iterancestors()][: BUY_BOX_LEVELS + 1]
    return any(BUY_BOX_NAMES.search(names_of(node)) for node in above)


def _store_line(text: str) -> bool:
    """A product page's discount badge, price or stock line (see ``STORE_BADGE_LINES``,
    ``PRICE_LINES``, ``STOCK_LINES``)."""
    return bool(STORE_BADGE_LINES.match(text) or PRICE_LINES.match(text) or STOCK_LINES.match(text))


def _repeated_link_lines(region: HtmlElement) -> list[HtmlElement]:
    """Lines that are one link and nothing else, in a block that is no list of links, whose
    words come back at least REPEATED_LINE_COUNT times in the region: a template's call to
    action under each item of a list article or each section ("Compare new car deals with
    leasing.com", "Request a quote"). A list of links (a contents list naming a section three
    times) is left to the link-list steps, and a member's "@name" over each reply to them (a
    thread's parent, as NodeBB shows it) is no call to action."""
    lines: dict[str, list[HtmlElement]] = {}
    seen: set[HtmlElement] = set()
    for link in region.iter("a"):
        text = fold(text_content(link) if len(link) else link.text)
        if not text or text.startswith("@") or len(text) > JUNK_MAX_CHARS * 3:
            continue
        line = _line_of_link(link, text, region)
        if line is None or line in seen:
            continue
        seen.add(line)
        lines.setdefault(text.lower(), []).append(line)
    found: list[HtmlElement] = []
    for same in lines.values():
        if len(same) >= REPEATED_LINE_COUNT:  # (the densities only then: most lines are unique)
            kept = [line for line in same if not _in_link_list(line)]
            if len(kept) >= REPEATED_LINE_COUNT:
                found += kept
    return found


def _in_link_list(line: HtmlElement) -> bool:
    parent = line.getparent()
    return parent is None or link_density(parent) >= LINK_DENSE


def _line_of_link(link: HtmlElement, text: str, region: HtmlElement) -> HtmlElement | None:
    """The outermost block (<p>, <li>, <div>) inside the region that holds the link and nothing
    else: no other words, no other link, no picture."""
    line = None
    below = link
    for above in link.iterancestors():
        if above is region or (above.text or "").strip() or (below.tail or "").strip():
            break
        if len(above) > 1 and fold(text_content(above)) != text:  # (else it holds ``below`` alone)
            break
        below = above
        if above.tag in _LINK_LINE_TAGS:
            if len(above.findall(".//a")) != 1 or above.find(".//img") is not None:
                break
            line = above
    return line


def _heads_prose(el: HtmlElement) -> bool:
    """Is ``el`` a heading whose section holds a paragraph of prose ("Comments", "Print" or
    "Email" in a reference: a section of the document, not a widget's label)? The section is
    what follows the heading up to the next heading of its level or above."""
    if el.tag not in _ALL_HEADINGS:
        return False
    level = int(el.tag[1])
    for sibling in el.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in _ALL_HEADINGS and int(sibling.tag[1]) <= level:
            return False
        paragraphs = [sibling] if sibling.tag == "p" else sibling.iter("p")
        if any(len(fold(text_content(p))) >= SECTION_PROSE_CHARS for p in paragraphs):
            return True
    return False


def _comments_prompt(link: HtmlElement, region: HtmlElement) -> HtmlElement | None:
    """The line around a link to the comments of a post (its target's fragment names a comment
    section: ``#comments``, ``#disqus_thread``, ``#respond``) when the line says a few words
    and links nowhere else: a count or a prompt ("There are comments.", "Leave a comment"),
    furniture of a listing's cards and of a post whose comments are not part of it."""
    fragment = (link.get("href") or "").partition("#")[2]
    if not fragment or not COMMENT_NAMES.search(fragment.lower()):
        return None
    if _PLACE_IN(region, name=unquote(fragment)):
        return None  # a place in the text itself (a reference's "Comments" section)
    line = link
    for parent in link.iterancestors():
        if parent is region or line.tag not in INLINE_TAGS:
            break
        line = parent
    if line is region or len(fold(text_content(line)).split()) > COMMENTS_PROMPT_MAX_WORDS:
        return None
    return line if sum(1 for _ in line.iter("a")) == 1 else None


def _is_control(link: HtmlElement, text: str, region: HtmlElement) -> bool:
    """Is the link a button drawn as a link: a few words ("Print", "Expand all", "More
    reviews") linking nowhere (``#``, ``javascript:``: a script acts on the click), alone on its
    line? A heading, a list entry or a table cell that is such a link keeps it (a tab's or a
    menu's name is judged with its list)."""
    if not text or len(text.split()) > CONTROL_MAX_WORDS or not leads_nowhere(link):
        return False
    if fold(link.get("href")).lower().startswith("data:"):
        return False  # (a file the page holds, "Download CSV": a reader can save it)
    line = _line_of(link, region)
    return not (line is None or line.tag in _KEPT_LINES or ancestor(line, *_KEPT_LINES) is not None)


# A heading that links to itself is the section's title; an entry of a list or a cell of a table
# is kept or dropped with it (a table of contents whose sections went is the link-lists step's to
# judge; a table of options whose names link to their sections keeps its rows whole).
_KEPT_LINES = (*_ALL_HEADINGS, "li", "dt", "dd", "td", "th")
# A hash router's links ("#/guide/intro", "#!/post/12") go to other pages, not to a place on this one.
ROUTER_HREFS = ("#/", "#!")
# Links to a place on the page; the first element a place name may stand for (its id, or a
# named anchor), in page order.
_JUMPS = etree.XPath(".//a[starts-with(normalize-space(@href), '#')]")
_PLACE = etree.XPath("(//*[@id = $name] | //a[@name = $name])[1]")
_PLACE_IN = etree.XPath("(.//*[@id = $name] | .//a[@name = $name])[1]")


def drop_jump_links(region: HtmlElement) -> Step:
    """Lines that are nothing but links back up the page: "Back to top", "Back to navigation",
    "Return to the contents". In the clipped article they lead nowhere. A link ahead ("Jump to
    details", a footnote mark), one whose target is not on the page (a README's link to a file
    its site made a fragment of), a heading's permalink and the entries of a list or table (a
    table of contents) stay."""
    removal = Removal("jump-links", "links back up the page")
    places: dict[str, HtmlElement | None] = {}
    for link in _JUMPS(region):
        # its line holds its text and no other: a link with none, or with too much, is no such
        # line; one that shares a heading, a list entry or a table cell with other text stays
        # with its line; the place a link goes to is looked for last, for the few lines left
        said = fold(text_content(link))
        if not said or len(said) > JUNK_MAX_CHARS or _shares_kept_line(link, said):
            continue
        line = _line_of(link, region)
        if line is None or line.tag in _KEPT_LINES or ancestor(line, *_KEPT_LINES) is not None:
            continue
        if ancestor(link, *_ALL_HEADINGS) is not None:
            continue  # a heading that toggles its section (an accordion's "#" link) is its title
        text = fold(text_content(line))
        if not text or len(text) > JUNK_MAX_CHARS:
            continue
        if all(_jumps_back(a, places) for a in line.iter("a")):
            removal.take(line)
    return removal.step()


def _shares_kept_line(link: HtmlElement, said: str) -> bool:
    """Whether ``link`` (its text ``said``) sits in a heading, list entry or table cell that
    holds more text than the link (its line is then inside that element, which stays)."""
    kept = ancestor(link, *_KEPT_LINES)
    return kept is not None and fold(text_content(kept)) != said


def _jumps_back(link: HtmlElement, places: dict[str, HtmlElement | None]) -> bool:
    """Whether ``link`` goes to a place on this page above it, or to the page's top ("#",
    "#top": a browser scrolls to the top for them when no element has that id). A link to a
    heading is its permalink, beside it (never a jump back). ``places`` keeps the places
    looked up, by name."""
    href = (link.get("href") or "").strip()
    if not href.startswith("#") or href.startswith(ROUTER_HREFS):
        return False
    name = unquote(href[1:])
    if name not in places:
        found = _PLACE(link.getroottree(), name=name)
        places[name] = found[0] if found else None
    target = places[name]
    if target is None:
        return name.lower() in ("", "top")
    return target.tag not in _ALL_HEADINGS and _page_position(target) < _page_position(link)


def _page_position(el: HtmlElement) -> list[int]:
    """Where ``el`` is in the page: the index of each of its ancestors and of itself among its
    siblings, from the top; compared as lists, in page order (a container before what it holds)."""
    path = []
    for parent in el.iterancestors():
        path.append(parent.index(el))
        el = parent
    return path[::-1]


# A heading's edit link opens the page's editor at that section: a wiki's "[edit]" (MediaWiki's
# "?action=edit&section=2", its visual editor's "?veaction=edit&section=2", "[edit | edit
# source]" where a wiki has both), inside the heading (MediaWiki to 1.40) or just after it in the
# heading's wrapper (1.41 on: <div class="mw-heading"><h2>..</h2><span class="mw-editsection">).
_EDIT_ACTIONS = frozenset({"edit", "editsource"})
# what stands around the links in such a control: brackets, a bar between two links
_EDIT_MARKS = " []|()\u00b7"
EDIT_CONTROL_MAX_CHARS = 40


def _opens_editor(link: HtmlElement) -> bool:
    href = link.get("href") or ""
    if "section=" not in href:
        return False
    try:
        query = parse_qs(urlsplit(href).query)
    except ValueError:
        return False
    actions = {*query.get("action", ()), *query.get("veaction", ())}
    return "section" in query and bool(actions & _EDIT_ACTIONS)


def _is_edit_control(el: HtmlElement) -> bool:
    """Whether ``el`` holds edit links and nothing else but the marks around them."""
    links = list(el.iter("a"))
    if not links or not all(_opens_editor(a) for a in links):
        return False
    rest = fold(text_content(el))
    for a in links:
        rest = rest.replace(fold(text_content(a)), "", 1)
    return not rest.strip(_EDIT_MARKS)


def drop_edit_links(region: HtmlElement) -> Step:
    """A heading's "[edit]" link (see _EDIT_ACTIONS), with its brackets. A link to edit a page
    that does not exist yet (a wiki's red link, "?action=edit&redlink=1") names no section and
    stays, as does an edit link that is no heading's."""
    removal = Removal("edit-links", "links to edit a section, beside its heading")
    for link in [a for a in region.iter("a") if _opens_editor(a)]:
        control = link
        while (parent := control.getparent()) is not None and parent is not region:
            if parent.tag in _ALL_HEADINGS or not _is_edit_control(parent):
                break
            control = parent
        if len(fold(text_content(control))) > EDIT_CONTROL_MAX_CHARS:
            continue
        before = control.getprevious()
        beside = before is not None and before.tag in _ALL_HEADINGS
        if beside or ancestor(control, *_ALL_HEADINGS) is not None:
            removal.take(control)
    return removal.step()


def drop_title(
    region: HtmlElement,
    title: str | None,
    page_url: str | None = None,
    site_name: str | None = None,
) -> Step:
    """The title heading repeated at the top of the region (the title is in metadata), and the
    site's name as a heading over it (``site_name``: a banner's <h1> inside the region).

    A heading at the top that names the page's place in the site ("Home", see
    ``names_a_place``) goes with it. The heading that states the title goes, unless a higher
    heading comes before it (there it names a section: a package's API section named for the
    package); failing that, an <h1> with no text above it, unless it is the first of a
    listing's linked card titles (``page_url``: the page's address, which a title linking to
    its own page goes to). Other <h1>s are sections of the article (documentation often uses
    them so) and stay.
    """
    removal = Removal("title-duplicate", "the title heading, kept in metadata instead")
    for el in _reply_subjects(region, title):
        removal.take(el)
    top = next(region.iter(*_ALL_HEADINGS), None)
    if (
        top is not None
        and site_name
        and _words(site_name) != _words(title)
        and _words(text_content(top)) == _words(site_name)
        and _text_above(top, region) <= TITLE_KICKER_MAX_CHARS
    ):
        removal.take(top)  # the site's banner (its name) over the page's own heading
        top = next(region.iter(*_ALL_HEADINGS), None)
    if (
        top is not None
        and title
        and not names_a_place(title)
        and names_a_place(text_content(top))
        and _text_above(top, region) <= TITLE_KICKER_MAX_CHARS
    ):
        removal.take(top)  # the template's name for the page's place ("Home") over the title
    if title:
        wanted = _words(title)
        ranks = [int(h.tag[1]) for h in region.iter(*_HEADINGS)]
        for at, el in enumerate(list(region.iter(*_HEADINGS))):
            if at and min(ranks[:at]) < int(el.tag[1]):
                continue  # a section under a higher heading (an API's "### picomatch")
            words = _words(text_content(el))
            if words and (
                words == wanted
                or (
                    _contains(wanted, words)
                    and at == 0
                    and _text_above(el, region) <= TITLE_RUN_MAX_ABOVE
                )
            ):
                removal.take(el)
                return removal.step()
        top = next(region.iter(*_ALL_HEADINGS), None)
        if (
            top is not None
            and _text_above(top, region) <= TITLE_KICKER_MAX_CHARS
            and _near_title(text_content(top), title)
        ):
            removal.take(top)
            return removal.step()
    first = next(region.iter("h1"), None)
    if (
        first is not None
        and _text_above(first, region) <= TITLE_KICKER_MAX_CHARS
        and not _first_of_linked_titles(first, region, page_url or "")
    ):
        removal.take(first)
    return removal.step()


# The words a reply's subject starts with: "Re:" (and the German, Nordic and Polish "Aw:",
# "Sv:", "Odp:"), as mail and forum software write it.
REPLY_PREFIXES = frozenset({"re", "aw", "sv", "odp"})


def _reply_subjects(region: HtmlElement, title: str | None) -> list[HtmlElement]:
    """The headings of a thread's replies that repeat its title as a reply's subject ("RE:
    Benchmarking - Added by ..."), when two or more do: each post's header, not its text."""
    wanted = _words(title)
    if not wanted:
        return []
    found = []
    for el in region.iter(*_ALL_HEADINGS):
        words = _words(text_content(el))
        if words[:1] and words[0] in REPLY_PREFIXES and words[1 : 1 + len(wanted)] == wanted:
            found.append(el)
    return found if len(found) >= 2 else []


def _first_of_linked_titles(first: HtmlElement, region: HtmlElement, page_url: str) -> bool:
    """Is the <h1> the first of a listing's card titles: it and at least one more <h1> of the
    region each link to a page of their own (a theme that heads every post on its home, tag and
    archive pages with an <h1>)? The page's title is not among them (it links to nowhere else
    than its page, if anywhere); the first card's is."""
    if not _links_away(first, page_url):
        return False
    return sum(1 for h1 in region.iter("h1") if _links_away(h1, page_url)) >= 2


def _links_away(heading: HtmlElement, page_url: str) -> bool:
    """Does the heading link to another page (not to a place on this one, nor to it)?"""
    here = urldefrag(page_url).url.rstrip("/")
    for a in heading.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith("#") or leads_nowhere(a):
            continue
        if urldefrag(urljoin(page_url, href)).url.rstrip("/") != here:
            return True
    return False


def _near_title(heading: str, title: str) -> bool:
    """A heading that the title begins with, or that begins with the title, nearly whole
    (the title cut short, or with a subtitle or the site's name run on)."""
    found, wanted = key(heading), key(title)
    shorter, longer = sorted((found, wanted), key=len)
    return (
        bool(shorter) and longer.startswith(shorter) and len(shorter) >= TITLE_MATCH * len(longer)
    )


def _text_above(heading: HtmlElement, region: HtmlElement) -> int:
    """Characters of block text in the region before the heading (document order)."""
    lineage = set(heading.iterancestors())
    total = 0
    for el in region.iter(*_TEXT_BLOCKS, heading.tag):
        if el is heading:
            break
        if el in lineage:
            continue
        if not _nested_below(el, region):
            total += len(fold(text_content(el)))
    return total


def _nested_below(el: HtmlElement, region: HtmlElement) -> bool:
    """Is the text block inside another below ``region`` (a paragraph in a quote or a table)?
    A region inside a layout table is no block around its paragraphs."""
    holder = ancestor(el, *_TEXT_BLOCKS)
    return holder is not None and is_within(holder, region)


def drop_bylines(region: HtmlElement, byline: str | None) -> Step:
    """Byline and dateline blocks (author and date are in metadata)."""
    removal = Removal("byline-duplicate", "bylines and datelines, kept in metadata instead")
    everything = _outside_code(region, ())
    for el in everything:
        if el.getparent() is None:
            continue
        if not (
            el.tag == "time"
            or el.get("rel") == "author"
            or el.get("itemprop") == "author"
            or _names_byline(names_of(el))
        ):
            continue
        if _in_picture_figure(el):
            continue  # a picture's caption and credit ("image-meta") stay with it
        if docs.is_named_section(el):
            continue  # "Authors", a section of the document
        if len(text_content(el)) <= BYLINE_MAX_CHARS and _line_of(el, region) is not None:
            removal.take(el)
    for el in _unchanged_or_again(everything, removal, _DATE_LINE_TAGS, region):
        if is_post_byline(el):
            continue  # a post's author and date, each post's own (see posts.py)
        raw = text_content(el)
        if len(raw) > 2 * DATE_LINE_MAX_CHARS:  # whitespace aside, too long for a dateline
            continue
        if is_date_line(fold(raw)) and _line_of(el, region) is not None:
            removal.take(el)
    if byline:
        for el in _unchanged_or_again(everything, removal, ("p", "div", "span"), region):
            text = fold(text_content(el))
            if is_post_byline(el):
                continue
            if text and len(text) <= BYLINE_MAX_CHARS and byline in text and _is_byline(text):
                removal.take(el)
    return removal.step()


def _unchanged_or_again(
    found: list[HtmlElement], removal: Removal, tags: tuple[str, ...], region: HtmlElement
) -> list[HtmlElement]:
    """``_outside_code(region, tags)``: picked from ``found`` (that list, for any tag) when
    ``removal`` took nothing since it was made, as on most pages, else listed again."""
    if removal.removed:
        return _outside_code(region, tags)
    wanted = frozenset(tags)
    return [el for el in found if el.tag in wanted]


@lru_cache(maxsize=4096)
def _names_byline(names: str) -> bool:
    return bool(names and BYLINE_NAMES.search(names))


def _in_picture_figure(el: HtmlElement) -> bool:
    figure = ancestor(el, "figure")
    return figure is not None and figure.find(".//img") is not None


def _is_byline(text: str) -> bool:
    return bool(BYLINE_LEAD.match(text))


def _has_prose(el: HtmlElement) -> bool:
    """A paragraph of plain text below the element keeps it (a list item with a sentence)."""
    for p in el.iter("p"):
        text = text_content(p)
        if len(text) > 150 and link_density(p, len(text)) < 0.3:
            return True
    return False


def _words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def _contains(outer: list[str], inner: list[str]) -> bool:
    """Is ``inner`` a run of ``outer`` (a title with " | Site" appended)?"""
    if len(inner) < 3 or len(inner) > len(outer):
        return False
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))
