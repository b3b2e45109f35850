"""Where a page's time went: the capture's marks turned into phases, for ``--explain`` and the
benchmark. Pure.

A capture records cumulative marks (ms since it started: ``navigate``, ``network_idle``,
``quiet``, ``walls``, ``selector``, ``scroll``, ``total``) and two durations (``consent``,
``capture``); a batch adds ``extract``. Phases: navigation (to DOMContentLoaded), settle (network
idle, DOM quiet, selector, walls clearing), scroll (and the settle after it), capture (consent
policy and serialising the DOM), extraction (the pure pipeline).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

PHASES = ("navigation", "settle", "scroll", "capture", "extraction")
# Marks that end the settle phase, whichever came last.
SETTLE_MARKS = ("network_idle", "quiet", "walls", "selector")


def breakdown(timings: Mapping[str, int]) -> dict[str, int]:
    """Milliseconds per phase (missing marks count as no time)."""
    navigated = timings.get("navigate", timings.get("commit", 0))
    settled = max([navigated, *(timings.get(m, 0) for m in SETTLE_MARKS)])
    scrolled = max(settled, timings.get("scroll", 0))
    return {
        "navigation": navigated,
        "settle": settled - navigated,
        "scroll": scrolled - settled,
        "capture": timings.get("consent", 0) + timings.get("capture", 0),
        "extraction": timings.get("extract", 0),
    }


def describe(timings: Mapping[str, int]) -> str:
    """``navigation 120 ms, settle 640 ms, ...`` (the --explain line)."""
    parts = breakdown(timings)
    return ", ".join(f"{phase} {parts[phase]} ms" for phase in PHASES)


def mean_breakdown(all_timings: Iterable[Mapping[str, int]]) -> dict[str, float]:
    """Mean milliseconds per phase over many pages."""
    rows = [breakdown(t) for t in all_timings]
    if not rows:
        return dict.fromkeys(PHASES, 0.0)
    return {phase: sum(r[phase] for r in rows) / len(rows) for phase in PHASES}


__all__ = ["PHASES", "breakdown", "describe", "mean_breakdown"]
