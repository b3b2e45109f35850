"""Markdown out: a small markdownify subclass, tables, escaping, and the document with front matter.

- ``converter.py``: ``to_markdown``, the converter;
- ``tables.py``: GFM pipe tables, or blocks when a grid cannot hold them;
- ``escaping.py``: escape only what would otherwise turn into Markdown syntax;
- ``frontmatter.py``: the document a person or a note-taking tool reads.
"""

from extractor.markdown.converter import to_markdown

__all__ = ["to_markdown"]
