"""The watcher's script and reader, without a browser (the browser tests run the script)."""

from __future__ import annotations

import json
import re

from extractor.browser.watcher import read_sightings, watcher_script
from extractor.walls.lexicon import WIDGET, load


def embedded_entries() -> list[list[object]]:
    found = re.search(r"const ENTRIES = (\[.*?\]);", watcher_script())
    assert found is not None
    entries: list[list[object]] = json.loads(found.group(1))
    return entries


def test_script_embeds_every_wall_entry_and_no_widget() -> None:
    ids = {str(e[0]) for e in embedded_entries()}
    wanted = {e.id for e in load().entries if e.kind != WIDGET}
    assert ids == wanted
    assert "__ENTRIES__" not in watcher_script()
    assert "window.__extractorWalls" in watcher_script()


def test_embedded_phrases_are_normalised_for_the_prefilter() -> None:
    by_id = {str(e[0]): e for e in embedded_entries()}
    assert by_id["bot-en-px-press-hold"][4] == "press & hold"
    assert (
        by_id["js-en-x-detected-disabled"][4]
        == "we've detected that javascript is disabled in this browser."
    )
    assert by_id["js-en-please-enable-to-continue"][4] is None  # a pattern: no plain phrase


def test_read_sightings_keeps_good_items_and_drops_junk() -> None:
    raw = [
        {
            "phrase_id": "bot-en-checking-browser",
            "text": "Checking…",
            "first_seen_ms": 41,
            "cleared_ms": 700,
        },
        {"phrase_id": "bot-en-just-a-moment", "first_seen_ms": 12.7, "cleared_ms": None},
        {"phrase_id": 3, "first_seen_ms": 1},
        {"text": "no id"},
        {"phrase_id": "x", "first_seen_ms": "soon"},
        "junk",
    ]
    got = read_sightings(raw)
    assert [(s.phrase_id, s.first_seen_ms, s.cleared_ms) for s in got] == [
        ("bot-en-checking-browser", 41, 700),
        ("bot-en-just-a-moment", 12, None),
    ]
    assert got[0].text == "Checking…" and got[1].text == ""
    assert read_sightings(None) == () and read_sightings({"phrase_id": "x"}) == ()
