"""Re-clipping: the note is found by its source, owned keys renewed, the user's keys kept."""

from __future__ import annotations

from pathlib import Path

from extractor.notes.reclip import find_note, update_logseq, update_markdown

OLD = """---
title: Old title
source: https://a.example/story/
rating: 5
tags:
  - mine
captured: '2024-01-01T00:00:00Z'
walls:
- 'paywall, rendered: subscribe'
---

Old body with my own edit.
"""

NEW = """---
title: New title
source: https://a.example/story/
tags:
  - clipped
captured: '2025-01-01T00:00:00Z'
---

New body.
"""


def test_update_renews_owned_keys_and_keeps_the_users() -> None:
    merged = update_markdown(OLD, NEW, {"title", "source", "captured", "walls", "tags"})
    assert merged == (
        "---\n"
        "title: New title\n"
        "source: https://a.example/story/\n"
        "rating: 5\n"
        'tags:\n  - "clipped"\n  - "mine"\n'
        "captured: '2025-01-01T00:00:00Z'\n"
        "---\n\nNew body.\n"
    )


def test_update_logseq() -> None:
    old = "title:: Old\nsource:: https://a.example/\nmy-rating:: 5\ntags:: mine\n\n- old body\n"
    new = "title:: New\nsource:: https://a.example/\ntags:: clipped\n\n- new body\n"
    merged = update_logseq(old, new, {"title", "source", "tags"})
    assert merged == (
        "title:: New\nsource:: https://a.example/\nmy-rating:: 5\ntags:: clipped, mine\n\n- new body\n"
    )


def test_find_note_by_source_even_after_a_rename(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Renamed by me.md").write_text(OLD)
    (tmp_path / "other.md").write_text("---\nsource: https://a.example/other/\n---\n")
    (tmp_path / "plain.md").write_text("no front matter\n")
    (tmp_path / ".trash").mkdir()
    (tmp_path / ".trash" / "old.md").write_text(OLD)
    assert find_note(tmp_path, "https://a.example/story") == tmp_path / "sub" / "Renamed by me.md"
    assert find_note(tmp_path, "https://a.example/none/") is None


def test_find_note_in_a_list_source_and_in_logseq(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text('---\nsource:\n  - "https://a.example/x"\n---\n')
    assert find_note(tmp_path, "https://a.example/x") == tmp_path / "a.md"
    (tmp_path / "b.md").write_text("title:: B\nsource:: https://b.example/\n\n- body\n")
    assert find_note(tmp_path, "https://b.example/", style="logseq") == tmp_path / "b.md"
