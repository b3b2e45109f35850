"""What the user pointed us at: a URL, a bare host name, or a local HTML file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import SplitResult, urlsplit
from urllib.request import url2pathname

from extractor.errors import UsageError

_FILELIKE = re.compile(r"\.(x?html?|mhtml?)$", re.IGNORECASE)
_HOSTLIKE = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/\S*)?$")
# Characters that cannot stand in a host name (whitespace, controls, and URL delimiters).
_BAD_HOST = re.compile(r"[\s\x00-\x1f\x7f<>\"{}|\\^`]")


def resolve_target(target: str) -> str:
    """A URL the browser can open: http(s) as given, a file as file://, a bare host as https://."""
    target = target.strip()
    if not target:
        raise UsageError("an empty argument: give a URL or a local HTML file")
    try:
        parts = urlsplit(target)
    except ValueError as exc:  # a bracketed host that is not an IPv6 address
        raise UsageError(f"{target}: not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        _check_authority(target, parts)
        return target
    if scheme == "file":
        path = Path(url2pathname(parts.path))
        if not path.is_file():
            raise UsageError(f"{target}: no such file")
        return target
    path = Path(target).expanduser()
    if path.is_dir():
        raise UsageError(f"{target}: is a directory, not an HTML file")
    if path.is_file():
        return path.resolve().as_uri()
    if scheme and len(scheme) > 1 and "." not in scheme:
        raise UsageError(f"{target}: unsupported URL scheme {scheme!r} (use http, https or a file)")
    if _FILELIKE.search(target) and "/" not in target.split("?")[0].rstrip("/"):
        raise UsageError(f"{target}: no such file")
    if _HOSTLIKE.match(target):
        url = "https://" + target
        _check_authority(target, urlsplit(url))
        return url
    raise UsageError(f"{target}: not a URL or an existing file")


def _check_authority(target: str, parts: SplitResult) -> None:
    """A URL no browser could open is bad usage: no host, a port out of range, a host with
    characters no host name has."""
    shown = target.replace(f"{parts.password}@", "***@") if parts.password else target
    if not parts.hostname:
        raise UsageError(f"{shown}: URL has no host")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None and not 0 < port < 65536:
        raise UsageError(f"{shown}: the port must be a number from 1 to 65535")
    if _BAD_HOST.search(parts.hostname):
        raise UsageError(f"{shown}: {parts.hostname!r} is not a valid host name")
