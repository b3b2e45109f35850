"""The Netscape ``cookies.txt`` format (curl, wget, yt-dlp, browsers' export extensions), read.

One cookie a line, seven fields separated by tabs::

    .example.com  TRUE  /  TRUE  1767225600  session_id  abc123
    domain        include-subdomains  path  secure  expires (Unix time, 0: a session cookie)  name  value

Lines starting with ``#`` are comments, except ``#HttpOnly_`` before a domain, which marks an
HttpOnly cookie (curl writes it so). An error names the line, never the cookie's value.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from extractor.auth.jar import Cookie
from extractor.errors import UsageError

# The prefix curl and yt-dlp put before the domain of an HttpOnly cookie.
HTTPONLY_PREFIX = "#HttpOnly_"
# Fields of one cookie line.
FIELDS = 7
# The spellings of a boolean field.
TRUE, FALSE = "TRUE", "FALSE"


class CookieFileError(UsageError):
    """A cookies.txt that cannot be read; the message names the line, never a value."""


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    http_only: bool


def parse_cookies_txt(text: str, now: float | None = None) -> tuple[Cookie, ...]:
    """Every cookie in a cookies.txt, in file order; with ``now``, cookies expired by then are left
    out (a browser would not send them)."""
    cookies = []
    for line in _cookie_lines(text):
        cookie = _parse_line(line)
        if now is not None and cookie.expires > 0 and cookie.expires <= now:
            continue
        cookies.append(cookie)
    return tuple(cookies)


def _cookie_lines(text: str) -> list[_Line]:
    out = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.rstrip("\r\n")
        http_only = line.startswith(HTTPONLY_PREFIX)
        if http_only:
            line = line[len(HTTPONLY_PREFIX) :]
        elif not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(_Line(number, line, http_only))
    return out


def _parse_line(line: _Line) -> Cookie:
    fields = line.text.split("\t")
    if len(fields) == FIELDS - 1:  # a cookie with an empty value, its trailing tab trimmed
        fields.append("")
    if len(fields) != FIELDS:
        raise CookieFileError(
            f"cookies.txt line {line.number}: expected {FIELDS} tab-separated fields "
            "(domain, subdomains, path, secure, expires, name, value)"
        )
    domain, subdomains, path, secure, expires, name, value = fields
    domain = domain.strip().lower()
    if not domain or not name.strip():
        raise CookieFileError(f"cookies.txt line {line.number}: a cookie needs a domain and a name")
    try:
        expiry = float(expires.strip() or 0)
    except ValueError:
        raise CookieFileError(
            f"cookies.txt line {line.number}: the expiry is not a Unix time"
        ) from None
    host = domain.lstrip(".")
    include_subdomains = _flag(subdomains, line.number, "subdomains") and not _is_ip(host)
    return Cookie(
        name=name.strip(),
        value=value,
        domain="." + host if include_subdomains else host,
        path=path.strip() or "/",
        expires=expiry if expiry > 0 else -1,
        http_only=line.http_only,
        secure=_flag(secure, line.number, "secure"),
    )


def _flag(text: str, number: int, what: str) -> bool:
    word = text.strip().upper()
    if word not in (TRUE, FALSE):
        raise CookieFileError(f"cookies.txt line {number}: the {what} field is not TRUE or FALSE")
    return word == TRUE


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


__all__ = ["CookieFileError", "parse_cookies_txt"]
