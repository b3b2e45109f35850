"""The benchmark corpora beside the checkout (../shared/benchmarks), and how each is read.

Every corpus is a folder of ``html/<id>.html.gz`` plus ``ground-truth.json`` (``{id: {articleBody,
url, ...}}``). Its pages are reported in groups, as each corpus's README asks: zyte-dev as one
group, wcxb-dev-sample per ``page_type``, classic-mix per ``source_dataset``; and every group in its
tuned and measured parts (tests/bench/split.py).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tests.bench.split import PARTS, Part, part_of


def _shared() -> Path:
    """``$EXTRACTOR_SHARED``, else the nearest ``shared`` folder beside the checkout or above it."""
    if os.environ.get("EXTRACTOR_SHARED"):
        return Path(os.environ["EXTRACTOR_SHARED"])
    checkout = Path(__file__).resolve().parents[2]
    for folder in checkout.parents:
        if (folder / "shared" / "benchmarks").is_dir():
            return folder / "shared"
    return checkout.parent / "shared"


SHARED = _shared()
BENCHMARKS = SHARED / "benchmarks"
SCORE_PY = SHARED / "eval" / "score.py"

# corpus folder -> the ground-truth key its pages are grouped by (None: one group)
GROUP_KEYS: dict[str, str | None] = {
    "zyte-dev": None,
    "wcxb-dev-sample": "page_type",
    "classic-mix": "source_dataset",
}
CORPORA = tuple(GROUP_KEYS)
ALL = "all"  # the group holding every page of a corpus


@dataclass(frozen=True)
class Page:
    corpus: str
    pid: str
    url: str
    truth: str
    group: str
    part: Part

    def html(self) -> str:
        raw = gzip.decompress(
            (BENCHMARKS / self.corpus / "html" / f"{self.pid}.html.gz").read_bytes()
        )
        return raw.decode("utf-8", errors="replace")


def available() -> bool:
    """Whether the corpora and the official scorer are there to read."""
    return SCORE_PY.is_file() and all(
        (BENCHMARKS / name / "ground-truth.json").is_file() for name in CORPORA
    )


def pages_of(corpus: str, part: Part | None = None) -> list[Page]:
    """The pages of one corpus (of one part, when given), sorted by id."""
    truth = json.loads((BENCHMARKS / corpus / "ground-truth.json").read_text("utf-8"))
    key = GROUP_KEYS[corpus]
    pages = [
        Page(
            corpus=corpus,
            pid=pid,
            url=entry.get("url") or "",
            truth=entry.get("articleBody") or "",
            group=str(entry.get(key) or "") if key else ALL,
            part=part_of(pid),
        )
        for pid, entry in sorted(truth.items())
    ]
    return [p for p in pages if part is None or p.part == part]


def groups(pages: list[Page]) -> Iterator[tuple[str, list[Page]]]:
    """``all`` first, then each group of the corpus by name (when it has more than one)."""
    yield ALL, pages
    names = sorted({p.group for p in pages} - {ALL})
    for name in names:
        yield name, [p for p in pages if p.group == name]


def load_scorer() -> ModuleType:
    """The official metric (../shared/eval/score.py), imported at run time."""
    spec = importlib.util.spec_from_file_location("bench_score", SCORE_PY)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {SCORE_PY}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def f1_of(scorer: ModuleType, pages: list[Page], outputs: dict[str, str]) -> dict[str, float]:
    """Official P/R/F1 of Markdown (or text) outputs on these pages, Markdown stripped."""
    return score_pages(scorer, pages, outputs)[0]


def score_pages(
    scorer: ModuleType, pages: list[Page], outputs: dict[str, str]
) -> tuple[dict[str, float], list[dict[str, object]]]:
    """Official P/R/F1 over the pages, and each page's row (page_id, precision, recall, f1...)."""
    truth = {p.pid: p.truth for p in pages}
    ids = [p.pid for p in pages]
    res, rows = scorer.score(truth, outputs, ids, markdown="strip", n_bootstrap=0)
    return {k: float(res[k]) for k in ("f1", "precision", "recall")}, rows


def cause_tables_parser(doc: str | None) -> argparse.ArgumentParser:
    """The command line of the scripts that print tables of causes over a corpus part
    (losses.py, extras.py): which corpora, which part, how many pages per cause, one cause."""
    ap = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", nargs="+", choices=CORPORA, default=list(CORPORA))
    ap.add_argument("--part", choices=PARTS, default="tune")
    ap.add_argument("--top", type=int, default=6, help="pages shown per cause")
    ap.add_argument("--cause", help="show the top pages of this cause only")
    return ap
