"""Which part of a corpus a page belongs to: tuned on, or measured only.

Every corpus used to tune a rule is split by a hash of the page id, so that half of it is never
looked at while tuning and its figures say how the rule does on pages it was not fitted to. A page
belongs to the tuned part when the SHA-256 of its id, read as a number, is even. The rule needs
nothing but the id, so it is the same on every machine and for every corpus, and a page never
changes part when pages are added or removed. Figures are always reported for both parts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Literal

Part = Literal["tune", "measure"]
TUNE: Part = "tune"
MEASURE: Part = "measure"
PARTS: tuple[Part, ...] = (TUNE, MEASURE)


def part(page_id: str) -> Part:
    """``"tune"`` or ``"measure"``, fixed for good by the id's SHA-256."""
    return TUNE if int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 2 == 0 else MEASURE


part_of = part  # the name the corpus benchmarks use


def split(ids: Iterable[str]) -> dict[Part, list[str]]:
    """The ids of each part, in the order given."""
    parts: dict[Part, list[str]] = {TUNE: [], MEASURE: []}
    for page_id in ids:
        parts[part(page_id)].append(page_id)
    return parts
