"""The JUnit report: one test case per snapshot, the diff in the failure, errors apart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from extractor.errors import NavigationError
from extractor.snapshot.cases import CaseResult
from extractor.snapshot.junit import junit_xml


def test_one_case_per_snapshot_with_the_diff_as_failure_text() -> None:
    results = [
        CaseResult(name="news-a"),
        CaseResult(name="news-b", diffs=(("expected.md", "-old line\n+new line\n"),)),
        CaseResult(name="news-c", error=NavigationError("https://c.example/: host name not found")),
    ]
    suites = ET.fromstring(junit_xml(results))
    suite = suites.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["news-a", "news-b", "news-c"]
    assert list(cases["news-a"]) == []
    failure = cases["news-b"].find("failure")
    assert failure is not None and failure.text == "-old line\n+new line\n"
    assert failure.get("message") == failure.text
    assert failure.get("type") == "differs: expected.md"
    error = cases["news-c"].find("error")
    assert error is not None and error.get("type") == "NavigationError"
    assert "host name not found" in (error.get("message") or "")


def test_text_that_xml_cannot_hold_raw_is_escaped() -> None:
    diff = '-<a href="x">&amp;</a>\n+]]> & <b>\n'
    report = junit_xml([CaseResult(name="x", diffs=(("expected.md", diff),))])
    failure = ET.fromstring(report).find("testsuite/testcase/failure")
    assert failure is not None and failure.text == diff
