"""``extractor snapshot record|check|update``: parse options, call extractor.snapshot, print.

Exit codes: 0 all good, 2 bad usage, 7 a case exists (record without --force) or cannot be
written, 9 a check found a difference (extractor.errors.SnapshotMismatch); browser failures keep
their own codes (3 no browser, 4 navigation, 5 timeout).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import snapshot
from .errors import ExtractorError, SnapshotMismatch, UsageError
from .records import Options

EXAMPLES = """\
examples:
  extractor snapshot record https://example.com/news/a --name example-a
  extractor snapshot record https://example.com/a https://example.com/b --dir snapshots
  extractor snapshot record http://127.0.0.1:8000/case/ --name case --as-origin http://pages.test
  extractor snapshot check                    # every case, offline, from the stored DOM
  extractor snapshot check example-a --live   # render the page again first
  extractor snapshot update                   # rewrite expected files, print what changed
"""


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as UsageError (exit code 2) instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="extractor snapshot",
        description="Record pages once, re-extract them offline, and diff the Markdown and "
        "metadata against the stored expected files.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    rec = commands.add_parser(
        "record",
        help="render pages and store them as snapshot cases",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rec.add_argument("urls", nargs="+", metavar="URL")
    rec.add_argument("--name", help="case name (one URL only); default: a slug of the URL")
    rec.add_argument("--force", action="store_true", help="record over an existing case")
    rec.add_argument(
        "--as-origin",
        metavar="ORIGIN",
        help="store the page as if served from ORIGIN (e.g. http://pages.test), so a local "
        "server's random port is not recorded",
    )
    _dir_option(rec)
    _render_options(rec)

    for name, text in (
        ("check", "re-extract stored pages and diff against the expected files"),
        ("update", "rewrite the expected files from the current extractor"),
    ):
        sub = commands.add_parser(
            name,
            help=text,
            description=text,
            epilog=EXAMPLES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument("names", nargs="*", metavar="NAME", help="cases (default: all)")
        sub.add_argument(
            "--live", action="store_true", help="render each page's URL again (needs a browser)"
        )
        _dir_option(sub)
        _render_options(sub)
    return p


def _dir_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dir",
        type=Path,
        default=snapshot.DEFAULT_DIR,
        help=f"snapshot folder (default: {snapshot.DEFAULT_DIR}/)",
    )


def _render_options(p: argparse.ArgumentParser) -> None:
    """How pages are rendered (record, and check/update with --live); spelled as in `extractor`."""
    ren = p.add_argument_group("rendering")
    ren.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="hard cap per page (30)"
    )
    ren.add_argument("--wait-for", metavar="SELECTOR", help="wait until this CSS selector appears")
    ren.add_argument(
        "--consent",
        choices=("remove", "reject", "accept"),
        default="remove",
        help="remove consent overlays from the capture (default), or click reject/accept",
    )
    ren.add_argument(
        "--browser-path", metavar="PATH", help="Chromium/Chrome executable (or EXTRACTOR_BROWSER)"
    )
    ren.add_argument(
        "--cdp-endpoint", metavar="URL", help="connect to a running browser or pool (CDP)"
    )


def options_from(args: argparse.Namespace) -> Options:
    """Render settings from the command line; extraction settings stay at their defaults."""
    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    return Options(
        timeout_ms=int(args.timeout * 1000),
        wait_for=args.wait_for,
        consent=args.consent,
        browser_path=args.browser_path,
        cdp_endpoint=args.cdp_endpoint,
    )


def main(argv: Sequence[str]) -> int:
    try:
        return _run(build_parser().parse_args(list(argv)))
    except ExtractorError as exc:
        print(f"extractor snapshot: {exc}", file=sys.stderr)
        return exc.exit_code


def _run(args: argparse.Namespace) -> int:
    options = options_from(args)
    if args.command == "check":
        results = snapshot.check(args.dir, args.names, options=options, live=args.live)
        sys.stdout.write(snapshot.check_report(results))
        return exit_code(results, mismatch=SnapshotMismatch.exit_code)
    if args.command == "record":
        targets = snapshot.targets_for(args.urls, args.name)
        results = snapshot.record(
            args.dir, targets, options=options, force=args.force, as_origin=args.as_origin
        )
    else:
        results = snapshot.update(args.dir, args.names, options=options, live=args.live)
    sys.stdout.write(snapshot.update_report(results))
    return exit_code(results)


def exit_code(results: Sequence[snapshot.CaseResult], mismatch: int = 0) -> int:
    """A page that could not be rendered gives its own code; else ``mismatch`` if any differ."""
    error = snapshot.first_error(results)
    if error is not None:
        return error.exit_code
    return mismatch if any(not r.passed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
