"""Lines that news and blog templates put inside an article: teasers, share prompts, source links."""

from __future__ import annotations

import pytest

from extractor import dom
from extractor.article.region import find_article
from extractor.records import Metadata, Options

STORY = "".join(
    f"<p>Paragraph {n} of the report, with commas, clauses, and enough words to read like prose "
    f"about the river, the new bridge, and the town council's budget for next year.</p>"
    for n in range(1, 5)
)


def region_text(inside: str) -> str:
    doc = dom.parse(
        f"<html><body><article>{STORY[:400]}{inside}{STORY[400:]}</article></body></html>"
    )
    region, _ = find_article(doc, Metadata(), Options())
    return dom.fold(region.text_content())


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        (
            "<p><strong>Lire aussi :</strong> <a href='/a'>Le pont rouvre en mai</a></p>",
            "Lire aussi",
        ),
        ("<p>LESEN SIE AUCH: <a href='/b'>Die Brücke ist wieder offen</a></p>", "LESEN SIE AUCH"),
        ("<p><b>Leia também</b></p><p><a href='/c'>A ponte reabre em maio</a></p>", "Leia também"),
        ("<p>Читайте также: <a href='/d'>Мост открыт</a></p>", "Читайте также"),
        ("<p><a href='https://origin.example/story'>Source link</a></p>", "Source link"),
        ("<p>Liked this article? Share it with your friends!</p>", "Liked this article"),
        ("<p><em>Enjoyed this post?</em></p>", "Enjoyed this post"),
    ],
)
def test_template_lines_inside_the_body_go(line: str, gone: str) -> None:
    text = region_text(line)
    assert gone not in text
    assert "Paragraph 4 of the report" in text


@pytest.mark.parametrize(
    "kept",
    [
        "<p>Readers who liked this article's first part wrote to the council, and the council "
        "said it would share its plans with them in May.</p>",
        "<p>The source link between the two reservoirs was cut in the storm.</p>",
    ],
)
def test_prose_that_mentions_the_same_words_stays(kept: str) -> None:
    assert dom.fold(dom.parse(kept).text_content()) in region_text(kept)
