"""The listing benchmark (tests/bench/listings) reads its truths and scores one page, offline."""

from __future__ import annotations

import gzip

import pytest

from tests.bench.corpora import SCORE_PY, load_scorer
from tests.bench.docs.__main__ import ours
from tests.bench.listings.__main__ import load_cards, pages, score_listing
from tests.bench.listings.build import CORPUS, listing_url
from tests.bench.split import part_of


def test_corpus_has_a_truth_for_every_page() -> None:
    found = pages()
    assert len(found) >= 40
    for gen, page_id in found:
        cards = load_cards(gen, page_id)
        assert cards and all(c["title"] and c["url"] for c in cards)
    assert {part_of(page_id) for _, page_id in found} == {"tune", "measure"}


def test_truth_follows_the_theme() -> None:
    # Pelican's notmyidea: the first card of the first page in full, the others 50 words
    cards = load_cards("pelican", "home")
    assert len(cards) == 10
    assert len((cards[0]["excerpt"] or "").split()) > 200
    assert all(len((c["excerpt"] or "").split()) == 50 for c in cards[1:])
    # Hexo: ten a page, newest first; the second page holds the two oldest posts
    assert [c["title"] for c in load_cards("hexo-landscape", "home-2")] == [
        "Fastify Style Guide",
        "History behind prototype poisoning",
    ]
    assert listing_url("pelican", "home-2") == "http://blog.test/pelican/index2.html"


@pytest.mark.skipif(not SCORE_PY.exists(), reason=f"no official metric at {SCORE_PY}")
def test_one_listing_page_scores() -> None:
    gen, page_id = "mkdocs-material-blog", "home"
    html = gzip.decompress((CORPUS / "html" / gen / f"{page_id}.html.gz").read_bytes())
    cards = load_cards(gen, page_id)
    s = score_listing(load_scorer(), ours, html.decode("utf-8"), listing_url(gen, page_id), cards)
    assert s.cards == 10 and s.found == 10  # every card, in order
    assert s.excerpt_found / s.excerpt_grams > 0.9
    assert s.links == 10
    assert s.noise == []
    assert s.ms > 0
