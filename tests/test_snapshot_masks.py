"""Masks: volatile values become [masked], campaign parameters leave URLs, config errors are one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.errors import UsageError
from extractor.snapshot.masks import MASK, Masks, drop_params, load_masks


@pytest.mark.parametrize(
    ("url", "patterns", "expected"),
    [
        ("https://a.example/x?utm_source=nl&id=4", ("utm_*",), "https://a.example/x?id=4"),
        ("https://a.example/x?id=4&UTM_Medium=m", ("utm_*",), "https://a.example/x?id=4"),
        ("https://a.example/x?utm_source=nl#top", ("utm_*",), "https://a.example/x#top"),
        ("https://a.example/x?fbclid=1&gclid=2", ("fbclid", "gclid"), "https://a.example/x"),
        ("https://a.example/x?page=2", ("utm_*",), "https://a.example/x?page=2"),
        ("https://a.example/x", ("utm_*",), "https://a.example/x"),
    ],
)
def test_drop_params(url: str, patterns: tuple[str, ...], expected: str) -> None:
    assert drop_params(url, patterns) == expected


def test_default_masks_drop_campaign_tags_in_markdown_and_json() -> None:
    text = '[Share](https://n.example/a?utm_source=share&v=7)\n"url": "https://n.example/?utm_x=1"'
    assert Masks().apply(text) == '[Share](https://n.example/a?v=7)\n"url": "https://n.example/"'


def test_a_pattern_masks_the_whole_match_or_only_its_groups() -> None:
    masks = Masks(patterns=(re.compile(r"\d[\d,]* views"), re.compile(r"Updated (\d+) min ago")))
    assert masks.apply("12,400 views. Updated 5 min ago.") == (f"{MASK}. Updated {MASK} min ago.")


def test_masks_are_read_from_pyproject_above_the_snapshot_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.extractor.snapshot]\nmask = ["sid=[0-9a-f]+"]\ndrop-params = ["ref"]\n'
    )
    masks = load_masks(tmp_path / "snapshots")
    assert masks.apply("https://a.example/?ref=x&utm_source=y sid=9f3a") == (
        f"https://a.example/?utm_source=y {MASK}"
    )


def test_a_file_in_the_snapshot_folder_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.extractor.snapshot]\nmask = ["a"]\n')
    (tmp_path / "snapshots").mkdir()
    (tmp_path / "snapshots" / "snapshot.toml").write_text('mask = ["b"]\n')
    assert load_masks(tmp_path / "snapshots").apply("ab") == f"a{MASK}"


def test_without_configuration_only_utm_parameters_go(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert load_masks(tmp_path / "snapshots") == Masks()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('mask = ["("]', "bad regular expression '('"),
        ('mask = "x"', "expected a list of non-empty strings"),
        ('masks = ["x"]', "unknown key 'masks'"),
        ("mask = [", "cannot read"),
    ],
)
def test_bad_configuration_is_one_line(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "snapshot.toml").write_text(body + "\n")
    with pytest.raises(UsageError, match=re.escape(message)) as caught:
        load_masks(tmp_path)
    assert "\n" not in str(caught.value)
