"""Cookies as plain records, and which of them a capture of one URL may load.

A capture loads only the cookies of the host it was asked for: cookies whose domain is that host,
one of its parent domains or one of its subdomains (``www.example.com`` gets ``.example.com`` and
``accounts.www.example.com``, never ``other.org``). A file exported from a browser holds every
site's cookies; none of the others ever enters the browser, so no redirect or iframe can carry
them anywhere. Inside the browser, each cookie is sent only where its domain and path match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# SameSite for cookies whose source does not say (cookies.txt has no such field).
DEFAULT_SAME_SITE = "Lax"
SAME_SITE_VALUES = ("Strict", "Lax", "None")


@dataclass(frozen=True)
class Cookie:
    """One cookie; ``domain`` starts with a dot when it also goes to subdomains."""

    name: str
    value: str = field(repr=False)
    domain: str
    path: str = "/"
    expires: float = -1  # Unix time; -1: until the browser closes
    http_only: bool = False
    secure: bool = False
    same_site: str = DEFAULT_SAME_SITE

    @property
    def host(self) -> str:
        return self.domain.lstrip(".")


def related(cookie: Cookie, host: str) -> bool:
    """The cookie belongs to ``host``, one of its parent domains or one of its subdomains."""
    host, own = host.lower().strip("[]"), cookie.host.lower()
    return host == own or host.endswith("." + own) or own.endswith("." + host)


def cookies_for(cookies: tuple[Cookie, ...], url: str) -> tuple[Cookie, ...]:
    """The cookies a capture of ``url`` loads (see the module's docstring)."""
    host = urlsplit(url).hostname or ""
    return tuple(c for c in cookies if host and related(c, host))


def to_playwright(cookie: Cookie) -> dict[str, Any]:
    """The cookie as ``BrowserContext.add_cookies`` and storage state files spell it."""
    return {
        "name": cookie.name,
        "value": cookie.value,
        "domain": cookie.domain,
        "path": cookie.path,
        "expires": cookie.expires,
        "httpOnly": cookie.http_only,
        "secure": cookie.secure,
        "sameSite": cookie.same_site,
    }


def from_playwright(data: dict[str, Any]) -> Cookie:
    """A cookie from a storage state file (Playwright's spelling)."""
    same_site = str(data.get("sameSite") or DEFAULT_SAME_SITE)
    return Cookie(
        name=str(data["name"]),
        value=str(data.get("value", "")),
        domain=str(data["domain"]),
        path=str(data.get("path") or "/"),
        expires=float(data.get("expires", -1)),
        http_only=bool(data.get("httpOnly", False)),
        secure=bool(data.get("secure", False)),
        same_site=same_site if same_site in SAME_SITE_VALUES else DEFAULT_SAME_SITE,
    )


def storage_state_for(state: dict[str, Any], url: str) -> dict[str, Any]:
    """A storage state cut down to what a capture of ``url`` loads: its related cookies, and the
    localStorage of the origins on related hosts."""
    cookies = tuple(from_playwright(c) for c in state.get("cookies", ()))
    host = urlsplit(url).hostname or ""
    probe = Cookie("", "", host)
    origins = [
        o
        for o in state.get("origins", ())
        if host and related(probe, urlsplit(str(o.get("origin", ""))).hostname or "")
    ]
    return {"cookies": [to_playwright(c) for c in cookies_for(cookies, url)], "origins": origins}


__all__ = [
    "Cookie",
    "cookies_for",
    "from_playwright",
    "related",
    "storage_state_for",
    "to_playwright",
]
