"""Where the pure path's time goes: the pipeline's steps timed one by one.

Each step function is wrapped, for the length of the measurement, by a timer that adds its
time to the page's total for that step; the pipeline itself runs unchanged.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from types import ModuleType
from typing import Any

from extractor import article, dom, markdown, metadata, normalize
from extractor.pipeline import extract_html
from extractor.walls import detect

# (stage, module, function name) in pipeline order.
STAGES: tuple[tuple[str, ModuleType, str], ...] = (
    ("parse", dom, "parse"),
    ("walls", detect, "find_walls"),
    ("metadata", metadata, "read_metadata"),
    ("article", article, "find_article"),
    ("normalize", normalize, "normalize"),
    ("markdown", markdown, "to_markdown"),
    ("scrub", detect, "scrub"),
)


@contextmanager
def _timed(module: ModuleType, name: str, spent: dict[str, float], stage: str) -> Iterator[None]:
    original: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[stage] += (time.perf_counter() - start) * 1000

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


def measure_stages(pages: dict[str, str], truth: dict[str, dict[str, str]]) -> None:
    """Print the median and mean ms/page of every pipeline step."""
    per_stage: dict[str, list[float]] = {stage: [] for stage, _, _ in STAGES}
    per_stage["total"] = []
    for pid, html in pages.items():
        spent = dict.fromkeys(per_stage, 0.0)
        with ExitStack() as stack:
            for stage, module, name in STAGES:
                stack.enter_context(_timed(module, name, spent, stage))
            start = time.perf_counter()
            extract_html(html, url=truth[pid].get("url", ""))
            spent["total"] = (time.perf_counter() - start) * 1000
        for stage, ms in spent.items():
            per_stage[stage].append(ms)
    print(f"{'stage':<12} {'med ms':>8} {'mean ms':>8}")
    for stage, values in per_stage.items():
        print(f"{stage:<12} {statistics.median(values):>8.2f} {statistics.fmean(values):>8.2f}")
