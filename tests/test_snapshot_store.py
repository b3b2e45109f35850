"""The snapshot folder on disk: names, atomic files, page round trip, origin rewriting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.errors import UsageError
from extractor.records import RenderedPage, Wait, WallSighting
from extractor.snapshot.store import (
    MAX_SLUG_CHARS,
    PAGE_FILE,
    SERVER_FILE,
    check_case_name,
    list_cases,
    load_page,
    rewrite_origin,
    save_page,
    slug_for_url,
    write_text,
)


def make_page(**changes: object) -> RenderedPage:
    base: dict[str, object] = {
        "url": "https://example.com/a",
        "final_url": "https://example.com/a",
        "status": 200,
        "headers": {"content-type": "text/html"},
        "server_html": "<html><body><p>server</p></body></html>",
        "dom_html": "<html><body><p>dom</p></body></html>",
        "wait": Wait(ended_by="quiet", elapsed_ms=640),
        "sightings": (WallSighting("cf-checking", "Checking your browser", 120, 900),),
        "timings": {"navigation": 300},
    }
    base.update(changes)
    return RenderedPage(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://www.example.com/news/2024/a-story.html", "example.com-news-2024-a-story"),
        ("https://example.com/news/2024/a-story/?page=2", "example.com-news-2024-a-story-page-2"),
        ("https://Example.COM/", "example.com"),
        ("http://127.0.0.1:8765/wall-noscript/index.html", "127.0.0.1-wall-noscript"),
        ("https://blog.example.org/p/%C3%A9t%C3%A9", "blog.example.org-p-c3-a9t-c3-a9"),
    ],
)
def test_slug_for_url(url: str, slug: str) -> None:
    assert slug_for_url(url) == slug
    assert check_case_name(slug) == slug


def test_long_urls_get_bounded_distinct_names() -> None:
    stem = "https://example.com/" + "very-long-path-segment/" * 10
    first, second = slug_for_url(stem + "one"), slug_for_url(stem + "two")
    assert len(first) <= MAX_SLUG_CHARS and len(second) <= MAX_SLUG_CHARS
    assert first != second
    assert slug_for_url(stem + "one") == first  # stable


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "Upper", ".hidden", "a b"])
def test_unsafe_case_names_are_refused(name: str) -> None:
    with pytest.raises(UsageError):
        check_case_name(name)


def test_page_round_trips_byte_for_byte(tmp_path: Path) -> None:
    page = make_page(dom_html="<html>\r\n<body><p>caf\u00e9 \u2014 line</p>\r\n</body></html>")
    save_page(tmp_path / "case", page)
    assert load_page(tmp_path / "case") == page
    stored = json.loads((tmp_path / "case" / PAGE_FILE).read_text())
    assert "dom_html" not in stored and "server_html" not in stored
    assert (tmp_path / "case" / PAGE_FILE).read_text() == json.dumps(
        stored, sort_keys=True, indent=2, ensure_ascii=False
    ) + "\n"


def test_server_html_absent_when_none(tmp_path: Path) -> None:
    save_page(tmp_path / "case", make_page())
    assert (tmp_path / "case" / SERVER_FILE).is_file()
    save_page(tmp_path / "case", make_page(server_html=None))
    assert not (tmp_path / "case" / SERVER_FILE).exists()
    assert load_page(tmp_path / "case").server_html is None


def test_lone_surrogate_from_a_script_does_not_break_the_write(tmp_path: Path) -> None:
    save_page(tmp_path / "case", make_page(dom_html="<p>half \ud83d pair</p>"))
    assert load_page(tmp_path / "case").dom_html == "<p>half ? pair</p>"


def test_write_text_leaves_no_temp_files(tmp_path: Path) -> None:
    write_text(tmp_path / "x" / "a.md", "one\n")
    write_text(tmp_path / "x" / "a.md", "two\n")
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["a.md"]
    assert (tmp_path / "x" / "a.md").read_text() == "two\n"


def test_list_cases_only_counts_recorded_folders(tmp_path: Path) -> None:
    save_page(tmp_path / "b-case", make_page())
    save_page(tmp_path / "a-case", make_page())
    (tmp_path / "only-markdown").mkdir()
    (tmp_path / "only-markdown" / "expected.md").write_text("x\n")
    assert list_cases(tmp_path) == ["a-case", "b-case"]
    assert list_cases(tmp_path / "absent") == []


def test_load_page_refuses_a_folder_without_a_recording(tmp_path: Path) -> None:
    (tmp_path / "case").mkdir()
    with pytest.raises(UsageError):
        load_page(tmp_path / "case")


def test_rewrite_origin_leaves_no_trace_of_the_served_port(tmp_path: Path) -> None:
    served = "http://127.0.0.1:41234"
    page = make_page(
        url=f"{served}/case/",
        final_url=f"{served}/case/",
        headers={
            "content-type": "text/html",
            "date": "Wed, 25 Nov 2026 18:00:00 GMT",
            "last-modified": "Wed, 25 Nov 2026 17:00:00 GMT",
            "server": "SimpleHTTP/0.6 Python/3.11.9",
            "location": f"{served}/case/",
        },
        dom_html=f'<a href="{served}/x">x</a><img src="//127.0.0.1:41234/i.png">'
        '<script src="http://localhost:41234/other-origin.js"></script>'
        "<p>Checking your browser before accessing 127.0.0.1.</p>",
        server_html='<script>var u = "http:\\/\\/127.0.0.1:41234\\/api";</script>',
    )
    fixed = rewrite_origin(page, served, "http://pages.test")
    save_page(tmp_path / "case", fixed)
    stored = "".join(p.read_text() for p in (tmp_path / "case").iterdir())
    assert "41234" not in stored and "127.0.0.1" not in stored
    assert fixed.url == "http://pages.test/case/"
    assert fixed.headers == {"content-type": "text/html", "location": "http://pages.test/case/"}
    assert '<img src="//pages.test/i.png">' in fixed.dom_html
    assert '<script src="http://localhost/other-origin.js">' in fixed.dom_html
    assert "<p>Checking your browser before accessing pages.test.</p>" in fixed.dom_html
    assert fixed.sightings == page.sightings and fixed.wait == page.wait


def test_rewrite_origin_keeps_a_real_server_header() -> None:
    page = make_page(headers={"server": "cloudflare", "cf-ray": "8a1b"})
    fixed = rewrite_origin(page, "https://example.com", "http://pages.test")
    assert fixed.headers == {"server": "cloudflare", "cf-ray": "8a1b"}
    assert fixed.dom_html == page.dom_html
