"""Write one clipped page into a vault folder as a note: Obsidian (default) or Logseq, from the
built-in layout or an Obsidian Web Clipper template, with its images stored beside it, and
re-clipping by the page's ``source`` (see ``reclip``). Nothing is written outside the vault."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import yaml

from .. import output
from ..errors import OutputError, UsageError
from ..markdown.frontmatter import front_matter
from ..records import Extraction
from ..records import PageImage as Image
from . import clock, logseq, reclip
from .attachments import article_images, inside, relink, save_all
from .clipper import ClipperTemplate, render_note
from .names import logseq_file_name, note_name
from .properties import Property, multitext_items, render_front_matter, split_note
from .variables import PageVariables

NOTE_STYLES = ("obsidian", "logseq")
LINK_STYLES = ("markdown", "wikilink")
MISSING = "missing-images"
# the keys the built-in layout writes: renewed on update, left out when they no longer apply
OWNED = frozenset(
    {
        "title",
        "source",
        "author",
        "published",
        "site",
        "lang",
        "description",
        "image",
        "captured",
        "completeness",
        "walls",
        MISSING,
    }
)


@dataclass(frozen=True)
class NoteSettings:
    """How pages become notes (the CLI's --out-dir and note options)."""

    out_dir: str
    style: str = "obsidian"  # NOTE_STYLES
    template: ClipperTemplate | None = None
    on_exists: str = "update"  # reclip.ON_EXISTS
    save_images: bool = False
    attachments_dir: str = "attachments"
    link_style: str = "markdown"  # LINK_STYLES
    force: bool = False  # a note of another page that has the name is replaced, not numbered


@dataclass(frozen=True)
class Saved:
    path: Path
    action: str  # "created", "updated", "overwritten", "skipped", "added"
    images: int = 0
    missing: int = 0


@dataclass
class Batch:
    """What one run knows: the names it wrote (two pages with one title get two names) and the
    notes of each vault folder by their source, read once per run."""

    taken: set[Path] = field(default_factory=set)
    notes: dict[tuple[Path, str, str], dict[str, Path]] = field(default_factory=dict)

    def find(self, root: Path, key: str, style: str, *urls: str) -> Path | None:
        where = (root, key, style)
        if where not in self.notes:
            self.notes[where] = reclip.index_notes(root, key, style)
        known = self.notes[where]
        for url in urls:
            found = known.get(reclip.page_key(url))
            if found is not None and found.is_file():
                return found
        return None

    def wrote(self, root: Path, key: str, style: str, url: str, path: Path) -> None:
        self.taken.add(path)
        self.notes.setdefault((root, key, style), {})[reclip.page_key(url)] = path


def is_logseq_graph(folder: Path) -> bool:
    return (folder / "logseq" / "config.edn").is_file() or (
        (folder / "pages").is_dir() and (folder / "journals").is_dir()
    )


@dataclass(frozen=True)
class _Draft:
    folder: tuple[str, ...]
    title: str
    props: list[Property] | None  # template properties, or None for the built-in layout
    body: str
    source_key: str
    owned: frozenset[str]


def _draft(result: Extraction, html: str | None, settings: NoteSettings, now: datetime) -> _Draft:
    if settings.template is None:
        title = result.metadata.title or result.final_url or result.url
        return _Draft((), title, None, result.markdown.strip(), "source", OWNED)
    note = render_note(settings.template, PageVariables(result, html, now))
    owned = frozenset({p.name for p in note.properties} | {MISSING})
    return _Draft(
        note.folder,
        note.name,
        list(note.properties),
        note.body,
        settings.template.source_key(),
        owned,
    )


def _compose(
    draft: _Draft, result: Extraction, settings: NoteSettings, captured: str, missing: int
) -> str:
    if settings.style == "logseq":
        if draft.props is None:
            pairs = [
                (k, ", ".join(v) if isinstance(v, list) else str(v))
                for k, v in front_matter(result, captured).items()
            ]
        else:
            pairs = [(p.name, _logseq_value(p)) for p in draft.props]
        if missing:
            pairs.append((MISSING, str(missing)))
        return logseq.page(pairs, draft.body)
    if draft.props is None:
        fields = front_matter(result, captured)
        if missing:
            fields[MISSING] = missing
        header = yaml.safe_dump(
            fields, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
        )
        return f"---\n{header}---\n\n{draft.body}\n" if draft.body else f"---\n{header}---\n"
    props = draft.props + ([Property(MISSING, str(missing), "number")] if missing else [])
    return render_front_matter(props) + draft.body.rstrip("\n") + "\n"


def _logseq_value(prop: Property) -> str:
    if prop.type == "multitext":
        return ", ".join(multitext_items(prop.value))
    if prop.type == "checkbox":
        return "true" if prop.value.strip().lower() in ("true", "1") else "false"
    return prop.value


def _free(path: Path, taken: set[Path]) -> Path:
    """``path``, or the first of "name 2.md", "name 3.md"... that is neither on disk nor taken."""
    candidate, n = path, 2
    while candidate.exists() or candidate in taken:
        candidate = path.with_name(f"{path.stem} {n}{path.suffix}")
        n += 1
    return candidate


def save_note(
    result: Extraction,
    settings: NoteSettings,
    *,
    html: str | None = None,
    images: Sequence[Image] = (),
    now: datetime | None = None,
    batch: Batch | None = None,
    report: Callable[[str], None] | None = None,
) -> Saved:
    """Write (or re-clip) the note of one page; see ``NoteSettings``."""
    moment = now or clock.now()
    batch = batch or Batch()
    vault = Path(settings.out_dir)
    root = vault / "pages" if settings.style == "logseq" and is_logseq_graph(vault) else vault
    draft = _draft(result, html, settings, moment)
    note_dir = root.joinpath(*draft.folder)
    if not inside(vault, note_dir):
        raise OutputError(f"{note_dir} is outside the vault {vault}")

    stored = missing = 0
    if settings.save_images:
        attach_dir = note_dir / settings.attachments_dir
        if not inside(vault, attach_dir):
            raise UsageError(
                f"--attachments-dir {settings.attachments_dir} leaves the vault {vault}"
            )
        inline = [Image(u) for u in article_images(result.article_html) if u.startswith("data:")]
        names = save_all([*images, *inline], attach_dir, vault, report)
        rel = Path(os.path.relpath(attach_dir.resolve(), note_dir.resolve())).as_posix()
        wikilinks = settings.link_style == "wikilink" and settings.style == "obsidian"
        linked = relink(draft.body, names, "" if rel == "." else rel, wikilinks)
        draft = replace(draft, body=linked.text)
        stored, missing = linked.stored, linked.missing

    text = _compose(draft, result, settings, clock.stamp(moment), missing)
    name = logseq_file_name(draft.title) if settings.style == "logseq" else note_name(draft.title)
    source = result.final_url or result.url
    found = batch.find(root, draft.source_key, settings.style, source, result.url)
    action = "created"
    if found is not None and settings.on_exists == "skip":
        return Saved(found, "skipped")
    if found is not None and settings.on_exists in ("update", "overwrite"):
        path = found
        if settings.on_exists == "update":
            old = found.read_text(encoding="utf-8", errors="replace")
            merge = reclip.update_logseq if settings.style == "logseq" else reclip.update_markdown
            if settings.style == "logseq" or split_note(old).fenced:
                text = merge(old, text, set(draft.owned))
            action = "updated"
        else:
            action = "overwritten"
    else:
        path = note_dir / f"{name}.md"
        if found is not None:
            action = "added"
        if settings.force and found is None and path not in batch.taken:
            pass  # --force: a note of another page under this name is replaced
        else:
            path = _free(path, batch.taken)
    output.write_atomic(path, text, force=path == found or settings.force)
    batch.wrote(root, draft.source_key, settings.style, source, path)
    return Saved(path, action, stored, missing)
