"""The product benchmark (tests/bench/products): its pages, its truths, one page scored."""

from __future__ import annotations

import gzip

import pytest

from tests.bench.corpora import SCORE_PY, load_scorer
from tests.bench.docs.__main__ import load_truth, ours, score_page
from tests.bench.docs.build import Doc
from tests.bench.products.build import CORPUS, page_url, product_of
from tests.bench.split import part_of


def test_every_product_has_a_page_and_both_parts_are_there() -> None:
    truth = load_truth(CORPUS)
    assert len(truth) >= 20
    for engine, prefix in (("oscar", "/catalogue/"), ("shuup", "/p/"), ("cartridge", "/shop/")):
        built = {p.name.removesuffix(".html.gz") for p in (CORPUS / "html" / engine).iterdir()}
        assert built == set(truth)
        assert all(page_url(engine, doc).startswith(f"http://shop.test{prefix}") for doc in truth)
    assert {part_of(doc) for doc in truth} == {"tune", "measure"}


def test_a_readme_becomes_a_product() -> None:
    readme = (
        "# tidewatch\n\n[![npm](https://img.test/npm.svg)](https://npm.test/tidewatch)\n\n"
        "Tide tables for small harbours, worked out on the quay from the harmonics.\n\n"
        "## Install\n\n```sh\nnpm i tidewatch\n```\n\n"
        "Run it once to fetch the harmonic constants of the nearest station, then offline.\n"
    )
    product = product_of(Doc("tidewatch", readme), {"license": "MIT", "version": "1.2.0"})
    assert product is not None
    assert product.truth() == (
        "# tidewatch\n\nTide tables for small harbours, worked out on the quay from the "
        "harmonics.\n\nRun it once to fetch the harmonic constants of the nearest station, "
        "then offline.\n\nLicence: MIT\n\nVersion: 1.2.0\n"
    )
    assert product.description.count("<p>") == 2
    one = "# one\n\nOnly one paragraph of prose here, which is not enough for a description.\n"
    assert product_of(Doc("one", one), {"license": "MIT", "version": "1.0.0"}) is None


@pytest.mark.skipif(not SCORE_PY.exists(), reason=f"no official metric at {SCORE_PY}")
def test_one_product_page_scores() -> None:
    doc = "fastify"
    html = gzip.decompress((CORPUS / "html" / "oscar" / f"{doc}.html.gz").read_bytes()).decode()
    result = score_page(
        load_scorer(), ours, html, page_url("oscar", doc), load_truth(CORPUS)[doc][1]
    )
    fn = result.counts[2]
    assert fn < 0.1  # the description and the attributes (in table rows: their runs differ)
    assert not any("Reviewed by" in line for line in result.noise)  # the reviews go
