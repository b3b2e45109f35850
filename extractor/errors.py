"""Failures are exceptions from this small hierarchy; each carries its exit code.

Findings (walls, empty articles) are never exceptions. Playwright's errors are mapped onto these
in one place (``browser.py`` / ``render.py``), and the CLI turns them into one line and an exit code.
"""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UsageError(ExtractorError):
    exit_code = 2


class NoBrowserError(ExtractorError):
    exit_code = 3


class NavigationError(ExtractorError):
    """DNS failure, connection refused, TLS error, HTTP-level failure to load."""

    exit_code = 4


class PageTimeoutError(ExtractorError):
    """The page did not load (or the browser did not answer) within --timeout."""

    exit_code = 5


class NotHtmlError(ExtractorError):
    exit_code = 6


class OutputError(ExtractorError):
    """The output file exists (without --force) or cannot be written."""

    exit_code = 7


class WallError(ExtractorError):
    """--fail-on-wall and a rendered-phase wall stayed."""

    exit_code = 8


class SnapshotMismatch(ExtractorError):
    exit_code = 9


class SessionExpiredError(WallError):
    """--fail-on-wall, a session was given, and a login or paywall wall still stood."""

    exit_code = 10


__all__ = [
    "ExtractorError",
    "NavigationError",
    "NoBrowserError",
    "NotHtmlError",
    "OutputError",
    "PageTimeoutError",
    "SessionExpiredError",
    "SnapshotMismatch",
    "UsageError",
    "WallError",
]
