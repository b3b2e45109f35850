import os
from pathlib import Path

import pytest

from extractor.errors import OutputError
from extractor.output import safe_filename, unique_path, write_atomic


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Hamas’s Cease-Fire Proposal", "Hamas’s Cease-Fire Proposal.md"),
        ("a/b\\c:d*e?f", "a b c d e f.md"),
        ("[[Link]] #tag ^block | pipe", "Link tag block pipe.md"),
        ("  ...dots and spaces...  ", "dots and spaces.md"),
        ("CON", "_CON.md"),
        ("", "Untitled.md"),
        ("\x00\x1f", "Untitled.md"),
    ],
)
def test_safe_filename(title: str, expected: str) -> None:
    assert safe_filename(title) == expected


def test_safe_filename_bounds_bytes_not_characters() -> None:
    name = safe_filename("日本語のタイトル" * 40)
    assert len(name.encode("utf-8")) <= 245 + len(".md")
    assert name.endswith(".md")


def test_unique_path_numbers_names_taken_in_this_run(tmp_path: Path) -> None:
    taken = {tmp_path / "A.md", tmp_path / "A 2.md"}
    assert unique_path(tmp_path, "A.md", taken) == tmp_path / "A 3.md"
    assert unique_path(tmp_path, "B.md", taken) == tmp_path / "B.md"


def test_write_atomic_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    with pytest.raises(OutputError, match="exists; pass --force"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"


def test_write_atomic_leaves_no_temp_files(tmp_path: Path) -> None:
    write_atomic(tmp_path / "sub" / "out.md", "text")
    assert os.listdir(tmp_path / "sub") == ["out.md"]


def test_write_atomic_reports_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(blocker / "out.md", "text")


def test_write_atomic_survives_a_lone_surrogate(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, "broken \ud800 string")
    assert target.read_text(encoding="utf-8") == "broken ? string"
