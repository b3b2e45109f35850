"""The note options without a browser: every bad input is one line and exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli.main import build_parser, main
from extractor.cli.notes import note_settings, saved_line
from extractor.notes.vault import Saved


def bad_templates(tmp_path: Path) -> dict[str, Path]:
    files = {
        "not-json.json": "{ this is not json",
        "not-a-template.json": json.dumps({"hello": "world"}),
        "bad-type.json": json.dumps(
            {
                "noteContentFormat": "{{content}}",
                "properties": [{"name": "a", "value": "", "type": "colour"}],
            }
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return {name: tmp_path / name for name in files}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--template", "{tmp}/missing.json"], "cannot read"),
        (["--template", "{tmp}/not-json.json"], "is not JSON"),
        (["--template", "{tmp}/not-a-template.json"], "not an Obsidian Web Clipper template"),
        (["--template", "{tmp}/bad-type.json"], "unknown type 'colour'"),
        (["--attachments-dir", "/abs/path", "--save-images"], "relative to the note's folder"),
        (["--max-images", "0", "--save-images"], "--max-images"),
        (["--note-style", "logseq", "--link-style", "wikilink"], "Obsidian embeds"),
    ],
)
def test_bad_note_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    bad_templates(tmp_path)
    args = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    code = main(["https://example.com/", "--out-dir", str(tmp_path / "vault"), *args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and message in err
    assert not (tmp_path / "vault").exists()


def test_note_options_need_out_dir_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["https://example.com/", "--save-images"]) == 2
    assert "need --out-dir" in capsys.readouterr().err
    assert (
        main(["https://example.com/", "--out-dir", "v", "-f", "json", "--note-style", "logseq"])
        == 2
    )
    assert "--format" in capsys.readouterr().err


def test_bad_source_date_epoch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "last week")
    assert main(["https://example.com/", "--out-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "SOURCE_DATE_EPOCH" in err


def test_template_problems_are_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "t.json"
    template.write_text(
        json.dumps(
            {
                "noteContentFormat": '{{"summarize"}}\n{{content|no_such_filter}}',
                "properties": [{"name": "x", "value": "{{title|no_such_filter}}", "type": "text"}],
            }
        )
    )
    args = build_parser().parse_args(["u", "--out-dir", str(tmp_path), "--template", str(template)])
    settings = note_settings(args)
    assert settings is not None and settings.template is not None
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and any("Interpreter" in line for line in err)
    assert sum("no_such_filter" in line for line in err) == 1


def test_saved_line() -> None:
    assert saved_line(Saved(Path("v/a.md"), "created")) == "created v/a.md"
    line = saved_line(Saved(Path("v/a.md"), "updated", images=3, missing=1))
    assert line == "updated v/a.md (3 images stored, 1 could not be had, left remote)"
