"""Images in the vault: typed by their bytes, named by their content, linked from the note."""

from __future__ import annotations

import base64
import random
import struct
import zlib
from pathlib import Path

import pytest

from extractor.errors import OutputError
from extractor.notes.attachments import (
    article_images,
    decode_data_url,
    image_type,
    relink,
    store,
)


def png(seed: int = 0, size: int = 2) -> bytes:
    """A real PNG of ``size`` x ``size`` pixels of noise drawn from ``seed``."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    noise = random.Random(seed)
    raw = b"".join(
        b"\x00" + bytes(noise.randrange(256) for _ in range(3 * size)) for _ in range(size)
    )
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (png(), "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
        (b"GIF89a\x01\x00", "gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x1cftypavif\x00", "avif"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "svg"),
        (b"  <svg viewBox='0 0 1 1'></svg>", "svg"),
        (b"<!doctype html><html><body>Forbidden</body></html>", None),
        (b"", None),
    ],
)
def test_image_type_from_bytes(data: bytes, kind: str | None) -> None:
    assert image_type(data) == kind


def test_data_urls() -> None:
    assert decode_data_url("data:image/png;base64," + base64.b64encode(png()).decode()) == png()
    assert decode_data_url("data:image/svg+xml,%3Csvg%2F%3E") == b"<svg/>"
    assert decode_data_url("data:image/png;base64,@@@") is None


def test_article_images_http_and_data_only_in_order() -> None:
    html = (
        '<div><img src="https://a.example/1.png"><img src="file:///etc/passwd">'
        '<img src="data:image/gif;base64,R0lGODlh"><img src="https://a.example/1.png">'
        '<img src="javascript:alert(1)"></div>'
    )
    assert article_images(html) == ["https://a.example/1.png", "data:image/gif;base64,R0lGODlh"]


def test_store_dedupes_by_content_and_stays_in_the_vault(tmp_path: Path) -> None:
    folder = tmp_path / "attachments"
    first = store(png(1), folder, tmp_path)
    again = store(png(1), folder, tmp_path)
    other = store(png(2), folder, tmp_path)
    assert first == again and first != other and first is not None and first.endswith(".png")
    assert sorted(p.name for p in folder.iterdir()) == sorted({first, other})
    assert store(b"<html>not an image</html>", folder, tmp_path) is None
    with pytest.raises(OutputError):
        store(png(3), tmp_path.parent / "elsewhere", tmp_path)


def test_relink_markdown_and_wikilinks() -> None:
    text = (
        '![A chart](https://a.example/c%20d.png "Caption")\n\n'
        "[![thumb](https://a.example/t.png)](https://a.example/big)\n\n"
        "![gone](https://a.example/404.png)\n\n![local](notes/x.png)"
    )
    stored = {"https://a.example/c d.png": "abc.png", "https://a.example/t.png": "def.jpg"}
    out = relink(text, stored, "../attachments")
    assert out.text.splitlines()[0] == '![A chart](../attachments/abc.png "Caption")'
    assert "[![thumb](../attachments/def.jpg)](https://a.example/big)" in out.text
    assert "![gone](https://a.example/404.png)" in out.text
    assert (out.stored, out.missing) == (2, 1)
    wiki = relink(text, stored, "attachments", wikilinks=True)
    assert (
        wiki.text.startswith("![[abc.png]]")
        and "[![[def.jpg]]](https://a.example/big)" in wiki.text
    )
