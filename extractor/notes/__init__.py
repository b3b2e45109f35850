"""Notes people keep: Obsidian and Logseq pages from an extraction, Obsidian Web Clipper
templates, images stored in the vault, re-clipping without duplicates. Pure, except for
``vault`` (which writes the files).

    >>> from extractor.notes import render
    >>> render("{{title|upper}} ({{domain}})", extraction)
"""

from __future__ import annotations

from datetime import datetime

from ..records import Extraction
from . import clock
from .clipper import ClipperTemplate, load_template, parse_template, render_note
from .filters import FILTERS, apply_filter
from .names import logseq_file_name, logseq_title, note_name, safe_name
from .template import render_template, template_problems
from .variables import PageVariables
from .vault import NoteSettings, Saved, save_note


def render(
    template: str, extraction: Extraction, *, html: str | None = None, now: datetime | None = None
) -> str:
    """Render clipper template text against one extraction (``html``: the page, for ``meta:``,
    ``selector:`` and ``schema:``; ``now``: the clock, else ``SOURCE_DATE_EPOCH`` or now)."""
    return render_template(template, PageVariables(extraction, html, now or clock.now()))


__all__ = [
    "FILTERS",
    "ClipperTemplate",
    "NoteSettings",
    "PageVariables",
    "Saved",
    "apply_filter",
    "load_template",
    "logseq_file_name",
    "logseq_title",
    "note_name",
    "parse_template",
    "render",
    "render_note",
    "render_template",
    "safe_name",
    "save_note",
    "template_problems",
]
