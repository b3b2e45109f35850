import json
from pathlib import Path

import pytest

from extractor.batch.manifest import Manifest
from extractor.batch.notes import NoteFolder, error_object, extraction_from_contract, json_line
from extractor.errors import (
    ExtractorError,
    NavigationError,
    NoBrowserError,
    NotHtmlError,
    PageTimeoutError,
    UsageError,
)
from extractor.pipeline import extract_html

HTML = """<html lang="en"><head><title>A Story: Part 1</title>
<meta name="author" content="Ann Writer"></head><body><article><h1>A Story: Part 1</h1>
<p>{}</p><p>Second paragraph with a <a href="/x">link</a>.</p></article></body></html>"""


def story(words: str = "Long enough text for an article body. " * 20) -> str:
    return HTML.format(words)


def test_a_page_is_one_compact_line_with_its_input_position() -> None:
    result = extract_html(story(), url="https://n.example/a")
    line = json_line(7, "https://n.example/a", result, None)
    assert line.endswith("\n") and line.count("\n") == 1
    data = json.loads(line)
    assert data["index"] == 7 and data["url"] == "https://n.example/a"
    assert data["title"] == "A Story: Part 1" and data["markdown"] == result.markdown


def test_a_failed_page_is_a_line_with_url_and_error() -> None:
    error = PageTimeoutError("https://n.example/b: timed out (not captured within --timeout)")
    data = json.loads(json_line(3, "https://n.example/b", None, error))
    assert data == {
        "index": 3,
        "url": "https://n.example/b",
        "error": {"kind": "timeout", "message": str(error), "exit_code": 5},
    }


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (NavigationError("x"), "navigation"),
        (NotHtmlError("x"), "not-html"),
        (NoBrowserError("x"), "no-browser"),
        (UsageError("x"), "usage"),
        (ExtractorError("x"), "error"),
    ],
)
def test_error_kinds(error: ExtractorError, kind: str) -> None:
    assert error_object(error)["kind"] == kind


def test_contract_round_trip_gives_the_same_note() -> None:
    result = extract_html(story(), url="https://n.example/a")
    back = extraction_from_contract(result.to_dict())
    assert back.markdown == result.markdown and back.metadata == result.metadata
    assert back.walls == result.walls and back.steps == result.steps


def test_notes_never_overwrite_and_the_manifest_says_where_each_went(tmp_path: Path) -> None:
    (tmp_path / "A Story Part 1.md").write_text("someone else's note")  # another worker's
    folder = NoteFolder(tmp_path)
    first = folder.add(
        0, "https://n.example/a", extract_html(story(), url="https://n.example/a"), None, "ok", 1.0
    )
    second = folder.add(
        1, "https://n.example/b", extract_html(story(), url="https://n.example/b"), None, "ok", 1.0
    )
    failed = folder.add(
        2, "https://n.example/c", None, error_object(NavigationError("refused")), "failed", 0.5
    )
    folder.close()
    assert (tmp_path / "A Story Part 1.md").read_text() == "someone else's note"
    assert first.path == tmp_path / "A Story Part 1 2.md"
    assert second.path == tmp_path / "A Story Part 1 3.md"
    assert first.path.read_text().startswith("---\ntitle: 'A Story: Part 1'")
    assert failed.path is None
    entries = Manifest(tmp_path).load()
    assert entries["https://n.example/a"].file == "A Story Part 1 2.md"
    assert entries["https://n.example/c"].error == {
        "kind": "navigation",
        "message": "refused",
        "exit_code": 4,
    }


def test_a_resumed_folder_does_not_reuse_names_of_notes_that_stay(tmp_path: Path) -> None:
    folder = NoteFolder(tmp_path)
    folder.add(
        0, "https://n.example/a", extract_html(story(), url="https://n.example/a"), None, "ok", 1.0
    )
    folder.close()
    (tmp_path / "A Story Part 1.md").unlink()  # the user moved the note away
    again = NoteFolder(tmp_path)
    assert "https://n.example/a" in again.load()
    written = again.add(
        0, "https://n.example/z", extract_html(story(), url="https://n.example/z"), None, "ok", 1.0
    )
    again.close()
    assert written.path == tmp_path / "A Story Part 1 2.md"
