"""Product pages: specifications and the summary beside the description."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import dom
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
SPECS = (
    '<table class="shop_attributes"><tr><th>Weight</th><td>1.9 kg</td></tr>'
    "<tr><th>Berths</th><td>Two</td></tr><tr><th>Poles</th><td>Aluminium</td></tr></table>"
)


def fixture_markdown(case: str, *skip: str) -> str:
    html = (PAGES / case / "index.html").read_text(encoding="utf-8")
    options = Options(skip_steps=skip)
    return extract_html(html, url=f"https://pages.test/{case}/", options=options).markdown


def region_text(head: str, body: str) -> str:
    doc = dom.parse(f"<html><head><title>t</title>{head}</head><body>{body}</body></html>")
    region, _ = find_article(doc, Metadata(title="t"), Options())
    return dom.fold(region.text_content())


def store_page(specs: str) -> str:
    return (
        f'<main><div class="product"><div class="tabs-wrap">'
        f'<div class="panel description"><h2>Description</h2>{DESCRIPTION}</p></div>'
        f'<div class="panel specs"><h2>Specifications</h2>{specs}</div>'
        f'</div></div><div class="footer-links">{SPECS}</div></main>'
    )


def test_a_data_sheet_beside_the_description_joins_it() -> None:
    # PrestaShop: "#description" and, in the column beside it, the "data-sheet" list
    out = fixture_markdown("product-spec-columns")
    assert "Air comes in under the coals" in out and "## Data sheet" in out
    assert "**Grate**\n\nCast iron, 47 cm across" in out
    assert out.index("the ash tray fills only once a month") < out.index("## Data sheet")
    for card in ("You might also like", "Grill gloves", "Delivery in three to five"):
        assert card not in out
    without = fixture_markdown("product-spec-columns", "product-specs")
    assert "Cast iron, 47 cm across" not in without


def test_the_summary_beside_the_gallery_joins_the_description() -> None:
    # BigCommerce: the summary and the facts list sit in the details column with the <h1>
    out = fixture_markdown("product-summary-column")
    summary, fact = "A cushioned crew sock knitted from merino wool", "Merino wool, nylon"
    assert summary in out and fact in out
    assert out.index(summary) < out.index("The sock is knitted in the Scottish Borders")
    for noise in ("Add to Cart", "Related Products", "Liner sock", "Free returns"):
        assert noise not in out
    assert summary not in fixture_markdown("product-summary-column", "product-summary")
    without = fixture_markdown("product-summary-column", "product-summary", "product-specs")
    assert fact not in without


def test_a_spec_table_joins_only_on_a_product_page() -> None:
    body = store_page(SPECS)
    assert "Aluminium" in region_text(PRODUCT_LD, body)
    assert "Aluminium" not in region_text("", body)


def test_a_table_of_links_or_of_prose_is_no_specification() -> None:
    links = SPECS.replace("1.9 kg", '<a href="/w">1.9 kg, see all the tents by weight</a>')
    links = links.replace("<td>Two</td>", '<td><a href="/b">Two-berth tents</a></td>')
    links = links.replace("<td>Aluminium</td>", '<td><a href="/p">Aluminium poles</a></td>')
    assert "Aluminium" not in region_text(PRODUCT_LD, store_page(links))
    prose = SPECS.replace("Two", "Two " + "people sleep head to toe in it, with room. " * 6)
    assert "Aluminium" not in region_text(PRODUCT_LD, store_page(prose))


def test_a_spec_table_far_from_the_region_stays_out() -> None:
    # four containers up from the description is the product; a table beyond is another part
    def page(near: str, far: str) -> str:
        description = (
            f'<div class="d"><div class="c"><div class="e">{DESCRIPTION}</p></div></div></div>'
        )
        return f'<div class="page"><div class="a"><div class="b">{description}</div>{near}</div>{far}</div>'

    assert "1.9 kg" in region_text(PRODUCT_LD, page(SPECS, ""))
    assert "1.9 kg" not in region_text(PRODUCT_LD, page("", SPECS))


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
