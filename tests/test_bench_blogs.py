"""The blog benchmark (tests/bench/blogs) imports and scores one saved post page, offline."""

from __future__ import annotations

import gzip

import pytest

from tests.bench.blogs import __main__ as bench
from tests.bench.blogs.build import CORPUS, page_url
from tests.bench.corpora import SCORE_PY, load_scorer
from tests.bench.docs.__main__ import load_truth, ours, score_page
from tests.bench.split import part_of

GENERATOR, DOC = "pelican", "fastify-principles"


def test_corpus_has_a_truth_for_every_page() -> None:
    truth = load_truth(CORPUS)
    assert len(truth) >= 12
    pages = list((CORPUS / "html").glob("*/*.html.gz"))
    assert pages and all(p.name.removesuffix(".html.gz") in truth for p in pages)
    # both parts of the split hold documents
    assert {part_of(doc) for doc in truth} == {"tune", "measure"}
    assert callable(bench.main)


@pytest.mark.skipif(not SCORE_PY.exists(), reason=f"no official metric at {SCORE_PY}")
def test_one_post_page_scores() -> None:
    html = gzip.decompress((CORPUS / "html" / GENERATOR / f"{DOC}.html.gz").read_bytes())
    title, body = load_truth(CORPUS)[DOC]
    url = page_url(GENERATOR, DOC)
    assert url == "http://blog.test/pelican/fastify-principles/"
    score = load_scorer()
    result = score_page(score, ours, html.decode("utf-8"), url, body)
    assert title == "Technical Principles"
    assert score.aggregate([result.counts])["f1"] > 0.95
    assert result.blocks.headings.f1() == 1.0
    assert result.noise == []  # the theme's menus, dates and tags stay out
    assert result.ms > 0


def test_headings_compare_with_the_generators_typography_folded() -> None:
    from tests.bench.docs.measure import blocks_of, compare

    truth = blocks_of('## When to avoid "you" -- and why...\n\n- it\'s fine\n', "https://b.test/")
    page = blocks_of("## When to avoid “you” – and why…\n\n- it’s fine\n", "https://b.test/")
    scores = compare(truth, page)
    assert scores.headings.f1() == 1.0 and scores.items.f1() == 1.0
    other = compare(truth, blocks_of("## When to avoid me\n\n- not fine\n", "https://b.test/"))
    assert other.headings.f1() == 0.0 and other.items.f1() == 0.0
