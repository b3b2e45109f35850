"""Snapshot testing: record a page once, check it offline in CI, review changes as diffs.

- ``store.py``: the case folders on disk (plain files a reviewer reads in a diff);
- ``cases.py``: record, check and update cases (replayed from their network, side by side);
- ``recording.py``: a case's network recording (a HAR, bodies beside it, no secrets);
- ``masks.py``: volatile values masked in expected files (``[tool.extractor.snapshot]``);
- ``pending.py``: what a failing check got, written beside the expected files, then reviewed;
- ``junit.py``: a JUnit XML report of a check, one test case per snapshot;
- ``ci.py``: on CI nothing writes snapshots unless asked explicitly;
- ``unused.py``: which of the plugin's folders no test used, and when a run can tell;
- ``plugin.py``: the pytest plugin (entry point ``extractor``).
"""
