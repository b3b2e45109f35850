"""The snapshot folder on disk: one folder per case, plain files a reviewer reads in a diff.

    snapshots/<case>/page.json      the RenderedPage minus its two HTML strings (sorted, indent 2)
    snapshots/<case>/dom.html       the captured settled DOM
    snapshots/<case>/server.html    the server HTML (absent when there was none)
    snapshots/<case>/expected.md    the Markdown a user gets, front matter included
    snapshots/<case>/expected.json  metadata, walls and completeness (see snapshot.expected_json)

Every write goes to a temp file in the same folder and is renamed into place, so a reader never
sees half a file. Also here: case names from URLs, and rewriting a served origin (a fixture
server's random port) to a fixed one so recordings of local pages are reproducible.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extractor.errors import UsageError
from extractor.output import write_atomic
from extractor.records import RenderedPage

PAGE_FILE = "page.json"
DOM_FILE = "dom.html"
SERVER_FILE = "server.html"
EXPECTED_MD = "expected.md"
EXPECTED_JSON = "expected.json"
EXPECTED_FILES = (EXPECTED_MD, EXPECTED_JSON)

# A case name: lower-case letters, digits, dots, dashes and underscores; no leading dot.
_CASE_NAME = re.compile(r"^[a-z0-9_][a-z0-9._-]*$")
# Longest name made from a URL; longer ones are cut and end in a short hash of the URL.
MAX_SLUG_CHARS = 80
# Response headers that change on every fetch of the same file from the fixture server.
FIXTURE_VOLATILE_HEADERS = ("date", "last-modified", "etag")
# The fixture server's Server header names the Python version; dropped for the same reason.
FIXTURE_SERVER_PREFIX = "SimpleHTTP/"
# Headers that carry credentials: never stored in a case (compared lower-case).
SECRET_REQUEST_HEADERS = frozenset(
    (
        "cookie",
        "authorization",
        "proxy-authorization",
        "x-api-key",
        "x-auth-token",
        "x-csrf-token",
        "x-xsrf-token",
    )
)
SECRET_RESPONSE_HEADERS = frozenset(("set-cookie", "set-cookie2"))
# Names of this machine: a page served from one of them may name the same port under another
# (to test a second origin); that port is dropped too, so the recording stays reproducible.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def slug_for_url(url: str) -> str:
    """A readable, file-system-safe case name from a URL: host and path, lower-case."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = re.sub(r"(/index)?\.(html?|php|aspx?)$", "", parts.path, flags=re.IGNORECASE)
    raw = f"{host}{path}-{parts.query}"
    slug = re.sub(r"[^a-z0-9.]+", "-", raw.lower()).strip("-.")
    if len(slug) > MAX_SLUG_CHARS:
        digest = f"{_fnv32(url):08x}"
        slug = slug[: MAX_SLUG_CHARS - 9].rstrip("-.") + "-" + digest
    return slug or "page"


def _fnv32(text: str) -> int:
    """A small stable hash (FNV-1a): the same URL gives the same suffix on every machine."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def check_case_name(name: str) -> str:
    """Return ``name`` if it is a safe case folder name, else raise UsageError."""
    if not _CASE_NAME.match(name) or len(name) > 200:
        raise UsageError(
            f"bad snapshot name {name!r}: use lower-case letters, digits, '.', '-' and '_'"
        )
    return name


def list_cases(root: Path) -> list[str]:
    """The recorded cases under ``root``: folders holding a page.json, sorted by name."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / PAGE_FILE).is_file())


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (temp file in the same folder, then rename)."""
    write_atomic(path, text, force=True)


def read_text(path: Path) -> str | None:
    """The file's text exactly as stored (no newline translation), or None when absent."""
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return None


def dump_json(data: Any) -> str:
    """The one JSON layout of every snapshot file: sorted keys, indent 2, trailing newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def save_page(case_dir: Path, page: RenderedPage) -> None:
    """Store a captured page as page.json, dom.html and (when present) server.html.

    Response headers that set cookies are left out: a secret never reaches a file.
    """
    meta = page.to_dict()
    meta["headers"] = {
        k: v for k, v in meta["headers"].items() if k.lower() not in SECRET_RESPONSE_HEADERS
    }
    dom_html = meta.pop("dom_html")
    server_html = meta.pop("server_html")
    write_text(case_dir / DOM_FILE, dom_html)
    if server_html is None:
        (case_dir / SERVER_FILE).unlink(missing_ok=True)
    else:
        write_text(case_dir / SERVER_FILE, server_html)
    write_text(case_dir / PAGE_FILE, dump_json(meta))


def load_page(case_dir: Path) -> RenderedPage:
    """Rebuild the RenderedPage stored in a case folder."""
    raw = read_text(case_dir / PAGE_FILE)
    dom_html = read_text(case_dir / DOM_FILE)
    if raw is None or dom_html is None:
        raise UsageError(f"{case_dir} is not a recorded snapshot (no {PAGE_FILE} or {DOM_FILE})")
    data = json.loads(raw)
    data["dom_html"] = dom_html
    data["server_html"] = read_text(case_dir / SERVER_FILE)
    return RenderedPage.from_dict(data)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def origin_rewriter(served: str, stored: str) -> Callable[[str], str]:
    """A text function that rewrites ``served`` to ``stored`` (see ``rewrite_origin``)."""
    parts = urlsplit(served)
    served_host, stored_host = parts.netloc, urlsplit(stored).netloc
    aliases: list[tuple[str, str]] = []
    if parts.port is not None and parts.hostname in {h.strip("[]") for h in LOOPBACK_HOSTS}:
        aliases = [(f"{h}:{parts.port}", h) for h in LOOPBACK_HOSTS]
        aliases.append((parts.hostname, urlsplit(stored).hostname or stored_host))

    def fix(value: str) -> str:
        value = value.replace(served, stored).replace(served_host, stored_host)
        for alias, bare in aliases:
            value = value.replace(alias, bare)
        return value

    return fix


def rewrite_origin(page: RenderedPage, served: str, stored: str) -> RenderedPage:
    """The page as if it had been served from ``stored`` instead of ``served``.

    Rewrites every string of the record (URLs, headers, both HTML views, wall texts): the full
    origin first, then the bare ``host:port`` (protocol-relative and JSON-escaped URLs), then
    other loopback names with the same port (``localhost:PORT`` becomes ``localhost``), then a
    served loopback address on its own (a script that printed ``location.hostname``). The
    fixture server's volatile headers are dropped too, so two recordings are byte-identical.
    """
    fix_text = origin_rewriter(served, stored)

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return fix_text(value)
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [fix(v) for v in value]
        return value

    def stable(headers: dict[str, str]) -> dict[str, str]:
        return {
            name: value
            for name, value in headers.items()
            if name not in FIXTURE_VOLATILE_HEADERS
            and not (name == "server" and value.startswith(FIXTURE_SERVER_PREFIX))
        }

    data = fix(page.to_dict())
    data["headers"] = stable(data["headers"])
    for document in data.get("documents", ()):  # the earlier documents of a redirect chain
        document["headers"] = stable(document["headers"])
    return replace(RenderedPage.from_dict(data), screenshot=page.screenshot)
