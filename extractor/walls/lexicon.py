"""The wall lexicon: phrases and patterns that walls show, kept as data in ``lexicon.json``.

Each entry has an id, a kind (a wall kind, or "widget" for a widget's own notice), a language, a
phrase or a regular expression, a strength ("strong": enough on its own inside a wall's element;
"weak": needs a second signal) and the vendor when the text is a vendor's. Text is matched after
``normalize``: entities decoded, Unicode NFKC, case folded, typographic quotes and dashes made
plain, whitespace folded. Patterns are written against normalised text and use only syntax that
Python's ``re`` and JavaScript's ``RegExp`` read the same way (the watcher runs them in the page).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from extractor.walls.screen import ScreenIndex, pattern_screen, phrase_screen

LEXICON_PATH = Path(__file__).with_name("lexicon.json")

WIDGET = "widget"  # a widget's own notice: removed from the article, never recorded as a wall
STRONG, WEAK = "strong", "weak"

# typographic characters folded to their plain forms before matching
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": '"',
        "\u203a": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
        "\u00ad": "",
    }
)
_PLAIN_PAIRS = tuple((chr(k), str(v)) for k, v in _PLAIN.items())
_ASCII_WORD = re.compile(r"[a-z0-9]")
_SYNTAX = frozenset("\\.^$*+?()[]{}|/")


def normalize(text: str | None) -> str:
    """Fold text for matching: entities, NFKC, case, typographic quotes/dashes, whitespace."""
    if not text:
        return ""
    out = html.unescape(text) if "&" in text else text
    out = unicodedata.normalize("NFKC", out)
    for char, plain in _PLAIN_PAIRS:  # str.translate looks up every character; this is faster
        if char in out:
            out = out.replace(char, plain)
    return " ".join(out.casefold().split())  # as re's \s+ -> " " and strip(), without re


@dataclass(frozen=True)
class Entry:
    """One lexicon entry."""

    id: str
    kind: str
    lang: str
    strength: str
    vendor: str | None
    phrase: str | None = None  # normalised
    pattern: str | None = None  # a regex over normalised text

    @property
    def strong(self) -> bool:
        return self.strength == STRONG

    def regex(self) -> re.Pattern[str]:
        return _compiled(self.id, self.phrase, self.pattern)


@dataclass(frozen=True)
class Hit:
    """Where an entry matched inside a normalised text."""

    entry: Entry
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Lexicon:
    version: str
    entries: tuple[Entry, ...]

    def by_id(self, entry_id: str) -> Entry | None:
        return _index(self).get(entry_id)

    def find(self, normalized: str) -> list[Hit]:
        """Every entry that matches the (already normalised) text, first match of each."""
        hits: list[Hit] = []
        if not normalized:
            return hits
        for i in self._screens.candidates(normalized):  # cheap tests first
            entry = self.entries[i]
            found = entry.regex().search(normalized)
            if found and found.end() > found.start():
                hits.append(Hit(entry, found.start(), found.end()))
        return hits

    @cached_property
    def _screens(self) -> ScreenIndex:
        """What any match of each entry contains (built once per lexicon)."""
        return ScreenIndex(
            [
                phrase_screen(e.phrase) if e.phrase is not None else pattern_screen(e.pattern or "")
                for e in self.entries
            ]
        )

    def match(self, text: str) -> list[Hit]:
        """Like ``find`` but normalises first."""
        return self.find(normalize(text))


@cache
def load(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and check the lexicon file (cached)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    entries: list[Entry] = []
    seen: set[str] = set()
    for raw in data["entries"]:
        entry_id = raw["id"]
        if entry_id in seen:
            raise ValueError(f"duplicate lexicon id {entry_id!r}")
        seen.add(entry_id)
        if raw.get("strength") not in (STRONG, WEAK):
            raise ValueError(f"lexicon entry {entry_id!r}: strength must be strong or weak")
        phrase = raw.get("phrase")
        pattern = raw.get("pattern")
        if (phrase is None) == (pattern is None):
            raise ValueError(f"lexicon entry {entry_id!r}: give exactly one of phrase, pattern")
        entries.append(
            Entry(
                id=entry_id,
                kind=raw["kind"],
                lang=raw["lang"],
                strength=raw["strength"],
                vendor=raw.get("vendor"),
                phrase=normalize(phrase) if phrase is not None else None,
                pattern=pattern,
            )
        )
    return Lexicon(version=str(data["version"]), entries=tuple(entries))


def entry_regex_source(entry: Entry) -> str:
    """The regular expression an entry matches with (also used by the in-page watcher)."""
    if entry.pattern is not None:
        return entry.pattern
    assert entry.phrase is not None
    body = _escape(entry.phrase)
    # a phrase that starts or ends with a Latin letter or digit must not match inside a word
    if _ASCII_WORD.match(entry.phrase[:1]):
        body = r"(?<![a-z0-9])" + body
    if _ASCII_WORD.match(entry.phrase[-1:]):
        body += r"(?![a-z0-9])"
    return body


def _escape(text: str) -> str:
    """Escape regex syntax so that Python and JavaScript (``u`` flag) read it alike."""
    return "".join("\\" + ch if ch in _SYNTAX else ch for ch in text)


@cache
def _compiled(entry_id: str, phrase: str | None, pattern: str | None) -> re.Pattern[str]:
    entry = Entry(entry_id, "", "", STRONG, None, phrase=phrase, pattern=pattern)
    return re.compile(entry_regex_source(entry))


@cache
def _index(lexicon: Lexicon) -> dict[str, Entry]:
    return {e.id: e for e in lexicon.entries}
