"""Product pages: the whole product, not its longest block of prose.

A store's product page shows one product in parts: its name and price beside the gallery, a short
description or key features, the long description, the specifications (often each in a tab or a
section of its own). The region chosen by its prose is the long description alone; a reader of
the product wants all of it. Only on a page that says it shows one product (schema.org Product in
JSON-LD or microdata, ``og:type`` product):

- when the page marks its <main> and the region lies within it, the region is that <main> (the
  site's header, menus and footer stay outside it; rails of other products inside it are lists
  of links, for the cleanup steps);
- otherwise, when the region does not hold the page's <h1> (the product's name), the prose of
  the column around that heading joins it, before it (WooCommerce's short description, Magento's
  overview, BigCommerce's product view details).

Before the region is chosen, the customers' reviews go: what buyers wrote of the product is
no part of it (and a long list of them outweighs the description).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from extractor.article.scoring import link_density, page_main
from extractor.dom import fold, is_within, text_of
from extractor.metadata.jsonld import declared_types
from extractor.records import Step
from extractor.removal import Removal, is_attached

# schema.org types of one product (not a list of them).
PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "ProductModel", "IndividualProduct"})
# what a form that puts one product in the cart says of itself (action, id, class)
CART_FORMS = re.compile(r"(?:basket|cart)[/_-]?add|add[/_-]?(?:to[/_-]?)?(?:basket|cart)")
# The product's column reaches at most this far above its <h1>.
MAX_LEVELS = 4
# A table or list of fewer label/value pairs than this is no specification.
MIN_PAIRS = 2
# A label/value pair's cells are short: a longer cell is prose (a comparison, a size guide).
MAX_CELL_CHARS = 200
# Most of a specification is read, not followed: links (a brand's page) are a small part.
MAX_LINK_DENSITY = 0.3


def is_product_page(doc: HtmlElement, declared: frozenset[str] | None = None) -> bool:
    """Whether the page says it shows one product (read before scripts are dropped;
    ``declared``: its ``declared_types``, when the caller has them)."""
    if PRODUCT_TYPES.intersection(declared_types(doc) if declared is None else declared):
        return True
    for meta in doc.iter("meta"):
        if (meta.get("property") or meta.get("name")) == "og:type":
            if fold(meta.get("content")).lower() in ("product", "og:product", "product.item"):
                return True
            break
    return _cart_form_by_title(doc)


def _cart_form_by_title(doc: HtmlElement) -> bool:
    """The page's <h1> and a form that puts a product in the cart (``CART_FORMS`` in its
    action, id or class: Oscar's "add_to_basket_form", Shopify's "/cart/add", Magento's
    "product_addtocart_form", PrestaShop's "add-to-cart-or-refresh", Cartridge's "add-cart")
    sit in one column, at most ``MAX_LEVELS`` above the form: the product's name beside its
    buy box (a listing's cards each have a form, under headings of their own)."""
    h1 = next(doc.iter("h1"), None)
    if h1 is None:
        return False
    for form in doc.iter("form"):
        names = " ".join(form.get(a) or "" for a in ("action", "id", "class")).lower()
        if not CART_FORMS.search(names):
            continue
        for level, above in enumerate(form.iterancestors()):
            if level >= MAX_LEVELS:
                break
            if is_within(h1, above):
                return True
    return False


def _join(
    parts: list[HtmlElement], region: HtmlElement, blocks: list[HtmlElement], step: Step
) -> tuple[HtmlElement, Step]:
    """``parts`` (the region and the joining blocks) moved in this order into a new <div> in
    the region's place, and the step naming the blocks."""
    joined = region.makeelement("div", {})
    region.addprevious(joined)
    for el in parts:
        el.tail = None
        joined.append(el)
    samples = tuple(" ".join(text_of(b).split()[:8]) for b in blocks[:3])
    return joined, Step(step.name, step.why, 0, samples)


def _is_specification(block: HtmlElement) -> bool:
    """A table of label/value rows or a definition list: pairs of short cells, few links."""
    if block.tag == "table":
        if block.xpath(".//table"):
            return False  # a layout table
        rows = [row.xpath("./th | ./td") for row in block.iter("tr")]
        pairs = [cells for cells in rows if len(cells) == 2]
        if len(pairs) < MIN_PAIRS or len(pairs) * 2 < len(rows):
            return False
        cells = [cell for pair in pairs for cell in pair]
    else:
        cells = block.xpath("./dt | ./dd | ./div/dt | ./div/dd")
        if sum(1 for c in cells if c.tag == "dt") < MIN_PAIRS:
            return False
    if any(len(text_of(cell)) > MAX_CELL_CHARS for cell in cells):
        return False
    return bool(text_of(block)) and link_density(block) <= MAX_LINK_DENSITY


# -- the page's <main> --------------------------------------------------------------------------


def widen_to_main(region: HtmlElement, body: HtmlElement) -> tuple[HtmlElement, Step]:
    """The page's <main>, when the region lies within it; else the region."""
    step = Step("product-main", "a product page's whole <main>, not one of its parts", 0)
    main = page_main(body)
    if main is None or main is region or not is_within(region, main):
        return region, step
    return main, Step(step.name, step.why, 1, (" ".join(text_of(region).split()[:8]),))


# -- the summary beside the gallery ----------------------------------------------------------

# A summary block is prose: a paragraph of at least this many characters...
MIN_SUMMARY_CHARS = 40
# ...or a list of at least MIN_PAIRS items of this many characters each (key features).
MIN_FEATURE_CHARS = 20
SUMMARY_TAGS = ("p", "ul", "ol", "table", "dl")


def join_summary(region: HtmlElement, body: HtmlElement) -> tuple[HtmlElement, Step]:
    """The product's summary beside its gallery (name, short description, key features), when
    the region does not hold the product's <h1>: its prose blocks join the region, before it."""
    step = Step("product-summary", "a product's summary beside its gallery", 0)
    if region is body or region.getparent() is None:
        return region, step
    headings = list(body.iter("h1"))
    if not headings or any(is_within(h, region) for h in headings):
        return region, step
    blocks: list[HtmlElement] = []
    for heading in headings:
        blocks = _summary_blocks(_column(heading, region, body), region)
        if blocks:
            break
    if not blocks:
        return region, step
    return _join([*blocks, region], region, blocks, step)


def _column(heading: HtmlElement, region: HtmlElement, body: HtmlElement) -> HtmlElement:
    """The block around the product's heading: up to ``MAX_LEVELS`` above it, short of the
    container that holds the region."""
    column = heading
    for level, parent in enumerate(heading.iterancestors()):
        if level >= MAX_LEVELS or parent is body or is_within(region, parent):
            break
        column = parent
    return column


def _summary_blocks(column: HtmlElement, region: HtmlElement) -> list[HtmlElement]:
    """The column's prose blocks outside the region, outermost only."""
    blocks = [
        el
        for el in column.iter(*SUMMARY_TAGS)
        if _is_summary_block(el) and not is_within(el, region)
    ]
    return [b for b in blocks if not any(is_within(b, o) for o in blocks if o is not b)]


def _is_summary_block(el: HtmlElement) -> bool:
    """A paragraph, a list of features or a specification, not inside a control or a link."""
    if any(a.tag in ("a", "button", "form", "label", "li", "p") for a in el.iterancestors()):
        return False
    if el.tag in ("table", "dl"):
        return _is_specification(el)
    if link_density(el) > MAX_LINK_DENSITY:
        return False
    if el.tag == "p":
        return len(text_of(el)) >= MIN_SUMMARY_CHARS
    items = el.xpath("./li")
    return len(items) >= MIN_PAIRS and all(len(text_of(li)) >= MIN_FEATURE_CHARS for li in items)


# -- customer reviews ----------------------------------------------------------------------

# class/id/itemprop/data-hook words of a customer review and of the block listing them
# (Sweetwater's "product-review", Magento's "review-item" with itemprop "review", Yotpo's
# "yotpo-review", PowerReviews' "pr-review", Shopify's "spr-review", Amazon's data-hook
# "review", Judge.me's "jdgm-rev"), not a "preview".
REVIEW_NAMES = re.compile(r"(?<!p)review|(?:^|\s)jdgm-rev(?:$|[\s_])")
# class words of a review's rating (Oscar's "star-rating Five"), one of the parts it names
RATING_NAMES = re.compile(r"(?:^|[\s_-])(?:star-?)?rating(?:$|[\s_-])")
# A list of reviews shows at least this many entries...
MIN_REVIEWS = 2
# ...each with this much text (a title, a rating's words, a byline, the review itself).
MIN_REVIEW_CHARS = 20
# The heading over them says at most this many characters ("Customer Reviews (12)").
MAX_HEADING_CHARS = 60
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The reviews fill this share of the text of the block around them that goes with them.
REVIEWS_SHARE = 0.5


def _review_names(el: HtmlElement) -> str:
    """The element's class, itemprop and data-hook words that name a review ("" for none; the
    id is left out: each entry has its own)."""
    words = " ".join(el.get(attr) or "" for attr in ("class", "itemprop", "data-hook")).lower()
    return " ".join(word for word in words.split() if REVIEW_NAMES.search(word))


def _review_named(el: HtmlElement) -> bool:
    return bool(_review_names(el) or REVIEW_NAMES.search((el.get("id") or "").lower()))


def _has_review_parts(entry: HtmlElement) -> bool:
    """A review entry names its parts as such too (its title, rating, body or byline: Amazon's
    "review-body", Magento's "review-content", Judge.me's "jdgm-rev__body"; Oscar's
    "star-rating" over its title); a block of the page merely styled as a "review block" (a
    critics' score, awards) does not."""
    return any(
        _review_named(el) or RATING_NAMES.search((el.get("class") or "").lower())
        for el in entry.iterdescendants(etree.Element)
    )


def drop_reviews(body: HtmlElement) -> Step:
    """The customers' reviews of the product: each list of review entries (at least
    ``MIN_REVIEWS`` siblings of one tag, named as reviews alike), with the outermost block
    around it named as reviews that the reviews fill (its heading, rating summary and "Write a
    review" box; see ``_reviews_block``)."""
    removal = Removal("product-reviews", "customer reviews on a product page")
    for parent in [el for el in body.iter(etree.Element) if len(el) >= MIN_REVIEWS]:
        if not is_attached(parent):
            continue
        entries = _review_entries(parent)
        if not entries:
            continue
        block = _reviews_block(parent, entries, body)
        for el in [block] if block is not None else entries:
            if el.find(".//h1") is None:
                heading = _reviews_heading(el)
                if heading is not None:
                    removal.take(heading)
                removal.take(el)
    return removal.step()


def _reviews_heading(block: HtmlElement) -> HtmlElement | None:
    """The heading over the reviews in a wrapper of its own just before them, named as
    reviews (Oscar's <div id="reviews"><h2>Customer Reviews</h2></div>), if any."""
    before = block.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    if before is None or not _review_named(before) or len(text_of(before)) > MAX_HEADING_CHARS:
        return None
    return before if next(before.iter(*HEADINGS), None) is not None else None


def _reviews_block(
    parent: HtmlElement, entries: list[HtmlElement], body: HtmlElement
) -> HtmlElement | None:
    """The outermost block named as reviews, from the entries' parent up to ``MAX_LEVELS``
    above it, of whose text the entries hold at least ``REVIEWS_SHARE``; None when no block
    is (the entries sit in a column that holds other things)."""
    chars = sum(len(text_of(el)) for el in entries)
    found = None
    for level, el in enumerate([parent, *parent.iterancestors()]):
        if level > MAX_LEVELS or el is body or chars < REVIEWS_SHARE * len(text_of(el)):
            break
        if _review_named(el):
            found = el
    return found


def _review_entries(parent: HtmlElement) -> list[HtmlElement]:
    """The review entries ``parent`` lists: ``MIN_REVIEWS`` children or more of one tag and
    the same review words in their names, each with text and parts named as a review's."""
    kinds: dict[tuple[str, str], list[HtmlElement]] = {}
    for item in parent:
        child = _named_within(item)
        if child is None or child.tag == "a":
            continue  # (a link: a rating's summary leading to the reviews)
        if len(text_of(child)) < MIN_REVIEW_CHARS or not _has_review_parts(child):
            continue
        key = (child.tag, _review_names(child))  # (Yotpo's first entry has a class more)
        kinds.setdefault(key, []).append(child)
    return [el for found in kinds.values() if len(found) >= MIN_REVIEWS for el in found]


def _named_within(item: HtmlElement) -> HtmlElement | None:
    """The entry itself when it is named as a review, else the one element it wraps when that
    is (Oscar's <li> around each <article class="review">); else None."""
    if not isinstance(item.tag, str):
        return None
    if _review_named(item):
        return item
    kids = [c for c in item if isinstance(c.tag, str)]
    return kids[0] if len(kids) == 1 and _review_named(kids[0]) else None
