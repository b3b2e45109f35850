"""Record the fixture pages under tests/pages/<case>/ into snapshots/<case>/.

    python -m tests.record_fixtures                 # every case, recorded again
    python -m tests.record_fixtures shadow-dom      # only these
    python -m tests.record_fixtures --check         # render again and diff, write nothing

The pages are served by tests.pageserver on a random 127.0.0.1 port; they are stored as if they
came from http://pages.test, so no recording holds the port, and every other origin is blocked
while rendering, so a recording never depends on the network. Pages named ``replay-*`` are
recorded with their network (network.har and network/), so they can be checked with
``extractor snapshot check --replay``. Review the git diff afterwards.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from extractor.cli.snapshot import exit_code
from extractor.errors import ExtractorError, SnapshotMismatch, UsageError
from extractor.records import Options
from extractor.snapshot.cases import Target, check, check_report, record, update_report
from extractor.snapshot.rendering import Origins
from extractor.snapshot.store import origin_of
from tests.pageserver import PAGES, serve_pages

SNAPSHOTS = Path(__file__).parent.parent / "snapshots"
# The origin every fixture recording claims to come from.
FIXTURE_ORIGIN = "http://pages.test"
# Pages whose network is recorded too (for `extractor snapshot check --replay`).
REPLAY_PREFIX = "replay-"


def fixture_cases() -> list[str]:
    """The fixture page folders: tests/pages/<case>/index.html."""
    return sorted(p.name for p in PAGES.iterdir() if (p / "index.html").is_file())


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.record_fixtures", description=__doc__)
    parser.add_argument("cases", nargs="*", metavar="CASE", help="default: every fixture page")
    parser.add_argument("--check", action="store_true", help="render again and diff only")
    parser.add_argument("--dir", type=Path, default=SNAPSHOTS, help="default: snapshots/")
    args = parser.parse_args(list(argv))
    cases = args.cases or fixture_cases()
    unknown = sorted(set(cases) - set(fixture_cases()))
    try:
        if unknown:
            raise UsageError(f"no fixture page {', '.join(unknown)} under {PAGES}")
        with serve_pages() as base:
            served = origin_of(base)
            options = Options(allow_origins=(served,))
            if args.check:
                origins = Origins(served=served, stored=FIXTURE_ORIGIN)
                results = check(args.dir, cases, options=options, live=True, origins=origins)
                sys.stdout.write(check_report(results))
                return exit_code(results, mismatch=SnapshotMismatch.exit_code)
            results = []
            for network in (False, True):
                targets = [
                    Target(url=f"{base}{case}/", name=case)
                    for case in cases
                    if case.startswith(REPLAY_PREFIX) == network
                ]
                if targets:
                    results += record(
                        args.dir,
                        targets,
                        options=options,
                        force=True,
                        as_origin=FIXTURE_ORIGIN,
                        network=network,
                    )
            sys.stdout.write(update_report(results))
            return exit_code(results)
    except ExtractorError as exc:
        print(f"record_fixtures: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
