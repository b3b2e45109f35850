"""Note properties: written typed, the way Obsidian Web Clipper writes them, and read back.

A property is a name, a rendered value and a type (``text``, ``multitext``, ``number``,
``checkbox``, ``date``, ``datetime``). An empty value is written ``key:`` with nothing after it.
Front matter is kept as blocks of lines per top-level key, so that re-clipping can replace the
keys it owns and leave every line the user wrote as it was.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

PROPERTY_TYPES = ("text", "multitext", "number", "checkbox", "date", "datetime")
_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_PLAIN_KEY = re.compile(r"^[A-Za-z_][\w.-]*$")
_YAML_WORDS = re.compile(r"^(?:true|false|null|yes|no|on|off|~)$", re.IGNORECASE)


@dataclass(frozen=True)
class Property:
    name: str
    value: str
    type: str = "text"


def quote(text: str) -> str:
    """A YAML double-quoted scalar."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'


def key_text(name: str) -> str:
    return name if _PLAIN_KEY.match(name) and not _YAML_WORDS.match(name) else quote(name)


def multitext_items(value: str) -> list[str]:
    """A list property's items: a JSON array, or comma-separated (wikilinks kept whole)."""
    text = value.strip()
    items: list[Any] | None = None
    if text.startswith('["') and text.endswith('"]'):
        try:
            loaded = json.loads(text)
            items = loaded if isinstance(loaded, list) else None
        except ValueError:
            items = None
    if items is None:
        items = re.split(r",(?![^\[]*\]\])", value)
    return [str(item).strip() for item in items if str(item).strip()]


def _number(value: str) -> str:
    digits = re.sub(r"[^\d.-]", "", value)
    found = re.match(r"-?\d*\.?\d+(?:\d*)", digits) or re.match(r"-?\d+", digits)
    if not found:
        return ""
    number = float(found[0])
    return str(int(number)) if number.is_integer() else repr(number)


def property_lines(prop: Property) -> str:
    """One property as front matter lines, ending in a newline."""
    head = f"{key_text(prop.name)}:"
    value = prop.value
    if prop.type == "multitext":
        items = multitext_items(value)
        return head + "\n" + "".join(f"  - {quote(item)}\n" for item in items)
    if prop.type == "number":
        number = _number(value)
        return f"{head} {number}\n" if number else head + "\n"
    if prop.type == "checkbox":
        checked = value.strip().lower() in ("true", "1")
        return f"{head} {'true' if checked else 'false'}\n"
    if not value.strip():
        return head + "\n"
    if prop.type in ("date", "datetime") and _ISO_DATE.match(value.strip()):
        return f"{head} {value.strip()}\n"
    return f"{head} {quote(value)}\n"


def render_front_matter(props: list[Property]) -> str:
    """``---`` fenced front matter, properties in the given order ("" when there are none)."""
    if not props:
        return ""
    return "---\n" + "".join(property_lines(p) for p in props) + "---\n"


# -- reading notes back -------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A Markdown note split into its front matter blocks and its body."""

    blocks: tuple[tuple[str, str], ...]  # (key, the block's lines) in file order
    body: str
    fenced: bool  # False: the file had no front matter

    def value(self, key: str) -> Any:
        for name, block in self.blocks:
            if name == key:
                try:
                    loaded = yaml.load(block, Loader=_TextLoader)
                except yaml.YAMLError:
                    return None
                return loaded.get(key) if isinstance(loaded, dict) else None
        return None

    def keys(self) -> list[str]:
        return [name for name, _ in self.blocks]


class _TextLoader(yaml.SafeLoader):  # type: ignore[misc]
    """YAML without turning dates into date objects: a value reads back as written."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _block_key(line: str) -> str | None:
    if not line or line[0] in " \t-#":
        return None
    try:
        loaded = yaml.load(line if ":" in line else "", Loader=_TextLoader)
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, dict) and len(loaded) == 1:
        return str(next(iter(loaded)))
    return line.split(":", 1)[0].strip().strip("\"'") if ":" in line else None


def split_note(text: str) -> Note:
    """Split a note into front matter blocks and body (a note without front matter has none)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return Note(blocks=(), body=text, fenced=False)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == "---"), None)
    if end is None:
        return Note(blocks=(), body=text, fenced=False)
    blocks: list[tuple[str, str]] = []
    for line in lines[1:end]:
        key = _block_key(line)
        if key is not None or not blocks:
            blocks.append((key or "", line))
        else:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + line)
    return Note(blocks=tuple(blocks), body="".join(lines[end + 1 :]), fenced=True)


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]
