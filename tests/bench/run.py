"""Accuracy and speed benchmark on a folder of saved pages, beside trafilatura.

The folder holds ``html/<id>.html.gz`` and ``ground-truth.json`` (``{id: {articleBody, url}}``),
as in the Zyte article-extraction benchmark. Every extractor's Markdown (or text) is written to
``OUT/<extractor>/<id>.md`` and scored with the official metric from ``score.py`` (imported at
run time, Markdown stripped), and the per-page times are summarised as median and mean ms/page.

Usage examples:
  .venv/bin/python -m tests.bench.run
  .venv/bin/python -m tests.bench.run --only ours --csv /tmp/bench/ours.csv
  .venv/bin/python -m tests.bench.run --rendered        # also load each page in Chromium
  .venv/bin/python -m tests.bench.run --stages          # where the pure path's time goes
  .venv/bin/python -m tests.bench.run --only ours --skip captions   # what one step is worth
  .venv/bin/python -m tests.bench.run --ids 0a1b... 0c2d... --out /tmp/bench
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from extractor.pipeline import extract_html
from extractor.records import Options

# ../shared beside the checkout holds the benchmark pages and the official metric
SHARED = Path(__file__).resolve().parents[3] / "shared"
DEFAULT_BENCH = SHARED / "benchmarks" / "zyte-dev"
DEFAULT_SCORE = SHARED / "eval" / "score.py"
DEFAULT_OUT = Path("/tmp/extractor-bench")

Extractor = Callable[[str, str], str]  # (html, url) -> Markdown or text


@dataclass
class Run:
    """One extractor's outputs and per-page times."""

    name: str
    outputs: dict[str, str] = field(default_factory=dict)
    ms: list[float] = field(default_factory=list)


def load_score(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pages(
    bench: Path, ids: list[str] | None
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    truth: dict[str, dict[str, str]] = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    wanted = ids or sorted(truth)
    pages = {}
    for pid in wanted:
        raw = gzip.decompress((bench / "html" / f"{pid}.html.gz").read_bytes())
        pages[pid] = raw.decode("utf-8", errors="replace")
    return pages, {pid: truth[pid] for pid in wanted}


OPTIONS = Options()  # what "ours" runs with (--skip switches steps off)


def ours(html: str, url: str) -> str:
    return extract_html(html, url=url, options=OPTIONS).markdown


def trafilatura_default(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def trafilatura_precision(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, favor_precision=True) or ""


EXTRACTORS: dict[str, Extractor] = {
    "ours": ours,
    "trafilatura": trafilatura_default,
    "trafilatura-precision": trafilatura_precision,
}


def run_pure(
    pages: dict[str, str], truth: dict[str, dict[str, str]], names: list[str]
) -> list[Run]:
    """Pages in turn, every extractor on each page, so load and cache effects hit all alike."""
    runs = [Run(name) for name in names]
    for pid, html in pages.items():
        url = truth[pid].get("url", "")
        for run in runs:
            start = time.perf_counter()
            out = EXTRACTORS[run.name](html, url)
            run.ms.append((time.perf_counter() - start) * 1000)
            run.outputs[pid] = out
    return runs


def write_outputs(run: Run, out: Path) -> Path:
    folder = out / run.name
    folder.mkdir(parents=True, exist_ok=True)
    for pid, text in run.outputs.items():
        (folder / f"{pid}.md").write_text(text, "utf-8")
    return folder


def report(
    runs: list[Run],
    truth: dict[str, dict[str, str]],
    score_py: Path,
    out: Path,
    csv_path: Path | None,
) -> None:
    scorer = load_score(score_py)
    gt = {pid: t.get("articleBody") or "" for pid, t in truth.items()}
    ids = sorted(gt)
    base_median = None
    print(
        f"{'extractor':<24} {'n':>4} {'F1':>7} {'P':>7} {'R':>7} {'med ms':>8} {'mean ms':>8} "
        f"{'ratio':>6}"
    )
    for run in runs:
        write_outputs(run, out)
        res, rows = scorer.score(gt, run.outputs, ids, markdown="strip", n_bootstrap=0)
        median = statistics.median(run.ms)
        mean = statistics.fmean(run.ms)
        if run.name.startswith("trafilatura") and base_median is None:
            base_median = median
        ratio = ""
        ref = next((r for r in runs if r.name == "trafilatura"), None)
        if ref is not None:
            ratio = f"{median / statistics.median(ref.ms):.2f}"
        print(
            f"{run.name:<24} {len(ids):>4} {res['f1']:>7.4f} {res['precision']:>7.4f} "
            f"{res['recall']:>7.4f} {median:>8.1f} {mean:>8.1f} {ratio:>6}"
        )
        if csv_path is not None and run.name in ("ours", "ours-rendered"):
            path = csv_path if run.name == "ours" else csv_path.with_suffix(".rendered.csv")
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=["ms", *rows[0]])
                writer.writeheader()
                for row, ms in zip(rows, run.ms, strict=True):
                    writer.writerow({"ms": round(ms, 1), **row})
    print(f"outputs in {out}/<extractor>/<id>.md; ratio = median ms / trafilatura's median ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="html/ + ground-truth.json")
    ap.add_argument("--score-py", type=Path, default=DEFAULT_SCORE, help="the official scorer")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where outputs are written")
    ap.add_argument("--only", nargs="+", choices=sorted(EXTRACTORS), help="run only these")
    ap.add_argument("--ids", nargs="+", help="only these page ids")
    ap.add_argument("--csv", type=Path, help="per-page scores and ms of ours")
    ap.add_argument("--skip", nargs="+", default=[], help="extraction steps to switch off")
    ap.add_argument(
        "--stages", action="store_true", help="also time each pipeline step of the pure path"
    )
    ap.add_argument(
        "--rendered",
        action="store_true",
        help="also load each saved page in Chromium (every other request blocked)",
    )
    args = ap.parse_args(argv)

    global OPTIONS
    OPTIONS = Options(skip_steps=tuple(args.skip))
    pages, truth = load_pages(args.bench, args.ids)
    names = args.only or list(EXTRACTORS)
    runs = run_pure(pages, truth, names)
    if args.rendered:
        from tests.bench.rendered import run_rendered

        runs.append(run_rendered(pages, truth))
    report(runs, truth, args.score_py, args.out, args.csv)
    if args.stages:
        from tests.bench.stages import measure_stages

        measure_stages(pages, truth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
