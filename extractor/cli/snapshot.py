"""``extractor snapshot record|check|update|review|accept|reject``: parse, call the library, print.

Exit codes: 0 all good, 2 bad usage (a write refused on CI included), 7 a case exists (record
without --force) or cannot be written, 9 a check found a difference
(extractor.errors.SnapshotMismatch); browser failures keep their own codes (3 no browser,
4 navigation or a request the recording lacks, 5 timeout).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from extractor.auth import check_session_files, strip_credentials
from extractor.cli.options import ArgumentParser, add_render_options, render_settings
from extractor.errors import ExtractorError, SnapshotMismatch, UsageError
from extractor.output import write_atomic
from extractor.records import Options
from extractor.snapshot import cases as snapshot
from extractor.snapshot import ci, pending
from extractor.snapshot.junit import junit_xml

EXAMPLES = """\
examples:
  extractor snapshot record https://example.com/news/a --name example-a
  extractor snapshot record https://example.com/a https://example.com/b --dir snapshots
  extractor snapshot record http://127.0.0.1:8000/case/ --name case --as-origin http://pages.test
  extractor snapshot check                    # every case, offline, from the stored DOM
  extractor snapshot check --replay           # render again from the recorded network, offline
  extractor snapshot check example-a --live   # render the page again first
  extractor snapshot check --write-pending --junit report.xml --jobs 4
  extractor snapshot review                   # each pending change: diff, accept/reject/skip
  extractor snapshot accept example-a         # or: reject; no name: every pending case
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

    def command(name: str, text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name,
            help=text,
            description=text,
            epilog=EXAMPLES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        return sub

    rec = command("record", "render pages and store them (and their network) as snapshot cases")
    rec.add_argument("urls", nargs="+", metavar="URL")
    rec.add_argument("--name", help="case name (one URL only); default: a slug of the URL")
    rec.add_argument("--force", action="store_true", help="record over an existing case")
    rec.add_argument(
        "--as-origin",
        metavar="ORIGIN",
        help="store the page as if served from ORIGIN (e.g. http://pages.test), so a local "
        "server's random port is not recorded",
    )
    rec.add_argument(
        "--no-network",
        dest="network",
        action="store_false",
        help="do not store the page's network (check --replay then cannot render it)",
    )
    _common(rec, jobs=True, allow_ci=True)

    chk = command("check", "re-extract stored pages and diff against the expected files")
    chk.add_argument("names", nargs="*", metavar="NAME", help="cases (default: all)")
    how = chk.add_mutually_exclusive_group()
    how.add_argument(
        "--live", action="store_true", help="render each page's URL again (needs a browser)"
    )
    how.add_argument(
        "--replay",
        action="store_true",
        help="render each page again from its recorded network alone (offline, needs a browser)",
    )
    chk.add_argument(
        "--write-pending",
        action="store_true",
        help="write what a failing case got beside its expected files (expected.md.new, ...)",
    )
    chk.add_argument(
        "--junit", type=Path, metavar="FILE", help="write a JUnit XML report, one test per case"
    )
    _common(chk, jobs=True)

    upd = command("update", "rewrite the expected files from the current extractor")
    upd.add_argument("names", nargs="*", metavar="NAME", help="cases (default: all)")
    upd.add_argument(
        "--live", action="store_true", help="render each page's URL again (needs a browser)"
    )
    _common(upd, jobs=True, allow_ci=True)

    for name, text in (
        ("review", "walk through pending changes: diff, then accept, reject or skip each"),
        ("accept", "replace the expected files with their pending versions"),
        ("reject", "delete the pending versions"),
    ):
        sub = command(name, text)
        sub.add_argument("names", nargs="*", metavar="NAME", help="cases (default: all pending)")
        _dir_option(sub)
        if name != "reject":
            _allow_ci_option(sub)
    return p


def _common(p: argparse.ArgumentParser, jobs: bool = False, allow_ci: bool = False) -> None:
    _dir_option(p)
    if jobs:
        p.add_argument(
            "--jobs",
            type=_positive,
            default=1,
            metavar="N",
            help="render and check N cases side by side (default: 1)",
        )
    if allow_ci:
        _allow_ci_option(p)
    add_render_options(p)


def _dir_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dir",
        type=Path,
        default=snapshot.DEFAULT_DIR,
        help=f"snapshot folder (default: {snapshot.DEFAULT_DIR}/)",
    )


def _allow_ci_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        ci.CLI_FORCE,
        dest="allow_ci",
        action="store_true",
        help=f"write snapshots even though {ci.CI_ENV} is set",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


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
    if getattr(args, "allow_ci", None) is not None:
        ci.refuse_on_ci(f"`extractor snapshot {args.command}`", args.allow_ci)
    if args.command in ("review", "accept", "reject"):
        return _pending(args)
    options = options_from(args)
    for warning in check_session_files(options):
        print(f"extractor snapshot: {warning}", file=sys.stderr)
    if args.command == "check":
        results = snapshot.check(
            args.dir,
            args.names,
            options=options,
            live=args.live,
            replay=args.replay,
            write_pending=args.write_pending,
            jobs=args.jobs,
        )
        if args.junit is not None:
            write_atomic(args.junit, junit_xml(results), force=True)
        sys.stdout.write(snapshot.check_report(results))
        return exit_code(results, mismatch=SnapshotMismatch.exit_code)
    if args.command == "record":
        targets = snapshot.targets_for(args.urls, args.name)
        results = snapshot.record(
            args.dir,
            targets,
            options=options,
            force=args.force,
            as_origin=args.as_origin,
            network=args.network,
            jobs=args.jobs,
        )
    else:
        results = snapshot.update(
            args.dir, args.names, options=options, live=args.live, jobs=args.jobs
        )
    sys.stdout.write(snapshot.update_report(results))
    return exit_code(results)


def _pending(args: argparse.Namespace) -> int:
    if args.command == "accept":
        done = pending.accept(args.dir, args.names)
        sys.stdout.write("".join(f"{name}: accepted\n" for name in done) or "nothing pending\n")
    elif args.command == "reject":
        done = pending.reject(args.dir, args.names)
        sys.stdout.write("".join(f"{name}: rejected\n" for name in done) or "nothing pending\n")
    else:
        if not sys.stdin.isatty():
            raise UsageError("review asks at a terminal; use `accept` or `reject` NAMES instead")
        decisions = pending.review(args.dir, args.names, _ask, sys.stdout.write)
        left = len(pending.pending_cases(args.dir))
        sys.stdout.write(pending.review_summary(decisions, left))
    return 0


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:  # Ctrl-D: stop, as "quit" would
        return "q"


def exit_code(results: Sequence[snapshot.CaseResult], mismatch: int = 0) -> int:
    """A page that could not be rendered gives its own code; else ``mismatch`` if any differ."""
    error = snapshot.first_error(results)
    if error is not None:
        return error.exit_code
    return mismatch if any(not r.passed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
