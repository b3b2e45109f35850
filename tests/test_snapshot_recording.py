"""Cleaning a raw HAR into a case's recording, and reading it back for replay (no browser)."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.snapshot.recording import (
    BODIES_DIR,
    RECORDING_FILE,
    clean,
    remove,
    replay_network,
    size_of,
)
from extractor.snapshot.store import origin_rewriter

SERVED = "http://127.0.0.1:40123"


def header(name: str, value: str) -> dict[str, str]:
    return {"name": name, "value": value}


def raw_har(folder: Path) -> Path:
    folder.mkdir()
    (folder / "aa.html").write_text(f'<script src="{SERVED}/app.js"></script>')
    (folder / "bb.js").write_bytes(b"console.log(1)")
    entries = [
        {
            "pageref": "page@f00",
            "time": 12.5,
            "serverIPAddress": "127.0.0.1",
            "_serverPort": 40123,
            "request": {
                "method": "GET",
                "url": f"{SERVED}/a/",
                "cookies": [{"name": "sid", "value": "s3cret"}],
                "headers": [header("Cookie", "sid=s3cret"), header("Host", "127.0.0.1:40123")],
            },
            "response": {
                "status": 200,
                "cookies": [{"name": "sid", "value": "s3cret"}],
                "headers": [
                    header("Set-Cookie", "sid=s3cret"),
                    header("Content-Type", "text/html"),
                ],
                "content": {"mimeType": "text/html", "_file": "aa.html", "size": 40},
            },
        },
        {
            "pageref": "page@f00",
            "time": 700,
            "request": {
                "method": "GET",
                "url": f"{SERVED}/app.js",
                "cookies": [],
                "headers": [header("Authorization", "Bearer t0ken")],
            },
            "response": {
                "status": 200,
                "cookies": [],
                "headers": [],
                "content": {"mimeType": "application/javascript", "_file": "bb.js"},
            },
        },
        {
            "time": 1,
            "request": {"method": "GET", "url": "https://ads.example/px", "headers": []},
            "response": {"status": -1, "headers": [], "_failureText": "net::ERR_BLOCKED_BY_CLIENT"},
        },
    ]
    log = {"log": {"pages": [{"id": "page@f00", "title": "A"}], "entries": entries}}
    (folder / "raw.har").write_text(json.dumps(log))
    return folder / "raw.har"


def test_clean_drops_secrets_and_machine_facts_and_rewrites_the_origin(tmp_path: Path) -> None:
    case = tmp_path / "case"
    rewrite = origin_rewriter(SERVED, "http://pages.test")
    size = clean(raw_har(tmp_path / "raw"), case, 1_700_000_000_000, rewrite)
    text = (case / RECORDING_FILE).read_text()
    assert "s3cret" not in text and "t0ken" not in text and "40123" not in text
    log = json.loads(text)["log"]
    first, second = log["entries"]
    assert first["request"]["url"] == "http://pages.test/a/"
    assert first["request"]["headers"] == [header("Host", "pages.test")]
    assert first["pageref"] == "page_1" and "serverIPAddress" not in first
    body = case / first["response"]["content"]["_file"]
    assert body.parent.name == BODIES_DIR
    assert body.read_text() == '<script src="http://pages.test/app.js"></script>'
    assert (case / second["response"]["content"]["_file"]).read_bytes() == b"console.log(1)"
    assert log["_failed"] == [
        {"method": "GET", "url": "https://ads.example/px", "error": "net::ERR_BLOCKED_BY_CLIENT"}
    ]
    assert (size.requests, size.bodies) == (2, 2) and size == size_of(case)
    assert size.describe().startswith("2 requests, 2 bodies, ")


def test_replay_network_reads_paces_failures_and_clock(tmp_path: Path) -> None:
    case = tmp_path / "case"
    clean(raw_har(tmp_path / "raw"), case, 1_700_000_000_000)
    net = replay_network(case)
    assert net.clock_ms == 1_700_000_000_000
    assert dict(net.paces)[("GET", f"{SERVED}/app.js")] == (700.0,)
    assert net.failed == frozenset({("GET", "https://ads.example/px")})
    assert net.replay_from == (case / RECORDING_FILE).resolve()


def test_recording_again_keeps_unchanged_bodies_and_drops_stale_ones(tmp_path: Path) -> None:
    case = tmp_path / "case"
    raw = raw_har(tmp_path / "raw")
    clean(raw, case, 0)
    stale = case / BODIES_DIR / "old.bin"
    stale.write_bytes(b"x")
    clean(raw, case, 0)
    assert not stale.exists() and len(list((case / BODIES_DIR).iterdir())) == 2
    remove(case)
    assert not (case / RECORDING_FILE).exists() and not (case / BODIES_DIR).exists()
