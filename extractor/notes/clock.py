"""The clock notes are stamped with: ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
convention), so that ``captured``, ``{{date}}`` and ``{{time}}`` repeat exactly; else now."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime

from ..errors import UsageError

ENV = "SOURCE_DATE_EPOCH"


def now(environ: Mapping[str, str] | None = None) -> datetime:
    raw = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not raw:
        return datetime.now(UTC).replace(microsecond=0)
    if not raw.isdigit():
        raise UsageError(f"{ENV} must be a whole number of seconds since 1970, not {raw!r}")
    try:
        return datetime.fromtimestamp(int(raw), tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise UsageError(f"{ENV} is out of range: {raw}") from None


def stamp(moment: datetime) -> str:
    """The ``captured`` form: UTC, seconds, a ``Z``."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
