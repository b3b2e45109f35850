"""SOURCE_DATE_EPOCH is the clock of notes, so that clipping is reproducible."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractor.errors import UsageError
from extractor.notes.clock import now, stamp


def test_source_date_epoch_sets_the_clock() -> None:
    moment = now({"SOURCE_DATE_EPOCH": "1700000000"})
    assert moment == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert stamp(moment) == "2023-11-14T22:13:20Z"


def test_without_it_the_clock_is_now() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    assert before <= now({}) <= datetime.now(UTC)


@pytest.mark.parametrize("raw", ["yesterday", "-5", "1.5", "99999999999999999999"])
def test_a_bad_value_is_a_usage_error(raw: str) -> None:
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        now({"SOURCE_DATE_EPOCH": raw})
