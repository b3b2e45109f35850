"""Two `extractor crawl` workers sharing one real Redis: every pushed URL rendered exactly once
(also when pushed twice, early or late), the same Markdown as the CLI, a clean stop on SIGTERM."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from extractor.batch.manifest import MANIFEST_NAME
from extractor.batch.memory import tree_pids

REDIS = shutil.which("redis-server")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        REDIS is None, reason="redis-server is not installed (.ci/setup installs it)"
    ),
]
WORKER_ARGS = ("--timeout", "20", "--wall-wait", "2", "--concurrency", "2")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    import redis

    port = free_port()
    server = subprocess.Popen(
        [REDIS or "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        with redis.Redis.from_url(url) as client:
            deadline = time.monotonic() + 10
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def manifest_lines(*folders: Path) -> list[dict[str, object]]:
    lines = []
    for folder in folders:
        path = folder / MANIFEST_NAME
        if path.exists():
            lines += [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
    return lines


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_two_workers_render_each_pushed_url_once(
    redis_url: str, pages_url: str, tmp_path: Path
) -> None:
    import redis

    folders = [tmp_path / "a", tmp_path / "b"]
    cmd = [sys.executable, "-m", "extractor", "crawl", "--redis", redis_url, "--key", "urls"]
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    workers = []
    for folder, log in zip(folders, logs, strict=True):
        with log.open("wb") as err:
            workers.append(
                subprocess.Popen([*cmd, "--out-dir", str(folder), *WORKER_ARGS], stderr=err)
            )
    client = redis.Redis.from_url(redis_url)
    urls = [f"{pages_url}{name}/" for name in ("md-tables", "md-lists-quotes", "relative-links")]
    late = f"{pages_url}md-footnotes/"
    seen_pids: set[int] = set()
    try:
        client.lpush("urls", urls[0], urls[1], urls[0], urls[2], urls[1])  # two pushed twice
        wait_until(lambda: len(manifest_lines(*folders)) >= 3, 180, "the first three pages")
        for w in workers:
            seen_pids |= set(tree_pids(w.pid))
        client.lpush("urls", urls[2], late)  # one pushed again, late
        wait_until(lambda: len(manifest_lines(*folders)) >= 4, 120, "the late page")
        time.sleep(7)  # longer than a worker's idle poll: a second rendering would show
        lines = manifest_lines(*folders)
        assert sorted(str(x["url"]) for x in lines) == sorted([*urls, late])
        assert all(x["status"] == "ok" for x in lines)
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        codes = [w.wait(timeout=60) for w in workers]
        errors = [log.read_text(errors="replace") for log in logs]
        client.close()
    assert codes == [143, 143], errors
    assert "Traceback" not in "".join(errors)
    assert len(seen_pids) > 2  # the workers had browsers
    wait_until(lambda: not any(alive(p) for p in seen_pids), 10, "the workers' processes to end")

    # the note of a page is what the CLI gives for it
    entry = next(x for x in manifest_lines(*folders) if x["url"] == urls[0])
    note = next(f / str(entry["file"]) for f in folders if (f / str(entry["file"])).exists())
    cli = subprocess.run(
        [sys.executable, "-m", "extractor", urls[0], "--format", "json", *WORKER_ARGS[:4]],
        capture_output=True, text=True, timeout=120, check=True, env={**os.environ},
    )  # fmt: skip
    markdown = json.loads(cli.stdout)["markdown"].strip()
    assert markdown and note.read_text().endswith("\n\n" + markdown + "\n")


def test_a_worker_spreads_its_pages_over_several_cdp_endpoints(
    redis_url: str, pages_url: str, tmp_path: Path
) -> None:
    import redis

    from tests.livebrowser import remote_chromium
    from tests.pageserver import AGENTS

    agents = ("PoolBrowserA/1.0", "PoolBrowserB/1.0")
    urls = [f"{pages_url}md-lists-quotes/?crawl={n}" for n in range(6)]
    with (
        remote_chromium(tmp_path / "a", f"--user-agent={agents[0]}") as (one, first),
        remote_chromium(tmp_path / "b", f"--user-agent={agents[1]}") as (two, second),
    ):
        before = {agent: AGENTS[agent] for agent in agents}
        worker = subprocess.Popen(
            [sys.executable, "-m", "extractor", "crawl", "--redis", redis_url, "--key", "urls",
             "--out-dir", str(tmp_path / "notes"), "--cdp-endpoint", f"{first},{second}",
             "--timeout", "20", "--wall-wait", "2", "--concurrency", "4"],
            stderr=subprocess.PIPE,
        )  # fmt: skip
        client = redis.Redis.from_url(redis_url)
        try:
            client.lpush("urls", *urls)
            wait_until(lambda: len(manifest_lines(tmp_path / "notes")) >= 6, 180, "six pages")
        finally:
            worker.send_signal(signal.SIGTERM)
            _, err = worker.communicate(timeout=60)
            client.close()
        assert worker.returncode == 143, err.decode(errors="replace")
        assert all(x["status"] == "ok" for x in manifest_lines(tmp_path / "notes"))
        served = {agent: AGENTS[agent] - count for agent, count in before.items()}
        assert all(served.values()), served  # each browser rendered some of the pages
        assert one.poll() is None and two.poll() is None  # the pool's browsers keep running
