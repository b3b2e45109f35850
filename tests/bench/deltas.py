"""Where the pure path loses to trafilatura, page by page, on the tuned part only.

Reads the per-page CSV that ``tests.bench.compare --csv`` writes and lists the tuned-part pages
by F1 difference (ours minus trafilatura), worst first, with precision and recall of both, so that
the causes of a gap can be read on the pages themselves. Measured-part pages are never listed:
they are for reporting, not for looking at.

Usage examples:
  .venv/bin/python -m tests.bench.compare --corpus wcxb-dev-sample --part tune --csv /tmp/p.csv
  .venv/bin/python -m tests.bench.deltas /tmp/p.csv --group product --worst 15
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from tests.bench.split import TUNE


def rows_of(path: Path) -> list[dict[str, str]]:
    """The tuned-part rows of a compare CSV (a page listed twice counts once, the last time)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = {(r["corpus"], r["page_id"]): r for r in csv.DictReader(handle)}
    return [r for r in rows.values() if r["part"] == TUNE]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("csv", type=Path, help="a CSV written by tests.bench.compare --csv")
    ap.add_argument("--corpus", help="only this corpus")
    ap.add_argument("--group", help="only this page type / source")
    ap.add_argument("--worst", type=int, default=20, help="how many pages to list")
    args = ap.parse_args(argv)
    rows = [
        r
        for r in rows_of(args.csv)
        if (args.corpus is None or r["corpus"] == args.corpus)
        and (args.group is None or r["group"] == args.group)
    ]
    if not rows or "trafilatura_f1" not in rows[0]:
        print("no tuned-part rows with trafilatura's scores in that CSV", file=sys.stderr)
        return 2

    def delta(r: dict[str, str]) -> float:
        return float(r["ours_f1"]) - float(r["trafilatura_f1"])

    rows.sort(key=delta)
    print(f"{'delta':>7} {'ours P/R':>11} {'traf P/R':>11}  group          corpus/page")
    for r in rows[: args.worst]:
        ours = f"{float(r['ours_p']):.2f}/{float(r['ours_r']):.2f}"
        traf = f"{float(r['trafilatura_p']):.2f}/{float(r['trafilatura_r']):.2f}"
        print(
            f"{delta(r):>+7.3f} {ours:>11} {traf:>11}  {r['group'][:14]:<14} "
            f"{r['corpus']}/{r['page_id']}"
        )
    lost = sum(delta(r) for r in rows if delta(r) < 0)
    print(f"{len(rows)} pages; summed loss where behind: {lost:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
