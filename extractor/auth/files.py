"""Reading the session files a user brings (a storage state, a cookies.txt), once per run, and
the values in them that must never reach an output.

A file that cannot be read or parsed is a UsageError naming the option and the file, never what
is in it. ``for_url`` gives what one capture loads; ``secret_values`` what output is scrubbed of.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.auth.cookiestxt import parse_cookies_txt
from extractor.auth.jar import Cookie, from_playwright, storage_state_for, to_playwright
from extractor.auth.secrets import loose_permissions
from extractor.errors import UsageError
from extractor.records import Options

# A value from a session file is scrubbed from outputs when it looks like a token: at least this
# long and without spaces ("1", "en-GB" or "dark mode" would eat ordinary text).
TOKEN_MIN_CHARS = 12
# A secret the user typed (a password, a header value) is scrubbed from this length on.
SECRET_MIN_CHARS = 8
# What a scrubbed value is replaced with.
REDACTED = "[redacted]"


@dataclass(frozen=True)
class SessionFiles:
    """What the session files hold: cookies, and localStorage per origin (storage state only)."""

    cookies: tuple[Cookie, ...] = ()
    origins: tuple[dict[str, Any], ...] = ()

    def __repr__(self) -> str:  # never the values
        return f"SessionFiles({len(self.cookies)} cookies, {len(self.origins)} origins)"

    def for_url(self, url: str) -> dict[str, Any]:
        """The storage state one capture of ``url`` loads (cut to the URL's site)."""
        state = {"cookies": [to_playwright(c) for c in self.cookies], "origins": list(self.origins)}
        return storage_state_for(state, url)


def load_session_files(
    storage_state: str | None, cookies_file: str | None, now: float | None = None
) -> SessionFiles:
    """Read ``--storage-state`` and ``--cookies`` (either, both or neither)."""
    cookies: list[Cookie] = []
    origins: tuple[dict[str, Any], ...] = ()
    if storage_state:
        state = _read_storage_state(storage_state)
        cookies += [from_playwright(c) for c in state["cookies"]]
        origins = tuple(state["origins"])
    if cookies_file:
        text = _read("--cookies", cookies_file)
        try:
            cookies += parse_cookies_txt(text, now=time.time() if now is None else now)
        except UsageError as exc:
            raise UsageError(f"--cookies {cookies_file}: {exc}") from None
    return SessionFiles(tuple(cookies), origins)


def check_session_files(options: Options) -> list[str]:
    """Read the options' session files once (a bad one raises UsageError before any browser
    starts); returns a warning for each that other users may read."""
    load_session_files(options.storage_state, options.cookies_file)
    warnings = []
    for option, path in (
        ("--storage-state", options.storage_state),
        ("--cookies", options.cookies_file),
    ):
        mode = loose_permissions(path) if path else None
        if mode:
            warnings.append(
                f"warning: {option} {path} can be read by other users (mode {mode}): "
                f"`chmod 600 {path}`"
            )
    return warnings


def _read(option: str, path: str) -> str:
    try:
        return Path(path).expanduser().read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{option} {path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{option} {path}: is a directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not a UTF-8 text file"
        raise UsageError(f"{option} {path}: cannot read it ({reason})") from None


def _read_storage_state(path: str) -> dict[str, Any]:
    bad = UsageError(
        f"--storage-state {path}: not a storage state file "
        "(JSON with 'cookies' and 'origins', as `extractor auth` writes it)"
    )
    try:
        data = json.loads(_read("--storage-state", path))
    except ValueError:
        raise bad from None
    if not isinstance(data, dict):
        raise bad
    cookies, origins = data.get("cookies", []), data.get("origins", [])
    if not isinstance(cookies, list) or not isinstance(origins, list):
        raise bad
    if not all(isinstance(c, dict) and "name" in c and "domain" in c for c in cookies):
        raise bad
    if not all(isinstance(o, dict) and isinstance(o.get("origin"), str) for o in origins):
        raise bad
    return {"cookies": cookies, "origins": origins}


def secret_values(files: SessionFiles, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Every value worth scrubbing from outputs: token-like cookie and localStorage values (and
    the strings inside a JSON one), plus ``extra`` (header values, a password); longest first."""
    stored = {c.value for c in files.cookies}
    for origin in files.origins:
        for item in origin.get("localStorage", ()):
            value = str(item.get("value", ""))
            stored.add(value)
            stored.update(_json_strings(value))
    found = {v for v in stored if len(v) >= TOKEN_MIN_CHARS and not any(c.isspace() for c in v)}
    found |= {v for v in extra if len(v) >= SECRET_MIN_CHARS}
    return tuple(sorted(found, key=len, reverse=True))


def _json_strings(text: str) -> Iterator[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """``text`` with every secret value replaced by ``[redacted]``."""
    for value in secrets:
        if value in text:
            text = text.replace(value, REDACTED)
    return text


__all__ = [
    "REDACTED",
    "SessionFiles",
    "check_session_files",
    "load_session_files",
    "redact",
    "secret_values",
]
