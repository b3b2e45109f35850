"""``extractor snapshot``: options reach the library, reports and exit codes come back."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.cli.main import main as extractor_main
from extractor.cli.snapshot import main
from extractor.errors import NavigationError, OutputError, SnapshotMismatch, UsageError
from extractor.snapshot import cases as snapshot
from extractor.snapshot.cases import Target, record
from tests.test_snapshot import URL, FakeBrowser, article


@pytest.fixture
def root(tmp_path: Path) -> Path:
    record(tmp_path, [Target(URL, "tides")], capture=FakeBrowser({URL: article()}))
    return tmp_path


def test_check_passes(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--dir", str(root)]) == 0
    assert capsys.readouterr().out == "1 passed, 0 failed\n"


def test_check_mismatch_prints_diff_and_exits_9(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = root / "tides" / "expected.md"
    expected.write_text(expected.read_text().replace("Fishermen", "Fisherfolk"))
    assert main(["check", "--dir", str(root), "tides"]) == SnapshotMismatch.exit_code == 9
    out = capsys.readouterr().out
    assert "-Fisherfolk welcomed the change.\n+Fishermen welcomed the change.\n" in out
    assert out.splitlines()[-1] == "0 passed, 1 failed"


def test_update_then_check(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "tides" / "expected.json").write_text("{}\n")
    assert main(["update", "--dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("tides: updated\n") and '+  "title": "Tides of the North Sea",' in out
    assert main(["update", "--dir", str(root)]) == 0
    assert capsys.readouterr().out == "tides: unchanged\n"
    assert main(["check", "--dir", str(root)]) == 0


def test_the_main_cli_dispatches_snapshot(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert extractor_main(["snapshot", "check", "--dir", str(root)]) == 0
    assert capsys.readouterr().out.endswith("1 passed, 0 failed\n")


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["check", "nope"], UsageError.exit_code),
        (["frobnicate"], UsageError.exit_code),
        (["record", "https://a.example/", "https://b.example/", "--name", "x"], 2),
        (["record", "https://a.example/", "--name", "../up"], 2),
        (["record", "https://a.example/", "--as-origin", "pages.test"], 2),
        (["record", "https://a.example/", "--as-origin", "http://pages.test/sub"], 2),
        # refused before any browser is started
        (["record", URL, "--name", "tides"], OutputError.exit_code),
    ],
)
def test_usage_and_refusals(
    root: Path, argv: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--dir", str(root)]) == code
    err = capsys.readouterr().err
    assert err.startswith("extractor snapshot: ") and len(err.splitlines()) == 1


def test_a_page_that_cannot_be_rendered_gives_its_exit_code(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(urls: list[str], options: object) -> list[NavigationError]:
        return [NavigationError(f"{url}: connection refused") for url in urls]

    monkeypatch.setattr(snapshot, "capture_pages", refuse)
    assert main(["check", "--live", "--dir", str(root)]) == NavigationError.exit_code
    assert capsys.readouterr().out.splitlines()[-1] == "0 passed, 1 failed"
    assert main(["update", "--live", "--dir", str(root)]) == NavigationError.exit_code
    assert "tides: failed: " in capsys.readouterr().out
    assert main(["check", "--dir", str(root)]) == 0  # nothing was overwritten
