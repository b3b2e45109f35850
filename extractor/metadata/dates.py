"""Dates as pages write them, turned into ISO 8601 ("2024-03-05" or "2024-03-05T14:30:00+01:00")."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# the earliest year a web article can plausibly carry
MIN_YEAR = 1994

_ISO = re.compile(
    r"(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2}(?!\d))?)?",
    re.IGNORECASE,
)
_SLASHED = re.compile(r"\b(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b")
_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for name in names.split()
}
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4})"
_WORDY = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),  # March 5, 2024
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),  # 5 March 2024
)


def _valid(year: int, month: int, day: int) -> bool:
    if not MIN_YEAR <= year <= datetime.now(UTC).year + 1:
        return False
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def _zone(text: str | None) -> str:
    if not text:
        return ""
    if text.upper() in ("Z", "UTC", "GMT"):
        return "+00:00"
    digits = text[1:].replace(":", "")
    digits = digits if len(digits) == 4 else digits + "00"
    return f"{text[0]}{digits[:2]}:{digits[2:]}"


def _from_iso(text: str) -> str | None:
    found = _ISO.search(text)
    if found is None:
        return None
    y, m, d = int(found["y"]), int(found["m"]), int(found["d"])
    if not _valid(y, m, d):
        return None
    day = f"{y:04d}-{m:02d}-{d:02d}"
    if found["H"] is None or int(found["H"]) > 23:
        return day
    clock = f"{int(found['H']):02d}:{found['M']}:{found['S'] or '00'}"
    return f"{day}T{clock}{_zone(found['tz'])}"


def _from_rfc2822(text: str) -> str | None:
    if not re.match(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if not _valid(when.year, when.month, when.day):
        return None
    return when.isoformat()


def _from_words(text: str) -> str | None:
    for pattern in _WORDY:
        found = pattern.search(text)
        if found is None:
            continue
        month = _MONTHS.get(found["mon"].lower())
        y, d = int(found["y"]), int(found["d"])
        if month and _valid(y, month, d):
            return f"{y:04d}-{month:02d}-{d:02d}"
    found = _SLASHED.search(text)
    if found and _valid(int(found["y"]), int(found["m"]), int(found["d"])):
        return f"{int(found['y']):04d}-{int(found['m']):02d}-{int(found['d']):02d}"
    return None


def _from_timestamp(text: str) -> str | None:
    if not re.fullmatch(r"\d{10}(?:\d{3})?", text):
        return None
    seconds = int(text[:10])
    when = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    if not _valid(when.year, when.month, when.day):
        return None
    return when.isoformat()


def to_iso(text: str | None) -> str | None:
    """An ISO 8601 date (and time, when the source gives one), or None when it is not a date."""
    text = (text or "").strip()
    if not text or len(text) > 200:
        return None
    return _from_timestamp(text) or _from_iso(text) or _from_rfc2822(text) or _from_words(text)
