"""Product pages: the summary beside the gallery joins the description."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import dom
from extractor.article.cleanup import PRICE_LINES, STOCK_LINES
from extractor.article.products import is_product_page
from extractor.article.region import find_article
from extractor.pipeline import extract_html
from extractor.records import Metadata, Options

PAGES = Path(__file__).parent / "pages"

PRODUCT_LD = (
    '<script type="application/ld+json">'
    '{"@context": "https://schema.org", "@type": "Product", "name": "Tent"}</script>'
)
DESCRIPTION = (
    "<p>" + "The tent pitches outer first, so the inner stays dry in rain, and packs small. " * 8
)


def fixture_markdown(case: str, *skip: str) -> str:
    html = (PAGES / case / "index.html").read_text(encoding="utf-8")
    options = Options(skip_steps=skip)
    return extract_html(html, url=f"https://pages.test/{case}/", options=options).markdown


def region_text(head: str, body: str) -> str:
    doc = dom.parse(f"<html><head><title>t</title>{head}</head><body>{body}</body></html>")
    region, _ = find_article(doc, Metadata(title="t"), Options())
    return dom.fold(region.text_content())


def test_the_summary_beside_the_gallery_joins_the_description() -> None:
    # BigCommerce: the summary and the facts list sit in the details column with the <h1>
    out = fixture_markdown("product-summary-column")
    summary, fact = "A cushioned crew sock knitted from merino wool", "Merino wool, nylon"
    assert summary in out and fact in out
    assert out.index(summary) < out.index("The sock is knitted in the Scottish Borders")
    for noise in ("Add to Cart", "Related Products", "Liner sock", "Free returns"):
        assert noise not in out
    # (the page marks its <main>, which product-main takes whole: the summary join is what is
    # left when it does not)
    without = fixture_markdown("product-summary-column", "product-summary", "product-main")
    assert summary not in without and fact not in without


def test_a_product_page_is_its_whole_main() -> None:
    # Shopify (Dawn): name, price, short description, collapsible rows, long description and
    # specifications are sections of <main>; the longest prose is the long description alone
    out = fixture_markdown("product-main-sections")
    parts = (
        "89,00 EUR",  # the price beside the gallery
        "A shoulder bag of waxed cotton canvas",  # the short description
        "vegetable-tanned leather straps",  # a collapsible row
        "The field bag started as a copy",  # the long description
        "| Volume | 9 litres |",  # the specifications, a section of their own
    )
    for part in parts:
        assert part in out
    assert [out.index(part) for part in parts] == sorted(out.index(part) for part in parts)
    for noise in (
        "Shop all",
        "You may also like",
        "Leather wallet",
        "Free delivery",
        "Add to cart",
    ):
        assert noise not in out
    without = fixture_markdown("product-main-sections", "product-main")
    assert "9 litres" not in without and "89,00 EUR" not in without
    assert "The field bag started as a copy" in without


def test_main_is_taken_only_on_a_product_page_and_only_around_the_region() -> None:
    specs = (
        "<table><tr><th>Weight</th><td>900 g</td></tr><tr><th>Volume</th><td>9 l</td></tr></table>"
    )
    body = f"<main><section>{DESCRIPTION}</p></section><section>{specs}</section></main>"
    assert "900 g" in region_text(PRODUCT_LD, body)
    assert "900 g" not in region_text("", body)  # not a product page: the description alone
    # the region outside the page's <main> (a <main> that marks only a banner) stays
    aside = f"<main><p>Summer sale: every tent at half price</p></main><div>{DESCRIPTION}</p></div>"
    assert "Summer sale" not in region_text(PRODUCT_LD, aside)


def summary_page() -> str:
    return (
        '<main><div class="product-view"><div class="gallery"><img src="/t.jpg" alt=""></div>'
        '<div class="details"><h1>Ridge tent</h1><p class="price">120 EUR</p>'
        "<p>A two-berth tent for wet hills that pitches in four minutes flat.</p></div></div>"
        f'<div class="tab-content"><div class="description">{DESCRIPTION}</p></div></div></main>'
    )


def test_the_summary_joins_only_on_a_product_page() -> None:
    summary = "pitches in four minutes flat"
    assert summary in region_text(PRODUCT_LD, summary_page())
    assert summary not in region_text("", summary_page())


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (PRODUCT_LD, "", True),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, '
            '{"@type": ["Product", "Thing"], "name": "Tent"}]}</script>',
            "",
            True,
        ),
        ("", '<div itemscope itemtype="https://schema.org/Product"><h1>Tent</h1></div>', True),
        ('<meta property="og:type" content="product">', "", True),
        ('<meta property="og:type" content="article">', "", False),
        (
            '<script type="application/ld+json">{"@type": "ItemList", "itemListElement": []}'
            "</script>",
            "",
            False,
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tents"}'
            "</script>",
            '<div itemscope itemtype="https://schema.org/ProductCollection"></div>',
            False,
        ),
    ],
)
def test_a_product_page_is_one_that_says_so(head: str, body: str, expected: bool) -> None:
    doc = dom.parse(f"<html><head>{head}</head><body>{body}<p>x</p></body></html>")
    assert is_product_page(doc) is expected


def test_a_product_pages_fine_print_is_not_the_product() -> None:
    # AEM (Samsung-style): starred footnotes under each feature and the legal list at the foot
    out = fixture_markdown("product-fine-print")
    assert "## Built for a day out" in out and "spilt coffee" in out
    assert "- Weight: 498 g" in out
    for fine_print in ("Image simulated", "Rated IP68", "Trade-in credit", "Offer valid"):
        assert fine_print not in out


def test_a_rail_of_other_products_goes_by_its_heading() -> None:
    # a brand's own theme: "Related Items" over a grid of linked product cards, indented as a
    # template prints them, with classes no boilerplate list knows
    out = fixture_markdown("product-related-rail")
    assert "ceramic grille" in out and "A wide diffuser for curls" in out
    for rail in ("Related Items", "Shop Now", "travel dryer with dual voltage", "$24.50"):
        assert rail not in out
    without = fixture_markdown("product-related-rail", "related-links")
    assert "travel dryer with dual voltage" in without


def test_a_product_pages_customer_reviews_go() -> None:
    # Magento 2 (Luma): a list of schema.org Review items under the description and the table
    out = fixture_markdown("product-customer-reviews")
    assert "sharp stones on a descent" in out and "| Lug depth | 5 mm |" in out
    for review in ("Finally a shoe that fits wide feet", "I have run three ultras",
                   "Customer Reviews", "Review by", "Write Your Own Review"):  # fmt: skip
        assert review not in out
    without = fixture_markdown("product-customer-reviews", "product-reviews")
    assert "I have run three ultras" in without


def test_a_link_to_the_products_ar_viewer_is_not_text() -> None:
    # AR Quick Look: an <a rel="ar"> to the 3D model, around its picture ("View ... in AR")
    out = fixture_markdown("product-ar-quicklook")
    assert "bent cold" in out and "ring of warm LEDs" in out
    assert "in AR" not in out and ".usdz" not in out
    without = fixture_markdown("product-ar-quicklook", "non-content")
    assert "View Orbit in graphite in AR" in without


def test_a_stores_discount_badges_are_not_the_product() -> None:
    # a Shopify theme's badges under the prices: "30% off", "Save $15"
    out = fixture_markdown("product-discount-badges")
    assert "$34.99" in out and "fits a walking boot" in out
    assert "30% off" not in out and "Save $15" not in out
    without = fixture_markdown("product-discount-badges", "junk-lines")
    assert "30% off" in without and "Save $15" in without


def test_a_discount_line_stays_on_a_page_that_shows_no_product() -> None:
    # a service's pricing table: "Save 16%" on the yearly plan is the offer itself
    plans = "<div><h3>Yearly</h3><p>$100 a year</p><div>Save 16%</div></div>"
    text = region_text("", f"<main><h1>Pricing</h1>{DESCRIPTION}</p>{plans}</main>")
    assert "Save 16%" in text
    text = region_text(PRODUCT_LD, f"<main><h1>Tent</h1>{DESCRIPTION}</p>{plans}</main>")
    assert "Save 16%" not in text


def test_a_price_line_is_not_the_product() -> None:
    # the buy box's figure alone on its line (Oscar's "price_color", Cartridge's variation
    # list): it goes on a product page, and stays where no product is shown
    buy_box = (
        '<ul class="variations"><li><span class="price">£19.99</span></li></ul>'
        '<p class="availability">In stock (7 available)</p>'
    )
    body = f"<main><h1>Tent</h1>{DESCRIPTION}</p>{buy_box}</main>"
    product = region_text(PRODUCT_LD, body)
    assert "£19.99" not in product and "In stock" not in product
    assert "£19.99" in region_text("", body) and "In stock" in region_text("", body)
    # a price column of a table and a list of plans in the description are text
    table = (
        "<table><tr><th>Part</th><th>Price</th></tr>"
        "<tr><td>Pole set</td><td><strong>£19.99</strong></td></tr></table>"
    )
    plans = "<ul><li>$5 / month</li><li>$50 / year</li></ul>"
    kept = region_text(PRODUCT_LD, f"<main><h1>Tent</h1>{DESCRIPTION}</p>{table}{plans}</main>")
    assert "£19.99" in kept and "$5 / month" in kept and "$50 / year" in kept
    # a sentence that names a price is text
    sentence = "<p>At £19.99 it costs less than a night at the campsite.</p>"
    assert "At £19.99" in region_text(
        PRODUCT_LD, f"<main><h1>Tent</h1>{DESCRIPTION}</p>{sentence}</main>"
    )


@pytest.mark.parametrize(
    ("line", "stock"),
    [
        ("In stock", True),
        ("In Stock!", True),
        ("In stock (20 available)", True),
        ("Only 3 left in stock", True),
        ("Sold out", True),
        ("In stock at our Leeds shop from Monday", False),
        ("Available in three sizes", False),
    ],
)
def test_stock_lines(line: str, stock: bool) -> None:
    assert bool(STOCK_LINES.match(line)) is stock


@pytest.mark.parametrize(
    ("line", "price"),
    [
        ("£19.99", True),
        ("From $1,299.99", True),
        ("149,00 €", True),
        ("-50,00 €", True),
        ("Price: $20 – $25 incl. VAT", True),
        ("€20.99 / def", True),
        ("42 EUR", True),
        ("EUR 42", False),  # a code before the number: as often a shoe size
        ("Now $19.99", True),
        ("19.99", False),  # no currency: a version, a size
        ("$5 off", False),
        ("In 2019 $5 bought a meal", False),
        ("$34.99 $49.99", False),  # a sale and a regular price side by side: left as it is
    ],
)
def test_price_lines(line: str, price: bool) -> None:
    assert bool(PRICE_LINES.match(line)) is price


def review_list(entry_class: str, part_class: str) -> str:
    entry = (
        f'<div class="{entry_class}"><div class="{part_class}">Warm and dry</div>'
        "<p>Slept through a storm on the ridge in it, no leaks at all.</p></div>"
    )
    return f'<section class="reviews"><h2>Reviews</h2>{entry * 3}</section>'


def test_customer_reviews_go_only_from_a_product_page() -> None:
    body = f"<main><div>{DESCRIPTION}</p>{review_list('review', 'review__title')}</div></main>"
    assert "no leaks" not in region_text(PRODUCT_LD, body)
    assert "no leaks" in region_text("", body)  # not a product page: a page's own reviews


def test_review_entries_are_known_by_their_review_words_not_their_whole_class() -> None:
    # Yotpo: the first entry carries a class more ("yotpo-regular-box-filters-padding")
    entry = (
        '<div class="yotpo-review yotpo-regular-box{}"><div class="yotpo-header">Ann</div>'
        '<div class="content-review">Slept through a storm on the ridge in it, no leaks.</div>'
        "</div>"
    )
    reviews = entry.format(" yotpo-regular-box-filters-padding") + entry.format("")
    body = f'<main><div>{DESCRIPTION}</p><div class="yotpo-reviews">{reviews}</div></div></main>'
    assert "no leaks" not in region_text(PRODUCT_LD, body)


def test_blocks_merely_named_reviews_stay() -> None:
    # Steam: a column of "reviewblock" boxes (a critics' score, awards) whose parts are not
    # named as a review's: no list of customer reviews
    body = f"<main><div>{DESCRIPTION}</p>{review_list('block reviewblock', 'block_title')}</div></main>"
    assert "no leaks" in region_text(PRODUCT_LD, body)


def test_a_shop_without_structured_data_is_known_by_its_cart_form_beside_the_title() -> None:
    # Django Oscar's product page: no JSON-LD, no og:type; the "add_to_basket_form" sits in
    # the column of the product's <h1>
    html = (PAGES / "product-shop-cart-form" / "index.html").read_text(encoding="utf-8")
    assert is_product_page(dom.parse(html))
    cards = "".join(
        f'<li><article class="product_pod"><h3><a href="/b/{n}/">Book {n}</a></h3><p>£9.00</p>'
        f'<form action="/basket/add/{n}/" method="post"><button>Add to basket</button></form>'
        "</article></li>"
        for n in range(1, 5)
    )
    listing = (
        '<html><body><div class="page"><div class="page-header"><h1>Nature</h1></div>'
        f'<section><div class="results"><ol class="row">{cards}</ol></div></section></div>'
        "</body></html>"
    )
    assert not is_product_page(dom.parse(listing))  # (each card's form is far from the <h1>)


@pytest.mark.parametrize(
    "form",
    [
        '<form action="/basket/add/7/" method="post">',  # Oscar
        '<form action="/cart/add" method="post">',  # Shopify
        '<form id="product_addtocart_form">',  # Magento
        '<form method="post" id="add-cart" class="shop-form">',  # Cartridge
    ],
)
def test_the_cart_forms_of_shops(form: str) -> None:
    page = (
        '<html><body><div class="page"><h1>Tent</h1><div class="buy">'
        f"{form}<button>Buy</button></form></div></div></body></html>"
    )
    assert is_product_page(dom.parse(page))


def test_oscars_reviews_and_rail_go_and_its_description_stays() -> None:
    # each review an <article class="review"> inside a bare <li>, its rating "star-rating",
    # the heading over them in <div id="reviews">; "Recommended items" a rail of linked cards
    out = fixture_markdown("product-shop-cart-form")
    assert "Twice a day the tide fills the creeks" in out
    assert "the state of the tide at which it feeds" in out
    assert "| Pages | 212 |" in out
    for review in ("Customer Reviews", "spotted redshank", "Reviewed by", "Permalink"):
        assert review not in out
    assert "Recommended items" not in out and "Estuary Fish" not in out
    assert "spotted redshank" in fixture_markdown("product-shop-cart-form", "product-reviews")
