"""Batches from the command line, with the browser: JSON Lines, the manifest and --resume, and
a batch stopped by SIGTERM or killed outright leaving no browser behind."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch.manifest import MANIFEST_NAME
from extractor.batch.memory import tree_pids

pytestmark = pytest.mark.browser
FAST = ("--timeout", "10", "--wall-wait", "1", "--retries", "0")


def run_cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], capture_output=True, text=True, timeout=timeout
    )


def refused_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/"


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_json_lines_with_positions_errors_and_a_partial_exit_code(pages_url: str) -> None:
    refused = refused_url()
    urls = [pages_url + "md-tables/", refused, pages_url + "md-lists-quotes/"]
    proc = run_cli(*urls, "--format", "json", *FAST)
    assert proc.returncode == 11, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(x["index"] for x in lines) == [0, 1, 2]
    by_index = {x["index"]: x for x in lines}
    assert by_index[0]["url"] == urls[0] and by_index[0]["markdown"]
    assert by_index[1] == {
        "index": 1,
        "url": refused,
        "error": {"kind": "navigation", "message": by_index[1]["error"]["message"], "exit_code": 4},
    }
    assert "connection refused" in by_index[1]["error"]["message"]
    assert "3 pages: 2 ok, 0 walled, 1 failed in" in proc.stderr


def test_manifest_and_resume_skip_what_is_done(pages_url: str, tmp_path: Path) -> None:
    refused = refused_url()
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{pages_url}md-tables/\n{refused}\n")
    vault = tmp_path / "vault"
    first = run_cli("--urls", str(listing), "--out-dir", str(vault), *FAST)
    assert first.returncode == 11, first.stderr
    manifest = vault / MANIFEST_NAME
    entries = [json.loads(x) for x in manifest.read_text().splitlines()]
    assert [(e["url"], e["status"]) for e in sorted(entries, key=lambda e: e["index"])] == [
        (f"{pages_url}md-tables/", "ok"),
        (refused, "failed"),
    ]
    note = vault / next(e["file"] for e in entries if e["status"] == "ok")
    written_at = note.stat().st_mtime_ns

    again = run_cli("--urls", str(listing), "--out-dir", str(vault), "--resume", *FAST)
    assert again.returncode == 4, again.stderr  # the only page tried failed again
    assert "1 pages: 0 ok, 0 walled, 1 failed" in again.stderr
    assert "(1 done before, skipped)" in again.stderr
    later = [json.loads(x) for x in manifest.read_text().splitlines()][len(entries) :]
    assert [(e["url"], e["status"]) for e in later] == [(refused, "failed")]
    assert note.stat().st_mtime_ns == written_at


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_batch_leaves_no_browser(pages_url: str, tmp_path: Path, how: int) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("".join(f"{pages_url}md-tables/?delay=3000&n={i}\n" for i in range(12)))
    # the batch's temporary folders go below the test's own: a killed process cannot remove
    # its own, and they must not outlive the test
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", "--urls", str(listing), "--format", "json", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while len(seen) < 4 and time.monotonic() < deadline:  # Python, driver, browser processes
        seen |= set(tree_pids(proc.pid))
        time.sleep(0.2)
    assert len(seen) >= 4, "the batch never started a browser"
    proc.send_signal(how)
    out, err = proc.communicate(timeout=60)
    if how == signal.SIGTERM:
        assert proc.returncode == 143, err
        assert err.decode().strip().splitlines()[-1].startswith(("extractor: interrupted", "0 p"))
        for line in out.decode().splitlines():
            json.loads(line)  # only whole lines were written
    deadline = time.monotonic() + 15
    while any(alive(p) for p in seen) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in seen if alive(p)]
    if how == signal.SIGTERM:
        assert not list(scratch.iterdir())  # a stopped batch removes its temporary folders
