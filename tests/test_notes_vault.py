"""Notes written into a vault folder: images beside them, templates, Logseq, re-clipping."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from extractor.errors import OutputError, UsageError
from extractor.notes.clipper import parse_template
from extractor.notes.vault import Batch, NoteSettings, save_note
from extractor.records import Extraction, Metadata
from extractor.records import PageImage as Image
from tests.test_notes_attachments import png

NOW = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Templates show local time: pin it."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


URL = "https://news.example/2025/tides"
INLINE = "data:image/png;base64," + base64.b64encode(png(9)).decode()


def extraction(title: str = "Tides: a guide", body_extra: str = "") -> Extraction:
    markdown = (
        "Twice a day the sea comes in.\n\n"
        "![Chart](https://cdn.example/chart.png)\n\n"
        f"![Inline]({INLINE})\n\n"
        "![Lost](https://cdn.example/lost.png)\n\n"
        "![Chart again](https://cdn.example/chart.png)" + body_extra
    )
    html = (
        '<div><p>Twice a day.</p><img src="https://cdn.example/chart.png">'
        f'<img src="{INLINE}"><img src="https://cdn.example/lost.png"></div>'
    )
    return Extraction(
        url=URL,
        final_url=URL,
        status=200,
        metadata=Metadata(title=title, byline="Ana Ruiz", lang="en"),
        walls=(),
        article_html=html,
        markdown=markdown,
    )


FETCHED = [Image("https://cdn.example/chart.png", png(1)), Image("https://cdn.example/lost.png")]


def front(path: Path) -> dict[str, object]:
    text = path.read_text()
    return dict(yaml.safe_load(text.split("---\n")[1]))


def test_default_note_with_images(tmp_path: Path) -> None:
    settings = NoteSettings(out_dir=str(tmp_path), save_images=True)
    saved = save_note(extraction(), settings, images=FETCHED, now=NOW)
    assert saved.path == tmp_path / "Tides a guide.md"
    assert (saved.action, saved.images, saved.missing) == ("created", 2, 1)
    files = sorted(p.name for p in (tmp_path / "attachments").iterdir())
    assert len(files) == 2 and all(f.endswith(".png") for f in files)
    text = saved.path.read_text()
    assert text.count("](attachments/") == 3  # the chart twice, one file
    assert "![Lost](https://cdn.example/lost.png)" in text
    meta = front(saved.path)
    assert meta["source"] == URL and meta["missing-images"] == 1
    assert meta["captured"] == "2025-03-04T05:06:07Z"


def test_wikilink_embeds(tmp_path: Path) -> None:
    settings = NoteSettings(out_dir=str(tmp_path), save_images=True, link_style="wikilink")
    text = save_note(extraction(), settings, images=FETCHED, now=NOW).path.read_text()
    names = sorted(p.name for p in (tmp_path / "attachments").iterdir())
    assert all(f"![[{n}]]" in text for n in names)


TEMPLATE = parse_template(
    {
        "schemaVersion": "0.1.0",
        "name": "Clippings",
        "behavior": "create",
        "noteNameFormat": '{{date|date:"YYYY-MM-DD"}} {{title|safe_name}}',
        "path": "Clippings/{{domain}}",
        "noteContentFormat": "# {{title}}\n\n{{content}}",
        "properties": [
            {"name": "title", "value": "{{title}}", "type": "text"},
            {"name": "source", "value": "{{url}}", "type": "text"},
            {"name": "author", "value": '{{author|split:", "|wikilink|join}}', "type": "multitext"},
            {"name": "created", "value": '{{date|date:"YYYY-MM-DD"}}', "type": "date"},
            {"name": "description", "value": "{{description}}", "type": "text"},
            {"name": "tags", "value": "clippings", "type": "multitext"},
        ],
    }
)


def test_template_note_in_its_folder_with_images_beside_it(tmp_path: Path) -> None:
    settings = NoteSettings(out_dir=str(tmp_path), template=TEMPLATE, save_images=True)
    saved = save_note(extraction(), settings, images=FETCHED, now=NOW)
    assert saved.path == tmp_path / "Clippings" / "news.example" / "2025-03-04 Tides a guide.md"
    assert (saved.path.parent / "attachments").is_dir()
    text = saved.path.read_text()
    assert text.startswith(
        '---\ntitle: "Tides: a guide"\nsource: "https://news.example/2025/tides"\n'
        'author:\n  - "[[Ana Ruiz]]"\ncreated: 2025-03-04\ndescription:\ntags:\n  - "clippings"\n'
        "missing-images: 1\n---\n# Tides: a guide\n\n"
    )
    assert "](attachments/" in text


def test_reclip_update_keeps_what_the_user_added(tmp_path: Path) -> None:
    settings = NoteSettings(out_dir=str(tmp_path), template=TEMPLATE)
    first = save_note(extraction(), settings, now=NOW).path
    edited = first.read_text().replace(
        'tags:\n  - "clippings"\n', 'tags:\n  - "clippings"\n  - "to-read"\nrating: 4\n'
    )
    first.write_text(edited + "\nMy own note at the end.\n")
    later = datetime(2025, 4, 1, tzinfo=UTC)
    again = save_note(
        extraction(title="Tides: the guide", body_extra="\n\nUpdated."), settings, now=later
    )
    assert again.path == first and again.action == "updated"
    assert sorted(p.name for p in first.parent.iterdir()) == [first.name]
    meta = front(first)
    assert meta["title"] == "Tides: the guide" and meta["rating"] == 4
    assert meta["tags"] == ["clippings", "to-read"]
    assert str(meta["created"]) == "2025-04-01"
    assert "Updated." in first.read_text()


def test_on_exists_skip_overwrite_new(tmp_path: Path) -> None:
    base = NoteSettings(out_dir=str(tmp_path))
    path = save_note(extraction(), base, now=NOW).path
    path.write_text(path.read_text().replace("title:", "mine: 1\ntitle:"))
    skipped = save_note(extraction(), replace(base, on_exists="skip"), now=NOW)
    assert skipped.action == "skipped" and "mine: 1" in path.read_text()
    updated = save_note(extraction(), base, now=NOW)
    assert updated.path == path and "mine: 1" in path.read_text()
    overwritten = save_note(extraction(), replace(base, on_exists="overwrite"), now=NOW)
    assert overwritten.path == path and "mine: 1" not in path.read_text()
    added = save_note(extraction(), replace(base, on_exists="new"), now=NOW)
    assert added.path == tmp_path / "Tides a guide 2.md" and added.action == "added"


def test_another_page_with_the_same_title_gets_its_own_note(tmp_path: Path) -> None:
    settings = NoteSettings(out_dir=str(tmp_path))
    batch = Batch()
    one = save_note(extraction(), settings, now=NOW, batch=batch).path
    other = replace(extraction(), url=URL + "-2", final_url=URL + "-2")
    two = save_note(other, settings, now=NOW, batch=batch).path
    assert one != two and one.read_text() != two.read_text()


def test_logseq_graph(tmp_path: Path) -> None:
    (tmp_path / "logseq").mkdir()
    (tmp_path / "logseq" / "config.edn").write_text("{}")
    (tmp_path / "pages").mkdir()
    settings = NoteSettings(
        out_dir=str(tmp_path), style="logseq", save_images=True, attachments_dir="../assets"
    )
    saved = save_note(extraction(title="Sea/Tides: a guide?"), settings, images=FETCHED, now=NOW)
    assert saved.path == tmp_path / "pages" / "Sea___Tides%3A a guide%3F.md"
    text = saved.path.read_text()
    assert text.startswith(
        "title:: Sea/Tides: a guide?\nsource:: https://news.example/2025/tides\n"
    )
    assert "\n- Twice a day the sea comes in.\n" in text and "](../assets/" in text
    assert (tmp_path / "assets").is_dir()
    again = save_note(extraction(title="Sea/Tides: a guide?"), settings, images=FETCHED, now=NOW)
    assert again.path == saved.path and again.action == "updated"
    assert len(list((tmp_path / "pages").iterdir())) == 1


def test_nothing_outside_the_vault(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    escape = NoteSettings(out_dir=str(vault), save_images=True, attachments_dir="../../x")
    with pytest.raises(UsageError, match="attachments-dir"):
        save_note(extraction(), escape, images=FETCHED, now=NOW)
    (tmp_path / "outside").mkdir()
    vault.mkdir()
    (vault / "Clippings").symlink_to(tmp_path / "outside")
    linked = NoteSettings(out_dir=str(vault), template=replace(TEMPLATE, path="Clippings"))
    with pytest.raises(OutputError, match="outside the vault"):
        save_note(extraction(), linked, now=NOW)
    sneaky = replace(TEMPLATE, path="../{{domain}}")
    with pytest.raises(UsageError):
        save_note(extraction(), NoteSettings(out_dir=str(vault), template=sneaky), now=NOW)
    assert not (tmp_path / "x").exists() and not (tmp_path / "news.example").exists()
    assert not any((tmp_path / "outside").iterdir())


def test_same_clock_same_bytes(tmp_path: Path) -> None:
    a = NoteSettings(out_dir=str(tmp_path / "a"), template=TEMPLATE)
    b = NoteSettings(out_dir=str(tmp_path / "b"), template=TEMPLATE)
    one = save_note(extraction(), a, now=NOW).path.read_bytes()
    two = save_note(extraction(), b, now=NOW).path.read_bytes()
    assert one == two


def test_one_batch_clips_a_page_twice_into_one_note(tmp_path: Path) -> None:
    settings = NoteSettings(out_dir=str(tmp_path))
    batch = Batch()
    first = save_note(extraction(), settings, now=NOW, batch=batch)
    slash = replace(extraction(), url=URL + "/", final_url=URL + "/")
    second = save_note(slash, settings, now=NOW, batch=batch)
    assert (first.action, second.action) == ("created", "updated")
    assert second.path == first.path and len(list(tmp_path.glob("*.md"))) == 1
