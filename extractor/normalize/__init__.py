"""The article HTML put into one shape before Markdown (images, figures, code, footnotes, links).

- ``core.py``: ``normalize``, the stage's entry point (URLs made absolute, the steps below in order);
- ``images.py``, ``figures.py``, ``codeblocks.py``, ``footnotes.py``: one shape each.
"""

from extractor.normalize.core import normalize

__all__ = ["normalize"]
