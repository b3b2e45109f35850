"""The landing-page benchmark (tests/bench/landing): its pages, its truths, one page scored."""

from __future__ import annotations

import gzip

import pytest

from tests.bench.corpora import SCORE_PY, load_scorer
from tests.bench.docs.__main__ import load_truth, ours, score_page
from tests.bench.docs.build import Doc
from tests.bench.landing.build import CORPUS, PAGE_PATHS, landing_of, page_url
from tests.bench.split import part_of


def test_every_generator_built_every_page_and_both_parts_are_there() -> None:
    truth = load_truth(CORPUS)
    assert len(truth) >= 20
    for gen in PAGE_PATHS:
        built = {p.name.removesuffix(".html.gz") for p in (CORPUS / "html" / gen).iterdir()}
        assert built == set(truth), gen
    assert {part_of(doc) for doc in truth} == {"tune", "measure"}


def test_a_readme_becomes_a_hero_and_its_sections_cards() -> None:
    readme = (
        "# tidewatch\n\n[![npm][badge]][npm]\n\n"
        "Tide tables for small harbours, worked out on the quay.\n\n"
        "## Install\n\n```sh\nnpm i tidewatch\n```\n\nRun it once to fetch the harmonics.\n\n"
        "## Alerts\n\nA berth gets a draught and a *warning* an hour ahead.\n\n"
        "### Exports\n\nTables print one month to a page, or go out as CSV.\n\n"
        "## Options {#options}\n\nThis one is skipped: braces are markup in MDX.\n\n"
        "[badge]: https://img.test/npm.svg\n[npm]: https://npm.test/tidewatch\n"
    )
    page = landing_of(Doc("tidewatch", readme))
    assert page is not None
    assert page.tagline == "Tide tables for small harbours, worked out on the quay."
    assert [(f.title, f.details) for f in page.features] == [
        ("Install", "Run it once to fetch the harmonics."),
        ("Alerts", "A berth gets a draught and a warning an hour ahead."),
        ("Exports", "Tables print one month to a page, or go out as CSV."),
    ]
    assert landing_of(Doc("short", "# short\n\nA tool that does one thing well.\n")) is None


@pytest.mark.skipif(not SCORE_PY.exists(), reason=f"no official metric at {SCORE_PY}")
def test_one_landing_page_scores() -> None:
    gen, doc = "rspress", "fastify"
    html = gzip.decompress((CORPUS / "html" / gen / f"{doc}.html.gz").read_bytes()).decode()
    result = score_page(load_scorer(), ours, html, page_url(gen, doc), load_truth(CORPUS)[doc][1])
    tp, fp, fn = result.counts
    assert tp > 0 and fp + fn < 0.05 * tp  # the tagline and every card, nothing else
