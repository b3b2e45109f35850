"""Run the pure wall detector over every wall-*/decoy-* fixture page and print how it did.

    .venv/bin/python -m tests.walls_report

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

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.pipeline import extract_page
from extractor.records import Extraction, RenderedPage, Wait, WallSighting

PAGES = Path(__file__).parent / "pages"
PREFIXES = ("wall-", "decoy-")


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


def load_cases(root: Path = PAGES) -> list[Case]:
    cases = []
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(PREFIXES) and (folder / "expected.json").is_file():
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


def main() -> int:
    outcomes = [o for case in load_cases() for o in run_case(case)]
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
    print(f"  all                   {got}/{total} = {got / total:.0%}")
    decoys = [o for o in outcomes if o.case.startswith("decoy-")]
    decoy_alarms = sum(bool([w for w in o.result.walls if w.phase == o.phase]) for o in decoys)
    print(f"false positives: {false_alarms} unexpected walls over {len(outcomes)} case-phases")
    print(f"  decoy case-phases with any wall: {decoy_alarms}/{len(decoys)}")
    print(f"leaks (wall text in Markdown): {leaks}")
    problems = [(o.case, o.phase, p) for o in outcomes for p in o.problems]
    print(f"case-phases checked: {len(outcomes)}, problems: {len(problems)}")
    for case, phase, problem in problems:
        print(f"  {case} [{phase}]: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
