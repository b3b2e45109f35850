"""The pytest plugin as a project uses it: unused folders, CI strictness, masks, pytest-xdist."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

TESTS = """
import pytest

def test_a(markdown_snapshot):
    assert "alpha\\n" == markdown_snapshot

def test_b(markdown_snapshot):
    assert "beta\\n" == markdown_snapshot

@pytest.mark.skip(reason="kept for later")
def test_c(markdown_snapshot):
    assert "gamma\\n" == markdown_snapshot
"""


@pytest.fixture(autouse=True)
def not_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "no:playwright", *args)


def folders(pytester: pytest.Pytester) -> list[str]:
    return sorted(p.name for p in (pytester.path / "snapshots").iterdir())


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """Two used snapshots, one owned by a skipped test, one left over from a removed test and
    one case of ``extractor snapshot`` (a page.json: never the plugin's)."""
    pytester.makepyfile(test_site=TESTS)
    run(pytester, "--snapshot-update").assert_outcomes(passed=2, skipped=1)
    root = pytester.path / "snapshots"
    for name, text in (("test_site.test_c", "gamma\n"), ("test_site.test_gone", "old\n")):
        (root / name).mkdir()
        (root / name / "expected.md").write_text(text)
    (root / "news-a").mkdir()
    (root / "news-a" / "expected.md").write_text("x\n")
    (root / "news-a" / "page.json").write_text("{}\n")
    return pytester


def test_a_full_run_reports_the_unused_folder_only(project: pytest.Pytester) -> None:
    result = run(project)
    result.assert_outcomes(passed=2, skipped=1)
    assert result.ret == 0
    result.stdout.fnmatch_lines(
        [
            "*1 snapshot folder(s) unused (--snapshot-update deletes them)*",
            "snapshots/test_site.test_gone",
        ]
    )
    assert "test_site.test_c" not in result.stdout.str().split("unused")[-1]


def test_strict_unused_fails_the_run(project: pytest.Pytester) -> None:
    result = run(project, "--snapshot-strict-unused")
    result.assert_outcomes(passed=2, skipped=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_update_deletes_unused_folders_after_a_full_run(project: pytest.Pytester) -> None:
    result = run(project, "--snapshot-update")
    result.stdout.fnmatch_lines(["*1 snapshot folder(s) deleted*"])
    assert folders(project) == [
        "news-a",
        "test_site.test_a",
        "test_site.test_b",
        "test_site.test_c",
    ]


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (("-k", "test_a"), "-k selected some tests"),
        (("test_site.py::test_a",), "only part of the suite was named"),
        (("-x",), None),
    ],
)
def test_a_partial_run_never_deletes(
    project: pytest.Pytester, args: tuple[str, ...], why: str | None
) -> None:
    if why is None:  # -x on a suite that passes is a full run: it stops nowhere
        run(project, *args).stdout.fnmatch_lines(["*1 snapshot folder(s) unused*"])
        return
    result = run(project, "--snapshot-update", "--snapshot-strict-unused", *args)
    assert result.ret == 0
    result.stdout.fnmatch_lines([f"unused snapshots not checked: {why}"])
    assert "test_site.test_gone" in folders(project)


def test_a_run_that_stops_early_never_deletes(project: pytest.Pytester) -> None:
    project.makepyfile(test_early="def test_fails():\n    assert False\n")
    result = run(project, "-x", "--snapshot-update")
    result.stdout.fnmatch_lines(["unused snapshots not checked: the run stopped early"])
    assert "test_site.test_gone" in folders(project)


def test_works_under_xdist(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess(
        "-p", "no:playwright", "-n", "2", "--snapshot-strict-unused"
    )
    result.assert_outcomes(passed=2, skipped=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*1 snapshot folder(s) unused*", "snapshots/test_site.test_gone"])
    partial = project.runpytest_subprocess(
        "-p", "no:playwright", "-n", "2", "-k", "test_b", "--snapshot-update"
    )
    partial.stdout.fnmatch_lines(["unused snapshots not checked: -k selected some tests"])
    assert "test_site.test_gone" in folders(project)
    full = project.runpytest_subprocess("-p", "no:playwright", "-n", "2", "--snapshot-update")
    full.stdout.fnmatch_lines(["*1 snapshot folder(s) deleted*"])
    assert "test_site.test_gone" not in folders(project)


def test_on_ci_update_refuses_in_one_line_unless_forced(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(test_site=TESTS)
    monkeypatch.setenv("CI", "true")
    result = run(pytester, "--snapshot-update")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*CI is set: --snapshot-update does not write snapshots on CI; pass --snapshot-allow-ci*"]
    )
    assert not (pytester.path / "snapshots").exists()
    result = run(pytester)  # a missing snapshot fails on CI as anywhere
    result.assert_outcomes(failed=2, skipped=1)
    run(pytester, "--snapshot-update", "--snapshot-allow-ci").assert_outcomes(passed=2, skipped=1)


def test_masks_from_pyproject_apply_to_documents(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml('[tool.extractor.snapshot]\nmask = ["(\\\\d+) views"]\n')
    pytester.makepyfile(
        test_views="""
        import os

        def test_views(markdown_snapshot):
            views = os.environ.get("VIEWS", "12")
            assert f"{views} views, [link](https://a.example/?utm_source=x&p=2)\\n" == markdown_snapshot
        """
    )
    run(pytester, "--snapshot-update").assert_outcomes(passed=1)
    stored = pytester.path / "snapshots" / "test_views.test_views" / "expected.md"
    assert stored.read_text() == "[masked] views, [link](https://a.example/?p=2)\n"
    pytester.makepyfile(
        test_views="""
        def test_views(markdown_snapshot):
            assert "9041 views, [link](https://a.example/?p=2&utm_medium=y)\\n" == markdown_snapshot
        """
    )
    run(pytester).assert_outcomes(passed=1)
