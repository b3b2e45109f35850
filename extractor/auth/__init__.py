"""Bringing a session to a capture, purely: cookies.txt, storage state cut to one site, URL
credentials and secret headers kept out of every output. The browser side is in
``extractor.browser`` (``session.py``)."""

from __future__ import annotations

from .cookiestxt import CookieFileError, parse_cookies_txt
from .jar import Cookie, cookies_for, storage_state_for
from .secrets import (
    SECRET_HEADERS,
    Credentials,
    loose_permissions,
    parse_header,
    public_headers,
    split_credentials,
    strip_credentials,
)

__all__ = [
    "SECRET_HEADERS",
    "Cookie",
    "CookieFileError",
    "Credentials",
    "cookies_for",
    "loose_permissions",
    "parse_cookies_txt",
    "parse_header",
    "public_headers",
    "split_credentials",
    "storage_state_for",
    "strip_credentials",
]
