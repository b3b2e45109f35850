"""Blog benchmark: the blog corpus through the pure path, beside trafilatura.

The documentation benchmark's measures (tests/bench/docs/__main__.py) on the blog corpus: for
every generator and both parts (split by source document with the rule in tests/bench/split.py)
it prints text F1 (the official shingle metric, Markdown stripped), headings, code blocks, tables,
list items, links and images, noise lines per page and milliseconds per page.

  .venv/bin/python -m tests.bench.blogs                 # ours and trafilatura
  .venv/bin/python -m tests.bench.blogs --only ours --generators pelican --show noise
"""

from __future__ import annotations

from tests.bench.blogs.build import CORPUS, page_url
from tests.bench.docs.__main__ import main as docs_main


def main(argv: list[str] | None = None) -> int:
    return docs_main(argv, corpus=CORPUS, url_of=page_url, description=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
