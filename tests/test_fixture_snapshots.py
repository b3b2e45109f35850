"""Every recorded snapshot, checked offline: the stored DOM must give the stored expected files.

A failure here means the extractor's output changed for that page. If the change is wanted:
``python -m extractor snapshot update CASE`` and review the git diff of snapshots/CASE/.
A new fixture page is recorded with ``python -m tests.record_fixtures CASE``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.snapshot.cases import compare_case, expected_files
from extractor.snapshot.store import list_cases, load_page
from tests.record_fixtures import SNAPSHOTS, fixture_cases

CASES = list_cases(SNAPSHOTS)
# A loopback address with a port: what a recording made without --as-origin would hold.
LOCAL_ORIGIN = re.compile(r"(127\.0\.0\.1|localhost|\[::1\]):\d+")


def test_every_fixture_page_has_a_snapshot_and_no_snapshot_is_orphaned() -> None:
    pages, recorded = set(fixture_cases()), set(CASES)
    missing, orphaned = sorted(pages - recorded), sorted(recorded - pages)
    assert not missing, f"record them: python -m tests.record_fixtures {' '.join(missing)}"
    assert not orphaned, f"snapshots without a page under tests/pages/: {' '.join(orphaned)}"


@pytest.mark.parametrize("case", CASES)
def test_snapshot_still_matches(case: str) -> None:
    page = load_page(SNAPSHOTS / case)
    first = expected_files(page)
    second = expected_files(load_page(SNAPSHOTS / case))
    assert first == second, "the same DOM gave two different results"
    result = compare_case(SNAPSHOTS, case, first)
    if not result.passed:
        diffs = "".join(diff for _, diff in result.diffs)
        pytest.fail(
            f"{case}: output changed (if wanted: python -m extractor snapshot update {case})\n"
            + diffs,
            pytrace=False,
        )


@pytest.mark.parametrize("case", CASES)
def test_snapshot_holds_no_local_port(case: str) -> None:
    for path in sorted(p for p in Path(SNAPSHOTS / case).rglob("*") if p.is_file()):
        found = LOCAL_ORIGIN.search(path.read_text(encoding="utf-8", errors="replace"))
        assert found is None, f"{path.name} holds {found.group(0) if found else ''}"
