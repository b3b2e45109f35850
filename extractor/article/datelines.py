"""Is a line nothing but a date? ("Nov. 19, 2019 3:04 p.m. ET", "sexta-feira, 22 de outubro")

A dateline repeats what the metadata already holds, so the article drops it. The test is by
words: every word of the line must be a month, a weekday, a time-zone or a joining word, and
the line must hold a number.
"""

from __future__ import annotations

import re

# A dateline is short.
DATE_LINE_MAX_CHARS = 80
# Months and weekdays, full and short, in the languages the pages come in (lower case).
CALENDAR_WORDS = frozenset(
    (
        # English
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
        "fri", "sat", "sun",
        # Portuguese
        "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
        "setembro", "outubro", "novembro", "dezembro", "segunda", "terça", "quarta", "quinta",
        "sexta", "feira", "sábado", "domingo",
        # Spanish
        "enero", "febrero", "marzo", "mayo", "junio", "julio", "septiembre", "setiembre",
        "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes",
        # French
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
        "samedi", "dimanche",
        # German
        "januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "montag", "dienstag",
        "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    )
)  # fmt: skip
# Words that join a date and a time, or stamp it.
JOINING_WORDS = frozenset(
    (
        "de", "del", "às", "as", "a", "at", "on", "um", "le", "la", "el", "o", "am", "pm", "p", "m",
        "et", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet",
        "cest", "ist", "aest", "updated", "published", "posted", "last", "modified",
    )
)  # fmt: skip
# Two dates make a range ("29 November 2018 – 20 January 2019"): event facts, not a dateline.
_RANGE = re.compile(r"\s[–—|-]\s|[–—]|\b(?:to|until|till|bis|au|al|até|hasta)\b", re.IGNORECASE)
# Calendar words that name a day, not a month ("Tuesday, Nov. 19" is one date).
_WEEKDAY_LIKE = frozenset(
    (
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
        "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "segunda", "terça",
        "quarta", "quinta", "sexta", "feira", "sábado", "domingo", "lunes", "martes",
        "miércoles", "jueves", "viernes", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
        "samedi", "dimanche", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
        "samstag", "sonntag",
    )
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
# "2019-11-19", "19/11/2019 20:13", "11.19.19"
_NUMERIC_DATE = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*[ap]\.?m\.?)?",
    re.IGNORECASE,
)


def is_date_line(text: str) -> bool:
    """True when ``text`` is a short line made of a date (and time) alone."""
    if len(text) > DATE_LINE_MAX_CHARS or not _DIGIT.search(text) or _RANGE.search(text):
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    if not any(w in CALENDAR_WORDS for w in words):
        if not all(w in JOINING_WORDS for w in words):
            return False
        numbers = _WORD.sub("", text).strip(" :,")  # "Updated: 2019-11-19 08:30"
        return bool(_NUMERIC_DATE.fullmatch(numbers))
    months = sum(1 for w in words if w in CALENDAR_WORDS and w not in _WEEKDAY_LIKE)
    if months > 1:  # two dates: a range
        return False
    return all(w in CALENDAR_WORDS or w in JOINING_WORDS for w in words)
