"""Record, check and update snapshot cases, with hand-built pages instead of a browser."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from extractor.errors import ExtractorError, NavigationError, OutputError, UsageError
from extractor.records import Extraction, Metadata, Options, RenderedPage, Step, Wait, Wall
from extractor.snapshot.cases import (
    VOLATILE,
    Captured,
    Target,
    check,
    check_report,
    expected_files,
    expected_json,
    expected_markdown,
    first_error,
    record,
    targets_for,
    unified_diff,
    update,
    update_report,
)
from extractor.snapshot.rendering import CaptureJob, Origins
from extractor.snapshot.store import list_cases, load_page

ARTICLE = """<html lang="en"><head><title>Tides of the North Sea</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Tides of the North Sea</h1>
<p>The tide tables for the northern coast were revised this spring after a decade of gauges
showed the old harmonic constants drifting by several centimetres at the outer stations.</p>
<p>Harbour masters say the new tables match what they see at the quay far better, especially
during spring tides when the difference used to reach a quarter of an hour.</p>
<p>PARAGRAPH</p>
</article><footer>Copyright 2026 Coastal Gazette</footer></body></html>"""


def article(paragraph: str = "Fishermen welcomed the change.") -> str:
    return ARTICLE.replace("PARAGRAPH", paragraph)


class FakeBrowser:
    """Stands in for extractor.api: serves HTML by URL and remembers what it was asked."""

    def __init__(self, html_by_url: dict[str, str | ExtractorError]) -> None:
        self.html_by_url = html_by_url
        self.calls: list[list[str]] = []

    def __call__(self, jobs: Sequence[CaptureJob], options: Options) -> list[Captured]:
        urls = [job.url for job in jobs]
        self.calls.append(urls)
        return [self.page(url) for url in urls]

    def page(self, url: str) -> Captured:
        html = self.html_by_url[url]
        if isinstance(html, ExtractorError):
            return html
        return RenderedPage(
            url=url,
            final_url=url,
            status=200,
            headers={"content-type": "text/html; charset=utf-8"},
            server_html="<html><body><div id=app></div></body></html>",
            dom_html=html,
            wait=Wait(ended_by="quiet", elapsed_ms=500 + len(self.calls)),
        )


URL = "https://news.example.com/2026/tides"


@pytest.fixture
def recorded(tmp_path: Path) -> tuple[Path, FakeBrowser]:
    browser = FakeBrowser({URL: article()})
    record(tmp_path, [Target(URL, "tides")], capture=browser)
    return tmp_path, browser


def test_record_stores_the_five_files(recorded: tuple[Path, FakeBrowser]) -> None:
    root, browser = recorded
    case = root / "tides"
    assert sorted(p.name for p in case.iterdir()) == [
        "dom.html",
        "expected.json",
        "expected.md",
        "page.json",
        "server.html",
    ]
    assert browser.calls == [[URL]]
    assert (case / "dom.html").read_text() == article()
    markdown = (case / "expected.md").read_text()
    assert markdown.startswith("---\n") and "title: Tides of the North Sea" in markdown
    assert "Fishermen welcomed the change." in markdown
    assert "captured" not in markdown
    meta = json.loads((case / "expected.json").read_text())
    assert meta["title"] == "Tides of the North Sea" and meta["url"] == URL
    assert "markdown" not in meta and "wait" not in meta


def test_record_renders_all_pages_in_one_call(tmp_path: Path) -> None:
    urls = ["https://a.example/x", "https://b.example/y"]
    browser = FakeBrowser({u: article() for u in urls})
    results = record(tmp_path, targets_for(urls), capture=browser)
    assert browser.calls == [urls]
    assert [r.name for r in results] == ["a.example-x", "b.example-y"]
    assert all(r.new for r in results)
    assert list_cases(tmp_path) == ["a.example-x", "b.example-y"]


def test_record_refuses_to_overwrite_before_rendering(
    recorded: tuple[Path, FakeBrowser],
) -> None:
    root, browser = recorded
    with pytest.raises(OutputError, match="--force"):
        record(root, [Target(URL, "tides")], capture=browser)
    assert len(browser.calls) == 1
    browser.html_by_url[URL] = article("A new closing paragraph.")
    [result] = record(root, [Target(URL, "tides")], capture=browser, force=True)
    assert not result.passed and "+A new closing paragraph." in result.diffs[0][1]


def test_targets_for_rejects_ambiguous_names() -> None:
    with pytest.raises(UsageError):
        targets_for(["https://a.example/", "https://b.example/"], name="one")
    with pytest.raises(UsageError):
        targets_for(["https://a.example/x?", "https://a.example/x"])
    assert targets_for(["https://a.example/x"], name="mine") == [
        Target("https://a.example/x", "mine")
    ]


def test_check_passes_right_after_recording(recorded: tuple[Path, FakeBrowser]) -> None:
    root, browser = recorded
    results = check(root)
    assert [(r.name, r.passed) for r in results] == [("tides", True)]
    assert check_report(results).splitlines()[-1] == "1 passed, 0 failed"
    assert len(browser.calls) == 1  # offline: no rendering


def test_jobs_check_cases_side_by_side_with_the_same_results(tmp_path: Path) -> None:
    urls = [f"https://news.example.com/2026/tides-{i}" for i in range(3)]
    browser = FakeBrowser({u: article() for u in urls})
    record(tmp_path, targets_for(urls), capture=browser)
    broken = tmp_path / "news.example.com-2026-tides-1" / "expected.md"
    broken.write_text(broken.read_text().replace("Fishermen", "Fisherfolk"))
    serial = check(tmp_path)
    assert [r.passed for r in serial] == [True, False, True]
    assert check(tmp_path, jobs=3) == serial
    assert check(tmp_path, live=True, jobs=2, capture=browser) == serial


def test_check_shows_a_unified_diff_when_the_output_changes(
    recorded: tuple[Path, FakeBrowser],
) -> None:
    root, _ = recorded
    dom = root / "tides" / "dom.html"
    dom.write_text(dom.read_text().replace("Fishermen welcomed", "Sailors doubted"))
    [result] = check(root)
    assert not result.passed
    files = dict(result.diffs)
    assert set(files) == {"expected.md"}  # metadata unchanged
    assert "-Fishermen welcomed the change." in files["expected.md"]
    assert "+Sailors doubted the change." in files["expected.md"]
    assert files["expected.md"].startswith("--- tides/expected.md\n+++ tides/expected.md (current)")
    report = check_report([result])
    assert report.splitlines()[0] == "FAIL tides"
    assert report.splitlines()[-1] == "0 passed, 1 failed"


def test_check_fails_on_a_missing_expected_file(recorded: tuple[Path, FakeBrowser]) -> None:
    root, _ = recorded
    (root / "tides" / "expected.json").unlink()
    [result] = check(root)
    assert [name for name, _ in result.diffs] == ["expected.json"]
    assert "(missing)" in result.diffs[0][1]


def test_check_refuses_unknown_cases(recorded: tuple[Path, FakeBrowser]) -> None:
    root, _ = recorded
    with pytest.raises(UsageError, match="nope"):
        check(root, ["nope"])
    with pytest.raises(UsageError):
        check(root / "empty")


def test_update_rewrites_and_reports(recorded: tuple[Path, FakeBrowser]) -> None:
    root, browser = recorded
    assert update_report(update(root)) == "tides: unchanged\n"
    expected = root / "tides" / "expected.md"
    expected.write_text(expected.read_text().replace("Harbour masters", "Harbourmasters"))
    report = update_report(update(root, ["tides"]))
    assert report.startswith("tides: updated\n")
    assert "-Harbourmasters say" in report and "+Harbour masters say" in report
    assert all(r.passed for r in check(root))
    assert len(browser.calls) == 1


def test_live_check_and_update_render_again(recorded: tuple[Path, FakeBrowser]) -> None:
    root, browser = recorded
    assert all(r.passed for r in check(root, live=True, capture=browser))
    browser.html_by_url[URL] = article("Late news from the quay.")
    [result] = check(root, live=True, capture=browser)
    assert "+Late news from the quay." in dict(result.diffs)["expected.md"]
    assert "Late news" not in (root / "tides" / "dom.html").read_text()  # check never writes
    update(root, live=True, capture=browser)
    assert "Late news" in (root / "tides" / "dom.html").read_text()
    assert all(r.passed for r in check(root))
    assert len(browser.calls) == 4


def test_origins_are_normalised_when_recording_and_mapped_back_when_live(
    tmp_path: Path,
) -> None:
    served = "http://127.0.0.1:40999"
    page_url = f"{served}/tides/"
    html = article().replace('href="/news"', f'href="{served}/news"')
    browser = FakeBrowser({page_url: html})
    record(tmp_path, [Target(page_url, "tides")], capture=browser, as_origin="http://pages.test/")
    stored = "".join(p.read_text() for p in (tmp_path / "tides").iterdir())
    assert "40999" not in stored
    assert load_page(tmp_path / "tides").url == "http://pages.test/tides/"
    origins = Origins(served=served, stored="http://pages.test")
    assert all(r.passed for r in check(tmp_path, live=True, origins=origins, capture=browser))
    assert browser.calls[-1] == [page_url]


def test_same_dom_gives_byte_identical_files_whatever_the_timings(
    recorded: tuple[Path, FakeBrowser],
) -> None:
    root, _ = recorded
    page = load_page(root / "tides")
    again = RenderedPage.from_dict(
        {**page.to_dict(), "wait": {"ended_by": "load", "elapsed_ms": 9}}
    )
    assert expected_files(page) == expected_files(again) == expected_files(page)


def rendered_wall(first_seen: int, cleared: int | None) -> Extraction:
    wall = Wall(
        kind="bot-check",
        phase="rendered",
        text="Checking your browser before accessing",
        vendor="Cloudflare",
        first_seen_ms=first_seen,
        cleared_ms=cleared,
    )
    return Extraction(
        url=URL,
        final_url=URL,
        status=200,
        metadata=Metadata(title="Tides"),
        walls=(wall,),
        article_html="<p>x</p>",
        markdown="Body text.\n",
        wait=Wait(ended_by="quiet", elapsed_ms=first_seen * 3),
    )


def test_wall_timings_are_normalised_but_cleared_or_not_is_kept() -> None:
    early, late = rendered_wall(120, 900), rendered_wall(150, 1300)
    assert expected_markdown(early) == expected_markdown(late)
    assert expected_json(early) == expected_json(late)
    wall = json.loads(expected_json(early))["walls"][0]
    assert wall["first_seen_ms"] == VOLATILE and wall["cleared_ms"] == VOLATILE
    assert "120" not in expected_markdown(early) and "900" not in expected_markdown(early)
    stayed = rendered_wall(120, None)
    assert json.loads(expected_json(stayed))["walls"][0]["cleared_ms"] is None
    assert expected_markdown(stayed) != expected_markdown(early)
    assert "Body text." in expected_markdown(early)


@pytest.mark.parametrize(
    ("old", "new", "expected_lines"),
    [
        ("a\nb\n", "a\nb\n", []),
        ("a\nb\n", "a\nc\n", ["--- old", "+++ new", "@@ -1,2 +1,2 @@", " a", "-b", "+c"]),
        (
            "a\n",
            "a",
            ["--- old", "+++ new", "@@ -1 +1 @@", "-a", "+a", "\\ No newline at end of file"],
        ),
    ],
)
def test_unified_diff(old: str, new: str, expected_lines: list[str]) -> None:
    assert unified_diff(old, new, "old", "new").splitlines() == expected_lines


def test_a_page_that_fails_to_render_does_not_stop_the_others(tmp_path: Path) -> None:
    urls = ["https://a.example/x", "https://down.example/", "https://b.example/y"]
    refused = NavigationError("https://down.example/: connection refused")
    browser = FakeBrowser({urls[0]: article(), urls[1]: refused, urls[2]: article()})
    results = record(tmp_path, targets_for(urls), capture=browser)
    assert list_cases(tmp_path) == ["a.example-x", "b.example-y"]
    assert first_error(results) is refused
    report = update_report(results)
    assert "down.example: failed: https://down.example/: connection refused\n" in report
    browser.html_by_url[urls[2]] = refused
    live = check(tmp_path, live=True, capture=browser)
    assert [r.passed for r in live] == [True, False]
    assert check_report(live).splitlines()[-2:] == [
        "FAIL b.example-y: https://down.example/: connection refused",
        "1 passed, 1 failed",
    ]


def test_steps_keep_what_was_removed_but_not_their_description() -> None:
    extraction = rendered_wall(120, None)
    worded = replace(extraction, steps=(Step("chrome", "navigation and footers", 2, ("Home",)),))
    reworded = replace(worded, steps=(Step("chrome", "site chrome", 2, ("Home",)),))
    assert expected_json(worded) == expected_json(reworded)
    assert json.loads(expected_json(worded))["steps"] == [
        {"name": "chrome", "removed": 2, "samples": ["Home"]}
    ]
    fewer = replace(worded, steps=(Step("chrome", "navigation and footers", 1, ("Home",)),))
    assert expected_json(fewer) != expected_json(worded)


def test_only_wall_lines_have_their_milliseconds_normalised() -> None:
    extraction = rendered_wall(120, 900)
    titled = replace(extraction, metadata=Metadata(title="Sprinting under 100 ms"))
    markdown = expected_markdown(titled)
    assert "title: Sprinting under 100 ms\n" in markdown
    assert "seen at N ms, cleared at N ms" in markdown


def test_diff_lines_break_on_newlines_only() -> None:
    diff = unified_diff("a\u2028b\nc\n", "a\u2028b\nd\n", "old", "new")
    assert diff.split("\n") == [
        "--- old",
        "+++ new",
        "@@ -1,2 +1,2 @@",
        " a\u2028b",
        "-c",
        "+d",
        "",
    ]


def test_public_names_are_exact() -> None:
    from extractor.snapshot import cases as snapshot

    functions_and_classes = {
        name
        for name, value in vars(snapshot).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == snapshot.__name__
    }
    assert functions_and_classes <= set(snapshot.__all__)
    assert all(hasattr(snapshot, name) for name in snapshot.__all__)
    assert sorted(set(snapshot.__all__) - functions_and_classes) == [
        "Capture",
        "Captured",
        "DEFAULT_DIR",
        "VOLATILE",
    ]
