"""Walls: the lexicon of wall texts and the detectors for both phases.

- ``lexicon.json`` / ``lexicon.py``: wall phrases and patterns as versioned data, and how text is
  folded before matching;
- ``screen.py``: cheap tests (whole words, literal substrings) that rule lexicon entries out
  before their regex runs;
- ``signals.py``: the Signal record and visible text; ``scan.py``: what the detectors read from
  one tree, gathered once per phase (visible text per element, attribute values, scripts);
- ``phrases.py``: lexicon hits kept only where a wall shows them (short page, the wall's own
  element, an overlay, a noscript message);
- ``vendors.py``: mitigation headers, URLs and vendor markup (scripts, iframes, ids);
- ``structure.py``: signals that catch unseen wording (one-message body, empty app root,
  blocking overlay, cut-off paywalled body, password field);
- ``scoring.py``: signals to walls (two weak or one strong per kind);
- ``sightings.py``: the in-page watcher's timeline merged into rendered-phase walls;
- ``detect.py``: ``find_walls``, ``scrub`` and ``completeness``, the pipeline's entry points
  (``Options.skip_steps`` switches off the removal steps "walls", "consent-banners",
  "widget-notices");
The live-page side (the watcher script that records when walls appear and clear, and the
consent policy) lives in ``extractor/browser/``; everything here is pure.

Speed: detection runs on every page, so the tree is walked as few times as possible and in C
(lxml proxies for every element are what made it slow); results are those of the plain
definitions, which the tests check them against.
"""
