"""The user's session in the browser: what a context loads, where extra headers and basic auth
go, a persistent profile, and ``extractor auth`` (a visible window in which the user signs in).

  - cookies and localStorage from ``--storage-state`` / ``--cookies`` are cut to each URL's site
    (``extractor.auth``) before they enter the context of its capture;
  - extra headers go only to the origin of the URL given: a route on the page adds them to
    requests for that origin, fetches those without following redirects and hands a redirect to
    the browser, so nothing added travels with it to another host;
  - basic auth is answered by the browser when that origin, and only it, asks (in a profile,
    whose context is shared by every URL, it is sent to the origin by the same route instead);
  - ``--user-data-dir`` runs one persistent context for the whole run instead of fresh ones;
  - ``record_session`` saves cookies, localStorage and IndexedDB to a 0600 file.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from extractor.auth import (
    Credentials,
    SessionFiles,
    load_session_files,
    public_headers,
    redact,
    secret_values,
    split_credentials,
    strip_credentials,
)
from extractor.errors import ExtractorError, NoBrowserError, OutputError
from extractor.output import write_atomic
from extractor.records import Options, RenderedPage, ServedDocument, WallSighting

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Page, Route

# Environment variables that say a graphical display is there (X11, Wayland).
DISPLAY_VARS = ("DISPLAY", "WAYLAND_DISPLAY")
# What `extractor auth` says where it cannot open a window.
NO_DISPLAY = (
    "no display to open a browser window on: run `extractor auth` where there is one and copy "
    "the file here, or bring the session with --cookies FILE (a cookies.txt exported from your "
    "browser) or --user-data-dir DIR (a browser profile)"
)
# The schemes whose origins get extra headers, and their default ports.
DEFAULT_PORTS = {"http": 80, "https": 443}
# Mode of the files `extractor auth` writes: read and write for the owner only.
SESSION_FILE_MODE = 0o600
# Playwright fetch failures, and the network error the browser is told instead.
FETCH_ERRORS = (
    ("ECONNREFUSED", "connectionrefused"),
    ("ENOTFOUND", "namenotresolved"),
    ("EAI_AGAIN", "namenotresolved"),
    ("ECONNRESET", "connectionreset"),
    ("Timeout", "timedout"),
)
# A redirect the extra headers follow when it stays on their origin, hop by hop, within a limit.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10


class AuthCancelled(ExtractorError):
    """The sign-in window was closed before the session was saved."""

    exit_code = 130


# -- what a run brings -------------------------------------------------------------------------


def with_url_credentials(url: str, options: Options) -> tuple[str, Options]:
    """Take ``user:password@`` out of ``url`` and into the options' basic auth (unless the
    options already name a user)."""
    clean, found = split_credentials(url)
    if found is None or options.auth_user:
        return clean, options
    return clean, replace(options, auth_user=found.user, auth_password=found.password)


def credentials(options: Options) -> Credentials | None:
    if not options.auth_user:
        return None
    return Credentials(options.auth_user, options.auth_password or "")


def uses_session(options: Options) -> bool:
    """A session was brought: a storage state, a cookies file or a browser profile."""
    return bool(options.storage_state or options.cookies_file or options.user_data_dir)


def session_files(options: Options) -> SessionFiles:
    return load_session_files(options.storage_state, options.cookies_file)


def secrets_of(options: Options, files: SessionFiles) -> tuple[str, ...]:
    extra = [value for _, value in options.headers]
    if options.auth_password:
        extra.append(options.auth_password)
    return secret_values(files, extra)


def context_settings(options: Options, url: str, files: SessionFiles) -> dict[str, Any]:
    """Extra ``new_context`` settings for a capture of ``url``: its site's storage state, and
    basic auth answered for its origin only."""
    settings: dict[str, Any] = {}
    if files.cookies or files.origins:
        settings["storage_state"] = files.for_url(url)
    found = credentials(options)
    if found is not None and (origin := origin_of(url)):
        settings["http_credentials"] = {
            "username": found.user,
            "password": found.password,
            "origin": origin,
        }
    return settings


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of an http(s) URL as browsers spell an origin (lower case, no
    credentials, no default port); None for other URLs."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    try:
        port = parts.port
    except ValueError:
        return None
    shown = "" if port in (None, DEFAULT_PORTS[scheme]) else f":{port}"
    return f"{scheme}://{host}{shown}"


def origin_headers(options: Options, profile: bool) -> dict[str, str]:
    """The headers added to requests for the given URL's origin (lower-case names). In a profile
    (whose context cannot be given per-URL credentials) basic auth is sent this way too."""
    headers = {name.lower(): value for name, value in options.headers}
    found = credentials(options)
    if profile and found is not None and "authorization" not in headers:
        headers["authorization"] = found.header()
    return headers


def routes_origin(options: Options) -> bool:
    """Requests for the given URL's origin are answered through a route (``prepare_page``)."""
    return bool(options.headers or (options.user_data_dir and options.auth_user))


# -- in the browser ----------------------------------------------------------------------------


async def prepare_page(
    page: Page, options: Options, url: str, timeout_ms: int, profile: bool = False
) -> None:
    """Route the page's requests for ``url``'s origin through one that adds the extra headers."""
    from playwright.async_api import Error as PlaywrightError

    origin = origin_of(url)
    added = origin_headers(options, profile)
    if origin is None or not added:
        return

    async def add_headers(route: Route) -> None:
        request = route.request
        if origin_of(request.url) != origin:
            await route.fallback()
            return
        headers = {**await request.all_headers(), **added}
        for name in ("host", "content-length"):
            headers.pop(name, None)
        try:
            response = await route.fetch(headers=headers, max_redirects=0, timeout=timeout_ms)
            if response.status in REDIRECT_STATUSES and await _stays_on(
                origin, route, request.url, response.headers.get("location"), headers, timeout_ms
            ):
                # the browser follows it again, the headers with it: every hop is this origin's
                await route.continue_(headers=headers)
                return
        except PlaywrightError as exc:  # the request must still be answered: say which error
            text = str(exc)
            code = next((c for marker, c in FETCH_ERRORS if marker in text), "failed")
            await route.abort(code)
            return
        await route.fulfill(response=response)  # the browser follows a redirect without them

    await page.route("**/*", add_headers)


async def _stays_on(
    origin: str,
    route: Route,
    url: str,
    location: str | None,
    headers: dict[str, str],
    timeout_ms: int,
) -> bool:
    """Does the redirect chain from ``url`` end on ``origin`` without leaving it (checked hop
    by hop, nothing followed elsewhere)?"""
    for _ in range(MAX_REDIRECTS):
        if not location:
            return False
        url = urljoin(url, location)
        if origin_of(url) != origin:
            return False
        hop = await route.fetch(url=url, headers=headers, max_redirects=0, timeout=timeout_ms)
        if hop.status not in REDIRECT_STATUSES:
            return True
        location = hop.headers.get("location")
    return False


async def add_profile_cookies(context: BrowserContext, files: SessionFiles, url: str) -> None:
    """A persistent profile gets the URL's cookies from the session files added to its own."""
    cookies = files.for_url(url)["cookies"]
    if cookies:
        await context.add_cookies(cookies)


def finish(page: RenderedPage, options: Options, files: SessionFiles) -> RenderedPage:
    """The captured page as it may be kept: marked when a session was used, with the session
    headers dropped and every secret value and URL credential taken out."""
    secrets = secrets_of(options, files)

    def clean(text: str) -> str:
        return strip_credentials(redact(text, secrets))

    return replace(
        page,
        session=uses_session(options),
        url=clean(page.url),
        final_url=clean(page.final_url),
        headers={k: clean(v) for k, v in public_headers(page.headers).items()},
        server_html=None if page.server_html is None else redact(page.server_html, secrets),
        dom_html=redact(page.dom_html, secrets),
        sightings=tuple(
            WallSighting(s.phrase_id, redact(s.text, secrets), s.first_seen_ms, s.cleared_ms)
            for s in page.sightings
        ),
        documents=tuple(  # the earlier documents of a redirect chain, cleaned the same way
            ServedDocument(
                url=clean(d.url),
                status=d.status,
                headers={k: clean(v) for k, v in public_headers(d.headers).items()},
                html=redact(d.html, secrets),
            )
            for d in page.documents
        ),
    )


# -- extractor auth ----------------------------------------------------------------------------


def has_display() -> bool:
    """A window can be shown: macOS, Windows, or X11/Wayland named in the environment."""
    if sys.platform in ("darwin", "win32"):
        return True
    return any(os.environ.get(name) for name in DISPLAY_VARS)


# What stands between opening the page and saving the session: the user signing in.
SignIn = Callable[["Page"], Awaitable[None]]


async def record_session(
    url: str,
    path: Path,
    options: Options,
    *,
    sign_in: SignIn | None = None,
    headless: bool = False,
    force: bool = False,
) -> Path:
    """Open ``url`` in a browser, let the user sign in (``sign_in``: by default, until Enter is
    pressed in the terminal), and save the session (cookies, localStorage, IndexedDB) to ``path``
    with mode 0600. Nothing is written when the window is closed first."""
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import async_playwright

    from extractor.browser.launch import map_error, open_browser  # launch imports this module

    if not headless and not has_display():
        raise NoBrowserError(NO_DISPLAY)
    if path.exists() and not force:
        raise OutputError(f"{path} exists; pass --force to overwrite it")
    shown = strip_credentials(url)
    url, options = with_url_credentials(url, options)
    try:
        async with async_playwright() as pw:
            browser = await open_browser(pw, options, headless=headless)
            try:
                settings = context_settings(options, url, SessionFiles())
                context = await browser.new_context(**settings)
                page = await context.new_page()
                await page.goto(url, timeout=options.timeout_ms)
                await (sign_in or wait_for_enter)(page)
                state = await context.storage_state(indexed_db=True)
            finally:
                await browser.close()
    except (PlaywrightError, TimeoutError) as exc:  # loading the page failed: say how, in one line
        raise map_error(exc, shown) from exc
    write_atomic(path, json.dumps(state, indent=2) + "\n", force=force)
    os.chmod(path, SESSION_FILE_MODE)
    return path


async def wait_for_enter(page: Page) -> None:
    """Until the user presses Enter in the terminal; AuthCancelled if the window closes first."""
    loop = asyncio.get_running_loop()
    entered: asyncio.Future[None] = loop.create_future()

    def done() -> None:
        if not entered.done():
            entered.set_result(None)

    def read_line() -> None:  # a daemon thread: a pending read never keeps the process alive
        sys.stdin.readline()
        loop.call_soon_threadsafe(done)

    def closed(_: Any) -> None:
        if not entered.done():
            entered.set_exception(
                AuthCancelled("the browser window was closed before Enter; nothing was saved")
            )

    page.on("close", closed)
    page.context.on("close", closed)
    threading.Thread(target=read_line, daemon=True).start()
    await entered
