import pytest

from extractor.dom import parse, text_of


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>A <span><a>B</a></span> C</p>", "A B C"),
        ("<p>A<script>var x = 1;</script> B<style>p{}</style> C</p>", "A B C"),
        ("<p>one\n\n  two\t three</p>", "one two three"),
        ("<p><b>x</b><i>y</i>z</p>", "xyz"),
        ("<div><p>one</p><p>two</p>three<br>four</div>", "one two three four"),
        ("<p></p>", ""),
    ],
)
def test_text_of_keeps_document_order_and_skips_code(markup: str, expected: str) -> None:
    assert text_of(parse(markup).find(".//body")[0]) == expected


def test_parse_never_raises_on_junk() -> None:
    assert parse("").find("body") is not None
    assert parse(b"\xff\xfe<p>x").find(".//p") is not None
    assert (
        parse('<?xml version="1.0" encoding="utf-8"?><html><p>x</p></html>').find(".//p")
        is not None
    )


def test_a_lone_surrogate_does_not_cut_the_text() -> None:
    doc = parse("<p>Lone \ud800 surrogate from a broken script</p>")
    assert text_of(doc.find(".//p")) == "Lone \ufffd surrogate from a broken script"
