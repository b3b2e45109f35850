"""Every wall-*/decoy-* fixture page through the pure pipeline, in each phase it has.

A folder under tests/pages/ with an ``expected.json`` is a case (see tests/walls_report.py for
the format); adding a folder adds a test.
"""

from __future__ import annotations

import pytest

from tests.walls_report import Case, load_cases, run_case

CASES = load_cases()


def test_cases_cover_every_kind_both_phases_and_decoys() -> None:
    static = {w["kind"] for c in CASES for w in c.expected.get("static", [])}
    rendered = {w["kind"] for c in CASES for w in c.expected.get("rendered", [])}
    assert static >= {"javascript", "bot-check", "paywall", "consent", "login", "geo-block"}
    assert rendered >= {"bot-check", "paywall", "consent"}
    assert len([c for c in CASES if c.name.startswith("decoy-")]) >= 6


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture(case: Case) -> None:
    problems = [f"[{o.phase}] {p}" for o in run_case(case) for p in o.problems]
    assert not problems, "\n".join(problems)
