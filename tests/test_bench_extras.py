"""The attribution of output text the truth lacks (tests/bench/extras.py), on a page of its own."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from types import SimpleNamespace

from extractor import dom
from tests.bench.corpora import Page
from tests.bench.extras import extras_of


def _tokenize(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shingles(tokens: Sequence[str], n: int = 4) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


# the scorer's three functions, as ../shared/eval/score.py defines them for plain text
SCORER = SimpleNamespace(tokenize=_tokenize, shingles=_shingles, strip_markdown=lambda md: md)

STORY = "The river rose two metres overnight and the old bridge was closed at dawn"
PRICE = "Now only nineteen pounds ninety nine with free delivery"
RAIL = "Flood insurance explained Sandbags where to find them Road closures this week"
REGION = (
    f'<div class="story"><p>{STORY}</p>'
    f'<div class="product-price"><span>{PRICE}</span></div>'
    f'<ul class="teasers"><li><a href="/a">Flood insurance explained</a></li>'
    f'<li><a href="/b">Sandbags where to find them</a></li>'
    f'<li><a href="/c">Road closures this week</a></li></ul></div>'
)


def _extras(markdown: str) -> dict[str, int]:
    region = dom.parse(f"<html><body>{REGION}</body></html>").find(".//div")
    page = Page("c", "p", "", STORY, "article", "tune")
    found: Counter[str] = Counter()
    for x in extras_of(SCORER, page, markdown, region):  # type: ignore[arg-type]
        found[x.cause] += x.count
    return dict(found)


def test_each_extra_goes_to_the_element_that_holds_it() -> None:
    got = _extras(f"{STORY}\n\n{PRICE}\n\n{RAIL}")
    assert got == {
        "price": len(_tokenize(PRICE)) - 3,
        "link-list": len(_tokenize(RAIL)) - 3,
        "prose:div": 2 * 3,  # the 3 shingles across each of two block edges: their parent
    }


def test_text_in_no_element_of_the_region_is_named_so() -> None:
    got = _extras(f"{STORY}\n\nShare this story on every network you use")
    assert set(got) == {"not-in-region"}


def test_nothing_extra_when_the_output_is_the_truth() -> None:
    assert _extras(STORY) == {}


def test_a_region_that_is_a_form_does_not_make_its_text_a_forms() -> None:
    # (a forum's posts inside the one <form> around its feed)
    region = dom.parse(f"<html><body><form><p>{STORY}</p><p>{PRICE}</p></form></body></html>")
    form = region.find(".//form")
    page = Page("c", "p", "", STORY, "forum", "tune")
    found = {x.cause for x in extras_of(SCORER, page, f"{STORY}\n\n{PRICE}", form)}  # type: ignore[arg-type]
    assert "form" not in found and "prose:p" in found
