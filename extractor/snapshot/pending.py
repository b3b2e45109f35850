"""Pending expected files: what a failing check got, written beside what it expected.

``check --write-pending`` stores ``expected.md.new`` (and ``expected.json.new``) next to each
expected file that differs; ``accept`` renames them over the expected files, ``reject`` deletes
them, and ``review`` walks through them one case at a time (diff, then accept / reject / skip).
A case that passes again has its stale pending files removed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import OutputError, UsageError
from extractor.snapshot.store import EXPECTED_FILES, read_text, write_text

PENDING_SUFFIX = ".new"
# What a reviewer types: the first letter is enough.
CHOICES = {"a": "accept", "r": "reject", "s": "skip", "q": "quit"}
PROMPT = "accept, reject, skip or quit? [a/r/s/q] "


def pending_path(case_dir: Path, file_name: str) -> Path:
    return case_dir / (file_name + PENDING_SUFFIX)


def write_pending(case_dir: Path, current: dict[str, str]) -> list[Path]:
    """Write a pending file for each expected file that differs; remove stale ones."""
    written = []
    for file_name, text in current.items():
        path = pending_path(case_dir, file_name)
        if read_text(case_dir / file_name) == text:
            path.unlink(missing_ok=True)
        else:
            write_text(path, text)
            written.append(path)
    return written


def clear_pending(case_dir: Path) -> None:
    for file_name in EXPECTED_FILES:
        pending_path(case_dir, file_name).unlink(missing_ok=True)


def pending_files(case_dir: Path) -> list[str]:
    """The expected files of a case that have a pending twin, in the usual order."""
    return [f for f in EXPECTED_FILES if pending_path(case_dir, f).is_file()]


def pending_cases(root: Path, names: Sequence[str] = ()) -> list[str]:
    """Cases with pending files (all, or those among ``names``; a name without any is an error)."""
    found = (
        sorted(p.name for p in root.iterdir() if p.is_dir() and pending_files(p))
        if root.is_dir()
        else []
    )
    if not names:
        return found
    missing = [n for n in names if n not in found]
    if missing:
        raise UsageError(f"nothing pending for {', '.join(missing)} under {root}")
    return list(dict.fromkeys(names))


def pending_diff(root: Path, name: str) -> str:
    """The unified diff from each expected file to its pending twin."""
    from extractor.snapshot.cases import unified_diff

    out = []
    for file_name in pending_files(root / name):
        label = f"{name}/{file_name}"
        stored = read_text(root / name / file_name)
        new = read_text(pending_path(root / name, file_name)) or ""
        old_label = label if stored is not None else f"{label} (missing)"
        out.append(unified_diff(stored or "", new, old_label, f"{label}{PENDING_SUFFIX}"))
    return "".join(out)


def accept(root: Path, names: Sequence[str] = ()) -> list[str]:
    """Rename each pending file over its expected file; returns the cases accepted."""
    cases = pending_cases(root, names)
    for name in cases:
        for file_name in pending_files(root / name):
            try:
                os.replace(pending_path(root / name, file_name), root / name / file_name)
            except OSError as exc:
                raise OutputError(f"cannot accept {name}/{file_name}: {exc}") from exc
    return cases


def reject(root: Path, names: Sequence[str] = ()) -> list[str]:
    """Delete the pending files; returns the cases rejected."""
    cases = pending_cases(root, names)
    for name in cases:
        clear_pending(root / name)
    return cases


@dataclass(frozen=True)
class Decision:
    name: str
    choice: str  # "accept", "reject", "skip"


def review(
    root: Path,
    names: Sequence[str],
    ask: Callable[[str], str],
    show: Callable[[str], object],
) -> list[Decision]:
    """Show each pending case's diff and ask what to do; ``quit`` stops (the rest is skipped).

    ``ask`` returns the reviewer's answer to a prompt (``input``); ``show`` prints text.
    """
    decisions = []
    cases = pending_cases(root, names)
    for index, name in enumerate(cases, 1):
        show(f"[{index}/{len(cases)}] {name}\n{pending_diff(root, name)}")
        choice = ""
        while choice not in CHOICES.values():
            answer = ask(PROMPT).strip().lower()[:1]
            choice = CHOICES.get(answer, "")
        if choice == "quit":
            break
        if choice == "accept":
            accept(root, [name])
        elif choice == "reject":
            reject(root, [name])
        decisions.append(Decision(name, choice))
    return decisions


def review_summary(decisions: Sequence[Decision], left: int) -> str:
    counts = {c: sum(d.choice == c for d in decisions) for c in ("accept", "reject", "skip")}
    return (
        f"{counts['accept']} accepted, {counts['reject']} rejected, {counts['skip']} skipped, "
        f"{left} still pending\n"
    )


__all__ = [
    "PENDING_SUFFIX",
    "Decision",
    "accept",
    "clear_pending",
    "pending_cases",
    "pending_diff",
    "pending_files",
    "reject",
    "review",
    "review_summary",
    "write_pending",
]
