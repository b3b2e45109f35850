"""Merge the in-page watcher's timeline into the rendered-phase walls.

- A kind still visible at capture is only a wall when the settled DOM confirms it (the DOM
  detector sees the whole page and its context); the wall then gets ``first_seen_ms``.
- A kind that was seen and went away is a wall that flashed and cleared: recorded with
  ``cleared_ms`` when one strong phrase, two different phrases, or a blocking overlay named for
  the kind (``structure:overlay-<kind>``) were seen.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.dom import fold
from extractor.records import Wall, WallSighting
from extractor.walls.lexicon import STRONG, WIDGET, Entry, Lexicon
from extractor.walls.scoring import KIND_ORDER, TEXT_CHARS
from extractor.walls.signals import STRONG_WEIGHT, WEAK_WEIGHT
from extractor.walls.structure import OVERLAY_SIGHTING

WATCHER = "watcher:"


def merge_sightings(
    walls: list[Wall], sightings: tuple[WallSighting, ...], lexicon: Lexicon
) -> list[Wall]:
    by_kind: dict[str, list[tuple[WallSighting, Entry]]] = {}
    for sighting in sightings:
        entry = _entry_of(sighting.phrase_id, lexicon)
        if entry is not None and entry.kind != WIDGET:
            by_kind.setdefault(entry.kind, []).append((sighting, entry))
    out = list(walls)
    for kind, seen in by_kind.items():
        first = min(s.first_seen_ms for s, _ in seen)
        evidence = tuple(dict.fromkeys(f"{WATCHER}{e.id}" for _, e in seen))
        index = next((i for i, w in enumerate(out) if w.kind == kind), None)
        staying = any(s.cleared_ms is None for s, _ in seen)
        if index is not None:
            wall = out[index]
            out[index] = replace(
                wall,
                first_seen_ms=first,
                evidence=wall.evidence + tuple(e for e in evidence if e not in wall.evidence),
            )
        elif not staying and _enough(seen):
            out.append(_cleared_wall(kind, seen, first, evidence))
    out.sort(key=lambda w: KIND_ORDER.index(w.kind) if w.kind in KIND_ORDER else 99)
    return out


def _entry_of(phrase_id: str, lexicon: Lexicon) -> Entry | None:
    """The lexicon entry, or for a blocking overlay one that stands for overlay + scroll lock
    (two weak signals, as strong as a strong phrase)."""
    if phrase_id.startswith(OVERLAY_SIGHTING):
        kind = phrase_id.removeprefix(OVERLAY_SIGHTING)
        return Entry(phrase_id, kind, "", STRONG, None) if kind in KIND_ORDER else None
    return lexicon.by_id(phrase_id)


def _enough(seen: list[tuple[WallSighting, Entry]]) -> bool:
    return any(e.strong for _, e in seen) or len({e.id for _, e in seen}) >= 2


def _cleared_wall(
    kind: str, seen: list[tuple[WallSighting, Entry]], first: int, evidence: tuple[str, ...]
) -> Wall:
    cleared = max(s.cleared_ms or 0 for s, _ in seen)
    texts = list(dict.fromkeys(fold(s.text) for s, _ in seen if s.text))
    score = sum(STRONG_WEIGHT if e.strong else WEAK_WEIGHT for _, e in seen)
    vendor = next((e.vendor for _, e in seen if e.vendor), None)
    return Wall(
        kind=kind,
        phase="rendered",
        text=" / ".join(texts)[:TEXT_CHARS],
        vendor=vendor,
        evidence=evidence,
        confidence=round(1 - 0.5**score, 2),
        first_seen_ms=first,
        cleared_ms=cleared,
    )
