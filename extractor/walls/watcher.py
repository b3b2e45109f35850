"""The in-page wall watcher: a script added before any page script runs, and its reader.

The script watches the page while it loads and records, for each wall phrase it sees, when it first
became visible and when it went away (ms since navigation start). ``COLLECT_JS`` returns that record.
"""

from __future__ import annotations

from ..records import WallSighting

COLLECT_JS = "() => (window.__extractorWalls ? window.__extractorWalls() : [])"


def watcher_script() -> str:
    """JavaScript for ``BrowserContext.add_init_script``."""
    return "window.__extractorWalls = () => [];"


def read_sightings(raw: object) -> tuple[WallSighting, ...]:
    """Turn what ``COLLECT_JS`` returned into records (junk in, nothing out)."""
    if not isinstance(raw, list):
        return ()
    out: list[WallSighting] = []
    for item in raw:
        if isinstance(item, dict) and isinstance(item.get("phrase_id"), str):
            cleared = item.get("cleared_ms")
            out.append(
                WallSighting(
                    phrase_id=item["phrase_id"],
                    text=str(item.get("text", "")),
                    first_seen_ms=int(item.get("first_seen_ms", 0)),
                    cleared_ms=int(cleared) if cleared is not None else None,
                )
            )
    return tuple(out)
