"""The site-template benchmark (tests/bench/templates): its pages, its truth rule, a gate."""

from __future__ import annotations

import gzip
import re

from extractor.pipeline import extract_html
from tests.bench.split import part_of
from tests.bench.templates.build import CORPUS, SOURCES, page_id, page_url, truth_of


def test_every_page_of_every_template_is_there_with_its_truth_and_both_parts() -> None:
    ids = []
    for group, pages in SOURCES.values():
        for path in pages:
            page = path.rsplit("/", 1)[-1].removesuffix(".html")
            assert (CORPUS / "html" / group / f"{page}.html.gz").exists(), (group, page)
            assert (CORPUS / "truth" / group / f"{page}.md").exists(), (group, page)
            ids.append(page_id(group, page))
    assert len(ids) >= 40
    assert {part_of(i) for i in ids} == {"tune", "measure"}


def test_the_truth_is_what_a_reader_sees_with_the_chrome_set_aside() -> None:
    page = (
        "<html><head><title>Quay</title></head><body>"
        '<nav class="navbar"><a href="/">Quay</a><a href="/about">About</a></nav>'
        '<header class="masthead"><h1>We draw signs</h1><a class="btn" href="#s">Show me</a>'
        "</header>"
        '<section><h2>Services</h2><p>Boards, <a href="/menus">menus</a> and '
        '<span class="sr-only">(opens a form)</span>cards.</p>'
        '<ul><li><i class="material-icons">brush</i> Lettering</li><li>Printing</li></ul>'
        "<form><label>Email</label><input><button>Send</button></form></section>"
        '<div class="modal" id="m1"><p>Project details</p></div>'
        '<p style="display: none">Thanks!</p>'
        "<footer>Copyright Quay</footer></body></html>"
    )
    assert truth_of(page) == (
        "# Quay\n\n# We draw signs\n\n## Services\n\n"
        "Boards, [menus](/menus) and cards.\n\n- Lettering\n\n- Printing\n"
    )


def test_the_measured_part_keeps_its_floor() -> None:
    # a gate that runs without the official metric: the share of the truth's lines found whole
    # in the output of the measured pages, and the output's lines found in no line of the
    # truth; today 0.666 and 3.1 per page (a page's title goes to the front matter, a post's
    # byline and a shop's prices are in the truth and not in the output)
    found = total = noise = pages = 0
    for group, paths in SOURCES.values():
        for path in paths:
            page = path.rsplit("/", 1)[-1].removesuffix(".html")
            if part_of(page_id(group, page)) != "measure":
                continue
            html = gzip.decompress((CORPUS / "html" / group / f"{page}.html.gz").read_bytes())
            md = extract_html(html.decode("utf-8"), url=page_url(group, page)).markdown
            truth = (CORPUS / "truth" / group / f"{page}.md").read_text("utf-8")
            lines = [_words(line) for line in truth.splitlines()[1:] if line.strip()]
            out = {_words(line) for line in md.splitlines()}
            found += sum(line in out for line in lines)
            total += len(lines)
            noise += sum(1 for line in out if line and not any(line in t for t in lines))
            pages += 1
    assert pages >= 20
    assert found / total >= 0.64
    assert noise / pages <= 3.5


def _words(line: str) -> str:
    """The line's words, without Markdown's marks: headings', list items', links' and
    emphasis'."""
    line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"^\s*(#+|[-*+]|\d+\.)\s+", "", line)
    line = re.sub(r"\\([^\w\s])", r"\1", line).replace("**", "").replace("__", "")
    return " ".join(line.split()).lower()
