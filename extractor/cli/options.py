"""What the commands share: a parser that reports bad usage in one line, and the render,
browser and session options, spelled the same in `extractor` and `extractor snapshot`."""

from __future__ import annotations

import argparse
import os
from typing import Any

from extractor.auth import parse_header, strip_credentials
from extractor.errors import UsageError

# Environment variable holding the basic auth password (so that it is not on the command line).
PASSWORD_ENV = "EXTRACTOR_AUTH_PASSWORD"
# argparse's message for words it does not know; they may hold a mistyped option's secret value.
UNRECOGNIZED = "unrecognized arguments: "


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports bad usage as UsageError (one line, exit code 2), never a usage dump,
    and never repeats a word that could be a secret."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith(UNRECOGNIZED):
            words = message[len(UNRECOGNIZED) :].split()
            named = [w.split("=")[0] for w in words if w.startswith("-")]
            message = UNRECOGNIZED + (" ".join(named) or f"{len(words)} word(s)")
        raise UsageError(strip_credentials(message))


def add_render_options(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """How pages are rendered, and which browser renders them. Returns the rendering group."""
    ren = p.add_argument_group("rendering")
    ren.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="hard cap per page (30)"
    )
    ren.add_argument("--wait-for", metavar="SELECTOR", help="wait until this CSS selector appears")
    ren.add_argument(
        "--wall-wait",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="how long a bot check or loading wall may take to clear (10)",
    )
    ren.add_argument("--no-scroll", action="store_true", help="do not scroll to load lazy content")
    ren.add_argument(
        "--load-all",
        action="store_true",
        help="also load web fonts, audio/video and trackers (refused by default)",
    )
    ren.add_argument(
        "--consent",
        choices=("remove", "reject", "accept"),
        default="remove",
        help="remove consent overlays from the capture (default), or click reject/accept",
    )
    brw = p.add_argument_group("browser")
    brw.add_argument(
        "--browser-path", metavar="PATH", help="Chromium/Chrome executable (or EXTRACTOR_BROWSER)"
    )
    brw.add_argument(
        "--cdp-endpoint",
        metavar="URL",
        action="append",
        help="connect to a running browser or pool (CDP); repeat it (or separate URLs with "
        "commas) to spread a batch's pages over several",
    )
    add_session_options(p)
    return ren


def add_session_options(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """How the user's session is brought to every page."""
    ses = p.add_argument_group("session (pages you may read: see `extractor auth`)")
    ses.add_argument(
        "--storage-state",
        metavar="FILE",
        help="cookies and localStorage saved by `extractor auth` (Playwright's storage state)",
    )
    ses.add_argument(
        "--cookies", metavar="FILE", help="a Netscape cookies.txt (browser export, curl, yt-dlp)"
    )
    ses.add_argument(
        "--user-data-dir", metavar="DIR", help="run in this browser profile (kept between runs)"
    )
    ses.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="send this header to the given URL's origin only (repeatable)",
    )
    ses.add_argument("--auth-user", metavar="USER", help="HTTP basic auth user (or in the URL)")
    ses.add_argument(
        "--auth-password", metavar="PASSWORD", help=f"HTTP basic auth password (or {PASSWORD_ENV})"
    )
    return ses


def session_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The Options fields the session options set, checked; a message never repeats a value."""
    headers = tuple(parse_header(raw) for raw in args.header)
    password = args.auth_password or os.environ.get(PASSWORD_ENV)
    if args.auth_password and not args.auth_user:
        raise UsageError("--auth-password needs --auth-user")
    if args.user_data_dir and args.storage_state:
        raise UsageError("--user-data-dir and --storage-state do not go together")
    if args.user_data_dir and args.cdp_endpoint:
        raise UsageError("--user-data-dir and --cdp-endpoint do not go together")
    return {
        "storage_state": args.storage_state,
        "cookies_file": args.cookies,
        "user_data_dir": args.user_data_dir,
        "headers": headers,
        "auth_user": args.auth_user,
        "auth_password": password if args.auth_user else None,
    }


def render_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The Options fields the render options set, checked."""
    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    if args.wall_wait < 0:
        raise UsageError("--wall-wait must be zero or more seconds")
    return {
        "timeout_ms": int(args.timeout * 1000),
        "wait_for": args.wait_for,
        "wall_wait_ms": int(args.wall_wait * 1000),
        "scroll": not args.no_scroll,
        "block_unneeded": not args.load_all,
        "consent": args.consent,
        "browser_path": args.browser_path,
        "cdp_endpoint": ",".join(args.cdp_endpoint) if args.cdp_endpoint else None,
        **session_settings(args),
    }
