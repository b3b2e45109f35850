"""The literal text a regular expression always matches, read from the pattern's own text.

A small reader of the syntax the wall lexicon uses (groups, alternatives, classes, escapes,
quantifiers). It errs one way only: what it cannot read (a class, an anchor, a look-around, a
group with flags, anything repeated or optional) ends a run of literal text and adds nothing, so
every run and choice it returns is in every match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_NEEDLE = 2  # shorter literal runs rule out too little to be worth a search
_QUANTIFIER = re.compile(r"\{(\d*)(?:,(\d*))?\}")
# what follows "(" in a group that is not a plain one: look-arounds, names, comments, flags
_GROUP_PREFIX = re.compile(r"\?(?:P<\w+>|P=\w+|<[=!]|[=!]|#[^)]*|[aiLmsux-]*:?)")
# escapes of one character that stand for something else than the character
_CLASS_ESCAPES = frozenset("dDwWsSbBAZ")
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


@dataclass(frozen=True)
class _Item:
    """One atom of a pattern: a literal character, a group of alternatives, or anything else."""

    char: str | None = None  # a literal character
    alternatives: tuple[tuple[_Item, ...], ...] | None = None  # a plain group
    once: bool = True  # not repeated nor optional


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0

    def alternatives(self) -> tuple[tuple[_Item, ...], ...]:
        """Alternatives up to the end of the pattern or the closing parenthesis (not taken)."""
        found: list[tuple[_Item, ...]] = []
        current: list[_Item] = []
        while self.pos < len(self.text) and self.text[self.pos] != ")":
            if self.text[self.pos] == "|":
                self.pos += 1
                found.append(tuple(current))
                current = []
                continue
            current.append(self.atom())
        found.append(tuple(current))
        return tuple(found)

    def atom(self) -> _Item:
        text, start = self.text, self.pos
        char = text[start]
        self.pos += 1
        item: _Item
        if char == "(":
            if text.startswith("?:", self.pos):
                self.pos += 2
                item = _Item(alternatives=self.alternatives())
            elif found := _GROUP_PREFIX.match(text, self.pos):  # flags, look-arounds, names
                self.pos = found.end()
                self.alternatives()  # read past, but opaque
                item = _Item()
            else:
                item = _Item(alternatives=self.alternatives())
            if self.pos >= len(text):
                raise ValueError("missing )")
            self.pos += 1
        elif char == "[":
            self._skip_class()
            item = _Item()
        elif char == "\\":
            if self.pos >= len(text):
                raise ValueError("trailing backslash")
            escaped = text[self.pos]
            self.pos += 1
            if escaped in _CHAR_ESCAPES:
                item = _Item(char=_CHAR_ESCAPES[escaped])
            elif escaped.isalnum() or escaped in _CLASS_ESCAPES:
                item = _Item()  # a class, an anchor, a code point or a back reference
            else:
                item = _Item(char=escaped)
        elif char in ".^$":
            item = _Item()
        elif char in "*+?":
            raise ValueError("nothing to repeat")
        else:
            item = _Item(char=char)
        return item if self._once() else _Item(once=False)

    def _skip_class(self) -> None:
        text = self.text
        if text.startswith("^", self.pos):
            self.pos += 1
        if text.startswith("]", self.pos):
            self.pos += 1
        while self.pos < len(text) and text[self.pos] != "]":
            self.pos += 2 if text[self.pos] == "\\" else 1
        if self.pos >= len(text):
            raise ValueError("missing ]")
        self.pos += 1

    def _once(self) -> bool:
        """Reads a quantifier after an atom, if any; False when there was one."""
        text = self.text
        if self.pos < len(text) and text[self.pos] in "*+?":
            self.pos += 1
        elif (found := _QUANTIFIER.match(text, self.pos)) and (found[1] or found[2]):
            self.pos = found.end()
        else:
            return True
        if self.pos < len(text) and text[self.pos] in "?+":  # lazy or possessive
            self.pos += 1
        return False


def literal_runs(pattern: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """Runs of literal characters every match of ``pattern`` holds, and for each group of
    alternatives the longest run of each alternative (when every one has a run of at least
    ``MIN_NEEDLE``). Raises ValueError on a pattern it cannot read."""
    reader = _Reader(pattern)
    top = reader.alternatives()
    if reader.pos != len(pattern):
        raise ValueError("unbalanced )")
    return _runs(top)


def _runs(alternatives: tuple[tuple[_Item, ...], ...]) -> tuple[list[str], list[tuple[str, ...]]]:
    if len(alternatives) > 1:
        return [], _choice(alternatives)
    runs: list[str] = []
    choices: list[tuple[str, ...]] = []
    current: list[str] = []
    for item in _flat(alternatives[0]):
        if item.char is not None and item.once:
            current.append(item.char)
            continue
        runs.append("".join(current))
        current = []
        if item.alternatives is not None and item.once:
            choices += _choice(item.alternatives)
    runs.append("".join(current))
    return [r for r in runs if r], choices


def _flat(items: tuple[_Item, ...]) -> list[_Item]:
    """Plain groups of one alternative read through."""
    out: list[_Item] = []
    for item in items:
        if item.once and item.alternatives is not None and len(item.alternatives) == 1:
            out += _flat(item.alternatives[0])
        else:
            out.append(item)
    return out


def _choice(alternatives: tuple[tuple[_Item, ...], ...]) -> list[tuple[str, ...]]:
    longest = [max(_runs((alt,))[0], key=len, default="") for alt in alternatives]
    return [tuple(longest)] if all(len(run) >= MIN_NEEDLE for run in longest) else []
