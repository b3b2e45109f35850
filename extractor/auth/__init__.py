"""Bringing a session to a capture, purely: cookies.txt, storage state cut to one site, URL
credentials and secret headers kept out of every output. The browser side is in
``extractor.browser`` (``session.py``)."""

from __future__ import annotations

from .cookiestxt import CookieFileError, parse_cookies_txt
from .expiry import expiry_message, stale_session_wall
from .files import SessionFiles, load_session_files, redact, secret_values
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
    "SessionFiles",
    "cookies_for",
    "expiry_message",
    "load_session_files",
    "loose_permissions",
    "parse_cookies_txt",
    "parse_header",
    "public_headers",
    "redact",
    "secret_values",
    "split_credentials",
    "stale_session_wall",
    "storage_state_for",
    "strip_credentials",
]
