"""The rule that splits the benchmark corpora into tuned and measured parts."""

from __future__ import annotations

import hashlib

from tests.bench.split import part_of, split

IDS = [f"page-{n}" for n in range(400)]


def test_every_id_falls_in_exactly_one_part() -> None:
    parts = split(IDS)
    assert sorted(parts["tune"] + parts["measure"]) == sorted(IDS)
    assert not set(parts["tune"]) & set(parts["measure"])


def test_the_part_follows_the_parity_of_the_ids_hash() -> None:
    for pid in IDS[:50]:
        odd = int(hashlib.sha256(pid.encode()).hexdigest(), 16) % 2
        assert part_of(pid) == ("measure" if odd else "tune")


def test_a_page_keeps_its_part_whatever_else_is_in_the_corpus() -> None:
    alone = {pid: "tune" if pid in split([pid])["tune"] else "measure" for pid in IDS}
    together = split(IDS)
    assert all(pid in together[part] for pid, part in alone.items())


def test_both_parts_are_close_to_half() -> None:
    parts = split(IDS)
    assert 160 <= len(parts["tune"]) <= 240
