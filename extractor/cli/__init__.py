"""The command line: thin commands over the library.

- ``main.py``: ``extractor URL`` (and batches): parse, call the library, print or write, exit codes;
- ``options.py``: the parser class and the render options every command shares;
- ``snapshot.py``: ``extractor snapshot record|check|update``;
- ``auth.py``: ``extractor auth URL FILE``: sign in in a visible window, save the session.
"""

from extractor.cli.main import main

__all__ = ["main"]
