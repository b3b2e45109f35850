"""Masks for values that change between two captures of the same page.

Read from ``[tool.extractor.snapshot]`` in the project's pyproject.toml, or from
``snapshot.toml`` in the snapshot folder (the same keys at its top level), which wins:

    [tool.extractor.snapshot]
    mask = ['\\d[\\d,]* views', 'Updated (\\d+) minutes ago']   # a group masks only itself
    drop-params = ["utm_*", "fbclid", "gclid"]                  # default: ["utm_*"]

Each match of a ``mask`` expression becomes ``[masked]`` in the expected files (only its groups
when it has any); query parameters whose name matches a ``drop-params`` pattern (shell-style,
case-insensitive) are dropped from every URL. Applied to the text, so expected.md and
expected.json, the pytest plugin's documents and a fresh extraction are masked alike.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from extractor.errors import UsageError

# What a masked value reads as in an expected file.
MASK = "[masked]"
# Query parameters dropped from URLs when nothing else is configured: campaign tags.
DEFAULT_DROP_PARAMS = ("utm_*",)
# The file in a snapshot folder that holds masks of its own.
FOLDER_FILE = "snapshot.toml"
PYPROJECT = "pyproject.toml"
TABLE = ("tool", "extractor", "snapshot")
# A URL in Markdown or JSON text: ends before whitespace, quotes, brackets and parentheses.
_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")


@dataclass(frozen=True)
class Masks:
    """Expressions to mask and query parameters to drop; ``apply`` is a pure text function."""

    patterns: tuple[re.Pattern[str], ...] = ()
    drop_params: tuple[str, ...] = DEFAULT_DROP_PARAMS

    def apply(self, text: str) -> str:
        if self.drop_params:
            text = _URL.sub(lambda m: drop_params(m.group(0), self.drop_params), text)
        for pattern in self.patterns:
            text = pattern.sub(_masked, text)
        return text


NO_MASKS = Masks(drop_params=())


def _masked(match: re.Match[str]) -> str:
    """The whole match masked, or, when the expression has groups, each group that matched."""
    if not match.re.groups:
        return MASK
    start, text, out = match.start(), match.group(0), []
    cursor = 0
    for index in range(1, match.re.groups + 1):
        begin, end = match.span(index)
        if begin < 0 or begin - start < cursor:
            continue  # a group that did not take part, or one nested in a masked one
        out.append(text[cursor : begin - start] + MASK)
        cursor = end - start
    return "".join(out) + text[cursor:]


def drop_params(url: str, patterns: tuple[str, ...]) -> str:
    """``url`` without the query parameters whose names match ``patterns`` (rest untouched)."""
    head, sep, rest = url.partition("?")
    if not sep:
        return url
    query, hash_sign, fragment = rest.partition("#")
    kept = [
        pair
        for pair in query.split("&")
        if not any(fnmatchcase(pair.split("=", 1)[0].lower(), p.lower()) for p in patterns)
    ]
    out = head + ("?" + "&".join(kept) if any(kept) else "")
    return out + hash_sign + fragment


def load_masks(root: Path) -> Masks:
    """The masks for the snapshot folder ``root``: its snapshot.toml, else the nearest
    pyproject.toml above it (or above the working directory), else only the default params."""
    folder_file = root / FOLDER_FILE
    if folder_file.is_file():
        return masks_from(_read_toml(folder_file), str(folder_file))
    for folder in _upwards(root.resolve()):
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            table: Any = _read_toml(pyproject)
            for key in TABLE:
                table = table.get(key, {}) if isinstance(table, dict) else {}
            return masks_from(table, f"{pyproject} [{'.'.join(TABLE)}]")
    return Masks()


def _upwards(start: Path) -> list[Path]:
    return [start, *start.parents]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from exc


def masks_from(table: Any, where: str) -> Masks:
    """Masks from a parsed table; a wrong type or a bad expression is a one-line UsageError."""
    if not isinstance(table, dict):
        raise UsageError(f"{where}: expected a table")
    unknown = sorted(set(table) - {"mask", "drop-params"})
    if unknown:
        raise UsageError(f"{where}: unknown key {unknown[0]!r} (known: mask, drop-params)")
    patterns = []
    for source in _strings(table.get("mask", []), f"{where} mask"):
        try:
            patterns.append(re.compile(source))
        except re.error as exc:
            raise UsageError(f"{where} mask: bad regular expression {source!r}: {exc}") from exc
    params = _strings(table.get("drop-params", list(DEFAULT_DROP_PARAMS)), f"{where} drop-params")
    return Masks(patterns=tuple(patterns), drop_params=tuple(params))


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise UsageError(f"{where}: expected a list of non-empty strings")
    return list(value)


__all__ = ["DEFAULT_DROP_PARAMS", "MASK", "NO_MASKS", "Masks", "drop_params", "load_masks"]
