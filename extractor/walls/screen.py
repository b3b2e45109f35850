"""Cheap tests that rule lexicon entries out before their regular expression runs.

Most pages show no wall, and most entries do not match, so ``Lexicon.find`` first looks at what
an entry cannot match without:

- ``words``: runs of ``[a-z0-9]`` that a match always holds as whole words (a phrase's words; a
  pattern's words that sit between two literal non-word characters). The text's words are
  collected once, so this is one set lookup per word;
- ``needle``: a literal substring every match contains (a phrase; a pattern's longest run of
  literal characters outside groups with alternatives or repeats).

Both are necessary conditions, so the screen never drops an entry that would match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

WORD = re.compile(r"[a-z0-9]+")
_WORD_CHAR = re.compile(r"[a-z0-9]")
MIN_NEEDLE = 3  # shorter literal runs rule out too little to be worth a search


@dataclass(frozen=True)
class Screen:
    """What any match of one entry contains."""

    words: frozenset[str] = frozenset()
    needle: str = ""

    def passes(self, text: str, words: frozenset[str]) -> bool:
        return self.words <= words and self.needle in text


def text_words(text: str) -> frozenset[str]:
    """The text's whole words, as ``Screen.words`` are written."""
    return frozenset(WORD.findall(text))


def phrase_screen(phrase: str) -> Screen:
    """A phrase matches only where it stands whole (``entry_regex_source`` puts word
    boundaries on its Latin ends), so every word in it is a whole word of the text."""
    return Screen(frozenset(WORD.findall(phrase)), phrase)


def pattern_screen(pattern: str) -> Screen:
    """The literal runs a pattern always matches; an empty screen if it cannot tell."""
    try:
        compiled = re.compile(pattern)
        if compiled.flags & ~re.UNICODE:
            return Screen()
        runs = _literal_runs(_parser.parse(pattern).data)
    except (re.error, AttributeError, TypeError, ValueError):
        return Screen()
    words: set[str] = set()
    for run in runs:
        # inside a run, a word with a literal non-word character on both sides is whole
        for found in WORD.finditer(run):
            if found.start() > 0 and found.end() < len(run):
                words.add(found.group())
    needle = max(runs, key=len, default="")
    return Screen(frozenset(words), needle if len(needle) >= MIN_NEEDLE else "")


def _literal_runs(items: list[tuple[Any, Any]]) -> list[str]:
    """Runs of literal characters in a sequence; plain groups are read through, anything else
    (alternatives, repeats, classes, anchors) ends a run."""
    runs: list[str] = []
    current: list[str] = []
    for op, arg in _flatten(items):
        if op is sre.LITERAL:
            current.append(chr(arg))
            continue
        runs.append("".join(current))
        current = []
    runs.append("".join(current))
    return [r for r in runs if r]


def _flatten(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    out: list[tuple[Any, Any]] = []
    for op, arg in items:
        if op is sre.SUBPATTERN and not arg[1] and not arg[2]:  # a group without flags
            out += _flatten(list(arg[3].data))
        else:
            out.append((op, arg))
    return out
