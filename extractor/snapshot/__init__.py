"""Snapshot testing: record a page once, check it offline in CI, review changes as diffs.

- ``store.py``: the case folders on disk (plain files a reviewer reads in a diff);
- ``cases.py``: record, check and update cases;
- ``plugin.py``: the pytest plugin (entry point ``extractor``).
"""
