"""The document a person or a note-taking tool reads: YAML front matter, then the article.

Front matter keys are flat scalars or lists of strings, which Obsidian and Logseq read as
properties. Empty values are left out, so a key that is there always means something.
"""

from __future__ import annotations

from typing import Any

import yaml

from extractor.records import Extraction, Wall

# Longest wall text quoted in the front matter summary; the JSON keeps it whole.
SUMMARY_TEXT_CHARS = 120


def wall_summary(wall: Wall) -> str:
    """One readable line per wall: kind, phase, vendor, timing, then what it said."""
    head = f"{wall.kind}, {wall.phase}"
    if wall.vendor:
        head += f" ({wall.vendor})"
    if wall.phase == "rendered":
        if wall.first_seen_ms is not None:
            head += f", seen at {wall.first_seen_ms} ms"
        head += f", cleared at {wall.cleared_ms} ms" if wall.cleared else ", stayed"
    text = (
        wall.text
        if len(wall.text) <= SUMMARY_TEXT_CHARS
        else wall.text[: SUMMARY_TEXT_CHARS - 1] + "…"
    )
    return f"{head}: {text}" if text else head


def front_matter(result: Extraction, captured_at: str | None = None) -> dict[str, Any]:
    meta = result.metadata
    fields: dict[str, Any] = {
        "title": meta.title,
        "source": result.final_url or result.url,
        "author": meta.byline,
        "published": meta.published,
        "site": meta.site_name,
        "lang": meta.lang,
        "description": meta.description,
        "image": meta.image,
        "captured": captured_at,
        "completeness": None if result.completeness == "full" else result.completeness,
        "walls": [wall_summary(w) for w in result.walls] or None,
    }
    return {k: v for k, v in fields.items() if v not in (None, "", [])}


def render_document(result: Extraction, captured_at: str | None = None) -> str:
    """Markdown with YAML front matter. ``captured_at`` None leaves the capture time out."""
    header = yaml.safe_dump(
        front_matter(result, captured_at),
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )
    body = result.markdown.strip()
    return f"---\n{header}---\n\n{body}\n" if body else f"---\n{header}---\n"
