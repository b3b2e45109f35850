"""Obsidian Web Clipper templates: read the clipper's exported JSON, render a note from it.

The export holds ``noteNameFormat``, ``path``, ``noteContentFormat``, ``properties`` (each with
``name``, ``value`` and ``type``) and ``behavior``; every one of them may use variables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from .names import note_name
from .properties import PROPERTY_TYPES, Property
from .template import Variables, render_template, template_problems


@dataclass(frozen=True)
class ClipperTemplate:
    name: str = ""
    note_name: str = "{{title}}"
    path: str = ""
    content: str = "{{content}}"
    properties: tuple[Property, ...] = ()
    behavior: str = "create"

    def texts(self) -> list[str]:
        return [self.note_name, self.path, self.content, *(p.value for p in self.properties)]

    def problems(self) -> list[str]:
        found = [p for text in self.texts() for p in template_problems(text)]
        if self.behavior and self.behavior != "create":
            found.append(f"behavior {self.behavior!r} is written as a new note")
        return list(dict.fromkeys(found))

    def source_key(self) -> str:
        """The property that holds the page's URL (the one re-clipping looks for)."""
        for prop in self.properties:
            if prop.value.strip().replace(" ", "") == "{{url}}":
                return prop.name
        return "source"


def _text(data: dict[str, object], key: str, default: str, where: str) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise UsageError(f"{where}: {key!r} must be text")
    return value


def parse_template(data: object, where: str = "template") -> ClipperTemplate:
    """A template from the clipper's exported JSON (already parsed)."""
    if not isinstance(data, dict) or not {"noteContentFormat", "properties"} & set(data):
        raise UsageError(f"{where}: not an Obsidian Web Clipper template export")
    raw_props = data.get("properties", [])
    if not isinstance(raw_props, list):
        raise UsageError(f"{where}: 'properties' must be a list")
    props = []
    for i, item in enumerate(raw_props, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise UsageError(f"{where}: property {i} needs a 'name'")
        kind = item.get("type", "text") or "text"
        if kind not in PROPERTY_TYPES:
            raise UsageError(
                f"{where}: property {item['name']!r} has unknown type {kind!r} "
                f"(types: {', '.join(PROPERTY_TYPES)})"
            )
        value = item.get("value", "")
        props.append(Property(name=item["name"], value=str(value), type=str(kind)))
    return ClipperTemplate(
        name=_text(data, "name", "", where),
        note_name=_text(data, "noteNameFormat", "{{title}}", where) or "{{title}}",
        path=_text(data, "path", "", where),
        content=_text(data, "noteContentFormat", "{{content}}", where),
        properties=tuple(props),
        behavior=_text(data, "behavior", "create", where),
    )


def load_template(path: str) -> ClipperTemplate:
    """Read a template file exported from Obsidian Web Clipper; bad input is a UsageError."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"--template: cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"--template: {path} is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"--template: {path} is not JSON ({exc})") from None
    return parse_template(data, where=f"--template {path}")


@dataclass(frozen=True)
class RenderedNote:
    folder: tuple[str, ...]  # sub-folders of the output folder
    name: str  # the rendered note name, before file-name rules
    properties: tuple[Property, ...]
    body: str


def note_folder(path: str) -> tuple[str, ...]:
    """A rendered ``path`` as safe folder names; refuses to leave the output folder."""
    parts = [p.strip() for p in path.replace("\\", "/").split("/")]
    if path.strip().startswith(("/", "~")) or any(p == ".." for p in parts):
        raise UsageError(f"template path {path!r} must stay inside the output folder")
    return tuple(note_name(p) for p in parts if p and p != ".")


def render_note(template: ClipperTemplate, variables: Variables) -> RenderedNote:
    """Render every part of ``template`` against one page's variables."""
    props = tuple(
        Property(name=p.name, value=render_template(p.value, variables), type=p.type)
        for p in template.properties
    )
    return RenderedNote(
        folder=note_folder(render_template(template.path, variables)),
        name=render_template(template.note_name, variables),
        properties=props,
        body=render_template(template.content, variables),
    )
