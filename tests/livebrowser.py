"""One browser for the whole test session: an ``open_session`` on an event loop in a helper
thread, so that sync tests (and pytest-playwright's own loop in the main thread) can use it.

The ``live`` fixture (tests/conftest.py) starts it on first use and closes it at the end of the
session. Tests that check how a command or the sync API starts and stops its own browser start
their own, by necessity; every other browser test goes through this one.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Coroutine, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from extractor.api import Session, open_session
from extractor.browser import launch
from extractor.pipeline import extract_page
from extractor.records import Extraction, Options, RenderedPage

T = TypeVar("T")
FAST = Options(timeout_ms=20_000, wall_wait_ms=2_000)


class Browser:
    """One session on a private event loop; tests call it synchronously."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.manager = open_session(FAST)
        self.session: Session = self.call(self.manager.__aenter__())

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        """Run a coroutine on the browser's loop (it may use ``self.session``)."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=timeout)

    def capture(self, url: str, **changes: Any) -> RenderedPage:
        return self.call(self.session.capture(url, replace(FAST, **changes)))

    def extract(self, url: str, **changes: Any) -> tuple[RenderedPage, Extraction]:
        page = self.capture(url, **changes)
        return page, extract_page(page, replace(FAST, **changes))

    def close(self) -> None:
        try:
            self.call(self.manager.__aexit__(None, None, None))
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
            self.loop.close()


@contextlib.contextmanager
def remote_chromium(profile: Path, *flags: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """A Chromium of the test's own with a DevTools port, as a browser pool would run one:
    yields the process and its ``ws://`` endpoint; it and its helpers end with the block."""
    chromium = subprocess.Popen(
        [
            launch.find_browser(),
            *launch.launch_flags(),
            *flags,
            "--headless",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its helpers share its process group, ended with it below
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 20
        while not port_file.exists() or len(port_file.read_text().split()) < 2:
            assert time.monotonic() < deadline and chromium.poll() is None
            time.sleep(0.1)
        port, ws_path = port_file.read_text().split()[:2]
        yield chromium, f"ws://127.0.0.1:{port}{ws_path}"
    finally:
        chromium.terminate()
        try:
            chromium.wait(timeout=10)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(chromium.pid, signal.SIGKILL)
