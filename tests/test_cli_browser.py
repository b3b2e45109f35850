"""The command line end to end, with the browser: what a user types and what comes back."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_markdown_with_front_matter(pages_url: str) -> None:
    proc = run_cli(pages_url + "republished-article/")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("---\ntitle: Hamas’s Cease-Fire Proposal")
    assert "javascript, static" in proc.stdout
    assert "Leave a Reply" not in proc.stdout and "Optimole" not in proc.stdout


def test_json_contract_and_output_file(pages_url: str, tmp_path: Path) -> None:
    out = tmp_path / "page.json"
    proc = run_cli(pages_url + "republished-article/", "--format", "json", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert data["status"] == 200 and data["final_url"].startswith(pages_url)
    assert data["wait"]["ended_by"] and data["wait"]["elapsed_ms"] >= 0
    assert any(w["kind"] == "javascript" and w["phase"] == "static" for w in data["walls"])
    again = run_cli(pages_url + "republished-article/", "-o", str(out))
    assert again.returncode == 7 and "--force" in again.stderr
    assert json.loads(out.read_text()) == data


def test_an_empty_page_warns_in_one_line_and_the_json_says_why(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    proc = run_cli(str(page), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [
        f"extractor: warning: {page.as_uri()}: empty article: the page has no text"
    ]
    data = json.loads(proc.stdout)
    assert data["markdown"] == "" and data["empty_reason"] == "the page has no text"


@pytest.mark.parametrize(
    ("path", "code", "message"),
    [
        ("_hang", 5, "timed out"),
        ("_binary", 6, "not HTML"),
    ],
)
def test_failures_are_one_line_with_their_exit_code(
    pages_url: str, path: str, code: int, message: str
) -> None:
    proc = run_cli(pages_url + path, "--timeout", "3")
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message.lower() in lines[0].lower(), proc.stderr
    assert proc.stdout == ""


def test_refused_connection_exits_4() -> None:
    proc = run_cli(f"http://127.0.0.1:{free_port()}/", "--timeout", "5")
    assert proc.returncode == 4, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_batch_goes_on_after_a_failure(pages_url: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"{pages_url}republished-article/\n# a comment line\nhttp://127.0.0.1:{free_port()}/\n"
    )
    vault = tmp_path / "vault"
    proc = run_cli("--urls", str(urls), "--out-dir", str(vault), "--timeout", "10")
    assert proc.returncode == 11, proc.stderr  # some pages failed, the others succeeded
    written = sorted(p.name for p in vault.iterdir() if not p.name.startswith("."))
    assert written == ["Hamas’s Cease-Fire Proposal Includes a Familiar Sticking Point.md"]
    assert "[0] " in proc.stderr and "[1] " in proc.stderr
    assert "2 pages: 1 ok, 0 walled, 1 failed in" in proc.stderr


def test_fail_on_wall_only_for_a_wall_that_stays(pages_url: str) -> None:
    fine = run_cli(pages_url + "republished-article/", "--fail-on-wall", "--wall-wait", "1")
    assert fine.returncode == 0, fine.stderr
    walled = run_cli(pages_url + "wall-botcheck-cloudflare/", "--fail-on-wall", "--wall-wait", "1")
    assert walled.returncode == 8, walled.stderr
    assert "bot-check wall stayed" in walled.stderr
    assert walled.stdout.startswith("---\n")  # the result is still printed
    other = run_cli(pages_url + "wall-botcheck-cloudflare/", "--fail-on-wall", "login,paywall")
    assert other.returncode == 0, other.stderr


def test_wall_screenshot_when_a_wall_stays(pages_url: str, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    proc = run_cli(
        pages_url + "wall-botcheck-cloudflare/", "--wall-screenshot", str(shots), "--wall-wait", "1"
    )
    assert proc.returncode == 0, proc.stderr
    (png,) = shots.iterdir()
    assert png.read_bytes().startswith(b"\x89PNG")
