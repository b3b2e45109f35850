"""How deterministic network replay is: render every recorded case N times from its recording.

    python -m tests.bench.replay            # every case under snapshots/ with a network.har
    python -m tests.bench.replay -n 5 --dir snapshots
    python -m tests.bench.replay --fixtures wall-botcheck-cloudflare-flash js-delayed-fetch
    python -m tests.bench.replay --fixtures all   # record fixture pages first (temp folder)

With ``--fixtures`` the fixture pages are first recorded with their network into a temporary
folder (served by tests.pageserver, which is stopped before replaying), so the figures say how
faithfully a replay reproduces what recording saw, page by page.

Prints, per case, how many runs matched the stored expected files, how many distinct outputs
the runs gave (1 means byte-identical every time) and the median render time. No server runs:
the recording is all the browser gets.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from extractor.records import Options
from extractor.snapshot.cases import Target, compare_case, expected_files, record
from extractor.snapshot.masks import load_masks
from extractor.snapshot.recording import has_recording, replay_network
from extractor.snapshot.rendering import CaptureJob, capture_pages
from extractor.snapshot.store import list_cases, load_page, origin_of
from tests.pageserver import serve_pages
from tests.record_fixtures import FIXTURE_ORIGIN, SNAPSHOTS, fixture_cases


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.replay", description=__doc__)
    parser.add_argument("-n", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument("--dir", type=Path, default=SNAPSHOTS)
    parser.add_argument("--fixtures", nargs="+", metavar="CASE", help="record these first, or all")
    args = parser.parse_args(list(argv))
    if args.fixtures:
        with tempfile.TemporaryDirectory(prefix="replay-bench-") as scratch:
            args.dir = Path(scratch)
            record_fixture_pages(args.dir, args.fixtures)
            return replay_all(args)
    return replay_all(args)


def record_fixture_pages(root: Path, cases: list[str]) -> None:
    names = fixture_cases() if cases == ["all"] else cases
    with serve_pages() as base:
        options = Options(allow_origins=(origin_of(base),))
        targets = [Target(url=f"{base}{case}/", name=case) for case in names]
        results = record(root, targets, options=options, as_origin=FIXTURE_ORIGIN, network=True)
    for result in results:
        if result.error is not None:
            print(f"{result.name}: not recorded: {result.error}")


def replay_all(args: argparse.Namespace) -> int:
    cases = [c for c in list_cases(args.dir) if has_recording(args.dir / c)]
    masks, options = load_masks(args.dir), Options()
    print(f"{'case':32} {'matched':>8} {'distinct':>8} {'median s':>9}")
    for case in cases:
        url = load_page(args.dir / case).url
        digests, matched, seconds = set(), 0, []
        for _ in range(args.n):
            start = time.monotonic()
            [page] = capture_pages([CaptureJob(url, replay_network(args.dir / case))], options)
            seconds.append(time.monotonic() - start)
            if isinstance(page, Exception):
                digests.add(f"error: {page}")
                continue
            current = expected_files(page, options, masks)
            digests.add(hashlib.sha256("".join(current.values()).encode()).hexdigest())
            matched += compare_case(args.dir, case, current).passed
        runs = f"{matched}/{args.n}"
        print(f"{case:32} {runs:>8} {len(digests):>8} {statistics.median(seconds):>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
