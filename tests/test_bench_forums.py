"""The forum benchmark (tests/bench/forums) imports and scores one saved thread page, offline."""

from __future__ import annotations

import gzip

import pytest

from tests.bench.corpora import SCORE_PY, load_scorer
from tests.bench.docs.__main__ import load_truth, ours, score_page
from tests.bench.forums import __main__ as bench
from tests.bench.forums.build import CORPUS, load_posts, page_url, post_texts
from tests.bench.split import part_of

ENGINE, DOC = "machina", "pino-web"


def test_corpus_has_a_truth_and_posts_for_every_page() -> None:
    truth = load_truth(CORPUS)
    posts = load_posts(CORPUS)
    assert len(truth) >= 12 and set(posts) == set(truth)
    assert all(3 <= len(p) <= 8 for p in posts.values())
    pages = list((CORPUS / "html").glob("*/*.html.gz"))
    assert {p.parent.name for p in pages} >= {"machina", "spirit", "pybbm"}
    assert pages and all(p.name.removesuffix(".html.gz") in truth for p in pages)
    assert {part_of(doc) for doc in truth} == {"tune", "measure"}
    # a quoting reply holds the quoted passage (a blockquote), not the engine's quote header
    quoting = [p for thread in posts.values() for p in thread if p.startswith("> ")]
    assert quoting and not any("said:" in p.split("\n\n")[0] for p in quoting)
    assert callable(bench.main)


def test_posts_are_cut_at_sections() -> None:
    body = (
        "Intro.\n\n## One\n\nA.\n\n```sh\n## not a heading\n```\n\n## Two\n\nB.\n\n## Three\n\nC.\n"
    )
    assert post_texts(body) == [
        "Intro.",
        "## One\n\nA.\n\n```sh\n## not a heading\n```",
        "## Two\n\nB.",
        "## Three\n\nC.",
    ]


def test_post_found() -> None:
    assert bench.post_found("one two three four five", "x one two three four five y")
    assert not bench.post_found("one two three four five", "one two three")
    assert bench.post_found("Short post", "a short post here")


@pytest.mark.skipif(not SCORE_PY.exists(), reason=f"no official metric at {SCORE_PY}")
def test_one_thread_page_scores() -> None:
    html = gzip.decompress((CORPUS / "html" / ENGINE / f"{DOC}.html.gz").read_bytes())
    title, body = load_truth(CORPUS)[DOC]
    url = page_url(ENGINE, DOC)
    assert url.startswith("http://forum.test/forum/forum/")
    score = load_scorer()
    lines: list[int] = []

    def extract(page: str, at: str) -> str:  # as the bench scores: author lines apart
        md, count = bench.without_bylines(ours(page, at))
        lines.append(count)
        return md

    result = score_page(score, extract, html.decode("utf-8"), url, body)
    assert title == "Web Frameworks"
    assert score.aggregate([result.counts])["f1"] > 0.9
    text = score.strip_markdown(result.markdown)
    found = [bench.post_found(score.strip_markdown(p), text) for p in load_posts(CORPUS)[DOC]]
    assert sum(found) >= 7  # of eight posts
    assert result.noise == []  # the board's names, dates and buttons stay out
    assert lines == [len(found)]  # each post under its author's line


def test_an_author_line_naming_a_member_is_neither_text_nor_noise() -> None:
    md = "**marta_k** · 4 Mar '24\n\nFirst post.\n\n**someone_else** · 5 Mar\n\nSecond.\n\n**Bold text**\n"
    kept, count = bench.without_bylines(md)
    assert count == 1
    assert "marta_k" not in kept
    assert "**someone_else** · 5 Mar" in kept and "**Bold text**" in kept
