"""Logseq pages: a property block Logseq reads, the body as an outline under its headings."""

from __future__ import annotations

from extractor.notes.logseq import outline, page, property_key, split_page


def test_property_names_and_one_line_values() -> None:
    text = page(
        [("Source_URL", "https://a.example/x"), ("tags", "sea, tides"), ("note", "two\nlines")],
        "",
    )
    assert text == "source-url:: https://a.example/x\ntags:: sea, tides\nnote:: two lines\n"
    assert property_key("Published At") == "published-at"


def test_outline_nests_content_under_headings() -> None:
    markdown = (
        "Intro paragraph.\n\n## Part one\n\nFirst para\nwith a soft break.\n\n"
        "### Detail\n\n- item a\n- item b\n  - nested\n\n## Part two\n\n"
        "```python\nx = 1\n\ny = 2\n```\n"
    )
    assert outline(markdown) == (
        "- Intro paragraph.\n"
        "- ## Part one\n"
        "\t- First para\n"
        "\t  with a soft break.\n"
        "\t- ### Detail\n"
        "\t\t- item a\n"
        "\t\t- item b\n"
        "\t\t\t- nested\n"
        "- ## Part two\n"
        "\t- ```python\n"
        "\t  x = 1\n"
        "\t  \n"
        "\t  y = 2\n"
        "\t  ```\n"
    )


def test_page_reads_back() -> None:
    text = page([("title", "T"), ("source", "https://a.example/")], "Body text.")
    props, rest = split_page(text)
    assert [k for k, _ in props] == ["title", "source"]
    assert rest == "- Body text.\n"
