"""Typed properties written as Obsidian Web Clipper writes them, and notes read back."""

from __future__ import annotations

import yaml

from extractor.notes.properties import Property, render_front_matter, split_note


def test_typed_properties_in_template_order() -> None:
    text = render_front_matter(
        [
            Property("title", 'Say "hi": a C:\\path', "text"),
            Property("author", "[[Ana Ruiz]], [[Li, Wei]]", "multitext"),
            Property("tags", '["clippings","sea"]', "multitext"),
            Property("published", "2024-06-12", "date"),
            Property("created", "2025-03-04T05:06:07+00:00", "datetime"),
            Property("rating", "4.5 stars", "number"),
            Property("read", "true", "checkbox"),
            Property("empty", "", "text"),
            Property("empty-list", "", "multitext"),
            Property("when", "last Tuesday", "date"),
        ]
    )
    lines = text.splitlines()
    assert lines[0] == "---" and lines[-1] == "---"
    assert lines[1] == 'title: "Say \\"hi\\": a C:\\\\path"'
    assert "published: 2024-06-12" in lines
    assert "created: 2025-03-04T05:06:07+00:00" in lines
    assert "rating: 4.5" in lines and "read: true" in lines
    assert "empty:" in lines and "empty-list:" in lines
    data = yaml.safe_load(text.strip("-\n"))
    assert list(data) == [
        "title",
        "author",
        "tags",
        "published",
        "created",
        "rating",
        "read",
        "empty",
        "empty-list",
        "when",
    ]
    assert data["title"] == 'Say "hi": a C:\\path'
    assert data["author"] == ["[[Ana Ruiz]]", "[[Li, Wei]]"]
    assert data["tags"] == ["clippings", "sea"]
    assert data["rating"] == 4.5 and data["read"] is True
    assert data["empty"] is None and data["when"] == "last Tuesday"


def test_no_properties_no_front_matter() -> None:
    assert render_front_matter([]) == ""


def test_split_note_keeps_every_block_verbatim() -> None:
    text = "---\ntitle: A\ntags:\n  - x\n  - y\nmine: kept # comment\n---\n\nBody\n"
    note = split_note(text)
    assert note.keys() == ["title", "tags", "mine"]
    assert note.blocks[1][1] == "tags:\n  - x\n  - y\n"
    assert note.value("tags") == ["x", "y"]
    assert note.body == "\nBody\n"
    assert not split_note("no front matter\n").fenced


def test_dates_read_back_as_written() -> None:
    assert (
        split_note("---\nsource: x\ncaptured: 2024-06-12\n---\n").value("captured") == "2024-06-12"
    )
