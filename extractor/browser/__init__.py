"""The browser side: the only code that drives Playwright.

- ``targets.py``: what the user pointed at (URL, bare host, local file), checked before any browser starts;
- ``launch.py``: where the browser comes from, launching or connecting, signals, and Playwright's
  errors mapped to ours in one place;
- ``capture.py``: render one page in a context and capture both views into a ``RenderedPage``,
  in the order the steps happen; ``settle.py`` waits for the page (network, a quiet DOM, passing
  walls, scrolling, "Read more"), ``served.py`` reads the documents as the server sent them, and
  ``scripts.py`` loads ``js/`` with what the page scripts are handed from Python;
- ``network.py``: a page's network recorded into a HAR, or replayed from one with nothing else
  reachable (pinned Date and Math.random, recorded response times);
- ``watcher.py``: the in-page wall watcher (``js/watcher.js`` with the lexicon embedded) and its reader;
- ``consent.py``: the consent policy applied in the live page;
- ``engine.py``: browsers for a batch's pool (launched or connected on demand) and its capture;
- ``page.py``: capture a page that a test already drives (pytest-playwright's ``page``);
- ``js/``: the scripts run in the page. Their vocabularies (lexicon, attribute names) come from Python.
"""
