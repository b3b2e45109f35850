"""pytest plugin: compare extracted Markdown with a reviewed file under ``snapshots/``.

    def test_story(extract, markdown_snapshot):
        assert extract("http://127.0.0.1:8000/story/") == markdown_snapshot

    def test_members_page(page, extract, markdown_snapshot):  # pytest-playwright's ``page``
        page.goto(login_url)
        page.fill("#user", "reader")
        page.get_by_role("button", name="Sign in").click()
        assert extract(page) == markdown_snapshot

``extract`` returns the document snapshots hold (front matter without capture time, then the
Markdown); ``extractor.browser.page.capture_playwright_page(page)`` gives the RenderedPage itself, for
``extractor.extract_page``. A URL is rendered by ``extractor.api`` in its own browser, with the
Options the ``extractor_options`` fixture returns (override it to change them).

The snapshot of ``test_story`` in ``tests/test_site.py`` is
``snapshots/test_site.test_story/expected.md``, the layout ``extractor snapshot`` uses; a second
comparison in the same test goes to ``...test_story-2``. The folder is the
``extractor_snapshot_dir`` ini option (default ``snapshots``, relative to the rootdir).
``--snapshot-update`` writes every snapshot that differs; without it a missing snapshot FAILS.
With ``CI`` set, ``--snapshot-update`` refuses unless ``--snapshot-allow-ci`` is given too.
A failure shows a unified diff (stored ``-``, received ``+``); when pytest would cut the
explanation short, the whole diff is also attached to the report as a section. Documents are
masked first (``[tool.extractor.snapshot]``, see ``extractor.snapshot.masks``).

Unused snapshots: after a run of the whole suite, folders that no test compared against (and
that belong to no test that failed or was skipped before comparing) are listed; they fail the
run with ``--snapshot-strict-unused`` and are deleted with ``--snapshot-update``. A partial run
(``-k``, ``-m``, node ids, ``--lf``, ``-x`` stopping early, a dead xdist worker) says why it
cannot tell and touches nothing. Under pytest-xdist each worker reports the folders its tests
used to the controller, which decides (see ``extractor.snapshot.unused``).

Why not syrupy underneath: syrupy names each file after its test, and in a folder laid out
its own way it counts every file it cannot tie to a test as an unused snapshot, which
``--snapshot-update`` deletes. Our case folders hold recorded pages (page.json, dom.html)
beside expected.md, and fitting its locations to ``<case>/expected.md`` means overriding half a
dozen of its internal classmethods, which changed between its releases. Its diff is its own
format, not the unified diff ``extractor snapshot check`` prints. The engine here is small.
syrupy does own the ``--snapshot-update`` flag when it is installed: this plugin loads it and
reads the same flag, so the two never clash (and the flag is ours when syrupy is absent).
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from extractor.records import Extraction, Options, RenderedPage
from extractor.snapshot import ci, unused
from extractor.snapshot.masks import Masks, load_masks
from extractor.snapshot.store import EXPECTED_MD, read_text, write_text

INI_DIR = "extractor_snapshot_dir"
DEFAULT_DIR = "snapshots"
# pytest's default explanation budget; a longer diff is attached to the report in full too.
PYTEST_MAX_LINES = 8
PYTEST_MAX_CHARS = 640
# How the settle wait ended for a page the test drove itself.

_SYRUPY = importlib.util.find_spec("syrupy") is not None
pytest_plugins = ["syrupy"] if _SYRUPY else []

_written_key = pytest.StashKey[list[Path]]()  # on the config: files --snapshot-update wrote
_snapshots_key = pytest.StashKey[list["MarkdownSnapshot"]]()  # on the item: its snapshots
_masks_key = pytest.StashKey[Masks]()  # on the config: the project's masks, read once
_usage_key = pytest.StashKey["Usage"]()  # on the config: what the run used (controller side)
# The user property a test's report carries to name the snapshot folders it compared against
# (reports travel from xdist workers to the controller; user properties travel with them).
USED_PROPERTY = "extractor_snapshot_used"


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    parser.addini(
        INI_DIR, "folder of Markdown snapshots (relative to rootdir)", default=DEFAULT_DIR
    )
    group = parser.getgroup("extractor")
    group.addoption(
        "--snapshot-strict-unused",
        action="store_true",
        default=False,
        help="fail the run when a snapshot folder is used by no test (whole-suite runs only)",
    )
    group.addoption(
        ci.PYTEST_FORCE,
        action="store_true",
        default=False,
        dest="snapshot_allow_ci",
        help=f"let --snapshot-update write snapshots although {ci.CI_ENV} is set",
    )
    if not _SYRUPY or pluginmanager.is_blocked("syrupy"):
        parser.getgroup("extractor").addoption(
            "--snapshot-update",
            action="store_true",
            default=False,
            dest="update_snapshots",
            help="write snapshots that are missing or differ",
        )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_written_key] = []
    config.stash[_usage_key] = Usage()
    config.pluginmanager.register(UsageTracker(config), "extractor-snapshot-usage")
    if config.option.update_snapshots and ci.on_ci() and not config.option.snapshot_allow_ci:
        raise pytest.UsageError(ci.refusal("--snapshot-update", ci.PYTEST_FORCE))


def snapshot_root(config: pytest.Config) -> Path:
    return config.rootpath / str(config.getini(INI_DIR))


def _masks(config: pytest.Config) -> Masks:
    if _masks_key not in config.stash:
        config.stash[_masks_key] = load_masks(snapshot_root(config))
    return config.stash[_masks_key]


@dataclass(frozen=True)
class Comparison:
    """The last comparison a snapshot took part in."""

    path: Path
    stored: str | None
    received: str


class MarkdownSnapshot:
    """Equal to a document (str or Extraction) when it matches the stored expected.md."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(
        self,
        root: Path,
        case: str,
        update: bool,
        on_write: Callable[[Path], None],
        masks: Masks | None = None,
    ):
        self.root = root
        self.case = case
        self.update = update
        self._on_write = on_write
        self._masks = masks or Masks()
        self._count = 0
        self.last: Comparison | None = None

    @property
    def used(self) -> list[str]:
        """The folders this snapshot compared against so far."""
        return [self.path_for(i).parent.name for i in range(1, self._count + 1)]

    def path_for(self, index: int) -> Path:
        name = self.case if index == 1 else f"{self.case}-{index}"
        return self.root / name / EXPECTED_MD

    def __eq__(self, other: object) -> bool:
        received = self._masks.apply(_as_document(other))
        self._count += 1
        path = self.path_for(self._count)
        stored = read_text(path)
        self.last = Comparison(path=path, stored=stored, received=received)
        if stored == received:
            return True
        if self.update:
            write_text(path, received)
            self._on_write(path)
            return True
        return False

    def __repr__(self) -> str:
        return f"MarkdownSnapshot({self.path_for(max(self._count, 1))})"

    def explain(self) -> list[str]:
        """Why the last comparison failed: a missing file, or a unified diff."""
        from extractor.snapshot.cases import unified_diff

        if self.last is None:
            return []
        where = _shown(self.last.path)
        if self.last.stored is None:
            return [
                f"no snapshot at {where}",
                "run pytest with --snapshot-update to write it, then review the new file",
            ]
        diff = unified_diff(self.last.stored, self.last.received, where, "received")
        hint = "Markdown differs from the snapshot (- stored, + received); "
        hint += "--snapshot-update accepts it"
        return [hint, *diff.splitlines()]


def _as_document(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Extraction):
        from extractor.snapshot.cases import expected_markdown

        return expected_markdown(value)
    raise TypeError(f"markdown_snapshot compares with a str or an Extraction, not {type(value)}")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def case_name(item: pytest.Item) -> str:
    """``<module>.<test>`` (class and parameters included), as a safe folder name."""
    parts = [Path(str(item.path)).stem, *item.nodeid.split("::")[1:]]
    slug = re.sub(r"[^a-z0-9._-]+", "-", ".".join(parts).lower()).strip("-.")
    return slug or "test"


@pytest.fixture
def markdown_snapshot(request: pytest.FixtureRequest) -> MarkdownSnapshot:
    """``assert document == markdown_snapshot`` against snapshots/<module>.<test>/expected.md."""
    config = request.config
    written = config.stash[_written_key]
    snap = MarkdownSnapshot(
        snapshot_root(config),
        case_name(request.node),
        bool(config.option.update_snapshots),
        written.append,
        _masks(config),
    )
    request.node.stash[_snapshots_key] = [*request.node.stash.get(_snapshots_key, []), snap]
    return snap


@pytest.fixture
def extractor_options() -> Options:
    """The Options ``extract`` uses; override this fixture to change them (e.g. ``wait_for``)."""
    return Options()


@pytest.fixture
def extract(extractor_options: Options) -> Callable[[Any], str]:
    """Extract a URL (rendered by extractor.api) or an open Playwright page to its document.

    The document is the one snapshots hold: front matter without capture time, then Markdown.
    """
    from extractor.pipeline import extract_page
    from extractor.snapshot.cases import expected_markdown

    options = extractor_options

    def run(target: Any) -> str:
        if isinstance(target, str):
            page = _capture_url(target, options)
        else:
            from extractor.browser.page import capture_playwright_page

            page = capture_playwright_page(target)
        return expected_markdown(extract_page(page, options))

    return run


def _capture_url(url: str, options: Options) -> RenderedPage:
    """Render with extractor.api; in a worker thread when this one already runs an event loop
    (pytest-playwright's sync fixtures keep one registered for the whole session)."""
    from extractor.api import capture

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return capture(url, options)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(capture, url, options).result()


def pytest_assertrepr_compare(
    config: pytest.Config, op: str, left: object, right: object
) -> list[str] | None:
    if op != "==":
        return None
    snap = right if isinstance(right, MarkdownSnapshot) else left
    if not isinstance(snap, MarkdownSnapshot) or snap.last is None:
        return None
    return snap.explain()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Name the snapshot folders the test used (for the unused check); attach the whole diff
    when pytest would truncate the assertion explanation."""
    report = yield
    if report.when == "call":
        used = [name for snap in item.stash.get(_snapshots_key, []) for name in snap.used]
        if used:
            report.user_properties.append((USED_PROPERTY, used))
    if report.when != "call" or not report.failed or not _would_truncate(item.config):
        return report
    for snap in item.stash.get(_snapshots_key, []):
        if snap.last is not None and snap.last.stored != snap.last.received:
            lines = snap.explain()
            if len(lines) > PYTEST_MAX_LINES or sum(map(len, lines)) > PYTEST_MAX_CHARS:
                report.sections.append((f"snapshot diff {snap.case}", "\n".join(lines)))
    return report


def _would_truncate(config: pytest.Config) -> bool:
    on_ci = bool(os.environ.get("CI") or os.environ.get("BUILD_NUMBER"))
    return config.get_verbosity(pytest.Config.VERBOSITY_ASSERTIONS) < 2 and not on_ci


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    written = config.stash.get(_written_key, [])
    if written:
        terminalreporter.write_sep("-", f"{len(written)} Markdown snapshot(s) written")
        for path in written:
            terminalreporter.write_line(_shown(path))
    usage = config.stash.get(_usage_key, None)
    if usage is None or usage.verdict is None:
        return
    found, deleted, partial = usage.verdict
    root = _shown(snapshot_root(config))
    if partial is not None:
        if unused.plugin_folders(snapshot_root(config)):
            terminalreporter.write_line(f"unused snapshots not checked: {partial}")
        return
    if found:
        state = "deleted" if deleted else "unused"
        hint = "" if deleted else " (--snapshot-update deletes them)"
        terminalreporter.write_sep("-", f"{len(found)} snapshot folder(s) {state}{hint}")
        for name in found:
            terminalreporter.write_line(f"{root}/{name}")


# -- unused snapshots ----------------------------------------------------------------------------


@dataclass
class Usage:
    """What the run used, gathered from every test report (xdist workers' included)."""

    collected: set[str] = field(default_factory=set)  # node ids
    finished: set[str] = field(default_factory=set)  # node ids with a teardown report
    used: set[str] = field(default_factory=set)  # folder names compared against
    owners: set[str] = field(default_factory=set)  # case names of tests that did not pass
    deselected: int = 0
    worker_lost: bool = False
    # after the session: (unused folders, deleted?, why the run was partial or None)
    verdict: tuple[list[str], bool, str | None] | None = None


class UsageTracker:
    """Hooks that fill the config's Usage and judge it at the end of the session."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.usage = config.stash[_usage_key]

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.usage.collected.update(item.nodeid for item in session.items)

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.usage.deselected += len(items)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        self.usage.collected.update(ids)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        if error:
            self.usage.worker_lost = True

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for name, value in report.user_properties:
            if name == USED_PROPERTY and isinstance(value, list):
                self.usage.used.update(str(v) for v in value)
        if report.when == "teardown":
            self.usage.finished.add(report.nodeid)
        elif not report.passed:
            self.usage.owners.add(unused.case_name_for(report.nodeid))

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        config, usage = self.config, self.usage
        if hasattr(config, "workerinput"):
            return  # an xdist worker: the controller decides
        partial = unused.partial_reason(
            keyword=config.option.keyword,
            markexpr=config.option.markexpr,
            last_failed=bool(getattr(config.option, "lf", False)),
            args_cover_suite=unused.args_cover_suite(
                config.args, config.rootpath, config.getini("testpaths")
            ),
            deselected=usage.deselected,
            not_finished=len(usage.collected - usage.finished) + usage.worker_lost,
            stopped=bool(session.shouldstop or session.shouldfail)
            or exitstatus == pytest.ExitCode.INTERRUPTED,
        )
        if partial is not None:
            usage.verdict = ([], False, partial)
            return
        root = snapshot_root(config)
        found = unused.unused(root, usage.used, usage.owners)
        delete = bool(found) and bool(config.option.update_snapshots)
        if delete:
            unused.delete(root, found)
        usage.verdict = (found, delete, None)
        if found and not delete and config.option.snapshot_strict_unused:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
