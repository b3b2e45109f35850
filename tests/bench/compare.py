"""The pure path beside trafilatura on every corpus, tuned and measured parts apart, in one run.

Each page is read once and given to both extractors in turn (so load and cache effects hit both
alike); the outputs are scored with the official metric (../shared/eval/score.py, Markdown
stripped) per corpus group (zyte-dev: all; wcxb-dev-sample: per page type; classic-mix: per
source), per part (tests/bench/split.py). Times are per page; "ratio" is our median ms over
trafilatura's median ms on the same pages. A page on which the pure path raises is counted as a
crash (its output is empty) and named at the end: the product must never crash.

Usage examples:
  .venv/bin/python -m tests.bench.compare                       # everything (a few minutes)
  .venv/bin/python -m tests.bench.compare --corpus wcxb-dev-sample --part tune
  .venv/bin/python -m tests.bench.compare --skip junk-lines --no-trafilatura
  .venv/bin/python -m tests.bench.compare --csv /tmp/pages.csv  # per-page scores and times
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extractor.pipeline import extract_html
from extractor.records import Options
from tests.bench.corpora import (
    CORPORA,
    Page,
    available,
    groups,
    load_scorer,
    pages_of,
    score_pages,
)
from tests.bench.split import PARTS, Part

Extractor = Callable[[str, str], str]  # (html, url) -> Markdown or text


@dataclass
class Run:
    """One extractor's outputs, per-page times and crashes."""

    name: str
    outputs: dict[str, str] = field(default_factory=dict)
    ms: dict[str, float] = field(default_factory=dict)
    crashes: dict[str, str] = field(default_factory=dict)


def ours_with(options: Options) -> Extractor:
    def ours(html: str, url: str) -> str:
        return extract_html(html, url=url, options=options).markdown

    return ours


def trafilatura_default(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def run_all(pages: list[Page], extractors: dict[str, Extractor]) -> list[Run]:
    runs = [Run(name) for name in extractors]
    for page in pages:
        html = page.html()
        for run in runs:
            start = time.perf_counter()
            try:
                out = extractors[run.name](html, page.url)
            except Exception as exc:  # a crash is a finding of the benchmark, reported below
                out = ""
                where = traceback.extract_tb(exc.__traceback__)[-1]
                run.crashes[page.pid] = (
                    f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})"
                )
            run.ms[page.pid] = (time.perf_counter() - start) * 1000
            run.outputs[page.pid] = out
    return runs


def report(corpus: str, pages: list[Page], runs: list[Run], parts: tuple[Part, ...]) -> None:
    scorer = load_scorer()
    names = [r.name for r in runs]
    head = f"{'corpus':<16} {'group':<17} {'part':<8} {'n':>4}"
    for name in names:
        head += f" | {name[:11]:>11} F1 {'P':>6} {'R':>6} {'ms':>6}"
    if len(runs) > 1:
        head += f" | {'ratio':>5}"
    print(head)
    for part in parts:
        in_part = [p for p in pages if p.part == part]
        for group, chosen in groups(in_part):
            line = f"{corpus:<16} {group:<17} {part:<8} {len(chosen):>4}"
            medians = []
            for run in runs:
                res, _ = score_pages(scorer, chosen, run.outputs)
                median = statistics.median(run.ms[p.pid] for p in chosen)
                medians.append(median)
                line += (
                    f" | {res['f1']:>14.4f} {res['precision']:>6.4f} {res['recall']:>6.4f} "
                    f"{median:>6.1f}"
                )
            if len(runs) > 1:
                line += f" | {medians[0] / medians[1]:>5.2f}"
            print(line)


def write_csv(path: Path, pages: list[Page], runs: list[Run]) -> None:
    scorer = load_scorer()
    rows: list[dict[str, object]] = [
        {"corpus": p.corpus, "page_id": p.pid, "group": p.group, "part": p.part} for p in pages
    ]
    for run in runs:
        _, scored = score_pages(scorer, pages, run.outputs)
        for row, page, one in zip(rows, pages, scored, strict=True):
            row[f"{run.name}_f1"] = one["f1"]
            row[f"{run.name}_p"] = one["precision"]
            row[f"{run.name}_r"] = one["recall"]
            row[f"{run.name}_ms"] = round(run.ms[page.pid], 1)
    new = not path.exists()
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        if new:
            writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", nargs="+", choices=CORPORA, default=list(CORPORA))
    ap.add_argument("--part", choices=PARTS, help="only this part (default: both, apart)")
    ap.add_argument("--skip", nargs="+", default=[], help="extraction steps to switch off")
    ap.add_argument("--no-trafilatura", action="store_true", help="the pure path alone")
    ap.add_argument("--csv", type=Path, help="append per-page scores and times here")
    args = ap.parse_args(argv)
    if not available():
        print("the corpora or the scorer are missing under ../shared", file=sys.stderr)
        return 2

    extractors: dict[str, Extractor] = {"ours": ours_with(Options(skip_steps=tuple(args.skip)))}
    if not args.no_trafilatura:
        extractors["trafilatura"] = trafilatura_default
    parts: tuple[Part, ...] = (args.part,) if args.part else PARTS
    crashes: dict[str, str] = {}
    for corpus in args.corpus:
        pages = pages_of(corpus, args.part)
        runs = run_all(pages, extractors)
        report(corpus, pages, runs, parts)
        crashes.update(runs[0].crashes)
        if args.csv is not None:
            write_csv(args.csv, pages, runs)
    print(f"pure-path crashes: {len(crashes)}")
    for pid, what in sorted(crashes.items()):
        print(f"  {pid}: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
