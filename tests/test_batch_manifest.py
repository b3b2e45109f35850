from pathlib import Path

from extractor.batch.manifest import MANIFEST_NAME, Entry, Manifest, done_urls, parse_lines


def entry(url: str, status: str, file: str | None = "a.md") -> Entry:
    return Entry(
        url=url, status=status, file=file, time="2026-01-01T00:00:00Z", seconds=1.0, index=0
    )


def test_last_line_for_a_url_wins_and_failed_is_not_done(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    manifest.append(entry("https://a.example/", "failed", None))
    manifest.append(entry("https://a.example/", "ok"))
    manifest.append(entry("https://b.example/", "walled", "b.md"))
    manifest.append(entry("https://c.example/", "ok", "c.md"))
    manifest.append(entry("https://c.example/", "failed", None))
    manifest.close()
    loaded = Manifest(tmp_path).load()
    assert done_urls(loaded) == {"https://a.example/", "https://b.example/"}
    assert loaded["https://c.example/"].status == "failed"


def test_a_line_cut_short_by_a_kill_is_skipped_and_the_next_append_stays_readable(
    tmp_path: Path,
) -> None:
    path = tmp_path / MANIFEST_NAME
    path.write_text(entry("https://a.example/", "ok").to_json() + "\n" + '{"url": "https://b.exa')
    manifest = Manifest(tmp_path)
    assert set(manifest.load()) == {"https://a.example/"}
    manifest.append(entry("https://c.example/", "ok", "c.md"))
    manifest.close()
    assert set(Manifest(tmp_path).load()) == {"https://a.example/", "https://c.example/"}


def test_unknown_status_and_foreign_lines_are_ignored() -> None:
    lines = [
        '{"url": "x", "status": "maybe", "file": null, "time": "", "seconds": 0, "index": 0}',
        "[1, 2]",
        "not json",
        "",
    ]
    assert parse_lines(lines) == {}


def test_missing_manifest_is_empty(tmp_path: Path) -> None:
    assert Manifest(tmp_path / "new").load() == {}
