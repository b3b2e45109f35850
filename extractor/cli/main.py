"""The command line: parse options, call the library, print or write, map failures to exit codes.

No extraction logic lives here. Exit codes (documented in README.md):
  0 a result was produced (a walled page is still a result)   2 bad usage
  3 no browser found   4 navigation failed (DNS, refused, TLS, HTTP error page is NOT a failure)
  5 timeout   6 content is not HTML   7 output file exists or cannot be written
  8 --fail-on-wall and a rendered-phase wall stayed   9 snapshot mismatch
  10 --fail-on-wall and a login or paywall wall stayed although a session was given
  11 a batch where some pages failed and the others gave results
  130 interrupted (SIGINT)   143 terminated (SIGTERM)
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from extractor import __version__
from extractor.auth import check_session_files, strip_credentials
from extractor.cli.notes import add_note_options, image_settings, note_settings
from extractor.cli.options import ArgumentParser, add_render_options, render_settings
from extractor.cli.pages import add_batch_options, run_pages
from extractor.errors import ExtractorError, OutputError, UsageError
from extractor.notes import clock
from extractor.records import WALL_KINDS, Options

EXIT_INTERRUPTED = 130
EXIT_UNEXPECTED = 1

EXAMPLES = """\
examples:
  extractor https://example.com/news/article
  extractor page.html --format json
  extractor https://example.com/a -o article.md
  extractor --urls list.txt --out-dir ~/Vault/Clippings --concurrency 4
  extractor https://example.com/a --out-dir ~/Vault --template clippings.json --save-images
  extractor --urls list.txt --out-dir ~/Vault/Clippings --resume --per-host 2
  extractor --urls list.txt --format json > results.jsonl
  extractor https://example.com/a --wait-for 'article p' --timeout 20
  extractor https://example.com/a --fail-on-wall bot-check,login
  extractor --cdp-endpoint ws://browser-pool:3000 https://example.com/a
  extractor snapshot record https://example.com/a --name example-a
  extractor crawl --redis redis://localhost:6379/0 --key urls --out-dir notes
"""


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(
        prog="extractor",
        description="Render a web page in headless Chromium and print its article as Markdown, "
        "recording every wall (JavaScript, bot check, paywall, consent, login) it meets.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("targets", nargs="*", metavar="URL", help="URLs or local HTML files")
    p.add_argument(
        "--urls", metavar="FILE", help="read more URLs from FILE, one a line ('-': stdin)"
    )
    out = p.add_argument_group("output")
    out.add_argument(
        "-f",
        "--format",
        choices=("markdown", "json", "html"),
        default="markdown",
        help="Markdown with front matter (default), one JSON object, or the article HTML",
    )
    out.add_argument("-o", "--output", metavar="FILE", help="write to FILE (one URL only)")
    out.add_argument(
        "--out-dir",
        metavar="DIR",
        help="write one file per page into DIR (a vault folder), named from the title",
    )
    out.add_argument("--force", action="store_true", help="overwrite existing files")
    out.add_argument(
        "--explain", action="store_true", help="list on stderr what was removed and why"
    )
    out.add_argument(
        "--skip",
        metavar="STEPS",
        default="",
        help="switch off extraction steps named by --explain (comma-separated), to bisect a page",
    )
    out.add_argument("--include-comments", action="store_true", help="keep the comment section")
    out.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
    out.add_argument(
        "--debug", action="store_true", help="print the traceback of an unexpected error"
    )
    add_render_options(p)
    add_batch_options(p)
    wal = p.add_argument_group("walls")
    wal.add_argument(
        "--fail-on-wall",
        nargs="?",
        const=",".join(WALL_KINDS),
        metavar="KINDS",
        help="exit 8 when a rendered-phase wall stays (optionally only these kinds, comma-separated)",
    )
    wal.add_argument(
        "--wall-screenshot", metavar="DIR", help="save a viewport PNG when a wall stays"
    )
    add_note_options(p)
    p.add_argument("--version", action="version", version=f"extractor {__version__}")
    return p


def options_from(args: argparse.Namespace) -> Options:
    return Options(
        **render_settings(args),
        include_comments=args.include_comments,
        skip_steps=skip_steps(args.skip),
        wall_screenshot_dir=args.wall_screenshot,
        **image_settings(args),
    )


def skip_steps(value: str) -> tuple[str, ...]:
    """--skip: step names, each one the pipeline knows."""
    from extractor.pipeline import STEP_NAMES, unknown_steps

    names = tuple(step.strip() for step in value.split(",") if step.strip())
    unknown = unknown_steps(names)
    if unknown:
        raise UsageError(f"--skip: unknown step {unknown[0]!r} (steps: {', '.join(STEP_NAMES)})")
    return names


def fail_kinds(args: argparse.Namespace) -> frozenset[str]:
    if args.fail_on_wall is None:
        return frozenset()
    kinds = frozenset(k.strip() for k in args.fail_on_wall.split(",") if k.strip())
    unknown = sorted(kinds - set(WALL_KINDS))
    if unknown:
        raise UsageError(
            f"--fail-on-wall: unknown kind {unknown[0]!r} (kinds: {', '.join(WALL_KINDS)})"
        )
    return kinds


def check_usage(args: argparse.Namespace) -> None:
    """Combinations of options that cannot work, refused before any page is loaded."""
    if args.output and (args.urls or len(args.targets) > 1):
        raise UsageError("-o takes one URL; use --out-dir for many")
    if args.output and args.out_dir:
        raise UsageError("-o and --out-dir do not go together")
    from extractor.browser.targets import resolve_target

    for target in args.targets:  # a URL no browser could open is bad usage, said before launch
        resolve_target(target)
    if args.output:
        check_output(Path(args.output), args.force)


def check_output(path: Path, force: bool) -> None:
    """An ``-o`` file that cannot be written is said before any page is loaded."""
    if path.is_dir():
        raise UsageError(f"-o {path} is a folder; give a file name (or use --out-dir)")
    blocked = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise UsageError(f"-o {path}: {blocked} is a file, not a folder")
    if path.exists() and not force:
        raise OutputError(f"{path} exists; pass --force to overwrite it")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # page text may hold what the terminal cannot show
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:  # the library is imported in here, so a Ctrl-C while it loads ends quietly too
        if args_list[:1] == ["crawl"]:
            from extractor.cli.crawl import main as crawl_main

            return crawl_main(args_list[1:])
        if args_list[:1] == ["snapshot"]:
            from extractor.cli.snapshot import main as snapshot_main

            return snapshot_main(args_list[1:])
        if args_list[:1] == ["auth"]:
            from extractor.cli.auth import main as auth_main

            return auth_main(args_list[1:])
        from extractor.browser.launch import run, sigterm_as_interrupt

        args = build_parser().parse_args(args_list)
        with sigterm_as_interrupt():  # before and after the capture too
            return run(_run(args))
    except ExtractorError as exc:
        print(f"extractor: {strip_credentials(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:  # launch.Interrupted (SIGINT/SIGTERM) carries its own code
        print("extractor: interrupted", file=sys.stderr)
        return int(getattr(exc, "exit_code", EXIT_INTERRUPTED))
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line, or the traceback with --debug
        return unexpected(exc, debug="--debug" in args_list)


def unexpected(exc: BaseException, debug: bool, label: str = "") -> int:
    """Report an error that is not one of ours (a bug): its traceback with --debug, else one line."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    text = strip_credentials(f"{type(exc).__name__}: {exc}".splitlines()[0])
    hint = "" if debug else " (--debug shows the traceback)"
    print(f"extractor: {label}unexpected error: {text}{hint}", file=sys.stderr)
    return EXIT_UNEXPECTED


async def _run(args: argparse.Namespace) -> int:
    options = options_from(args)
    kinds = fail_kinds(args)
    check_usage(args)
    for warning in check_session_files(options):
        print(f"extractor: {warning}", file=sys.stderr)
    notes = note_settings(args)
    clock.now()  # a bad SOURCE_DATE_EPOCH is bad usage, said once
    return await run_pages(args, options, kinds, notes)


if __name__ == "__main__":
    sys.exit(main())
