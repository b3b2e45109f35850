"""Metadata: what a page states about itself (JSON-LD, meta tags, the DOM), read from the untouched tree.

- ``read.py``: ``read_metadata``, title, byline, date, site, language, description, image, canonical URL;
- ``jsonld.py``: the lenient JSON-LD reader, flattened and searchable;
- ``dates.py``: dates as pages write them, to ISO 8601;
- ``titles.py``: titles without the site's name.
"""

from extractor.metadata.read import read_metadata

__all__ = ["read_metadata"]
