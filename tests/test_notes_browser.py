"""Clipping into a vault with the browser: images behind hotlink protection, templates, Logseq,
clipping again after the user edited the note."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from extractor.notes.attachments import image_type
from extractor.records import Options
from tests.livebrowser import Browser

pytestmark = pytest.mark.browser

PAGE = "vault-images/"


def hits(base: str, path: str) -> int:
    with urllib.request.urlopen(f"{base}_hits?path=/{PAGE}{path}") as answer:
        return int(answer.read())


def test_images_come_through_the_pages_own_session(live: Browser, pages_url: str) -> None:
    guarded = pages_url + PAGE + "img/quay-1600.png"
    with pytest.raises(urllib.error.HTTPError) as refused:  # the protection is real
        urllib.request.urlopen(
            urllib.request.Request(guarded, headers={"Referer": pages_url + PAGE})
        )
    assert refused.value.code == 403
    refused.value.close()  # the error holds the response and its socket
    before = {p: hits(pages_url, p) for p in ("img/harbour.jpg", "img/quay-1600.png")}

    async def take() -> tuple[dict[str, bytes | None], dict[str, str | None]]:
        options = Options(save_images=True)
        page, _ = await live.session.capture_and_extract(pages_url + PAGE, options)
        short = {im.url.removeprefix(pages_url + PAGE): im for im in page.images}
        return {k: v.data for k, v in short.items()}, {k: v.error for k, v in short.items()}

    data, errors = live.call(take())
    kinds = {url: image_type(body) if body else None for url, body in data.items()}
    assert kinds == {
        "img/harbour.jpg": "png",  # PNG bytes behind a .jpg name and an octet-stream type
        "img/quay-1600.png": "png",  # the srcset's largest, which the page itself never loaded
        "img/tide-chart.svg": "svg",
        "img/old-crane.png": None,
        "img/crane.png": "png",  # lazy: loaded once scrolled into view
    }
    assert errors["img/old-crane.png"] == "HTTP 404"
    # the photo the page loaded was not asked for again; the one it did not load was, once
    assert hits(pages_url, "img/harbour.jpg") == before["img/harbour.jpg"] + 1
    assert hits(pages_url, "img/quay-1600.png") == before["img/quay-1600.png"] + 1


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "TZ": "UTC"}
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


TEMPLATE = {
    "schemaVersion": "0.1.0",
    "name": "Photo stories",
    "behavior": "create",
    "noteNameFormat": "{{title}}",
    "path": "Clippings/{{site|safe_name}}",
    "noteContentFormat": "{{content}}",
    "properties": [
        {"name": "title", "value": "{{title}}", "type": "text"},
        {"name": "source", "value": "{{url}}", "type": "text"},
        {"name": "author", "value": '{{author|split:", "|wikilink|join}}', "type": "multitext"},
        {"name": "created", "value": '{{date|date:"YYYY-MM-DD"}}', "type": "date"},
        {"name": "tags", "value": "clippings", "type": "multitext"},
    ],
}


def test_template_clip_with_images_then_clip_again_after_edits(
    pages_url: str, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    template = tmp_path / "photo-stories.json"
    template.write_text(json.dumps(TEMPLATE))
    args = (pages_url + PAGE, "--out-dir", str(vault), "--template", str(template))
    first = run_cli(*args, "--save-images", "--link-style", "wikilink")
    assert first.returncode == 0, first.stderr
    (note,) = (vault / "Clippings" / "Port Gazette").glob("*.md")
    assert note.name == "Harbour works a year in pictures.md"
    stored = sorted(p.name for p in (note.parent / "attachments").iterdir())
    assert len(stored) == 5  # harbour, quay, chart, the data: map, crane
    text = note.read_text()
    assert all(f"![[{name}]]" in text for name in stored)
    assert text.startswith(
        '---\ntitle: "Harbour works: a year in pictures"\nsource: "' + pages_url + PAGE + '"\n'
        'author:\n  - "[[Mara Quist]]"\ncreated: 2023-11-14\ntags:\n  - "clippings"\n'
        "missing-images: 1\n---\n"
    )
    # the user renames the note, adds a property and a tag, and writes in it
    edited = note.with_name("Harbour (my notes).md")
    note.rename(edited)
    edited.write_text(
        edited.read_text().replace('  - "clippings"\n', '  - "clippings"\n  - "ports"\nrating: 5\n')
    )
    second = run_cli(*args, "--save-images", "--link-style", "wikilink")
    assert second.returncode == 0, second.stderr
    assert "updated" in second.stderr
    assert [p.name for p in edited.parent.glob("*.md")] == ["Harbour (my notes).md"]
    meta = yaml.safe_load(edited.read_text().split("---\n")[1])
    assert meta["rating"] == 5 and meta["tags"] == ["clippings", "ports"]
    assert sorted(p.name for p in (edited.parent / "attachments").iterdir()) == stored
    skipped = run_cli(*args, "--on-exists", "skip")
    assert skipped.returncode == 0 and "skipped" in skipped.stderr


def test_logseq_graph(pages_url: str, tmp_path: Path) -> None:
    graph = tmp_path / "graph"
    for folder in ("pages", "journals", "logseq"):
        (graph / folder).mkdir(parents=True)
    proc = run_cli(
        pages_url + PAGE,
        "--out-dir",
        str(graph),
        "--note-style",
        "logseq",
        "--save-images",
        "--attachments-dir",
        "../assets",
    )
    assert proc.returncode == 0, proc.stderr
    page = graph / "pages" / "Harbour works%3A a year in pictures.md"
    text = page.read_text()
    assert text.startswith("title:: Harbour works: a year in pictures\nsource:: ")
    assert "\n- The harbour board closed the old quay" in text
    assert "](../assets/" in text and len(list((graph / "assets").iterdir())) == 5
