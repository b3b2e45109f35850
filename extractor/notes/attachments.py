"""Images stored beside notes: named by their content, typed by their bytes, linked relatively.

Pure parts (which images an article keeps, what a file's bytes are, how a note links to it)
and the one writer that puts image files into an attachment folder, never outside the vault.
The bytes themselves come from the rendering browser (``extractor.browser``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes, urlsplit

from lxml import html as lxml_html

from ..errors import OutputError
from ..records import PageImage as Image

# how many hex digits of the SHA-256 name a stored image
HASH_CHARS = 20
MAX_IMAGE_BYTES = 25_000_000
MAX_IMAGES = 200
FETCHABLE = ("http", "https")


def article_images(article_html: str) -> list[str]:
    """The image URLs an article keeps, in order, once each (http(s) and data: only)."""
    if not article_html.strip():
        return []
    root = lxml_html.fragment_fromstring(article_html, create_parent="div")
    found = []
    for img in root.iter("img"):
        src = (img.get("src") or "").strip()
        if urlsplit(src).scheme.lower() in (*FETCHABLE, "data"):
            found.append(src)
    return list(dict.fromkeys(found))


def image_type(data: bytes) -> str | None:
    """The file extension the bytes call for, or None when they are not an image."""
    head = data[:64]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "avif"
    if head[:2] == b"BM":
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:4] == b"\x00\x00\x01\x00":
        return "ico"
    text = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in text:
        return "svg"
    return None


def decode_data_url(url: str) -> bytes | None:
    """The bytes of a ``data:`` URL (base64 or percent-encoded), None when malformed."""
    head, comma, payload = url.partition(",")
    if not comma or not head.lower().startswith("data:"):
        return None
    if head.lower().endswith(";base64"):
        try:
            return base64.b64decode(
                re.sub(r"\s+", "", unquote_to_bytes(payload).decode()), validate=True
            )
        except (binascii.Error, ValueError):
            return None
    return unquote_to_bytes(payload)


def stored_name(data: bytes, kind: str) -> str:
    return f"{hashlib.sha256(data).hexdigest()[:HASH_CHARS]}.{kind}"


def inside(root: Path, path: Path) -> bool:
    """Whether ``path`` (symlinks followed) lies within ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def store(data: bytes, folder: Path, vault: Path) -> str | None:
    """Write the image once into ``folder`` (inside ``vault``); its file name, or None when the
    bytes are not an image."""
    kind = image_type(data)
    if kind is None:
        return None
    name = stored_name(data, kind)
    target = folder / name
    if not inside(vault, target):
        raise OutputError(f"{folder} is outside the vault {vault}")
    if target.is_file() and target.stat().st_size == len(data):
        return name  # stored before: same bytes, same name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return name


# -- links in the note --------------------------------------------------------------------

_MD_IMAGE = re.compile(
    r"!\[((?:\\.|[^\]\\])*)\]\(\s*(<[^>]*>|[^)\s]+)((?:\s+\"(?:\\.|[^\"\\])*\")?)\s*\)"
)
_URL_DECODE = {"%20": " ", "%28": "(", "%29": ")", "%3C": "<", "%3E": ">", "%2A": "*"}


def _target_url(target: str) -> str:
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    return re.sub(r"%(?:20|28|29|3C|3E|2A)", lambda m: _URL_DECODE[m[0]], target)


def link_path(name: str, folder: str) -> str:
    """A Markdown link target for an attachment, relative to the note."""
    path = f"{folder.rstrip('/')}/{name}" if folder else name
    return quote(path, safe="/.-_~")


@dataclass(frozen=True)
class Relinked:
    text: str
    stored: int
    missing: int


def relink(text: str, stored: Mapping[str, str], folder: str, wikilinks: bool = False) -> Relinked:
    """Point each image of ``text`` whose URL was stored at its file; count the rest."""
    done: set[str] = set()
    missed: set[str] = set()

    def swap(match: re.Match[str]) -> str:
        url = _target_url(match[2])
        name = stored.get(url)
        if name is None:
            if urlsplit(url).scheme.lower() in (*FETCHABLE, "data"):
                missed.add(url)
            return match[0]
        done.add(url)
        if wikilinks:
            return f"![[{name}]]"
        return f"![{match[1]}]({link_path(name, folder)}{match[3]})"

    out = _MD_IMAGE.sub(swap, text)
    return Relinked(text=out, stored=len(done), missing=len(missed))


def save_all(
    images: list[Image],
    folder: Path,
    vault: Path,
    report: Callable[[str], None] | None = None,
) -> dict[str, str]:
    """Store every image that has bytes; URL -> file name for those that were stored."""
    names: dict[str, str] = {}
    for image in images:
        data = image.data
        if data is None and image.url.lower().startswith("data:"):
            data = decode_data_url(image.url)
        if data is None or len(data) > MAX_IMAGE_BYTES:
            continue
        name = store(data, folder, vault)
        if name is not None:
            names[image.url] = name
        elif report is not None:
            report(f"{image.url[:80]}: not an image")
    return names
