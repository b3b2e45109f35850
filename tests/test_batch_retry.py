from datetime import UTC, datetime

import pytest

from extractor.batch.retry import (
    MAX_RETRY_AFTER_S,
    RetryPolicy,
    is_transient_error,
    is_transient_status,
    retry_after_s,
)
from extractor.errors import NavigationError, NotHtmlError, PageTimeoutError, UsageError


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (PageTimeoutError("u: timed out"), True),
        (NavigationError("u: connection reset (net::ERR_CONNECTION_RESET)"), True),
        (NavigationError("u: connection closed (net::ERR_CONNECTION_CLOSED)"), True),
        (NavigationError("u: the server sent an empty response (net::ERR_EMPTY_RESPONSE)"), True),
        (NavigationError("u: host name not found (net::ERR_NAME_NOT_RESOLVED)"), False),
        (NavigationError("u: connection refused (net::ERR_CONNECTION_REFUSED)"), False),
        (NavigationError("u: TLS certificate error (net::ERR_CERT_DATE_INVALID)"), False),
        (NotHtmlError("u: not HTML"), False),
        (UsageError("not a URL"), False),
    ],
)
def test_transient_errors(error: Exception, transient: bool) -> None:
    assert is_transient_error(error) is transient  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "transient"),
    [(429, True), (503, True), (502, True), (504, True), (200, False), (None, False)]
    + [(code, False) for code in (400, 401, 403, 404, 410, 451, 500)],
)
def test_only_try_later_statuses_are_retried(status: int | None, transient: bool) -> None:
    assert is_transient_status(status) is transient


def test_backoff_doubles_and_is_capped() -> None:
    policy = RetryPolicy(retries=5, base_s=1.0, cap_s=5.0)
    full = [policy.backoff_s(n, jitter=1.0) for n in range(5)]
    assert full == [1.0, 2.0, 4.0, 5.0, 5.0]
    assert policy.backoff_s(1, jitter=0.0) == 1.0  # half the full wait at least


def test_retry_after_seconds_and_dates() -> None:
    now = datetime(2026, 1, 5, 12, 0, 0, tzinfo=UTC)
    assert retry_after_s("7", now) == 7.0
    assert retry_after_s("Mon, 05 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_s("Mon, 05 Jan 2026 11:00:00 GMT", now) == 0.0  # in the past
    assert retry_after_s("999999", now) == MAX_RETRY_AFTER_S
    assert retry_after_s("soon", now) is None
    assert retry_after_s(None, now) is None
