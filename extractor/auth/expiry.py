"""A session that ran out: a login or paywall wall still standing although a session was given."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from extractor.records import Wall

# Walls a live session takes down; when one stays, the session most likely ran out.
SESSION_WALL_KINDS = ("login", "paywall")


def stale_session_wall(walls: Iterable[Wall], session_used: bool) -> Wall | None:
    """The first rendered login or paywall wall that stayed, when a session was given."""
    if not session_used:
        return None
    return next(
        (
            w
            for w in walls
            if w.phase == "rendered" and not w.cleared and w.kind in SESSION_WALL_KINDS
        ),
        None,
    )


def expiry_message(url: str, wall: Wall) -> str:
    """One line: which wall stood, and that the session for the site may have expired."""
    host = urlsplit(url).hostname or url
    return (
        f"{wall.kind} wall still up although a session was given: the session for {host} "
        f"may have expired (sign in again with `extractor auth {url} FILE`)"
    )


__all__ = ["SESSION_WALL_KINDS", "expiry_message", "stale_session_wall"]
