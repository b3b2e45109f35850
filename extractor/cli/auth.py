"""``extractor auth URL FILE``: sign in in a visible browser window and save the session.

Exit codes: 0 saved, 2 bad usage, 3 no browser or no display to show it on, 4/5 the page did not
load, 7 FILE exists (without --force) or cannot be written, 130 the window was closed first.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from extractor.auth import strip_credentials
from extractor.browser.launch import Interrupted, run
from extractor.browser.session import NO_DISPLAY, has_display, record_session
from extractor.browser.targets import resolve_target
from extractor.cli.options import ArgumentParser
from extractor.errors import ExtractorError, NoBrowserError, OutputError, UsageError
from extractor.records import Options

EXAMPLES = """\
examples:
  extractor auth https://news.example/login news.json
  extractor https://news.example/a --storage-state news.json
"""


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(
        prog="extractor auth",
        description="Open a visible browser window at URL; sign in there (two-factor and "
        "challenges work), then press Enter here. The session (cookies, localStorage, "
        "IndexedDB) is saved to FILE, readable by you only, for --storage-state.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("url", metavar="URL", help="where to sign in (the site's login page)")
    p.add_argument("file", metavar="FILE", help="where to save the session")
    p.add_argument("--force", action="store_true", help="overwrite FILE")
    p.add_argument(
        "--timeout", type=float, default=60.0, metavar="SECONDS", help="to load URL (60)"
    )
    p.add_argument(
        "--browser-path", metavar="PATH", help="Chromium/Chrome executable (or EXTRACTOR_BROWSER)"
    )
    return p


def main(argv: Sequence[str]) -> int:
    try:
        args = build_parser().parse_args(list(argv))
        if args.timeout <= 0:
            raise UsageError("--timeout must be a positive number of seconds")
        url = resolve_target(args.url)
        options = Options(timeout_ms=int(args.timeout * 1000), browser_path=args.browser_path)
        path = Path(args.file).expanduser()
        if not has_display():
            raise NoBrowserError(NO_DISPLAY)
        if path.exists() and not args.force:
            raise OutputError(f"{path} exists; pass --force to overwrite it")
        print(
            f"extractor auth: sign in in the browser window, then press Enter here to save "
            f"the session to {path}",
            file=sys.stderr,
        )
        run(record_session(url, path, options, force=args.force))
        print(f"extractor auth: saved to {path} (mode 0600)", file=sys.stderr)
        return 0
    except ExtractorError as exc:
        print(f"extractor auth: {strip_credentials(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except Interrupted as exc:
        print("extractor auth: interrupted; nothing was saved", file=sys.stderr)
        return exc.exit_code
