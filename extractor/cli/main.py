"""The command line: parse options, call the library, print or write, map failures to exit codes.

No extraction logic lives here. Exit codes (documented in README.md):
  0 a result was produced (a walled page is still a result)   2 bad usage
  3 no browser found   4 navigation failed (DNS, refused, TLS, HTTP error page is NOT a failure)
  5 timeout   6 content is not HTML   7 output file exists or cannot be written
  8 --fail-on-wall and a rendered-phase wall stayed   9 snapshot mismatch
  10 --fail-on-wall and a login or paywall wall stayed although a session was given
  130 interrupted (SIGINT)   143 terminated (SIGTERM)
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence
from contextlib import aclosing
from pathlib import Path
from typing import TYPE_CHECKING

from extractor import __version__
from extractor.auth import (
    check_session_files,
    expiry_message,
    stale_session_wall,
    strip_credentials,
)
from extractor.cli.notes import add_note_options, image_settings, note_settings, saved_line
from extractor.cli.options import ArgumentParser, add_render_options, render_settings
from extractor.errors import (
    ExtractorError,
    OutputError,
    SessionExpiredError,
    UsageError,
    WallError,
)
from extractor.notes import clock
from extractor.notes.vault import Batch, NoteSettings, save_note
from extractor.output import safe_filename, unique_path, write_atomic
from extractor.records import WALL_KINDS, Extraction, Options, RenderedPage

if TYPE_CHECKING:
    from extractor.api import Outcome

EXIT_INTERRUPTED = 130
EXIT_UNEXPECTED = 1

EXAMPLES = """\
examples:
  extractor https://example.com/news/article
  extractor page.html --format json
  extractor https://example.com/a -o article.md
  extractor --urls list.txt --out-dir ~/Vault/Clippings --concurrency 4
  extractor https://example.com/a --out-dir ~/Vault --template clippings.json --save-images
  extractor https://example.com/a --wait-for 'article p' --timeout 20
  extractor https://example.com/a --fail-on-wall bot-check,login
  extractor --cdp-endpoint ws://browser-pool:3000 https://example.com/a
  extractor snapshot record https://example.com/a --name example-a
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
    ren = add_render_options(p)
    ren.add_argument(
        "--concurrency", type=int, default=2, metavar="N", help="pages side by side (2)"
    )
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
    if args.concurrency < 1:
        raise UsageError("--concurrency must be at least 1")
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


def read_targets(args: argparse.Namespace) -> list[str]:
    raw = list(args.targets)
    if args.urls:
        try:
            text = sys.stdin.read() if args.urls == "-" else Path(args.urls).read_text("utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read {args.urls}: {exc.strerror or exc}") from None
        raw += [
            line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
        ]
    if not raw:
        raise UsageError("give a URL or a local HTML file (see extractor --help)")
    if args.output and len(raw) > 1:
        raise UsageError("-o takes one URL; use --out-dir for many")
    if args.output and args.out_dir:
        raise UsageError("-o and --out-dir do not go together")
    from extractor.browser.targets import resolve_target

    return [resolve_target(t) for t in raw]


def render(result: Extraction, fmt: str, captured_at: str) -> str:
    if fmt == "json":
        return (
            json.dumps({**result.to_dict(), "captured": captured_at}, ensure_ascii=False, indent=2)
            + "\n"
        )
    if fmt == "html":
        return result.article_html + "\n"
    from extractor.markdown.frontmatter import render_document

    return render_document(result, captured_at=captured_at)


def explain(result: Extraction) -> str:
    lines = [f"explain {result.final_url or result.url}:"]
    for step in result.steps:
        sample = f" e.g. {step.samples[0]!r}" if step.samples else ""
        lines.append(f"  - {step.name}: removed {step.removed} ({step.why}){sample}")
    if len(lines) == 1:
        lines.append("  nothing was removed")
    return "\n".join(lines)


def save_screenshot(page: RenderedPage, result: Extraction, folder: str) -> Path | None:
    stayed = [w for w in result.walls if w.phase == "rendered" and not w.cleared]
    if not stayed or page.screenshot is None:
        return None
    name = safe_filename(
        result.metadata.title or page.final_url or "page", suffix=".png", fallback="wall"
    )
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page.screenshot)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # page text may hold what the terminal cannot show
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:  # the library is imported in here, so a Ctrl-C while it loads ends quietly too
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
    targets = read_targets(args)
    for warning in check_session_files(options):
        print(f"extractor: {warning}", file=sys.stderr)
    if args.output and Path(args.output).exists() and not args.force:
        raise OutputError(f"{args.output} exists; pass --force to overwrite it")
    from extractor.api import stream

    worst = 0
    taken: set[Path] = set()
    notes = note_settings(args)
    clock.now()  # a bad SOURCE_DATE_EPOCH is bad usage, said once
    batch = Batch()
    async with aclosing(stream(targets, options, concurrency=args.concurrency)) as outcomes:
        done = 0
        async for outcome in outcomes:
            done += 1
            label = f"[{done}/{len(targets)}] " if len(targets) > 1 else ""
            try:
                if outcome.error is not None:
                    raise outcome.error
                if notes is not None:
                    _save_note(args, outcome, label, notes, batch)
                else:
                    _emit(args, outcome, label, taken)
                _check_walls(outcome, kinds, label)
            except ExtractorError as exc:
                if args.debug and exc.__cause__ is not None:  # a bug on this page (api.stream)
                    traceback.print_exception(exc.__cause__, file=sys.stderr)
                text = strip_credentials(str(exc))
                where = "" if outcome.url in text else f"{outcome.url}: "
                print(f"extractor: {label}{where}{text}", file=sys.stderr)
                worst = worst or exc.exit_code
    return worst


def _emit(args: argparse.Namespace, outcome: Outcome, label: str, taken: set[Path]) -> None:
    """Write one page's result where the user asked for it."""
    assert outcome.page is not None and outcome.extraction is not None
    result = outcome.extraction
    captured = clock.stamp(clock.now())
    text = render(result, args.format, captured)
    _report(args, outcome, label)
    if args.output:
        write_atomic(Path(args.output), text, force=args.force)
    elif args.out_dir:
        suffix = {"markdown": ".md", "json": ".json", "html": ".html"}[args.format]
        name = safe_filename(result.metadata.title or outcome.url, suffix=suffix)
        path = unique_path(Path(args.out_dir), name, taken)
        taken.add(path)
        write_atomic(path, text, force=args.force)
        if not args.quiet:
            print(f"extractor: {label}{outcome.url} -> {path}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
        if label and not args.quiet:
            print(f"extractor: {label}{outcome.url}: done", file=sys.stderr)


def _report(args: argparse.Namespace, outcome: Outcome, label: str) -> None:
    """--explain and --wall-screenshot, whatever the output."""
    assert outcome.page is not None and outcome.extraction is not None
    if args.explain:
        print(explain(outcome.extraction), file=sys.stderr)
    if args.wall_screenshot:
        shot = save_screenshot(outcome.page, outcome.extraction, args.wall_screenshot)
        if shot and not args.quiet:
            print(f"extractor: {label}wall screenshot: {shot}", file=sys.stderr)


def _save_note(
    args: argparse.Namespace, outcome: Outcome, label: str, notes: NoteSettings, batch: Batch
) -> None:
    """Write (or re-clip) one page's note into the vault."""
    assert outcome.page is not None and outcome.extraction is not None
    _report(args, outcome, label)
    saved = save_note(
        outcome.extraction,
        notes,
        html=outcome.page.dom_html,
        images=outcome.page.images,
        batch=batch,
    )
    if not args.quiet:
        print(f"extractor: {label}{outcome.url}: {saved_line(saved)}", file=sys.stderr)


def _check_walls(outcome: Outcome, kinds: frozenset[str], label: str = "") -> None:
    """--fail-on-wall: a rendered-phase wall of a listed kind that stayed is a failure. A login
    or paywall wall that stayed although a session was given is said in one line, and is a
    failure of its own under --fail-on-wall. Else an empty article is said in one warning line."""
    result = outcome.extraction
    assert result is not None
    stale = stale_session_wall(result.walls, result.session)
    if stale is not None:
        line = expiry_message(outcome.url, stale)
        if stale.kind in kinds:
            raise SessionExpiredError(line)
        print(f"extractor: {label}{outcome.url}: {line}", file=sys.stderr)
    for wall in result.walls:
        if wall.phase == "rendered" and not wall.cleared and wall.kind in kinds:
            raise WallError(f"{wall.kind} wall stayed: {wall.text[:80]}")
    if result.empty_reason and stale is None:  # one line a page: the expiry line says it all
        reason = result.empty_reason
        print(f"extractor: {label}warning: {outcome.url}: empty article: {reason}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
