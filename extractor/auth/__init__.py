"""Bringing a session to a capture, purely: cookies.txt, storage state cut to one site, URL
credentials and secret headers kept out of every output. The browser side is in
``extractor.browser`` (``session.py``)."""

from __future__ import annotations

from extractor.auth.cookiestxt import CookieFileError, parse_cookies_txt
from extractor.auth.expiry import expiry_message, stale_session_wall
from extractor.auth.files import (
    SessionFiles,
    check_session_files,
    load_session_files,
    redact,
    secret_values,
)
from extractor.auth.jar import Cookie, cookies_for, storage_state_for
from extractor.auth.secrets import (
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
    "check_session_files",
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
