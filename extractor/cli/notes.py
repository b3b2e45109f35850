"""The note options of `extractor` (--out-dir as a vault): parsed here, done in extractor.notes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from extractor.errors import UsageError
from extractor.notes import load_template
from extractor.notes.reclip import ON_EXISTS
from extractor.notes.vault import LINK_STYLES, NOTE_STYLES, NoteSettings, Saved
from extractor.records import Options

DEFAULTS = Options()
MEGABYTE = 1_000_000


def add_note_options(p: argparse.ArgumentParser) -> None:
    notes = p.add_argument_group("notes (with --out-dir)")
    notes.add_argument(
        "--template",
        metavar="FILE",
        help="render notes with a template exported from Obsidian Web Clipper (JSON)",
    )
    notes.add_argument(
        "--note-style",
        choices=NOTE_STYLES,
        default="obsidian",
        help="Obsidian notes (default), or Logseq pages (into pages/ of a Logseq graph)",
    )
    notes.add_argument(
        "--on-exists",
        choices=ON_EXISTS,
        default="update",
        help="when the page's note is there already (found by its source): update it "
        "(default; your own properties and tags stay), overwrite, skip, or write a new one",
    )
    notes.add_argument(
        "--save-images",
        action="store_true",
        help="store the article's images in the vault, taken through the page's own session",
    )
    notes.add_argument(
        "--attachments-dir",
        metavar="PATH",
        default="attachments",
        help="where images go, relative to the note's folder (attachments)",
    )
    notes.add_argument(
        "--link-style",
        choices=LINK_STYLES,
        default="markdown",
        help="image links as relative Markdown links (default) or Obsidian embeds ![[name]]",
    )
    notes.add_argument(
        "--max-images",
        type=int,
        default=DEFAULTS.image_max_count,
        metavar="N",
        help=f"at most N images per page ({DEFAULTS.image_max_count})",
    )
    notes.add_argument(
        "--max-image-size",
        type=float,
        default=DEFAULTS.image_max_bytes / MEGABYTE,
        metavar="MB",
        help=f"larger images stay remote ({DEFAULTS.image_max_bytes // MEGABYTE})",
    )


def image_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The Options fields of --save-images and its limits."""
    if args.max_images < 1:
        raise UsageError("--max-images must be at least 1")
    if args.max_image_size <= 0:
        raise UsageError("--max-image-size must be more than 0")
    return {
        "save_images": args.save_images,
        "image_max_count": args.max_images,
        "image_max_bytes": int(args.max_image_size * MEGABYTE),
    }


def note_settings(args: argparse.Namespace) -> NoteSettings | None:
    """How pages become notes, or None when they are not written as notes."""
    noted = (
        args.template or args.save_images or args.note_style != "obsidian",
        args.link_style != "markdown" or args.attachments_dir != "attachments",
    )
    if not args.out_dir:
        if any(noted):
            raise UsageError(
                "--template, --note-style, --save-images and the image options need --out-dir"
            )
        return None
    out_dir = Path(args.out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out-dir {args.out_dir}: exists and is not a folder")
    if args.format != "markdown":
        if any(noted):
            raise UsageError("notes are Markdown: these options do not go with --format")
        return None
    if args.link_style == "wikilink" and args.note_style == "logseq":
        raise UsageError("--link-style wikilink writes Obsidian embeds; Logseq pages link images")
    if Path(args.attachments_dir).is_absolute():
        raise UsageError("--attachments-dir is relative to the note's folder, inside --out-dir")
    template = load_template(args.template) if args.template else None
    if template is not None and not args.quiet:
        for problem in template.problems():
            print(f"extractor: --template {args.template}: {problem}", file=sys.stderr)
    return NoteSettings(
        out_dir=args.out_dir,
        style=args.note_style,
        template=template,
        on_exists=args.on_exists,
        save_images=args.save_images,
        attachments_dir=args.attachments_dir,
        link_style=args.link_style,
        force=args.force,
    )


def saved_line(saved: Saved) -> str:
    """What a written note says on stderr."""
    line = f"{saved.action} {saved.path}"
    if saved.images or saved.missing:
        line += f" ({saved.images} images stored"
        line += f", {saved.missing} could not be had, left remote)" if saved.missing else ")"
    return line
