"""Dates the way note templates write them: Day.js format tokens, lenient parsing, shifts.

Obsidian Web Clipper formats dates with Day.js, so templates carry Day.js tokens
(``YYYY-MM-DD``, ``MMMM D, YYYY``, ``HH:mm``, text in ``[brackets]`` kept as is). Dates are
shown in local time (``TZ``), as the clipper shows them.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

MONTHS = tuple(calendar.month_name)[1:]
WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

# longest tokens first, so that "MMMM" is not read as "MM" twice; [text] is an escape
_TOKENS = re.compile(
    r"\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|Do|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|ZZ|Z|A|a|X|x"
)


def _offset(moment: datetime, colon: bool) -> str:
    delta = moment.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}" if colon else f"{sign}{hours:02d}{mins:02d}"


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _token(moment: datetime, token: str) -> str:
    weekday = (moment.weekday() + 1) % 7  # Day.js: Sunday is 0
    hour12 = moment.hour % 12 or 12
    values = {
        "YYYY": f"{moment.year:04d}",
        "YY": f"{moment.year % 100:02d}",
        "MMMM": MONTHS[moment.month - 1],
        "MMM": MONTHS[moment.month - 1][:3],
        "MM": f"{moment.month:02d}",
        "M": str(moment.month),
        "DD": f"{moment.day:02d}",
        "Do": _ordinal(moment.day),
        "D": str(moment.day),
        "dddd": WEEKDAYS[weekday],
        "ddd": WEEKDAYS[weekday][:3],
        "dd": WEEKDAYS[weekday][:2],
        "d": str(weekday),
        "HH": f"{moment.hour:02d}",
        "H": str(moment.hour),
        "hh": f"{hour12:02d}",
        "h": str(hour12),
        "mm": f"{moment.minute:02d}",
        "m": str(moment.minute),
        "ss": f"{moment.second:02d}",
        "s": str(moment.second),
        "SSS": f"{moment.microsecond // 1000:03d}",
        "ZZ": _offset(moment, colon=False),
        "Z": _offset(moment, colon=True),
        "A": "AM" if moment.hour < 12 else "PM",
        "a": "am" if moment.hour < 12 else "pm",
        "X": str(int(moment.timestamp())),
        "x": str(int(moment.timestamp() * 1000)),
    }
    return values[token]


def format_date(moment: datetime, fmt: str = "YYYY-MM-DDTHH:mm:ssZ") -> str:
    """``moment`` in local time, written with Day.js tokens."""
    local = moment.astimezone() if moment.tzinfo else moment
    return _TOKENS.sub(
        lambda m: m.group(1) if m.group(1) is not None else _token(local, m.group(0)), fmt
    )


# what a token of an input format accepts, and which field it fills
_PARSE = {
    "YYYY": (r"(\d{4})", "year"),
    "YY": (r"(\d{2})", "year2"),
    "MMMM": (r"([A-Za-z]+)", "month_name"),
    "MMM": (r"([A-Za-z]{3})", "month_name"),
    "MM": (r"(\d{2})", "month"),
    "M": (r"(\d{1,2})", "month"),
    "DD": (r"(\d{2})", "day"),
    "Do": (r"(\d{1,2})(?:st|nd|rd|th)", "day"),
    "D": (r"(\d{1,2})", "day"),
    "HH": (r"(\d{2})", "hour"),
    "H": (r"(\d{1,2})", "hour"),
    "hh": (r"(\d{2})", "hour"),
    "h": (r"(\d{1,2})", "hour"),
    "mm": (r"(\d{2})", "minute"),
    "m": (r"(\d{1,2})", "minute"),
    "ss": (r"(\d{2})", "second"),
    "s": (r"(\d{1,2})", "second"),
    "A": (r"(AM|PM|am|pm)", "ampm"),
    "a": (r"(AM|PM|am|pm)", "ampm"),
}


def _parse_with(text: str, fmt: str) -> datetime | None:
    pattern, names, pos = "", [], 0
    for found in _TOKENS.finditer(fmt):
        pattern += re.escape(fmt[pos : found.start()])
        pos = found.end()
        if found.group(1) is not None:
            pattern += re.escape(found.group(1))
        elif found.group(0) in _PARSE:
            regex, name = _PARSE[found.group(0)]
            pattern += regex
            names.append(name)
        else:
            return None
    pattern += re.escape(fmt[pos:])
    match = re.fullmatch(pattern, text.strip())
    if not match:
        return None
    got = dict(zip(names, match.groups(), strict=True))
    fields = {"year": 1970, "month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0}
    for name, value in got.items():
        if name == "year2":
            fields["year"] = 2000 + int(value)
        elif name == "month_name":
            hits = [i for i, n in enumerate(MONTHS, 1) if n.lower().startswith(value.lower())]
            if not hits:
                return None
            fields["month"] = hits[0]
        elif name in fields:
            fields[name] = int(value)
    if got.get("ampm", "").lower() == "pm" and fields["hour"] < 12:
        fields["hour"] += 12
    try:
        return datetime(
            fields["year"],
            fields["month"],
            fields["day"],
            fields["hour"],
            fields["minute"],
            fields["second"],
        ).astimezone()
    except ValueError:
        return None


def parse_date(text: str, fmt: str | None = None) -> datetime | None:
    """A date from ISO 8601 (a date alone is local midnight), RFC 2822, or ``fmt`` tokens."""
    text = text.strip()
    if not text:
        return None
    if fmt:
        return _parse_with(text, fmt)
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        moment = None
    if moment is None:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            moment = None
    if moment is None:
        for guess in ("MMMM D, YYYY", "MMM D, YYYY", "D MMMM YYYY", "MM/DD/YYYY", "YYYY/MM/DD"):
            moment = _parse_with(text, guess)
            if moment is not None:
                return moment
        return None
    return moment if moment.tzinfo else moment.astimezone()


_UNITS = {
    "year": "years",
    "y": "years",
    "month": "months",
    "m": "minutes",
    "week": "weeks",
    "w": "weeks",
    "day": "days",
    "d": "days",
    "hour": "hours",
    "h": "hours",
    "minute": "minutes",
    "second": "seconds",
    "s": "seconds",
}


def shift(moment: datetime, amount: int, unit: str) -> datetime | None:
    """``moment`` moved by ``amount`` units (years and months keep the day where it exists)."""
    unit = _UNITS.get(unit.lower().removesuffix("s") if len(unit) > 1 else unit, "")
    if unit in ("years", "months"):
        months = moment.month - 1 + amount * (12 if unit == "years" else 1)
        year, month = moment.year + months // 12, months % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        return moment.replace(year=year, month=month, day=day)
    if not unit:
        return None
    # wall-clock arithmetic in local time, as Day.js does
    local = moment.astimezone() if moment.tzinfo else moment
    naive = local.replace(tzinfo=None) + timedelta(**{unit: amount})
    return naive.astimezone() if moment.tzinfo else naive


def from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)
