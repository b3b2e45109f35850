"""Product-page benchmark: the product corpus (tests/bench/products/build.py) through the pure
path, beside trafilatura, with the documentation benchmark's figures (text F1 by the official
metric, links, noise lines per page), per shop engine and part.

  .venv/bin/python -m tests.bench.products                 # ours and trafilatura
  .venv/bin/python -m tests.bench.products --only ours --part tune --show noise
"""

from __future__ import annotations

from tests.bench.docs.__main__ import main as docs_main
from tests.bench.products.build import CORPUS, page_url


def main(argv: list[str] | None = None) -> int:
    return docs_main(argv, corpus=CORPUS, url_of=page_url, description=__doc__)


if __name__ == "__main__":
    raise SystemExit(main())
