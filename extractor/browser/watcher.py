"""The in-page wall watcher: a script added before any page script runs, and its reader.

The script (``watcher.js``, with the lexicon embedded) watches the page while it loads and
records, for each wall phrase it sees where a wall would show it, and for each blocking overlay
named for a wall kind (phrase id ``structure:overlay-<kind>``), when it first became visible and
when it went away (ms since navigation start). ``COLLECT_JS`` returns that record.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from extractor.records import WallSighting
from extractor.walls.lexicon import WIDGET, entry_regex_source, load
from extractor.walls.structure import (
    NOT_WALL_NAMES,
    OVERLAY_KINDS,
    OVERLAY_SIGHTING,
    PAYWALL_PROMPT,
)

COLLECT_JS = "() => (window.__extractorWalls ? window.__extractorWalls() : [])"
SCRIPT_PATH = Path(__file__).with_name("js") / "watcher.js"
_PLACEHOLDER = "__ENTRIES__"
_NAMES = "__NAMES__"


@cache
def watcher_script() -> str:
    """JavaScript for ``BrowserContext.add_init_script``."""
    entries = [
        [e.id, e.kind, e.strong, entry_regex_source(e), e.phrase]
        for e in load().entries
        if e.kind != WIDGET
    ]
    names = {
        "kinds": [[kind, words.pattern] for kind, words in OVERLAY_KINDS],
        "prompt": PAYWALL_PROMPT.pattern,
        "not": NOT_WALL_NAMES.pattern,
        "prefix": OVERLAY_SIGHTING,
    }
    source = SCRIPT_PATH.read_text(encoding="utf-8")
    source = source.replace(_NAMES, json.dumps(names, ensure_ascii=True), 1)
    return source.replace(_PLACEHOLDER, json.dumps(entries, ensure_ascii=True), 1)


def read_sightings(raw: object) -> tuple[WallSighting, ...]:
    """Turn what ``COLLECT_JS`` returned into records (junk in, nothing out)."""
    if not isinstance(raw, list):
        return ()
    out: list[WallSighting] = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("phrase_id"), str):
            continue
        try:
            first = int(item.get("first_seen_ms", 0))
            cleared = item.get("cleared_ms")
            cleared_ms = int(cleared) if cleared is not None else None
        except (TypeError, ValueError):
            continue
        out.append(
            WallSighting(
                phrase_id=item["phrase_id"],
                text=str(item.get("text", "")),
                first_seen_ms=first,
                cleared_ms=cleared_ms,
            )
        )
    return tuple(out)
