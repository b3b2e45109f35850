"""Which snapshot folders of the pytest plugin no test used, and when that can be known.

The plugin's folders are those holding an expected.md and no page.json (a page.json marks a
case of ``extractor snapshot``, which no test compares by name). A folder is used when a test
compared against it in this run, or when it belongs to a collected test that did not get to
compare (skipped, or failed before its assertion): that test still owns it.

Only a run of the whole suite can tell: under ``-k``, ``-m``, a node id or file argument,
``--lf``, a deselection, an early stop (``-x``) or an xdist worker that died, some tests did
not run, and their folders would look unused. ``partial_reason`` says why a run is partial.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from extractor.snapshot.store import EXPECTED_MD, PAGE_FILE

# The suffix of a test's second, third... comparison (see plugin.MarkdownSnapshot.path_for).
_NUMBERED = re.compile(r"^(?P<case>.+)-(?P<n>[2-9]|[1-9][0-9]+)$")


def case_name_for(nodeid: str) -> str:
    """``<module>.<test>`` (class and parameters included) from a node id, as a folder name."""
    path, _, rest = nodeid.partition("::")
    parts = [Path(path).stem, *rest.split("::")] if rest else [Path(path).stem]
    slug = re.sub(r"[^a-z0-9._-]+", "-", ".".join(parts).lower()).strip("-.")
    return slug or "test"


def plugin_folders(root: Path) -> list[str]:
    """Folders under ``root`` that hold a plugin snapshot, sorted."""
    if not root.is_dir():
        return []
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_dir() and (p / EXPECTED_MD).is_file() and not (p / PAGE_FILE).exists()
    )


def unused(root: Path, used: Iterable[str], owners: Iterable[str]) -> list[str]:
    """Plugin folders neither compared against nor owned by a test that did not compare."""
    taken, owning = set(used), set(owners)

    def owned(name: str) -> bool:
        match = _NUMBERED.match(name)
        return name in owning or (match is not None and match["case"] in owning)

    return [name for name in plugin_folders(root) if name not in taken and not owned(name)]


def delete(root: Path, names: Sequence[str]) -> None:
    """Remove unused plugin folders (only ones ``plugin_folders`` lists)."""
    allowed = set(plugin_folders(root))
    for name in names:
        if name in allowed:
            shutil.rmtree(root / name)


def partial_reason(
    *,
    keyword: str,
    markexpr: str,
    last_failed: bool,
    args_cover_suite: bool,
    deselected: int,
    not_finished: int,
    stopped: bool,
) -> str | None:
    """Why this run did not run every test (None when it did)."""
    reasons = (
        (bool(keyword), "-k selected some tests"),
        (bool(markexpr), "-m selected some tests"),
        (last_failed, "--lf ran the failed tests only"),
        (not args_cover_suite, "only part of the suite was named"),
        (deselected > 0, f"{deselected} tests were deselected"),
        (stopped, "the run stopped early"),
        (not_finished > 0, f"{not_finished} collected tests did not finish"),
    )
    return next((why for cond, why in reasons if cond), None)


def args_cover_suite(args: Sequence[str], rootdir: Path, testpaths: Sequence[str]) -> bool:
    """True when every command-line argument names the rootdir or a configured testpath."""
    whole = {rootdir.resolve(), *((rootdir / t).resolve() for t in testpaths)}
    for arg in args:
        if "::" in arg:
            return False
        if Path(arg).resolve() not in whole and (rootdir / arg).resolve() not in whole:
            return False
    return True


__all__ = [
    "args_cover_suite",
    "case_name_for",
    "delete",
    "partial_reason",
    "plugin_folders",
    "unused",
]
