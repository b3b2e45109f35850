"""Which part of a corpus a page belongs to: tuned on, or measured only.

Every corpus used to tune a rule is split by a hash of the page id, so that half of it is never
looked at while tuning and its figures say how the rule does on pages it was not fitted to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

TUNE = "tune"
MEASURE = "measure"


def part(page_id: str) -> str:
    """``"tune"`` or ``"measure"``, fixed for good by the id's SHA-256."""
    return TUNE if int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 2 == 0 else MEASURE


def split(ids: Iterable[str]) -> dict[str, list[str]]:
    """The ids of each part, in the order given."""
    parts: dict[str, list[str]] = {TUNE: [], MEASURE: []}
    for page_id in ids:
        parts[part(page_id)].append(page_id)
    return parts
