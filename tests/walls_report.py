"""Run the pure wall detector over every wall-*/decoy-* fixture page and print how it did.

    .venv/bin/python -m tests.walls_report            # the fixtures, worded as the lexicon is
    .venv/bin/python -m tests.walls_report --unseen   # also the unseen-wording corpus, rendered

The fixtures under tests/pages/ carry wall wording the lexicon holds. The corpus under
tests/walls_corpus/ is written from the structure of real walls (vendor markup, overlays that
lock scrolling, forms, challenge frames, headers and cookies) in words the lexicon has never
seen (``lexicon_hits`` says so for every page); each of its pages is rendered in Chromium from a
loopback server and both phases are checked, and its recall is given per part of the split
(tests/bench/split.py): the tuned half and the measured-only half.

Each case folder holds ``index.html`` (the server HTML), optionally ``settled.html`` (the settled
DOM as the capture writes it, with overlay and scroll-lock marks), ``_headers.json`` (status and
response headers) and ``expected.json``:

    {"url": "...",                     # final URL, when the URL itself is evidence
     "static": [{"kind": "...", "vendor": "..."}],      # the static-phase walls, exactly
     "rendered": [{"kind": "...", "cleared": true}],    # the rendered-phase walls (with settled.html)
     "sightings": [...],               # what the in-page watcher would have reported
     "completeness": "...", "rendered_completeness": "...",
     "keep": [...], "leak": [...],     # text that must / must not be in the Markdown
     "rendered_keep": [...], "rendered_leak": [...],
     "steps": [...], "absent_steps": [...]}   # removal steps that must / must not run

Recall is counted per expected wall (kind and phase), false positives per unexpected wall, leaks
per wall text still in the Markdown. Not collected by pytest (the tests import its loader).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.pipeline import extract_page
from extractor.records import Extraction, Options, RenderedPage, Wait, WallSighting
from extractor.walls.lexicon import load, normalize
from tests.bench.split import MEASURE, TUNE, part
from tests.pageserver import serve_pages

PAGES = Path(__file__).parent / "pages"
CORPUS = Path(__file__).parent / "walls_corpus"
PREFIXES = ("wall-", "decoy-")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    expected: dict[str, Any]

    @property
    def has_rendered(self) -> bool:
        return (self.folder / "settled.html").is_file()


@dataclass
class Outcome:
    """One phase of one case: what was expected and what came out."""

    case: str
    phase: str
    expected: list[dict[str, Any]]
    result: Extraction
    problems: list[str] = field(default_factory=list)


def load_cases(root: Path = PAGES, prefixes: tuple[str, ...] = PREFIXES) -> list[Case]:
    cases = []
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(prefixes) and (folder / "expected.json").is_file():
            expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
            cases.append(Case(folder.name, folder, expected))
    return cases


def static_page(case: Case) -> RenderedPage:
    """The page as a client without JavaScript gets it: the pure path (``rendered=False``)."""
    html = (case.folder / "index.html").read_text(encoding="utf-8")
    status, headers = _headers(case)
    url = case.expected.get("url", f"https://fixture.example/{case.name}/")
    return RenderedPage(
        url=url,
        final_url=url,
        status=status,
        headers=headers,
        server_html=html,
        dom_html=html,
        wait=Wait(ended_by="static", elapsed_ms=0),
        rendered=False,
    )


def rendered_page(case: Case) -> RenderedPage:
    """A capture: the server HTML beside the settled DOM and the watcher's sightings."""
    base = static_page(case)
    settled = (case.folder / "settled.html").read_text(encoding="utf-8")
    sightings = tuple(WallSighting(**s) for s in case.expected.get("sightings", ()))
    return RenderedPage(
        url=base.url,
        final_url=base.final_url,
        status=base.status,
        headers=base.headers,
        server_html=base.server_html,
        dom_html=settled,
        wait=Wait(ended_by="quiet", elapsed_ms=0),
        sightings=sightings,
        rendered=True,
    )


def run_case(case: Case) -> list[Outcome]:
    """Check one case in each phase it has; problems are listed, not raised."""
    exp = case.expected
    out = [
        _check(
            case,
            "static",
            extract_page(static_page(case)),
            exp.get("static", []),
            exp.get("completeness"),
            exp.get("keep", []),
            exp.get("leak", []),
        )
    ]
    if case.has_rendered:
        out.append(
            _check(
                case,
                "rendered",
                extract_page(rendered_page(case)),
                exp.get("rendered", []),
                exp.get("rendered_completeness"),
                exp.get("rendered_keep", []),
                exp.get("rendered_leak", []),
            )
        )
    return out


def _check(
    case: Case,
    phase: str,
    result: Extraction,
    walls: list[dict[str, Any]],
    completeness: str | None,
    keep: list[str],
    leak: list[str],
) -> Outcome:
    outcome = Outcome(case.name, phase, walls, result)
    found = [w for w in result.walls if w.phase == phase]
    for want in walls:
        match = [w for w in found if w.kind == want["kind"]]
        if not match:
            outcome.problems.append(f"missed {want['kind']} ({phase})")
            continue
        if "vendor" in want and match[0].vendor != want["vendor"]:
            outcome.problems.append(
                f"{want['kind']} vendor {match[0].vendor!r} != {want['vendor']!r}"
            )
        if "cleared" in want and match[0].cleared != want["cleared"]:
            outcome.problems.append(f"{want['kind']} cleared is {match[0].cleared}")
    for wall in found:
        if wall.kind not in {w["kind"] for w in walls}:
            outcome.problems.append(f"false alarm {wall.kind} ({phase}): {wall.evidence}")
    if completeness is not None and result.completeness != completeness:
        outcome.problems.append(f"completeness {result.completeness} != {completeness}")
    for text in keep:
        if text not in result.markdown:
            outcome.problems.append(f"lost {text!r}")
    for text in leak:
        if text in result.markdown:
            outcome.problems.append(f"leaked {text!r}")
    names = {s.name for s in result.steps}
    for step in case.expected.get("steps", []) if phase == "static" else []:
        if step not in names:
            outcome.problems.append(f"no step {step!r}")
    for step in case.expected.get("absent_steps", []):
        if step in names:
            outcome.problems.append(f"unwanted step {step!r}")
    return outcome


def _headers(case: Case) -> tuple[int | None, dict[str, str]]:
    spec = case.folder / "_headers.json"
    if not spec.is_file():
        return 200, {"content-type": "text/html; charset=utf-8"}
    entry = json.loads(spec.read_text(encoding="utf-8")).get("index.html", {})
    headers = {k.lower(): v for k, v in entry.get("headers", {}).items()}
    return int(entry.get("status", 200)), headers


def corpus_cases() -> list[Case]:
    """Every page of the unseen-wording corpus."""
    return load_cases(CORPUS, prefixes=("",))


def lexicon_hits(case: Case) -> list[str]:
    """Lexicon phrases found anywhere in the case's pages (markup stripped, noscript included)."""
    lexicon = load()
    found: list[str] = []
    for path in sorted(case.folder.glob("*.html")):
        text = normalize(_TAG.sub(" ", path.read_text(encoding="utf-8")))
        found += [hit.entry.phrase or hit.entry.id for hit in lexicon.find(text)]
    return found


async def _capture_all(cases: list[Case], base: str) -> dict[str, Extraction | str]:
    from extractor.api import open_session

    origin = base.rstrip("/")
    options = Options(timeout_ms=20_000, wall_wait_ms=3_000, allow_origins=(origin,))
    out: dict[str, Extraction | str] = {}
    async with open_session(options) as session:
        for case in cases:
            try:
                page = await session.capture(f"{base}{case.name}/", options)
                out[case.name] = extract_page(page, options)
            except Exception as exc:  # a failed page is a miss in the report, not a lost run
                out[case.name] = f"{type(exc).__name__}: {exc}"
    return out


def run_unseen(cases: list[Case]) -> list[Outcome]:
    """Render every corpus page once; check its static and rendered phases."""
    with serve_pages(CORPUS) as base:
        results = asyncio.run(_capture_all(cases, base))
    outcomes: list[Outcome] = []
    for case in cases:
        exp, result = case.expected, results[case.name]
        if isinstance(result, str):
            failed = Outcome(case.name, "rendered", exp.get("rendered", []), _empty(case))
            failed.problems.append(f"capture failed: {result}")
            outcomes.append(failed)
            continue
        outcomes.append(_check(case, "static", result, exp.get("static", []), None, [], []))
        if "rendered" in exp:
            outcomes.append(
                _check(
                    case,
                    "rendered",
                    result,
                    exp["rendered"],
                    exp.get("completeness"),
                    exp.get("keep", []),
                    exp.get("leak", []),
                )
            )
        for phrase in lexicon_hits(case):
            outcomes[-1].problems.append(f"wording in the lexicon: {phrase!r}")
    return outcomes


def _empty(case: Case) -> Extraction:
    return extract_page(
        RenderedPage(
            url=case.name,
            final_url=case.name,
            status=None,
            headers={},
            server_html="",
            dom_html="",
            wait=Wait(ended_by="timeout", elapsed_ms=0),
        )
    )


def summarize(title: str, outcomes: list[Outcome]) -> int:
    """Print recall, false alarms, leaks and every problem; the number of problems."""
    print(title)
    expected: Counter[tuple[str, str]] = Counter()
    hit: Counter[tuple[str, str]] = Counter()
    false_alarms = leaks = 0
    for o in outcomes:
        found = {w.kind for w in o.result.walls if w.phase == o.phase}
        for want in o.expected:
            expected[(want["kind"], o.phase)] += 1
            hit[(want["kind"], o.phase)] += want["kind"] in found
        false_alarms += len(found - {w["kind"] for w in o.expected})
        leaks += sum(p.startswith("leaked") for p in o.problems)
    print("recall by kind and phase")
    for key in sorted(expected):
        print(f"  {key[0]:<11} {key[1]:<9} {hit[key]}/{expected[key]}")
    total, got = sum(expected.values()), sum(hit.values())
    print(f"  all                   {got}/{total} = {got / max(total, 1):.0%}")
    decoys = [o for o in outcomes if o.case.startswith("decoy-")]
    decoy_alarms = sum(bool([w for w in o.result.walls if w.phase == o.phase]) for o in decoys)
    print(f"false positives: {false_alarms} unexpected walls over {len(outcomes)} case-phases")
    print(f"  decoy case-phases with any wall: {decoy_alarms}/{len(decoys)}")
    print(f"leaks (wall text in Markdown): {leaks}")
    problems = [(o.case, o.phase, p) for o in outcomes for p in o.problems]
    print(f"case-phases checked: {len(outcomes)}, problems: {len(problems)}")
    for case, phase, problem in problems:
        print(f"  {case} [{phase}]: {problem}")
    return len(problems)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.walls_report", description=__doc__)
    ap.add_argument("--unseen", action="store_true", help="also render the unseen-wording corpus")
    args = ap.parse_args(argv)
    outcomes = [o for case in load_cases() for o in run_case(case)]
    problems = summarize("== fixtures worded as the lexicon is (pure path)", outcomes)
    if args.unseen:
        unseen = run_unseen(corpus_cases())
        for name in (TUNE, MEASURE):
            print()
            chosen = [o for o in unseen if part(o.case) == name]
            problems += summarize(
                f"== unseen-wording corpus, {name} part (rendered in Chromium)", chosen
            )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
