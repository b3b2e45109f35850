"""``extractor snapshot``: options reach the library, reports and exit codes come back."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.cli.main import main as extractor_main
from extractor.cli.snapshot import main
from extractor.errors import NavigationError, OutputError, SnapshotMismatch, UsageError
from extractor.snapshot import rendering
from extractor.snapshot.cases import Target, record
from extractor.snapshot.rendering import CaptureJob
from tests.test_snapshot import URL, FakeBrowser, article


@pytest.fixture(autouse=True)
def not_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests write snapshots, which nothing does on CI unless forced (tested apart)."""
    monkeypatch.delenv("CI", raising=False)


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
    def refuse(jobs: list[CaptureJob], options: object, n: int) -> list[NavigationError]:
        return [NavigationError(f"{job.url}: connection refused") for job in jobs]

    monkeypatch.setattr(rendering, "capture_pages", refuse)
    assert main(["check", "--live", "--dir", str(root)]) == NavigationError.exit_code
    assert capsys.readouterr().out.splitlines()[-1] == "0 passed, 1 failed"
    assert main(["update", "--live", "--dir", str(root)]) == NavigationError.exit_code
    assert "tides: failed: " in capsys.readouterr().out
    assert main(["check", "--dir", str(root)]) == 0  # nothing was overwritten


@pytest.mark.parametrize(
    "argv",
    [
        ["update"],
        ["accept"],
        ["review"],
        ["record", "https://a.example/", "--name", "a"],
    ],
)
def test_on_ci_writes_refuse_in_one_line(
    root: Path, argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    assert main([*argv, "--dir", str(root)]) == UsageError.exit_code
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "CI is set" in err and "pass --allow-ci to write them anyway" in err


def test_on_ci_check_still_runs_and_update_can_be_forced(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "1")
    assert main(["check", "--dir", str(root)]) == 0
    assert main(["update", "--allow-ci", "--dir", str(root)]) == 0
    assert capsys.readouterr().out.endswith("tides: unchanged\n")


def test_write_pending_then_accept_then_reject(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = root / "tides" / "expected.md"
    expected.write_text(expected.read_text().replace("Fishermen", "Fisherfolk"))
    assert main(["check", "--write-pending", "--dir", str(root)]) == 9
    assert (root / "tides" / "expected.md.new").is_file()
    assert not (root / "tides" / "expected.json.new").exists()
    assert main(["reject", "--dir", str(root)]) == 0
    assert main(["check", "--write-pending", "--dir", str(root)]) == 9
    capsys.readouterr()
    assert main(["accept", "tides", "--dir", str(root)]) == 0
    assert capsys.readouterr().out == "tides: accepted\n"
    assert main(["check", "--dir", str(root)]) == 0
    assert main(["accept", "--dir", str(root)]) == 0
    assert capsys.readouterr().out.endswith("nothing pending\n")


def test_review_needs_a_terminal(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "--dir", str(root)]) == UsageError.exit_code
    assert "use `accept` or `reject`" in capsys.readouterr().err


def test_junit_report_is_written(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = root.parent / "report.xml"
    assert main(["check", "--junit", str(report), "--dir", str(root)]) == 0
    assert '<testcase classname="snapshots" name="tides"' in report.read_text()


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--live", "--replay"],
        ["check", "--jobs", "0"],
        ["check", "--jobs", "many"],
    ],
)
def test_bad_check_options(root: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--dir", str(root)]) == UsageError.exit_code
    assert capsys.readouterr().err.count("\n") == 1


def test_replay_without_a_recording_fails_that_case(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--replay", "--dir", str(root)]) == UsageError.exit_code
    out = capsys.readouterr().out
    assert "FAIL tides: tides has no network recording (network.har)" in out
