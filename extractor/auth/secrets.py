"""Keeping what a session carries out of every output: URL credentials, secret headers, loose
file permissions, and option values that must never be repeated in a message."""

from __future__ import annotations

import base64
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from extractor.errors import UsageError

# Request and response headers that carry a session: never recorded, never printed.
SECRET_HEADERS = frozenset({"cookie", "set-cookie", "authorization", "proxy-authorization"})
# A header name as HTTP allows it (RFC 9110 token).
HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
# "scheme://user:password@" anywhere in a text (an error message, a note).
URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]*@")
# Permission bits that let anyone but the owner read or write a session file.
OPEN_BITS = stat.S_IRWXG | stat.S_IRWXO


@dataclass(frozen=True)
class Credentials:
    """HTTP basic auth: a user name and a password (never shown in a repr)."""

    user: str
    password: str = field(repr=False)

    def header(self) -> str:
        """The ``Authorization`` header value."""
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"


def split_credentials(url: str) -> tuple[str, Credentials | None]:
    """``https://user:pass@host/a`` -> (``https://host/a``, the credentials); other URLs as given."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    clean = urlunsplit((parts.scheme, hostport, parts.path, parts.query, parts.fragment))
    return clean, Credentials(unquote(user), unquote(password))


def strip_credentials(text: str) -> str:
    """``text`` with every URL's ``user:password@`` taken out."""
    return URL_USERINFO.sub(r"\1", text)


def public_headers(headers: dict[str, str]) -> dict[str, str]:
    """``headers`` without the ones that carry a session (any letter case)."""
    return {k: v for k, v in headers.items() if k.lower() not in SECRET_HEADERS}


def parse_header(raw: str) -> tuple[str, str]:
    """``'Name: value'`` -> (name, value); a bad one is a UsageError that never repeats the value."""
    name, colon, value = raw.partition(":")
    name, value = name.strip(), value.strip()
    if not colon or not HEADER_NAME.match(name):
        raise UsageError("--header: expected 'Name: value' with a valid header name")
    if any(c in value for c in "\r\n\0"):
        raise UsageError(f"--header {name}: the value must be on one line")
    return name, value


def loose_permissions(path: str | os.PathLike[str]) -> str | None:
    """The mode of a session file (or profile folder) that others may read, as ``0644``; None when
    only its owner can (or on systems without POSIX permissions)."""
    if os.name != "posix":
        return None
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return None
    return f"0{stat.S_IMODE(mode):o}" if mode & OPEN_BITS else None


__all__ = [
    "SECRET_HEADERS",
    "Credentials",
    "loose_permissions",
    "parse_header",
    "public_headers",
    "split_credentials",
    "strip_credentials",
]
