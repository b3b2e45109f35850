"""No Chromium outlives the command that started it: on success, error, timeout, SIGTERM, SIGINT.

Each case runs a capture in a child Python with a unique marker in its environment. Chromium,
its helpers and Playwright's driver inherit that environment, so a scan of /proc for the marker
finds every process the capture started, even ones re-parented after their parent died.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from extractor.browser import launch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc"),
]

ROOT = Path(__file__).resolve().parent.parent
MARK = "EXTRACTOR_PROCESS_MARK"
# Chromium's executable names, its headless shell's included (the browser search's own).
CHROMIUM_NAMES = (*launch.SYSTEM_NAMES, *launch.SHELL_NAMES)

# The child: capture one URL with the library's sync API, print how it ended.
CHILD = """
import sys
from extractor import api
from extractor.errors import ExtractorError
from extractor.records import Options
try:
    page = api.capture(sys.argv[1], Options(timeout_ms=int(sys.argv[2])))
    print("ok", len(page.dom_html), flush=True)
except ExtractorError as exc:
    print("error", type(exc).__name__, flush=True)
    sys.exit(exc.exit_code)
"""


def marked_processes(mark: str) -> list[tuple[int, str]]:
    """(pid, executable) of every live process whose environment carries ``mark``."""
    needle = f"{MARK}={mark}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            exe = os.readlink(entry / "exe")
        except OSError:
            continue  # gone meanwhile, or a zombie
        found.append((int(entry.name), exe))
    return found


def start_child(url: str, timeout_ms: int) -> tuple[subprocess.Popen[str], str]:
    mark = uuid.uuid4().hex
    env = {**os.environ, MARK: mark, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(timeout_ms)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a command started from a shell
    )
    return proc, mark


def wait_for_chromium(mark: str, proc: subprocess.Popen[str], within: float = 30) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if any(Path(exe).name in CHROMIUM_NAMES for _, exe in marked_processes(mark)):
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.1)
    raise AssertionError("Chromium did not start")


def assert_no_survivors(mark: str) -> None:
    # the browser is closed before the child exits; allow a moment for /proc to catch up
    deadline = time.monotonic() + 3
    left = marked_processes(mark)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = marked_processes(mark)
    for pid, _ in left:  # clean up before failing, so one failure does not leak into the next
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"processes outlived the capture: {left}"


@pytest.mark.parametrize(
    ("path", "timeout_ms", "expect_rc", "expect_out"),
    [
        ("js-delayed-fetch/", 20_000, 0, "ok"),
        # long enough for a loaded machine to start Chromium; the page never answers
        ("_hang", 8_000, 5, "error PageTimeoutError"),
    ],
    ids=["success", "timeout"],
)
def test_no_browser_survives_a_finished_capture(
    pages_url: str, path: str, timeout_ms: int, expect_rc: int, expect_out: str
) -> None:
    proc, mark = start_child(pages_url + path, timeout_ms)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == expect_rc, err
    assert out.startswith(expect_out)
    assert_no_survivors(mark)


@pytest.mark.parametrize(
    ("signum", "whole_group"),
    [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)],
    ids=["sigterm", "sigint", "ctrl-c-to-group"],
)
def test_no_browser_survives_a_signal(
    pages_url: str, signum: signal.Signals, whole_group: bool
) -> None:
    proc, mark = start_child(pages_url + "_hang", 60_000)
    try:
        wait_for_chromium(mark, proc)
        time.sleep(0.5)  # navigation to the hanging page is under way
        started = time.monotonic()
        if whole_group:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert time.monotonic() - started < 10, "shutdown took too long"
    assert proc.returncode != 0
    # the signal was turned into a clean cancellation, not a kill
    assert f"Interrupted: {signum.name}" in err, err
    assert_no_survivors(mark)


# What must never reach a user's terminal when a command is stopped.
TRACEBACK_LIKE = ("Traceback", "Future exception", "Exception:", "Error:", "never retrieved")


@pytest.mark.parametrize(
    ("signum", "whole_group", "code"),
    [(signal.SIGINT, True, 130), (signal.SIGTERM, False, 143)],
    ids=["ctrl-c-to-group", "sigterm"],
)
def test_a_stopped_command_says_one_line_and_leaves_no_temp_folder(
    pages_url: str, signum: signal.Signals, whole_group: bool, code: int
) -> None:
    mark = uuid.uuid4().hex
    # a short path: Chromium puts a socket under TMPDIR, and socket paths are short
    tmp = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", pages_url + "_hang", "--timeout", "60"],
        env={**os.environ, MARK: mark, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for_chromium(mark, proc)
        time.sleep(0.5)  # navigation to the hanging page is under way
        if whole_group:  # what a terminal does on Ctrl-C: the driver and Chromium get it too
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, err
    assert out == ""
    assert err.splitlines() == ["extractor: interrupted"], err
    assert not any(marker in err for marker in TRACEBACK_LIKE)
    assert_no_survivors(mark)
    left = list(tmp.iterdir())
    shutil.rmtree(tmp, ignore_errors=True)
    assert left == []  # Chromium's and Playwright's temporary folders are gone


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "sigint"])
def test_no_browser_survives_a_signal_to_the_command(
    pages_url: str, signum: signal.Signals
) -> None:
    mark = uuid.uuid4().hex
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", pages_url + "_hang", "--timeout", "60"],
        env={**os.environ, MARK: mark, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for_chromium(mark, proc)
        time.sleep(0.5)
        proc.send_signal(signum)
        proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    assert_no_survivors(mark)
