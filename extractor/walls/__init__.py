"""Walls: the lexicon of wall texts and the detectors for both phases.

- ``lexicon.json`` / ``lexicon.py``: wall phrases and patterns as versioned data, and how text is
  folded before matching;
- ``phrases.py``: lexicon hits kept only where a wall shows them (short page, the wall's own
  element, an overlay, a noscript message);
- ``vendors.py``: mitigation headers, URLs and vendor markup (scripts, iframes, ids);
- ``structure.py``: signals that catch unseen wording (one-message body, empty app root,
  blocking overlay, cut-off paywalled body, password field);
- ``scoring.py``: signals to walls (two weak or one strong per kind);
- ``sightings.py``: the in-page watcher's timeline merged into rendered-phase walls;
- ``detect.py``: ``find_walls``, ``scrub`` and ``completeness``, the pipeline's entry points;
- ``watcher.py`` / ``watcher.js``: the script that watches the live page; ``consent.py``: the
  consent policy applied in the live page.
"""
