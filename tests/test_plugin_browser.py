"""The plugin with pytest-playwright's ``page``: a test signs in, then snapshots what it sees."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

CONFTEST = """
import pytest
from extractor.browser.launch import launch_args

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **launch_args()}
"""

TEST_LOGIN = """
URL = {url!r}

def test_members_story(page, extract, markdown_snapshot):
    page.goto(URL)
    page.fill("#user", "reader@example.org")
    page.fill("#password", "not-a-real-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("article p")
    assert extract(page) == markdown_snapshot

def test_rendered_by_url(extract, markdown_snapshot):
    assert extract({static!r}) == markdown_snapshot
"""


@pytest.mark.browser
def test_a_driven_page_is_snapshotted_as_the_test_left_it(
    pytester: pytest.Pytester, pages_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)  # --snapshot-update refuses on CI unless forced
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(
        test_login=TEST_LOGIN.format(
            url=pages_url + "login-form-then-story/", static=pages_url + "relative-links/"
        )
    )
    first = pytester.runpytest_subprocess("--snapshot-update", "-p", "no:cacheprovider")
    first.assert_outcomes(passed=2)
    stored = pytester.path / "snapshots/test_login.test_members_story-chromium/expected.md"
    markdown = stored.read_text()
    assert "dredging contract costing almost twice" in markdown
    assert "reader@example.org" in markdown  # the DOM as the test left it, after signing in
    assert "Sign in to keep reading" not in markdown and "Password" not in markdown

    again = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    again.assert_outcomes(passed=2)
    assert stored.read_text() == markdown
    by_url = pytester.path / "snapshots/test_login.test_rendered_by_url/expected.md"
    assert "parish registers, council minutes" in by_url.read_text()
