"""Note file names by the clipper's rules, and Logseq's file names (round trip included)."""

from __future__ import annotations

import pytest

from extractor.notes.names import MAX_NAME, logseq_file_name, logseq_title, note_name


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Hello: World", "Hello World"),
        ("Issue #12 [draft] | notes ^a", "Issue 12 draft notes a"),
        ('a/b\\c*d?e"f<g>h', "a b c d e f g h"),
        ("  ..Leading dots and spaces..  ", "Leading dots and spaces"),
        ("CON", "_CON"),
        ("lpt1.txt", "_lpt1.txt"),
        ("", "Untitled"),
        ("###", "Untitled"),
        ("tab\tand\nnewline", "tab and newline"),
    ],
)
def test_note_name(title: str, expected: str) -> None:
    assert note_name(title) == expected


def test_note_name_is_bounded_in_characters_and_bytes() -> None:
    assert len(note_name("word " * 200)) <= MAX_NAME
    long_cjk = note_name("漢字" * 200)
    assert len(long_cjk.encode("utf-8")) <= MAX_NAME and long_cjk.startswith("漢字")
    assert not note_name("a" * 244 + " .b").endswith((" ", "."))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Simple page", "Simple page"),
        ("projects/2024/plan", "projects___2024___plan"),
        ("What? A: test", "What%3F A%3A test"),
        ("C#", "C%23"),
        ("50% off", "50% off"),
        ("a%2Fb", "a%252Fb"),
        ("CON", "CON___"),
        ("Ends with a dot.", "Ends with a dot.___"),
        ("snake_case___name", "snake_case%5F%5F%5Fname"),
        ("a_/b", "a%5F___b"),
    ],
)
def test_logseq_file_name(title: str, expected: str) -> None:
    assert logseq_file_name(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Cont.?/#__cont_ cont%/_ lsdksdf",
        "__ont.?__byte/#__cont_ cont%/_ lsdksdf__",
        "+*++***+++__byte/#__cont_ cont%/_ lsdksdf__",
        "dsa&amp&semi;l dsalfjk jkl.",
        "CON.",
        "CON",
        "a%2Fb and 100%",
        'all the reserved : * ? " < > | # \\ ones',
    ],
)
def test_logseq_names_read_back_as_the_title(title: str) -> None:
    assert logseq_title(logseq_file_name(title)) == title
