"""What the commands share: a parser that reports bad usage in one line, and the render and
browser options, spelled the same in `extractor` and `extractor snapshot`."""

from __future__ import annotations

import argparse
from typing import Any

from extractor.errors import UsageError


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports bad usage as UsageError (one line, exit code 2), never a usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


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
        "--cdp-endpoint", metavar="URL", help="connect to a running browser or pool (CDP)"
    )
    return ren


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
        "consent": args.consent,
        "browser_path": args.browser_path,
        "cdp_endpoint": args.cdp_endpoint,
    }
