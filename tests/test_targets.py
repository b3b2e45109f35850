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
        ("", "an empty argument"),
        ("   ", "an empty argument"),
        ("http://127.0.0.1:99999/", "port must be a number from 1 to 65535"),
        ("http://127.0.0.1:0/", "port must be a number from 1 to 65535"),
        ("http://127.0.0.1:80a/", "port must be a number from 1 to 65535"),
        ("example.com:70000/a", "port must be a number from 1 to 65535"),
        ("http://:8080/", "URL has no host"),
        ("http://[::1/", "not a valid URL"),
        ("http://exa mple.com/", "not a valid host name"),
    ],
)
def test_bad_targets_are_usage_errors(given: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        resolve_target(given)


def test_a_password_in_a_bad_url_is_not_repeated() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_target("https://ann:hunter2@example.com:123456/")
    assert "hunter2" not in str(caught.value) and "ann:***@" in str(caught.value)


def test_the_highest_port_and_ipv6_hosts_are_urls() -> None:
    assert resolve_target("http://[::1]:65535/") == "http://[::1]:65535/"


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a directory"):
        resolve_target(str(tmp_path))
