"""Datelines: a line that is nothing but a date goes; a sentence or a date range stays."""

from __future__ import annotations

import pytest

from extractor.article.datelines import is_date_line


@pytest.mark.parametrize(
    "line",
    [
        "November 19, 2019",
        "Nov. 19, 2019 3:04 p.m. ET",
        "Tuesday, Nov. 19, 2019",
        "sexta-feira, 22 de outubro de 2010 às 20:13",
        "19 novembre 2019",
        "Updated: 2019-11-19 08:30",
        "19/11/2019",
    ],
)
def test_a_date_alone_is_a_dateline(line: str) -> None:
    assert is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "29 November 2018 | 20 January 2019",  # an event's dates
        "From 29 November 2018 to 20 January 2019",
        "The show opens on Friday, November 22, 2019.",  # a sentence
        "May 5 marks the start of the season",
        "1,234,567",  # a number, not a date
        "November",  # no number
        "Published in the journal Nature on November 19, 2019, the study found more ice",
    ],
)
def test_other_lines_are_not(line: str) -> None:
    assert not is_date_line(line)
