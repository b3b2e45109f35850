"""Browser discovery, launch flags, error mapping and signal handling, without a browser."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import stat
from pathlib import Path

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from extractor.browser import launch as browser
from extractor.errors import NavigationError, NoBrowserError, NotHtmlError, PageTimeoutError
from extractor.records import Options


def fake_executable(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def bare(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A machine with nothing installed: empty PATH, no usual paths, no Playwright browsers."""
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.delenv(browser.BROWSER_ENV, raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "ms-playwright"))
    monkeypatch.setattr(browser, "SYSTEM_PATHS", ())
    monkeypatch.setattr(browser, "SHELL_PATHS", ())
    return tmp_path


def playwright_revision(name: str = "chromium") -> str:
    import playwright

    manifest = Path(playwright.__file__).parent / "driver" / "package" / "browsers.json"
    browsers = json.loads(manifest.read_text())["browsers"]
    return str(next(b["revision"] for b in browsers if b["name"] == name))


def test_nothing_installed_says_what_to_install_in_one_line(bare: Path) -> None:
    with pytest.raises(NoBrowserError) as caught:
        browser.find_browser()
    message = str(caught.value)
    assert "\n" not in message
    assert "apt-get install chromium" in message and "playwright install chromium" in message
    assert "--browser-path" in message and browser.BROWSER_ENV in message


@pytest.mark.parametrize("name", browser.SYSTEM_NAMES)
def test_system_browser_found_on_path(bare: Path, name: str) -> None:
    exe = fake_executable(bare / "bin", name)
    assert browser.find_browser() == str(exe)


def test_names_on_path_are_tried_best_first(bare: Path) -> None:
    fake_executable(bare / "bin", "google-chrome")
    chromium = fake_executable(bare / "bin", "chromium")
    assert browser.find_browser() == str(chromium)


def test_a_non_executable_file_is_not_a_browser(bare: Path) -> None:
    (bare / "bin").mkdir()
    (bare / "bin" / "chromium").write_text("not a program")
    with pytest.raises(NoBrowserError):
        browser.find_browser()


def test_usual_install_path_when_path_is_empty(bare: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = fake_executable(bare / "opt" / "chrome", "chrome")
    monkeypatch.setattr(browser, "SYSTEM_PATHS", (str(bare / "missing"), str(exe)))
    assert browser.find_browser() == str(exe)


def test_playwright_chromium_preferred_over_system(bare: Path) -> None:
    fake_executable(bare / "bin", "chromium")
    root = bare / "ms-playwright" / f"chromium-{playwright_revision()}" / "chrome-linux64"
    bundled = fake_executable(root, "chrome")
    assert browser.bundled_chromium() == str(bundled)
    assert browser.find_browser() == str(bundled)


def test_playwright_executable_path_used_when_it_exists(bare: Path) -> None:
    fake_executable(bare / "bin", "chromium")
    given = fake_executable(bare / "pw", "chrome")
    assert browser.find_browser(bundled=str(given)) == str(given)
    assert browser.find_browser(bundled=str(bare / "pw" / "gone")) == str(bare / "bin" / "chromium")


def test_a_headless_run_takes_the_headless_shell(bare: Path) -> None:
    chromium = fake_executable(bare / "bin", "chromium")
    shell = fake_executable(bare / "bin", "chromium-headless-shell")
    assert browser.find_browser() == str(shell)
    assert browser.launch_args()["executable_path"] == str(shell)
    # a visible window or a user profile takes Chromium itself
    assert browser.find_browser(shell=False) == str(chromium)
    assert browser.launch_args(shell=False)["executable_path"] == str(chromium)


def test_playwright_headless_shell_comes_first(bare: Path) -> None:
    fake_executable(bare / "bin", "chromium-headless-shell")
    given = fake_executable(bare / "pw", "chrome")
    revision = playwright_revision("chromium-headless-shell")
    root = bare / "ms-playwright" / f"chromium_headless_shell-{revision}"
    shell = fake_executable(root / "chrome-headless-shell-linux64", "chrome-headless-shell")
    assert browser.bundled_headless_shell() == str(shell)
    assert browser.find_browser(bundled=str(given)) == str(shell)
    assert browser.find_browser(bundled=str(given), shell=False) == str(given)


def test_a_shell_in_its_install_path(bare: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_executable(bare / "bin", "chromium")
    shell = fake_executable(bare / "lib" / "chromium", "chromium-headless-shell")
    monkeypatch.setattr(browser, "SHELL_PATHS", (str(bare / "missing"), str(shell)))
    assert browser.find_browser() == str(shell)


def test_explicit_path_wins(bare: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_executable(bare / "bin", "chromium")
    from_env = fake_executable(bare / "env", "my-chrome")
    from_option = fake_executable(bare / "opt", "other-chrome")
    fake_executable(bare / "bin", "chromium-headless-shell")
    monkeypatch.setenv(browser.BROWSER_ENV, str(from_env))
    assert browser.find_browser() == str(from_env)
    assert browser.find_browser(Options(browser_path=str(from_option))) == str(from_option)


def test_explicit_path_that_does_not_exist_is_an_error(
    bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_executable(bare / "bin", "chromium")
    monkeypatch.setenv(browser.BROWSER_ENV, str(bare / "nowhere" / "chrome"))
    with pytest.raises(NoBrowserError, match="nowhere"):
        browser.find_browser()


@pytest.mark.parametrize(("euid", "sandboxed"), [(0, False), (1000, True)])
def test_no_sandbox_only_as_root(
    monkeypatch: pytest.MonkeyPatch, euid: int, sandboxed: bool
) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: euid)
    flags = browser.launch_flags()
    assert ("--no-sandbox" not in flags) is sandboxed
    assert {"--disable-gpu", "--disable-background-networking", "--no-first-run"} <= set(flags)


def test_launch_args_for_pytest_playwright(bare: Path) -> None:
    exe = fake_executable(bare / "bin", "chromium")
    args = browser.launch_args()
    assert args["executable_path"] == str(exe)
    assert args["args"] == browser.launch_flags()


URL = "https://example.org/a"


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (PlaywrightError(f"net::ERR_NAME_NOT_RESOLVED at {URL}"), NavigationError, "host name"),
        (PlaywrightError(f"net::ERR_CONNECTION_REFUSED at {URL}"), NavigationError, "refused"),
        (PlaywrightError(f"net::ERR_CERT_AUTHORITY_INVALID at {URL}"), NavigationError, "TLS"),
        (PlaywrightError(f"net::ERR_SSL_PROTOCOL_ERROR at {URL}"), NavigationError, "TLS"),
        (PlaywrightTimeout("Timeout 3000ms exceeded."), PageTimeoutError, "timed out"),
        (TimeoutError(), PageTimeoutError, "timed out"),
        (PlaywrightError("Download is starting"), NotHtmlError, "not HTML"),
        (PlaywrightError("Target crashed\nCall log: ..."), NavigationError, "Target crashed"),
    ],
)
def test_playwright_errors_map_to_ours(error: Exception, kind: type, words: str) -> None:
    mapped = browser.map_error(error, URL)
    assert type(mapped) is kind
    assert words in str(mapped) and URL in str(mapped)
    assert "\n" not in str(mapped)


def test_net_error_code_is_kept_for_the_user() -> None:
    mapped = browser.map_error(PlaywrightError(f"net::ERR_CONNECTION_RESET at {URL}"), URL)
    assert "net::ERR_CONNECTION_RESET" in str(mapped)


@pytest.mark.parametrize(
    ("status", "headers", "options", "asked"),
    [
        (401, {"www-authenticate": 'Basic realm="x"'}, Options(), True),
        (401, {"www-authenticate": 'Basic realm="x"'}, Options(auth_user="ed"), False),
        (401, {}, Options(), False),
        (200, {"www-authenticate": 'Basic realm="x"'}, Options(), False),
        (None, {}, Options(), False),
    ],
)
def test_a_401_asking_for_credentials_not_given_is_an_error(
    status: int | None, headers: dict[str, str], options: Options, asked: bool
) -> None:
    # the same line whether the browser failed the navigation or showed the server's 401 page
    if not asked:
        browser.auth_asked(URL, status, headers, options)
        return
    with pytest.raises(NavigationError) as caught:
        browser.auth_asked(URL, status, headers, options)
    failed = browser.map_error(PlaywrightError(f"net::ERR_INVALID_AUTH_CREDENTIALS at {URL}"), URL)
    assert browser.AUTH_ASKED in str(caught.value) and browser.AUTH_ASKED in str(failed)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_run_turns_a_signal_into_cancellation_and_cleanup(signum: signal.Signals) -> None:
    before = signal.getsignal(signum)
    cleaned: list[str] = []

    async def work() -> None:
        try:
            os.kill(os.getpid(), signum)
            await asyncio.sleep(10)
        finally:
            cleaned.append("closed")

    with pytest.raises(browser.Interrupted) as caught:
        browser.run(work())
    assert cleaned == ["closed"]
    assert caught.value.signum == signum and caught.value.exit_code == 128 + signum
    assert signal.getsignal(signum) is before


def test_run_returns_the_result() -> None:
    async def work() -> int:
        await asyncio.sleep(0)
        return 42

    assert browser.run(work()) == 42


def test_sigterm_as_interrupt() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(browser.Interrupted), browser.sigterm_as_interrupt():
        os.kill(os.getpid(), signal.SIGTERM)
    assert signal.getsignal(signal.SIGTERM) is before
