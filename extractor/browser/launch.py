"""Where the browser comes from, how it is launched, and how its failures become our errors.

The only other module that touches Playwright is ``render.py``. This one:
  1. finds a Chromium (explicit path, Playwright's own, a system install), or says what to install;
     a headless run takes Chromium's headless shell where one is installed, as Playwright does;
  2. launches it with the flags that work in containers, or connects to a running one over CDP;
  3. maps Playwright's errors onto ``extractor.errors`` (``map_error``), in one place;
  4. runs a coroutine so that SIGINT/SIGTERM cancel it cleanly and no Chromium outlives it (``run``).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import sys
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from extractor.browser import blocking
from extractor.browser.session import routes_origin
from extractor.errors import (
    ExtractorError,
    NavigationError,
    NoBrowserError,
    NotHtmlError,
    PageTimeoutError,
)
from extractor.records import Options

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, Playwright


T = TypeVar("T")

# Environment variable naming a browser executable (same meaning as Options.browser_path).
BROWSER_ENV = "EXTRACTOR_BROWSER"

# Executable names looked up on PATH, best first.
SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

# Chromium's headless shell, looked up on PATH and then in its usual install paths. A headless run
# without a user profile takes it when found: it renders with the same engine and costs the machine
# far less per page (no window machinery; ``tests/bench/RESULTS.md`` has the figures).
SHELL_NAMES = ("chromium-headless-shell", "chrome-headless-shell", "headless_shell")
SHELL_PATHS = (
    "/usr/lib/chromium/chromium-headless-shell",
    "/usr/lib/chromium/headless_shell",
    "/opt/google/chrome-headless-shell/chrome-headless-shell",
)

# Usual install locations when nothing is on PATH.
SYSTEM_PATHS = (
    "/usr/bin/chromium",
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/opt/google/chrome/chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
)

# Flags that keep a headless Chromium quiet and self-contained.
BASE_FLAGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

# Chromium's local network access checks, off when a route answers the page's origin.
LOCAL_NETWORK_FLAG = "--disable-features=LocalNetworkAccessChecks"

# What to tell the user when no browser is found (one line).
INSTALL_HINT = (
    "no Chromium found: install one (`apt-get install chromium` or `playwright install chromium`) "
    f"or point to it with --browser-path / {BROWSER_ENV}"
)

# A site that asks for HTTP auth that was not given: Chromium fails the navigation
# (ERR_INVALID_AUTH_CREDENTIALS), its headless shell shows the server's 401 page (``auth_asked``).
AUTH_ASKED = (
    "the site asks for HTTP basic auth, not given or refused (--auth-user, --auth-password)"
)

# Substrings of Chromium network errors, and what they mean to a user.
NET_ERRORS = (
    ("ERR_NAME_NOT_RESOLVED", "host name not found"),
    ("ERR_NAME_RESOLUTION_FAILED", "host name not found"),
    ("ERR_CONNECTION_REFUSED", "connection refused"),
    ("ERR_CONNECTION_RESET", "connection reset"),
    ("ERR_CONNECTION_CLOSED", "connection closed"),
    ("ERR_CONNECTION_TIMED_OUT", "connection timed out"),
    ("ERR_ADDRESS_UNREACHABLE", "address unreachable"),
    ("ERR_INTERNET_DISCONNECTED", "no network"),
    ("ERR_CERT_", "TLS certificate error"),
    ("ERR_SSL_", "TLS error"),
    ("ERR_TOO_MANY_REDIRECTS", "too many redirects"),
    ("ERR_FILE_NOT_FOUND", "file not found"),
    ("ERR_UNSAFE_PORT", "the browser refuses this port"),
    ("ERR_INVALID_URL", "invalid URL"),
    ("ERR_HTTP2_", "HTTP/2 protocol error"),
    ("ERR_EMPTY_RESPONSE", "the server sent an empty response"),
    ("ERR_BLOCKED_BY_CLIENT", "blocked (origin not allowed)"),
    ("ERR_INVALID_AUTH_CREDENTIALS", AUTH_ASKED),
    ("ERR_FAILED", "request failed"),
)


# -- finding a browser ---------------------------------------------------------------------------


def _is_executable(path: str | os.PathLike[str] | None) -> bool:
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)  # type: ignore[arg-type]


def playwright_browsers_dir() -> Path:
    """Where ``playwright install`` puts browsers (honours PLAYWRIGHT_BROWSERS_PATH)."""
    configured = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if configured and configured != "0":
        return Path(configured)
    if configured == "0":
        import playwright

        return Path(playwright.__file__).parent / "driver" / "package" / ".local-browsers"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "ms-playwright"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ms-playwright"


def _bundled(name: str, folder: str, executables: tuple[str, ...]) -> str | None:
    """Playwright's own browser ``name`` for the installed Playwright version, if it was
    downloaded: the first of ``executables`` in ``folder``-<revision>. The revision is read from
    Playwright's browsers.json without starting its driver (``launch_args`` is called from plain
    sync code)."""
    try:
        import playwright

        manifest = Path(playwright.__file__).parent / "driver" / "package" / "browsers.json"
        browsers = json.loads(manifest.read_text())["browsers"]
        revision = next(b["revision"] for b in browsers if b["name"] == name)
    except (OSError, ValueError, KeyError, StopIteration, ImportError):
        return None
    root = playwright_browsers_dir() / f"{folder}-{revision}"
    return next((str(root / rel) for rel in executables if _is_executable(root / rel)), None)


def _installed(names: tuple[str, ...], paths: tuple[str, ...]) -> str | None:
    """The first of ``names`` on PATH, else the first of ``paths`` that is an executable."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in paths if _is_executable(path)), None)


def bundled_chromium() -> str | None:
    """Playwright's own Chromium, if downloaded (``launch`` prefers
    ``playwright.chromium.executable_path`` itself)."""
    return _bundled(
        "chromium",
        "chromium",
        (
            "chrome-linux64/chrome",
            "chrome-linux/chrome",
            "chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing",
            "chrome-mac/Chromium.app/Contents/MacOS/Chromium",
            "chrome-win64/chrome.exe",
            "chrome-win/chrome.exe",
        ),
    )


def bundled_headless_shell() -> str | None:
    """Playwright's own headless shell, if downloaded (``playwright install chromium`` fetches it
    beside Chromium)."""
    return _bundled(
        "chromium-headless-shell",
        "chromium_headless_shell",
        (
            "chrome-headless-shell-linux64/chrome-headless-shell",
            "chrome-headless-shell-linux-arm64/chrome-headless-shell",
            "chrome-linux/headless_shell",
            "chrome-headless-shell-mac-arm64/chrome-headless-shell",
            "chrome-headless-shell-mac-x64/chrome-headless-shell",
            "chrome-headless-shell-win64/chrome-headless-shell.exe",
        ),
    )


def system_headless_shell() -> str | None:
    """A headless shell on PATH, else in a usual install location."""
    return _installed(SHELL_NAMES, SHELL_PATHS)


def system_chromium() -> str | None:
    """A Chromium or Chrome on PATH, else in a usual install location."""
    return _installed(SYSTEM_NAMES, SYSTEM_PATHS)


def find_browser(
    options: Options | None = None, bundled: str | None = None, shell: bool = True
) -> str:
    """The Chromium executable to launch.

    Order: an explicit path (Options.browser_path, then $EXTRACTOR_BROWSER) wins; else, when
    ``shell`` (a headless run without a user profile), a headless shell: Playwright's own, then a
    system one; else Playwright's own Chromium (``bundled``, or the one browsers.json names) when
    installed; else a system one. A visible window or a user profile always takes Chromium itself.
    """
    explicit = (options.browser_path if options else None) or os.environ.get(BROWSER_ENV)
    if explicit:
        resolved = explicit if os.sep in explicit else (shutil.which(explicit) or explicit)
        if not _is_executable(resolved):
            raise NoBrowserError(f"browser not found or not executable: {explicit}")
        return resolved
    shells = (bundled_headless_shell(), system_headless_shell()) if shell else ()
    for candidate in (*shells, bundled, bundled_chromium(), system_chromium()):
        if _is_executable(candidate):
            return str(candidate)
    raise NoBrowserError(INSTALL_HINT)


def launch_flags(options: Options | None = None) -> list[str]:
    """Chromium flags; --no-sandbox only when running as root (where the sandbox cannot start).

    Web fonts, trackers and playing media are refused by flags unless ``--load-all`` keeps them
    (``blocking.py``). When the page's own origin is answered through a route (extra headers,
    ``session.py``), Chromium cannot tell that answer's network and would block the page's
    requests to local or private hosts: its local network access checks are switched off for
    such a run only.
    """
    flags = list(BASE_FLAGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    if options is not None and routes_origin(options):
        flags.append(LOCAL_NETWORK_FLAG)
    if options is None or options.block_unneeded:
        flags.extend(blocking.launch_flags())
    return flags


def launch_args(options: Options | None = None, shell: bool = True) -> dict[str, Any]:
    """Keyword arguments for a headless ``BrowserType.launch`` (also used by pytest-playwright's
    fixture); ``shell=False`` for a persistent profile (``find_browser``)."""
    return {"executable_path": find_browser(options, shell=shell), "args": launch_flags()}


# -- launching and connecting --------------------------------------------------------------------


# Where one endpoint ends and the next begins in a comma-separated list: a comma before a scheme
# (a single endpoint's query, e.g. Browserless's ``launch`` JSON, may hold commas of its own).
_NEXT_ENDPOINT = re.compile(r",\s*(?=(?:wss?|https?)://)", re.IGNORECASE)


def cdp_endpoints(value: str | None) -> tuple[str, ...]:
    """The CDP endpoints ``Options.cdp_endpoint`` names: one URL, or several separated by commas."""
    if not value:
        return ()
    return tuple(part.strip() for part in _NEXT_ENDPOINT.split(value) if part.strip())


def endpoint_name(url: str) -> str:
    """An endpoint as messages may show it: without user, password or query (pool tokens)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


async def open_browser(pw: Playwright, options: Options, headless: bool = True) -> Browser:
    """Launch Chromium, or connect to ``options.cdp_endpoint`` (http:// or ws://) when set.

    ``pw`` is the object ``async_playwright()`` yields; returns a Playwright async ``Browser``.
    ``headless=False`` opens a visible window (``extractor auth``).
    """
    from playwright.async_api import Error as PlaywrightError

    timeout = float(max(options.timeout_ms, 1_000))
    endpoints = cdp_endpoints(options.cdp_endpoint)
    if endpoints:  # several: the batch spreads its pages over them; one capture takes the first
        try:
            return await pw.chromium.connect_over_cdp(endpoints[0], timeout=timeout)
        except PlaywrightError as exc:
            raise NoBrowserError(
                f"cannot connect to the browser at {endpoint_name(endpoints[0])}: "
                f"{_first_line(exc)}"
            ) from exc
    bundled = None
    with suppress(PlaywrightError):
        bundled = pw.chromium.executable_path
    executable = find_browser(options, bundled=bundled, shell=headless)
    try:
        return await pw.chromium.launch(
            executable_path=executable,
            args=launch_flags(options),
            headless=headless,
            timeout=timeout,
        )
    except PlaywrightError as exc:
        raise NoBrowserError(f"cannot start {executable}: {_first_line(exc)}") from exc


async def open_profile(
    pw: Playwright, options: Options, settings: dict[str, Any]
) -> BrowserContext:
    """Launch Chromium on the persistent profile ``options.user_data_dir`` (one context, kept
    between runs); ``settings`` are the context settings a fresh context would get."""
    from playwright.async_api import Error as PlaywrightError

    assert options.user_data_dir
    bundled = None
    with suppress(PlaywrightError):
        bundled = pw.chromium.executable_path
    executable = find_browser(options, bundled=bundled, shell=False)
    try:
        return await pw.chromium.launch_persistent_context(
            Path(options.user_data_dir).expanduser(),
            executable_path=executable,
            args=launch_flags(options),
            headless=True,
            timeout=float(max(options.timeout_ms, 1_000)),
            **settings,
        )
    except PlaywrightError as exc:
        raise NoBrowserError(
            f"cannot start {executable} with the profile {options.user_data_dir} "
            f"(is a browser using it?): {_first_line(exc)}"
        ) from exc


# -- errors --------------------------------------------------------------------------------------


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def map_error(exc: BaseException, url: str) -> ExtractorError:
    """Turn a Playwright (or asyncio timeout) error met while loading ``url`` into ours."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    if isinstance(exc, ExtractorError):
        return exc
    message = str(exc)
    if isinstance(exc, PlaywrightTimeout | TimeoutError):
        return PageTimeoutError(f"{url}: timed out (not captured within --timeout)")
    if "Download is starting" in message:
        return NotHtmlError(f"{url}: not HTML (the browser would download it)")
    for marker, meaning in NET_ERRORS:
        if marker in message:
            code = next((w for w in message.split() if "net::" in w), marker)
            return NavigationError(f"{url}: {meaning} ({code.strip('; ')})")
    if "net::ERR_ABORTED" in message:
        return NavigationError(f"{url}: navigation aborted")
    net = next((w for w in message.split() if w.startswith("net::")), None)
    return NavigationError(f"{url}: {net or _first_line(exc)}")


def auth_asked(url: str, status: int | None, headers: dict[str, str], options: Options) -> None:
    """Raise when the main document is a 401 that asks for credentials and none were given
    (a 401 after credentials were given is the server's answer, and a result)."""
    if status == 401 and "www-authenticate" in headers and not options.auth_user:
        raise NavigationError(f"{url}: {AUTH_ASKED} (HTTP 401)")


# -- signals -------------------------------------------------------------------------------------


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived; the work was cancelled and its browser closed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.exit_code = 128 + signum


_HANDLED = (signal.SIGINT, signal.SIGTERM)
# When the work fails, how long to wait for a signal that may have caused the failure (its
# handler runs on the event loop, possibly after the failure it caused arrived).
SIGNAL_GRACE_S = 0.05


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion in a fresh event loop.

    In the main thread, SIGINT and SIGTERM cancel it: its ``async with`` blocks unwind (browsers
    close), then ``Interrupted`` is raised. Previous signal handlers are restored afterwards.
    """
    loop = asyncio.new_event_loop()
    task = loop.create_task(coro)
    received: list[int] = []
    previous: dict[int, Any] = {}

    def on_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        # A Ctrl-C in a terminal reaches Playwright's driver too; it exits, and the futures of
        # the calls in flight end with "Connection closed while reading from the driver". We
        # were interrupted already: that is the expected end, not something to report.
        if not received:
            loop.default_exception_handler(context)

    loop.set_exception_handler(on_loop_error)

    def on_signal(signum: int) -> None:
        if not received:
            received.append(signum)
            task.cancel()

    if threading.current_thread() is threading.main_thread():
        for sig in _HANDLED:
            previous[sig] = signal.getsignal(sig)
            loop.add_signal_handler(sig, on_signal, sig)
    try:
        return loop.run_until_complete(task)
    except (asyncio.CancelledError, Exception):
        # once a signal arrived, however the work ended (a Ctrl-C to the process group also
        # stops the driver and Chromium, failing the calls in flight) it was interrupted
        if not received and previous:
            loop.run_until_complete(asyncio.sleep(SIGNAL_GRACE_S))  # handle one on its way
        if received:
            raise Interrupted(received[0]) from None
        raise
    finally:
        for signum, handler in previous.items():
            loop.remove_signal_handler(signum)
            signal.signal(signum, handler)
        _finish(loop)


def _finish(loop: asyncio.AbstractEventLoop) -> None:
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for t in pending:
        t.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Inside the block, SIGTERM raises ``Interrupted`` like Ctrl-C does (for code outside ``run``).

    ``run`` already handles both signals while a capture is in flight; this covers the rest of a
    command (writing output, snapshot comparison) so it, too, stops with a clean exit code.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in _HANDLED}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


__all__ = [
    "AUTH_ASKED",
    "BROWSER_ENV",
    "INSTALL_HINT",
    "Interrupted",
    "auth_asked",
    "bundled_chromium",
    "bundled_headless_shell",
    "cdp_endpoints",
    "endpoint_name",
    "find_browser",
    "launch_args",
    "launch_flags",
    "map_error",
    "open_browser",
    "open_profile",
    "run",
    "sigterm_as_interrupt",
    "system_chromium",
    "system_headless_shell",
]
