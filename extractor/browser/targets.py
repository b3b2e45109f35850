"""What the user pointed us at: a URL, a bare host name, or a local HTML file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from extractor.errors import UsageError

_FILELIKE = re.compile(r"\.(x?html?|mhtml?)$", re.IGNORECASE)
_HOSTLIKE = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/\S*)?$")


def resolve_target(target: str) -> str:
    """A URL the browser can open: http(s) as given, a file as file://, a bare host as https://."""
    target = target.strip()
    parts = urlsplit(target)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.hostname:
            raise UsageError(f"{target}: URL has no host")
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
        return "https://" + target
    raise UsageError(f"{target}: not a URL or an existing file")
