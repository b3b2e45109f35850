"""Unused plugin snapshots: which folders, and which runs may tell."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.snapshot.unused import (
    args_cover_suite,
    case_name_for,
    delete,
    partial_reason,
    plugin_folders,
    unused,
)


@pytest.mark.parametrize(
    ("nodeid", "name"),
    [
        ("tests/test_site.py::test_story", "test_site.test_story"),
        ("tests/test_site.py::TestNews::test_a[x-1]", "test_site.testnews.test_a-x-1"),
    ],
)
def test_case_name_for_a_node_id(nodeid: str, name: str) -> None:
    assert case_name_for(nodeid) == name


def folders(root: Path, *names: str) -> None:
    for name in names:
        (root / name).mkdir(parents=True)
        (root / name / "expected.md").write_text("x\n")


def test_cli_cases_are_not_the_plugins(tmp_path: Path) -> None:
    folders(tmp_path, "t.test_a", "news-a")
    (tmp_path / "news-a" / "page.json").write_text("{}\n")
    assert plugin_folders(tmp_path) == ["t.test_a"]


def test_used_and_owned_folders_are_not_unused(tmp_path: Path) -> None:
    folders(tmp_path, "t.test_a", "t.test_a-2", "t.test_b", "t.test_b-2", "t.test_c", "t.test_gone")
    found = unused(tmp_path, used={"t.test_a"}, owners={"t.test_b"})
    assert found == ["t.test_a-2", "t.test_c", "t.test_gone"]
    delete(tmp_path, found)
    assert plugin_folders(tmp_path) == ["t.test_a", "t.test_b", "t.test_b-2"]


def test_delete_leaves_folders_that_are_not_the_plugins(tmp_path: Path) -> None:
    folders(tmp_path, "news-a")
    (tmp_path / "news-a" / "page.json").write_text("{}\n")
    delete(tmp_path, ["news-a"])
    assert (tmp_path / "news-a").is_dir()


FULL = dict(
    keyword="",
    markexpr="",
    last_failed=False,
    args_cover_suite=True,
    deselected=0,
    not_finished=0,
    stopped=False,
)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({}, None),
        ({"keyword": "story"}, "-k selected some tests"),
        ({"markexpr": "browser"}, "-m selected some tests"),
        ({"args_cover_suite": False}, "only part of the suite was named"),
        ({"deselected": 3}, "3 tests were deselected"),
        ({"not_finished": 2}, "2 collected tests did not finish"),
        ({"stopped": True}, "the run stopped early"),
    ],
)
def test_partial_reason(change: dict[str, object], reason: str | None) -> None:
    assert partial_reason(**{**FULL, **change}) == reason  # type: ignore[arg-type]


def test_args_cover_suite(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_a.py").write_text("")
    assert args_cover_suite([str(tmp_path)], tmp_path, ["tests"])
    assert args_cover_suite([str(tmp_path / "tests")], tmp_path, ["tests"])
    assert not args_cover_suite([str(tmp_path / "tests" / "test_a.py")], tmp_path, ["tests"])
    assert not args_cover_suite(["tests/test_a.py::test_x"], tmp_path, ["tests"])
