"""Network replay as a user meets it: record a served page, stop the server, check it offline.

The page (tests/pages/replay-newsroom-app) shows a bot-check interstitial until its story API
answers after 600 ms, stamps the edition date from Date, orders a list by a Math.random bucket,
sends an Authorization header and gets a Set-Cookie back: every part replay must pin or hide.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from extractor.browser.network import NotRecordedError
from extractor.cli.snapshot import main
from extractor.errors import SnapshotMismatch
from extractor.snapshot.cases import check
from extractor.snapshot.recording import RECORDING_FILE
from tests.pageserver import serve_pages
from tests.record_fixtures import SNAPSHOTS

CASE = "replay-newsroom-app"
STORY_URL = f"http://pages.test/{CASE}/api/story.json?delay=600"
pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def not_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


def test_the_committed_recording_replays_offline_the_same_twice() -> None:
    for _ in range(2):
        [result] = check(SNAPSHOTS, [CASE], replay=True)
        assert result.passed, "".join(diff for _, diff in result.diffs) or str(result.error)


def test_the_recording_holds_no_secret_and_is_readable() -> None:
    har_text = (SNAPSHOTS / CASE / RECORDING_FILE).read_text()
    har = json.loads(har_text)
    names = {
        h["name"].lower()
        for entry in har["log"]["entries"]
        for part in ("request", "response")
        for h in entry[part]["headers"]
    }
    assert not names & {"cookie", "set-cookie", "authorization"}
    assert "7d0c1e44b2" not in har_text and "Bearer" not in har_text
    assert "7d0c1e44b2" not in (SNAPSHOTS / CASE / "page.json").read_text()
    bodies = [e["response"]["content"].get("_file") for e in har["log"]["entries"]]
    assert all(b and (SNAPSHOTS / CASE / b).is_file() for b in bodies)
    assert max(len(line) for line in har_text.splitlines()) < 400  # no base64 blob


def test_a_request_missing_from_the_recording_fails_naming_it(tmp_path: Path) -> None:
    shutil.copytree(SNAPSHOTS / CASE, tmp_path / CASE)
    har_path = tmp_path / CASE / RECORDING_FILE
    har = json.loads(har_path.read_text())
    har["log"]["entries"] = [e for e in har["log"]["entries"] if e["request"]["url"] != STORY_URL]
    har_path.write_text(json.dumps(har))
    [result] = check(tmp_path, [CASE], replay=True)
    assert isinstance(result.error, NotRecordedError)
    assert f"not in the recording: {STORY_URL}" in str(result.error)


def test_a_user_records_replays_offline_reviews_a_change_and_reads_the_junit_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    snaps = ["--dir", str(tmp_path / "snapshots")]
    with serve_pages() as base:  # the page as the user's site serves it (a redirect first)
        url = f"{base}{CASE}"
        code = main(["record", url, "--name", "news", "--as-origin", "http://pages.test", *snaps])
        assert code == 0
    out = capsys.readouterr().out
    assert out.startswith("news: new, network: 4 requests, 3 bodies, ")  # 301 + page, js, api
    case = tmp_path / "snapshots" / "news"

    # the server is gone: replay has nothing but the recording, twice the same
    for _ in range(2):
        assert main(["check", "--replay", *snaps]) == 0
        assert capsys.readouterr().out == "1 passed, 0 failed\n"

    # the site changes a paragraph: the recorded body is edited, replay shows the diff
    story = next(p for p in (case / "network").iterdir() if p.suffix == ".json")
    story.write_text(story.read_text().replace("ten weeks", "twelve weeks"))
    junit = tmp_path / "report.xml"
    argv = ["check", "--replay", "--write-pending", "--junit", str(junit), "--jobs", "2", *snaps]
    assert main(argv) == SnapshotMismatch.exit_code
    out = capsys.readouterr().out
    assert "-About 180,000 cubic metres of sediment will be removed over ten weeks." in out
    assert "+About 180,000 cubic metres of sediment will be removed over twelve weeks." in out
    failure = ET.parse(junit).find("testsuite/testcase/failure")
    assert failure is not None and "+About 180,000" in (failure.text or "")
    assert (case / "expected.md.new").is_file()

    assert main(["accept", "news", *snaps]) == 0
    assert capsys.readouterr().out == "news: accepted\n"
    assert main(["check", "--replay", *snaps]) == 0
    assert not (case / "expected.md.new").exists()
