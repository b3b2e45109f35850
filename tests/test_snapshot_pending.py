"""Pending files: written by a failing check, accepted, rejected or reviewed one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import UsageError
from extractor.snapshot.pending import (
    accept,
    pending_cases,
    pending_diff,
    reject,
    review,
    review_summary,
    write_pending,
)


def case(root: Path, name: str, md: str = "old\n", json_text: str = "{}\n") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "expected.md").write_text(md)
    (folder / "expected.json").write_text(json_text)
    return folder


def test_only_files_that_differ_get_a_pending_twin(tmp_path: Path) -> None:
    folder = case(tmp_path, "a")
    written = write_pending(folder, {"expected.md": "new\n", "expected.json": "{}\n"})
    assert written == [folder / "expected.md.new"]
    assert not (folder / "expected.json.new").exists()
    assert pending_cases(tmp_path) == ["a"]
    assert "-old\n+new\n" in pending_diff(tmp_path, "a")


def test_a_case_that_passes_again_loses_its_stale_pending_file(tmp_path: Path) -> None:
    folder = case(tmp_path, "a")
    write_pending(folder, {"expected.md": "new\n", "expected.json": "{}\n"})
    write_pending(folder, {"expected.md": "old\n", "expected.json": "{}\n"})
    assert pending_cases(tmp_path) == []


def test_accept_replaces_and_reject_deletes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_pending(case(tmp_path, name), {"expected.md": "new\n", "expected.json": "{}\n"})
    assert accept(tmp_path, ["a"]) == ["a"]
    assert (tmp_path / "a" / "expected.md").read_text() == "new\n"
    assert reject(tmp_path) == ["b"]
    assert (tmp_path / "b" / "expected.md").read_text() == "old\n"
    assert pending_cases(tmp_path) == []


def test_naming_a_case_with_nothing_pending_is_a_usage_error(tmp_path: Path) -> None:
    case(tmp_path, "a")
    with pytest.raises(UsageError, match="nothing pending for a"):
        accept(tmp_path, ["a"])


def test_review_asks_per_case_until_quit(tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        write_pending(case(tmp_path, name), {"expected.md": f"{name}\n", "expected.json": "{}\n"})
    answers = iter(["x", "a", "reject", "s", "q"])  # "x" is not a choice: asked again
    shown: list[str] = []
    decisions = review(tmp_path, [], lambda _: next(answers), shown.append)
    assert [(d.name, d.choice) for d in decisions] == [
        ("a", "accept"),
        ("b", "reject"),
        ("c", "skip"),
    ]
    assert shown[0].startswith("[1/4] a\n") and "+a\n" in shown[0]
    assert (tmp_path / "a" / "expected.md").read_text() == "a\n"
    assert pending_cases(tmp_path) == ["c", "d"]
    assert review_summary(decisions, 2) == "1 accepted, 1 rejected, 1 skipped, 2 still pending\n"
