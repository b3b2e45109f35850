"""Cheap tests that rule lexicon entries out before their regular expression runs.

Most pages show no wall, and most entries do not match, so ``Lexicon.find`` first looks at what
an entry cannot match without:

- ``words``: runs of ``[a-z0-9]`` that a match always holds as whole words (a phrase's words; a
  pattern's words that sit between two literal non-word characters), as ASCII bytes. The
  text's words are
  collected once, so this is one set lookup per word;
- ``needles``: literal substrings every match contains, or for a group of alternatives one
  of the alternatives' substrings (a phrase itself; a pattern's runs of literal characters
  outside repeats).

Both are necessary conditions, so the screen never drops an entry that would match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.walls.literals import MIN_NEEDLE, literal_runs

WORD = re.compile(r"[a-z0-9]+")
# bytes.translate table: a-z and 0-9 stay, every other byte (UTF-8 lead and continuation bytes
# of non-ASCII characters too) becomes a space; much faster than WORD.findall on long text
_WORD_BYTES = bytes(b if chr(b).isascii() and WORD.fullmatch(chr(b)) else 32 for b in range(256))


@dataclass(frozen=True)
class Screen:
    """What any match of one entry contains."""

    words: frozenset[bytes] = frozenset()
    needles: tuple[tuple[str, ...], ...] = ()  # each: at least one of these is in the text

    def passes(self, text: str, words: frozenset[bytes]) -> bool:
        if not self.words <= words:
            return False
        for choice in self.needles:  # loops, not all(any()): this runs for every entry
            for needle in choice:
                if needle in text:
                    break
            else:
                return False
        return True


def text_words(text: str) -> frozenset[bytes]:
    """The text's whole words (``WORD`` runs), as ``Screen.words`` are written."""
    return frozenset(text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split())


def _ascii(words: list[str]) -> frozenset[bytes]:
    return frozenset(w.encode("ascii") for w in words)


def phrase_screen(phrase: str) -> Screen:
    """A phrase matches only where it stands whole (``entry_regex_source`` puts word
    boundaries on its Latin ends), so every word in it is a whole word of the text."""
    return Screen(_ascii(WORD.findall(phrase)), ((phrase,),))


def pattern_screen(pattern: str) -> Screen:
    """The literal runs a pattern always matches; an empty screen if it cannot tell."""
    try:
        compiled = re.compile(pattern)
        if compiled.flags & ~re.UNICODE:
            return Screen()
        runs, choices = literal_runs(pattern)
    except (re.error, ValueError):
        return Screen()
    words: list[str] = []
    for run in runs:
        # inside a run, a word with a literal non-word character on both sides is whole
        for found in WORD.finditer(run):
            if found.start() > 0 and found.end() < len(run):
                words.append(found.group())
    needles = [(run,) for run in sorted(runs, key=len, reverse=True) if len(run) >= MIN_NEEDLE]
    return Screen(_ascii(words), (*needles, *choices))


class ScreenIndex:
    """Screens of a list of entries, indexed by one word each: only entries whose word the
    text holds (and those without words) are tested further."""

    def __init__(self, screens: list[Screen]) -> None:
        self.screens = screens
        by_word: dict[bytes, list[int]] = {}
        always: list[int] = []
        for i, screen in enumerate(screens):
            if screen.words:  # the longest word: the rarest, as a rule
                key = max(sorted(screen.words), key=len)
                by_word.setdefault(key, []).append(i)
            else:
                always.append(i)
        self.by_word = by_word
        self.always = always

    def candidates(self, text: str) -> list[int]:
        """Indexes, in order, of the entries that may match ``text``."""
        words = text_words(text)
        found = set(self.always)
        for word in self.by_word.keys() & words:
            found.update(self.by_word[word])
        screens = self.screens
        return [i for i in sorted(found) if screens[i].passes(text, words)]
