"""The page the project exists to fix: a news article republished by a small WordPress site."""

from pathlib import Path

import pytest

from extractor.pipeline import extract_html
from extractor.records import Extraction

PAGE = Path(__file__).parent / "pages" / "republished-article" / "index.html"
URL = "https://internetinfomedia.example/hamass-cease-fire-proposal-includes-a-familiar-sticking-point/"

JUNK = (
    "Internet InfoMedia",
    "06mideast",
    "facebookJumbo",
    "trouble retrieving",
    "enable JavaScript",
    "verify access",
    "Already a subscriber",
    "Want all of The Times",
    "Leave a Reply",
    "will not be published",
    "Optimized by Optimole",
    "Post Comment",
    "Recent Posts",
    "Posted in",
    "Skip to content",
)


@pytest.fixture(scope="module")
def result() -> Extraction:
    return extract_html(PAGE.read_text(encoding="utf-8"), url=URL)


def test_metadata(result: Extraction) -> None:
    meta = result.metadata
    assert meta.title == "Hamas’s Cease-Fire Proposal Includes a Familiar Sticking Point"
    assert meta.byline == "Dana Whitfield"
    assert (meta.published or "").startswith("2024-06-12")
    assert meta.site_name == "Internet InfoMedia"


@pytest.mark.parametrize("junk", JUNK)
def test_no_junk_in_the_article(result: Extraction, junk: str) -> None:
    assert junk.lower() not in result.markdown.lower()


def test_all_paragraphs_and_nothing_else(result: Extraction) -> None:
    paragraphs = [p for p in result.markdown.split("\n\n") if p.strip()]
    assert len(paragraphs) == 7  # the summary line and six paragraphs
    assert paragraphs[0].strip("*").startswith("Hamas wants assurances")
    assert paragraphs[-1].startswith("At the heart of the dispute")
    assert not result.markdown.lstrip().startswith("#")  # the title lives in the front matter


def test_javascript_wall_recorded_in_static_phase(result: Extraction) -> None:
    js = [w for w in result.walls if w.kind == "javascript"]
    assert js and js[0].phase == "static"
    assert "enable JavaScript" in js[0].text
    assert result.completeness == "full"
