"""What each extraction step is worth: the pure path with one step switched off at a time.

Runs on the tuned part of every corpus (tests/bench/split.py), or the part named. For each step
it prints the F1 change per corpus (wcxb-dev-sample also per page type) against the full
pipeline, and how many pages the step helps and hurts (page F1 moved by more than 0.005). A step
that helps only one or two pages was written for those pages, not for the web.

Usage examples:
  .venv/bin/python -m tests.bench.ablate
  .venv/bin/python -m tests.bench.ablate --steps junk-lines related-links
  .venv/bin/python -m tests.bench.ablate --part measure
"""

from __future__ import annotations

import argparse
import sys

from extractor.pipeline import EXPANDERS, STEP_NAMES, extract_html
from extractor.records import Options
from tests.bench.corpora import CORPORA, Page, available, load_scorer, pages_of, score_pages
from tests.bench.split import PARTS

# every step of the pure path that Options.skip_steps switches off, in pipeline order (the
# browser's own steps act only while a page is captured)
STEPS = tuple(name for name in STEP_NAMES if name not in (EXPANDERS, "server-view"))
MOVED = 0.005  # a page F1 change smaller than this is noise


def outputs_of(pages: list[tuple[Page, str]], options: Options) -> dict[str, str]:
    out = {}
    for page, html in pages:
        try:
            out[page.pid] = extract_html(html, url=page.url, options=options).markdown
        except Exception:  # compare.py names crashes; here a crash scores as an empty page
            out[page.pid] = ""
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    ap.add_argument("--part", choices=PARTS, default="tune")
    args = ap.parse_args(argv)
    if not available():
        print("the corpora or the scorer are missing under ../shared", file=sys.stderr)
        return 2
    scorer = load_scorer()
    pages = [(p, p.html()) for corpus in CORPORA for p in pages_of(corpus, args.part)]
    cells: list[tuple[str, list[Page]]] = []
    for corpus in CORPORA:
        in_corpus = [p for p, _ in pages if p.corpus == corpus]
        cells.append((corpus, in_corpus))
        if corpus == "wcxb-dev-sample":
            for group in sorted({p.group for p in in_corpus}):
                cells.append((group[:8], [p for p in in_corpus if p.group == group]))

    def scores(outputs: dict[str, str]) -> tuple[list[float], dict[str, float]]:
        f1s, per_page = [], {}
        for _, chosen in cells:
            res, rows = score_pages(scorer, chosen, outputs)
            f1s.append(res["f1"])
            per_page.update({str(r["page_id"]): float(str(r["f1"])) for r in rows})
        return f1s, per_page

    base, base_pages = scores(outputs_of(pages, Options()))
    head = f"{'skipped step':<20}" + "".join(f" {name[:8]:>8}" for name, _ in cells)
    print(f"{args.part} part, {len(pages)} pages; F1 of the full pipeline, then the change")
    print(head + f" {'helps':>6} {'hurts':>6}")
    print(f"{'(none)':<20}" + "".join(f" {f:>8.4f}" for f in base))
    for step in args.steps:
        f1s, per_page = scores(outputs_of(pages, Options(skip_steps=(step,))))
        helps = sum(1 for pid, f in per_page.items() if base_pages[pid] - f > MOVED)
        hurts = sum(1 for pid, f in per_page.items() if f - base_pages[pid] > MOVED)
        deltas = "".join(f" {b - f:>+8.4f}" for b, f in zip(base, f1s, strict=True))
        print(f"{step:<20}{deltas} {helps:>6} {hurts:>6}", flush=True)
    print("change = F1 with the step minus F1 without it (positive: the step helps)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
