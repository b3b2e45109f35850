from pathlib import Path

import pytest

from extractor.browser.targets import resolve_target
from extractor.errors import UsageError


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
        ("example.com", "https://example.com"),
        ("news.example.co.uk/story/1", "https://news.example.co.uk/story/1"),
    ],
)
def test_urls_and_bare_hosts(given: str, expected: str) -> None:
    assert resolve_target(given) == expected


def test_local_file_becomes_file_url(tmp_path: Path) -> None:
    page = tmp_path / "page one.html"
    page.write_text("<p>x</p>")
    assert resolve_target(str(page)) == page.resolve().as_uri()
    assert resolve_target(page.resolve().as_uri()) == page.resolve().as_uri()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("not a url", "not a URL or an existing file"),
        ("ftp://example.com/x", "unsupported URL scheme 'ftp'"),
        ("http:///path", "URL has no host"),
        ("file:///no/such/file.html", "no such file"),
        ("saved-page.html", "no such file"),
    ],
)
def test_bad_targets_are_usage_errors(given: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        resolve_target(given)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a directory"):
        resolve_target(str(tmp_path))
