"""The article region: page-wide boilerplate out, the region chosen, cleaned inside.

- ``boilerplate.py``: page-wide removals run before the region is chosen;
- ``scoring.py``: score containers by the paragraphs they hold and choose the region;
- ``cleanup.py``: cleaning inside the region (link lists, junk lines, duplicated title and byline);
- ``datelines.py``: is a line nothing but a date;
- ``region.py``: ``find_article``, the stage's entry point.
"""

from extractor.article.region import find_article

__all__ = ["find_article"]
