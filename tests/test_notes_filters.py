"""Template filters against Obsidian Web Clipper's documented examples and published tests."""

from __future__ import annotations

import pytest

from extractor.notes.filters import FILTERS, apply_filter

# (filter, input, parameter text as written after "name:", expected output)
CASES = [
    ("date", "2024-12-01", '"YYYY-MM-DD"', "2024-12-01"),
    ("date", "12/01/2024", '("YYYY-MM-DD", "MM/DD/YYYY")', "2024-12-01"),
    ("date", "2024-12-01", "DD/MM/YYYY", "01/12/2024"),
    ("date", "2024-12-01", "YYYY", "2024"),
    ("date", "2024-12-01", "MMMM", "December"),
    ("date", "2024-12-01", '"dddd, MMM D [at] HH:mm"', "Sunday, Dec 1 at 00:00"),
    ("date", "", None, ""),
    ("date", "not a date", '"YYYY"', "not a date"),
    ("date_modify", "2024-12-01", '"+1 year"', "2025-12-01"),
    ("date_modify", "2024-12-01", '"- 2 months"', "2024-10-01"),
    ("date_modify", "2024-12-01", "+5 days", "2024-12-06"),
    ("date_modify", "2024-12-15", "-1 week", "2024-12-08"),
    ("date_modify", "2024-12-01T22:00:00", "+4 hours", "2024-12-02"),
    ("date_modify", "2024-01-31", '"+1 month"', "2024-02-29"),
    ("date_modify", "2024-12-01", None, "2024-12-01"),
    ("safe_name", "", None, "Untitled"),
    ("safe_name", "valid-file_name", None, "valid-file_name"),
    ("safe_name", "file/name:test?query", None, "filenametestquery"),
    ("safe_name", "Notes #1 [draft] | v2 ^x", None, "Notes 1 draft  v2 x"),
    ("safe_name", "CON", None, "_CON"),
    ("safe_name", "file<>:name", "mac", "file<>name"),
    ("wikilink", "page", None, "[[page]]"),
    ("wikilink", "page", '"alias"', "[[page|alias]]"),
    ("wikilink", '["page1","page2"]', None, '["[[page1]]","[[page2]]"]'),
    (
        "wikilink",
        '{"page1": "alias1", "page2": "alias2"}',
        None,
        '["[[page1|alias1]]","[[page2|alias2]]"]',
    ),
    ("wikilink", "", None, ""),
    ("link", "https://example.com", "Example", "[Example](https://example.com)"),
    ("link", '["url1","url2"]', "Link", '["[Link](url1)","[Link](url2)"]'),
    ("link", '{"url1": "Link 1", "url2": "Link 2"}', None, '["[Link 1](url1)","[Link 2](url2)"]'),
    ("link", "", None, ""),
    ("image", "image.jpg", '"alt text"', "![alt text](image.jpg)"),
    ("join", '["a","b","c"]', None, "a,b,c"),
    ("join", '["a","b","c"]', '" "', "a b c"),
    ("join", '["a","b"]', '"\\n"', "a\nb"),
    ("join", "[]", None, ""),
    ("join", "hello", None, "hello"),
    ("split", "a,b,c", '","', '["a","b","c"]'),
    ("split", "hello world", '" "', '["hello","world"]'),
    ("split", "abc", None, '["a","b","c"]'),
    ("split", "", None, "[]"),
    ("split", "a1b2c3", "[0-9]", '["a","b","c",""]'),
    ("split", "hello", '","', '["hello"]'),
    ("first", '["a","b","c"]', None, "a"),
    ("first", "hello", None, "hello"),
    ("first", "[1,2,3]", None, "1"),
    ("first", "[]", None, "[]"),
    ("first", '[{"a":1},{"b":2}]', None, "[object Object]"),
    ("last", '["a","b","c"]', None, "c"),
    ("slice", "hello", "1,4", "ell"),
    ("slice", '["a","b","c","d"]', "1,3", '["b","c"]'),
    ("slice", "hello", "2", "llo"),
    ("slice", "hello", "-3", "llo"),
    ("slice", "hello", "0,-2", "hel"),
    ("slice", "hello", None, "hello"),
    ("slice", "[1,2,3,4,5]", "1,4", "[2,3,4]"),
    ("replace", "hello!", '",":""', "hello!"),
    ("replace", "a,b,c", '",":""', "abc"),
    ("replace", "hello world", '("e":"a","o":"0")', "hall0 w0rld"),
    ("replace", "hello world", '"/[aeiou]/g":"*"', "h*ll* w*rld"),
    ("replace", "HELLO world", '"/hello/i":"hi"', "hi world"),
    ("replace", "hello world", '("/[aeiou]/g":"*","/\\s+/":"-")', "h*ll*-w*rld"),
    ("replace", "hello world", '("/[aeiou]/g":"*","/\\\\s+/":"-")', "h*ll*-w*rld"),
    ("replace", "hello world", '("e":"o","o":"0")', "h0ll0 w0rld"),
    ("replace", "a:b", '"\\:":" - "', "a - b"),
    ("replace", "2024-12-01", '"/(\\d+)-(\\d+)-(\\d+)/":"$3.$2.$1"', "01.12.2024"),
    ("lower", "HeLLo", None, "hello"),
    ("upper", "hello world", None, "HELLO WORLD"),
    ("title", "hello world", None, "Hello World"),
    ("title", "HELLO WORLD", None, "Hello World"),
    ("capitalize", "hELLO wORLD", None, "Hello world"),
    ("trim", "  hello world  ", None, "hello world"),
    ("trim", "\n\thello\t\n", None, "hello"),
    ("trim", "  hello   world  ", None, "hello   world"),
    ("blockquote", "single line", None, "> single line"),
    ("blockquote", "a\nb\nc", None, "> a\n> b\n> c"),
    ("blockquote", "", None, "> "),
    ("callout", "content", None, "> [!info]\n> content"),
    ("callout", "content", "warning", "> [!warning]\n> content"),
    ("callout", "content", '("note", "My Title")', "> [!note] My Title\n> content"),
    ("callout", "content", '("info","My Title",true)', "> [!info]- My Title\n> content"),
    ("callout", "content", '("info","My Title",false)', "> [!info]+ My Title\n> content"),
    ("list", '["a","b","c"]', None, "- a\n- b\n- c"),
    ("list", '["a","b","c"]', "numbered", "1. a\n2. b\n3. c"),
    ("list", '["a","b"]', "task", "- [ ] a\n- [ ] b"),
    ("list", '["a","b"]', "numbered-task", "1. [ ] a\n2. [ ] b"),
    ("list", "[]", None, ""),
    ("list", '["only"]', None, "- only"),
    ("list", "plain text", None, "- plain text"),
    (
        "table",
        '[{"h1": "one", "h2":"two"}, {"h1":"1", "h2":"2"}]',
        None,
        "| h1 | h2 |\n| - | - |\n| one | two |\n| 1 | 2 |",
    ),
    (
        "table",
        '[["one", "two"], ["1", "2"]]',
        None,
        "| 0 | 1 |\n| - | - |\n| one | two |\n| 1 | 2 |",
    ),
    ("table", '["one", "two", "three"]', None, "| Value |\n| - |\n| one |\n| two |\n| three |"),
    (
        "table",
        '["one", "two", "three", "four"]',
        '("Column 1", "Column 2")',
        "| Column 1 | Column 2 |\n| - | - |\n| one | two |\n| three | four |",
    ),
    ("strip_md", "**bold** text", None, "bold text"),
    ("strip_md", "**bold** and *italic*", None, "bold and italic"),
    ("strip_md", "# Header", None, "Header"),
    ("strip_md", "[link](url)", None, "link"),
    ("strip_md", "[[page]]", None, "page"),
    ("strip_md", "[[page|alias]]", None, "alias"),
    ("strip_md", "`code`", None, "code"),
    ("strip_md", "![a](x.png) text", None, "text"),
    ("unique", "[1,2,2,3,3]", None, "[1,2,3]"),
    ("unique", '[{"a":1},{"b":2},{"a":1}]', None, '[{"a":1},{"b":2}]'),
    ("unique", '{"a":1,"b":2,"c":1}', None, '{"b":2,"c":1}'),
    ("unique", "hello", None, "hello"),
    ("length", "hello", None, "5"),
    ("length", '["a","b","c"]', None, "3"),
    ("length", '{"a":1,"b":2}', None, "2"),
    ("length", "", None, "0"),
    ("length", "[]", None, "0"),
    ("round", "3.7", None, "4"),
    ("round", "3.2", None, "3"),
    ("round", "3.5", None, "4"),
    ("round", "-3.7", None, "-4"),
    ("round", "5", None, "5"),
    ("round", "3.14159", "2", "3.14"),
    ("round", "3.14159", "0", "3"),
    ("round", "hello", None, "hello"),
    ("calc", "5", '"+10"', "15"),
    ("calc", "2", '"**3"', "8"),
    ("uncamel", "camelCase", None, "camel case"),
    ("uncamel", "PascalCase", None, "pascal case"),
    ("kebab", "Hello World", None, "hello-world"),
    ("snake", "Hello World", None, "hello_world"),
    ("merge", '["a","b"]', '("c","d")', '["a","b","c","d"]'),
    ("merge", "a", '("b","c")', '["a","b","c"]'),
    ("object", '{"a":1,"b":2}', "array", '[["a",1],["b",2]]'),
    ("footnote", '["first item","second item"]', None, "[^1]: first item\n\n[^2]: second item"),
]


@pytest.mark.parametrize(("name", "value", "param", "expected"), CASES)
def test_filter(name: str, value: str, param: str | None, expected: str) -> None:
    assert apply_filter(name, value, param) == expected


def test_filters_the_issue_names_are_all_there() -> None:
    wanted = [
        "date",
        "date_modify",
        "safe_name",
        "wikilink",
        "link",
        "join",
        "split",
        "first",
        "last",
        "slice",
        "replace",
        "lower",
        "upper",
        "title",
        "trim",
        "blockquote",
        "callout",
        "list",
        "table",
        "strip_md",
        "unique",
        "length",
        "round",
    ]
    assert set(wanted) <= set(FILTERS)


def test_unknown_filter_leaves_the_value() -> None:
    assert apply_filter("no_such_filter", "value", "x") == "value"


def test_markdown_filter_converts_html() -> None:
    assert (
        apply_filter("markdown", "<p>Hello <strong>world</strong></p>", None) == "Hello **world**"
    )


def test_split_then_join_round_trips_the_documented_chain() -> None:
    value = apply_filter("split", "a,b,c,d", '","')
    value = apply_filter("slice", value, "1,3")
    assert apply_filter("join", value, '" "') == "b c"
