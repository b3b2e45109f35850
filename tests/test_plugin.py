"""The pytest plugin in a scratch project: missing fails, --snapshot-update writes, diffs show."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

TEST_DOC = '''
DOC = """---
title: Tides
---

The tide tables were revised.

Harbour masters approve.
"""

def test_story(markdown_snapshot):
    assert DOC.replace("approve", "{word}") == markdown_snapshot
'''


@pytest.fixture(autouse=True)
def not_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """--snapshot-update refuses on CI unless forced (tested in test_plugin_unused)."""
    monkeypatch.delenv("CI", raising=False)


def write_test(pytester: pytest.Pytester, word: str = "approve") -> None:
    pytester.makepyfile(test_doc=TEST_DOC.replace("{word}", word))


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """Run the scratch project in this process (pytest-playwright off: it keeps global state)."""
    return pytester.runpytest("-p", "no:playwright", *args)


def stored(pytester: pytest.Pytester, case: str = "test_doc.test_story") -> Path:
    return pytester.path / "snapshots" / case / "expected.md"


def test_the_plugin_is_registered_as_an_entry_point() -> None:
    found = [ep.value for ep in entry_points(group="pytest11") if ep.name == "extractor"]
    assert found == ["extractor.snapshot.plugin"]


def test_missing_snapshot_fails_and_writes_nothing(pytester: pytest.Pytester) -> None:
    write_test(pytester)
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*no snapshot at snapshots/test_doc.test_story/expected.md",
            "*run pytest with --snapshot-update to write it*",
        ]
    )
    assert not stored(pytester).exists()


def test_update_writes_then_passes_then_a_change_fails_with_a_diff(
    pytester: pytest.Pytester,
) -> None:
    write_test(pytester)
    result = run(pytester, "--snapshot-update")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*1 Markdown snapshot(s) written*", "snapshots/*/expected.md"])
    assert stored(pytester).read_text().endswith("Harbour masters approve.\n")

    run(pytester).assert_outcomes(passed=1)

    write_test(pytester, "object")
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*Markdown differs from the snapshot (- stored, + received)*",
            "*--- snapshots/test_doc.test_story/expected.md",
            "*+++ received",
            "*-Harbour masters approve.",
            "*+Harbour masters object.",
        ]
    )
    assert "approve" in stored(pytester).read_text()  # a failing check never writes

    run(pytester, "--snapshot-update").assert_outcomes(passed=1)
    assert "object" in stored(pytester).read_text()


def test_extraction_objects_ini_folder_and_numbered_comparisons(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini("[pytest]\nextractor_snapshot_dir = reviewed/md\n")
    pytester.makepyfile(
        test_two="""
        from extractor import extract_html

        HTML = "<html><head><title>Quay</title></head><body><article><p>{}</p></article></body></html>"

        def test_both(markdown_snapshot):
            assert extract_html(HTML.format("First page of the story, long enough.")) == markdown_snapshot
            assert "second\\n" == markdown_snapshot
        """
    )
    run(pytester, "--snapshot-update").assert_outcomes(passed=1)
    first = pytester.path / "reviewed/md/test_two.test_both/expected.md"
    second = pytester.path / "reviewed/md/test_two.test_both-2/expected.md"
    assert "title: Quay" in first.read_text() and "First page of the story" in first.read_text()
    assert second.read_text() == "second\n"
    run(pytester).assert_outcomes(passed=1)


def test_a_long_diff_is_attached_whole_when_pytest_truncates(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pytest never truncates on CI (CI or BUILD_NUMBER set): make it truncate here
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("BUILD_NUMBER", raising=False)
    lines = "\n".join(f"line {i}" for i in range(30))
    pytester.makepyfile(
        test_long=f"""
        LINES = {lines!r}

        def test_long(markdown_snapshot):
            assert LINES == markdown_snapshot
        """
    )
    run(pytester, "--snapshot-update").assert_outcomes(passed=1)
    changed = lines.replace("line 3\n", "line three\n").replace("line 27", "line twenty-seven")
    pytester.makepyfile(
        test_long=f"""
        def test_long(markdown_snapshot):
            assert {changed!r} == markdown_snapshot
        """
    )
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*snapshot diff test_long.test_long*", "+line three", "*", "+line twenty-seven"],
        consecutive=False,
    )


def test_comparing_with_something_else_is_a_type_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_bad="""
        def test_bad(markdown_snapshot):
            assert 42 == markdown_snapshot
        """
    )
    result = run(pytester, "--snapshot-update")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*TypeError: markdown_snapshot compares with a str*"])
    assert not (pytester.path / "snapshots").exists()


def test_the_flag_is_ours_when_syrupy_is_switched_off(pytester: pytest.Pytester) -> None:
    write_test(pytester)
    run(pytester, "-p", "no:syrupy").assert_outcomes(failed=1)
    run(pytester, "-p", "no:syrupy", "--snapshot-update").assert_outcomes(passed=1)
    assert stored(pytester).is_file()


def test_case_names_cover_classes_and_parameters(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_names="""
        import pytest

        class TestHarbour:
            @pytest.mark.parametrize("tide", ["High Water", "low/water"])
            def test_tide(self, tide, markdown_snapshot):
                assert tide + "\\n" == markdown_snapshot
        """
    )
    run(pytester, "--snapshot-update").assert_outcomes(passed=2)
    folders = sorted(p.name for p in (pytester.path / "snapshots").iterdir())
    assert folders == [
        "test_names.testharbour.test_tide-high-water",
        "test_names.testharbour.test_tide-low-water",
    ]
    assert (pytester.path / "snapshots" / folders[0] / "expected.md").read_text() == "High Water\n"


def test_extract_takes_a_driven_page_and_the_overridable_options(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(
        """
        import pytest
        from extractor.records import Options

        @pytest.fixture
        def extractor_options():
            return Options(skip_steps=("chrome",))
        """
    )
    pytester.makepyfile(
        test_fake="""
        from extractor.browser.watcher import COLLECT_JS

        HTML = ("<html><head><title>Quay works</title></head><body><article><h2>Quay works</h2>"
                "<p>The quay wall will be rebuilt in stone over two summers, the port said.</p>"
                "<aside>Related: <a href=/fees>Harbour fees rise again</a></aside>"
                "</article></body></html>")

        class DrivenPage:  # what extract needs of a Playwright page: url and evaluate
            url = "https://port.example/quay"

            def evaluate(self, script, arg=None):
                return [] if script == COLLECT_JS else HTML

        def test_fake(extract):
            document = extract(DrivenPage())
            assert "source: https://port.example/quay" in document
            assert "The quay wall will be rebuilt" in document
            assert "Harbour fees rise again" in document  # the chrome step was switched off
        """
    )
    run(pytester).assert_outcomes(passed=1)
