"""A case's network recording: a HAR a reviewer can read, bodies as plain files beside it.

    snapshots/<case>/network.har        HAR 1.2, sorted keys, indent 2; bodies by ``_file``
    snapshots/<case>/network/<sha1>.<ext>  one file per distinct response body

``clean`` turns the raw HAR Playwright recorded into that layout:
  1. secrets go: Cookie, Authorization and similar request headers, Set-Cookie, the cookie lists;
  2. what only this machine knew goes too (server address and port, connection ids);
  3. URLs, headers and text bodies are rewritten to the stored origin when one is given;
  4. requests that failed while recording are listed under ``_failed`` (replay fails them again)
     instead of being entries (Playwright's replay would hold them forever);
  5. each body is stored under the hash of its bytes, so an unchanged body keeps its name.
``replay_network`` reads it back into what the browser side needs to replay it. A recording is
the same HAR Playwright's own ``route_from_har`` reads.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.browser.network import Network
from extractor.errors import UsageError
from extractor.output import write_atomic
from extractor.snapshot.store import SECRET_REQUEST_HEADERS, SECRET_RESPONSE_HEADERS, dump_json

RECORDING_FILE = "network.har"
BODIES_DIR = "network"
# Extra keys this project adds to the HAR's log (HAR allows keys starting with "_").
FAILED_KEY = "_failed"  # [{"method", "url", "error"}] requests that failed while recording
CLOCK_KEY = "_clock_ms"  # epoch ms the page's clock started at
# Entry keys that name this machine or this run's connection and say nothing about the page.
MACHINE_KEYS = (
    "serverIPAddress",
    "_serverPort",
    "_securityDetails",
    "connection",
    "_frameref",
    "_monotonicTime",
)
# Body types stored as text (and rewritten to the stored origin); others are kept as bytes.
TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/xml", "+xml")
# A stable start for the page's clock: whole seconds.
CLOCK_STEP_MS = 1_000


@dataclass(frozen=True)
class RecordingSize:
    """How big a recording is on disk: its requests, body files and total bytes."""

    requests: int
    bodies: int
    total_bytes: int

    def describe(self) -> str:
        return f"{self.requests} requests, {self.bodies} bodies, {_human(self.total_bytes)}"


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"


def clock_now() -> int:
    """The instant a recording's clock starts at: now, in whole seconds."""
    return int(time.time() * 1000) // CLOCK_STEP_MS * CLOCK_STEP_MS


def clean(
    raw_har: Path,
    case_dir: Path,
    clock_ms: int,
    rewrite: Callable[[str], str] | None = None,
) -> RecordingSize:
    """Store the raw HAR Playwright wrote (bodies beside it) as the case's recording."""
    fix = rewrite or (lambda text: text)
    try:
        raw = json.loads(raw_har.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the network recording {raw_har}: {exc}") from exc
    log = raw["log"]
    bodies: dict[str, bytes] = {}
    entries, failed = [], []
    for entry in log.get("entries", []):
        request, response = entry["request"], entry["response"]
        if response.get("status", -1) <= 0 or response.get("_failureText"):
            error = response.get("_failureText") or "no response"
            failed.append({"method": request["method"], "url": fix(request["url"]), "error": error})
            continue
        entries.append(_clean_entry(entry, raw_har.parent, fix, bodies))
    log["entries"] = entries
    _number_pages(log)
    log[FAILED_KEY] = _unique(failed)
    log[CLOCK_KEY] = clock_ms
    for page in log.get("pages", []):
        page["title"] = fix(page.get("title", ""))
    _write(case_dir, dump_json(raw), bodies)
    return size_of(case_dir)


def _number_pages(log: dict[str, Any]) -> None:
    """Page ids are random per run: ``page_1``, ``page_2``... in order instead."""
    ids = {page["id"]: f"page_{n}" for n, page in enumerate(log.get("pages", []), 1)}
    for page in log.get("pages", []):
        page["id"] = ids[page["id"]]
    for entry in log["entries"]:
        if entry.get("pageref") in ids:
            entry["pageref"] = ids[entry["pageref"]]


def _clean_entry(
    entry: dict[str, Any], raw_dir: Path, fix: Callable[[str], str], bodies: dict[str, bytes]
) -> dict[str, Any]:
    request, response = entry["request"], entry["response"]
    for key in MACHINE_KEYS:
        entry.pop(key, None)
    request["url"] = fix(request["url"])
    request["cookies"], response["cookies"] = [], []
    request["headers"] = _headers(request["headers"], SECRET_REQUEST_HEADERS, fix)
    response["headers"] = _headers(response["headers"], SECRET_RESPONSE_HEADERS, fix)
    if response.get("redirectURL"):
        response["redirectURL"] = fix(response["redirectURL"])
    if "postData" in request and "text" in request["postData"]:
        request["postData"]["text"] = fix(request["postData"]["text"])
    content = response.get("content", {})
    body = _body(content, raw_dir)
    if body is not None:
        mime = str(content.get("mimeType", ""))
        if any(t in mime for t in TEXT_TYPES):
            with contextlib.suppress(UnicodeDecodeError):  # not UTF-8: kept byte for byte
                body = fix(body.decode("utf-8")).encode("utf-8")
        name = _body_name(body, content.get("_file", ""), mime)
        bodies[name] = body
        content.pop("text", None)
        content.pop("encoding", None)
        content["_file"] = f"{BODIES_DIR}/{name}"
        content["size"] = len(body)
    return entry


def _headers(
    headers: list[dict[str, str]], secret: frozenset[str], fix: Callable[[str], str]
) -> list[dict[str, str]]:
    return [
        {"name": h["name"], "value": fix(h["value"])}
        for h in headers
        if h["name"].lower() not in secret
    ]


def _body(content: dict[str, Any], raw_dir: Path) -> bytes | None:
    if content.get("_file"):
        try:
            return (raw_dir / str(content["_file"])).read_bytes()
        except OSError:
            return None
    if "text" in content:
        import base64

        text = str(content["text"])
        return base64.b64decode(text) if content.get("encoding") == "base64" else text.encode()
    return None


def _body_name(body: bytes, raw_name: str, mime: str) -> str:
    suffix = Path(raw_name).suffix
    if not suffix:
        import mimetypes

        suffix = mimetypes.guess_extension(mime.split(";")[0].strip()) or ".bin"
    return hashlib.sha1(body).hexdigest() + suffix


def _unique(items: list[dict[str, str]]) -> list[dict[str, str]]:
    seen, out = set(), []
    for item in items:
        key = (item["method"], item["url"])
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _write(case_dir: Path, har_text: str, bodies: dict[str, bytes]) -> None:
    """Bodies first (unchanged ones are left alone), then the HAR, then stale bodies go."""
    folder = case_dir / BODIES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in bodies.items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != body:
            write_atomic(path, body, force=True)
    write_atomic(case_dir / RECORDING_FILE, har_text, force=True)
    for path in folder.iterdir():
        if path.name not in bodies:
            path.unlink()


def remove(case_dir: Path) -> None:
    """Delete a case's recording (the page was recorded again without its network)."""
    (case_dir / RECORDING_FILE).unlink(missing_ok=True)
    folder = case_dir / BODIES_DIR
    if folder.is_dir():
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def has_recording(case_dir: Path) -> bool:
    return (case_dir / RECORDING_FILE).is_file()


def size_of(case_dir: Path) -> RecordingSize:
    """The size of a stored recording (HAR plus body files)."""
    har = case_dir / RECORDING_FILE
    data = json.loads(har.read_text(encoding="utf-8"))
    files = [p for p in (case_dir / BODIES_DIR).glob("*") if p.is_file()]
    total = har.stat().st_size + sum(p.stat().st_size for p in files)
    return RecordingSize(len(data["log"]["entries"]), len(files), total)


def replay_network(case_dir: Path) -> Network:
    """What the browser needs to replay a case from its recording alone."""
    har = case_dir / RECORDING_FILE
    try:
        log = json.loads(har.read_text(encoding="utf-8"))["log"]
    except FileNotFoundError as exc:
        raise UsageError(
            f"{case_dir.name} has no network recording ({RECORDING_FILE}); "
            "record it again with `extractor snapshot record --force`"
        ) from exc
    except (OSError, ValueError, KeyError) as exc:
        raise UsageError(f"{har}: not a readable HAR: {exc}") from exc
    paces: dict[tuple[str, str], list[float]] = defaultdict(list)
    for entry in log["entries"]:
        request = entry["request"]
        paces[(request["method"], request["url"])].append(max(0.0, float(entry.get("time", 0))))
    return Network(
        replay_from=har.resolve(),
        clock_ms=log.get(CLOCK_KEY),
        paces=tuple((key, tuple(times)) for key, times in paces.items()),
        failed=frozenset((f["method"], f["url"]) for f in log.get(FAILED_KEY, [])),
    )


__all__ = [
    "BODIES_DIR",
    "RECORDING_FILE",
    "RecordingSize",
    "clean",
    "clock_now",
    "has_recording",
    "remove",
    "replay_network",
    "size_of",
]
