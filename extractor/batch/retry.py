"""When a page is tried again, and how long to wait first. Pure: no clock, no I/O.

Transient failures are retried with exponential backoff: a timeout, a connection reset or
closed, an empty response, and answers that say "later" (HTTP 429, 502, 503, 504). Anything
else a server said on purpose (403, 404, 410, any other 4xx) is final: asking again is impolite
and changes nothing. A ``Retry-After`` header (seconds or an HTTP date) sets the wait itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from extractor.errors import ExtractorError, NavigationError, PageTimeoutError

# HTTP statuses that mean "not now": the page is tried again.
TRANSIENT_STATUSES = frozenset((429, 502, 503, 504))
# Words in a navigation error that mean the connection broke rather than was refused for good.
TRANSIENT_NETWORK = (
    "connection reset",
    "connection closed",
    "connection timed out",
    "empty response",
    "ERR_NETWORK_CHANGED",
    "HTTP/2 protocol error",
)
# The longest wait a Retry-After header can impose before the page is given up on (seconds).
MAX_RETRY_AFTER_S = 300.0


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a transient failure is tried again."""

    retries: int = 2  # tries after the first one
    base_s: float = 1.0  # the first backoff; it doubles each time
    cap_s: float = 30.0  # no backoff is longer than this

    def backoff_s(self, attempt: int, jitter: float = 0.5) -> float:
        """The wait before try ``attempt + 1`` (attempt counts from 0); ``jitter`` in [0, 1)
        spreads the waits of pages that failed together (half to full length)."""
        full = min(self.cap_s, self.base_s * float(2**attempt))
        return full * (0.5 + jitter / 2)


def is_transient_error(error: ExtractorError) -> bool:
    """A failure worth another try: a timeout or a broken connection."""
    if isinstance(error, PageTimeoutError):
        return True
    if isinstance(error, NavigationError):
        text = str(error)
        return any(marker.lower() in text.lower() for marker in TRANSIENT_NETWORK)
    return False


def is_transient_status(status: int | None) -> bool:
    """An HTTP answer that says "try later" (never a plain 4xx such as 403 or 404)."""
    return status in TRANSIENT_STATUSES


def retry_after_s(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP date), capped;
    None when absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return min(float(text), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(0.0, delta), MAX_RETRY_AFTER_S)


__all__ = [
    "MAX_RETRY_AFTER_S",
    "TRANSIENT_STATUSES",
    "RetryPolicy",
    "is_transient_error",
    "is_transient_status",
    "retry_after_s",
]
