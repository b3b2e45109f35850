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

from extractor.auth import check_session_files, strip_credentials
from extractor.cli.options import ArgumentParser, add_render_options, render_settings
from extractor.errors import ExtractorError, SnapshotMismatch
from extractor.records import Options
from extractor.snapshot import cases as snapshot

EXAMPLES = """\
examples:
  extractor snapshot record https://example.com/news/a --name example-a
  extractor snapshot record https://example.com/a https://example.com/b --dir snapshots
  extractor snapshot record http://127.0.0.1:8000/case/ --name case --as-origin http://pages.test
  extractor snapshot check                    # every case, offline, from the stored DOM
  extractor snapshot check example-a --live   # render the page again first
  extractor snapshot update                   # rewrite expected files, print what changed
"""


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(
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
    add_render_options(rec)

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
        add_render_options(sub)
    return p


def _dir_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dir",
        type=Path,
        default=snapshot.DEFAULT_DIR,
        help=f"snapshot folder (default: {snapshot.DEFAULT_DIR}/)",
    )


def options_from(args: argparse.Namespace) -> Options:
    """Render settings from the command line; extraction settings stay at their defaults."""
    return Options(**render_settings(args))


def main(argv: Sequence[str]) -> int:
    try:
        return _run(build_parser().parse_args(list(argv)))
    except ExtractorError as exc:
        print(f"extractor snapshot: {strip_credentials(str(exc))}", file=sys.stderr)
        return exc.exit_code


def _run(args: argparse.Namespace) -> int:
    options = options_from(args)
    for warning in check_session_files(options):
        print(f"extractor snapshot: {warning}", file=sys.stderr)
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
