"""A JUnit XML report of a snapshot check: one test case per snapshot, the diff as its failure.

CI systems (GitHub Actions reporters, GitLab, Jenkins) read this format and show each case
on its own. A case whose page could not be rendered is an ``<error>``; one whose expected
files differ is a ``<failure>`` with the unified diff as its message and its text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from extractor.snapshot.cases import CaseResult

SUITE = "extractor snapshot"
# The class name CI reporters group the cases under.
CLASS_NAME = "snapshots"


def junit_xml(results: Sequence[CaseResult], suite: str = SUITE) -> str:
    """The report as text (UTF-8 declaration, one ``<testsuite>`` in a ``<testsuites>``)."""
    failures = sum(r.error is None and not r.passed for r in results)
    errors = sum(r.error is not None for r in results)
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    suites = ET.Element("testsuites", {"name": suite, **counts})
    node = ET.SubElement(suites, "testsuite", {"name": suite, **counts, "skipped": "0"})
    for result in results:
        case = ET.SubElement(node, "testcase", {"classname": CLASS_NAME, "name": result.name})
        if result.error is not None:
            error = ET.SubElement(
                case, "error", {"message": str(result.error), "type": type(result.error).__name__}
            )
            error.text = str(result.error)
        elif not result.passed:
            diff = "".join(text for _, text in result.diffs)
            changed = ", ".join(file_name for file_name, _ in result.diffs)
            # the message is what most CI reporters show: it holds the diff itself
            failure = ET.SubElement(
                case, "failure", {"message": diff, "type": f"differs: {changed}"}
            )
            failure.text = diff
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


__all__ = ["junit_xml"]
