"""Site-template benchmark: the pages of published site templates (tests/bench/templates/build.py)
through the pure path, beside trafilatura, with the documentation benchmark's figures (text F1
by the official metric, headings, lists, links, noise lines per page), per template and part.

The truth is what a reader sees once the chrome is set aside (nav, footer, forms, buttons,
what opens on demand; see build.py), so it holds every section of a landing page, every card of
a listing and a shop's prices: a figure of how much of a page's content comes through, and how
much else with it.

  .venv/bin/python -m tests.bench.templates                 # ours and trafilatura
  .venv/bin/python -m tests.bench.templates --only ours --part tune --show noise
"""

from __future__ import annotations

import argparse
import gzip
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from tests.bench.docs.__main__ import (
    EXTRACTORS,
    Tally,
    print_tallies,
    report_page,
    score_page,
    score_py,
)
from tests.bench.run import load_score
from tests.bench.split import PARTS
from tests.bench.split import part as part_of
from tests.bench.templates.build import CORPUS, page_id, page_url


def template_pages(
    corpus: Path, groups: list[str], part: str | None
) -> Iterator[tuple[str, str, str, str]]:
    """(group, page, HTML, truth) of every saved page of the groups, of the part asked for."""
    for group in groups:
        for path in sorted((corpus / "html" / group).glob("*.html.gz")):
            page = path.name.removesuffix(".html.gz")
            if part and part_of(page_id(group, page)) != part:
                continue
            truth = (corpus / "truth" / group / f"{page}.md").read_text("utf-8")
            body = truth.partition("\n")[2].strip("\n") + "\n"  # (the first line is the title)
            yield group, page, gzip.decompress(path.read_bytes()).decode("utf-8"), body


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", nargs="*", choices=sorted(EXTRACTORS), default=sorted(EXTRACTORS))
    ap.add_argument("--groups", nargs="*", help="only these templates")
    ap.add_argument("--show", choices=["noise"], help="print each page's noise lines")
    ap.add_argument(
        "--out", type=Path, help="write each output as OUT/<extractor>/<group>/<page>.md"
    )
    ap.add_argument("--part", choices=PARTS, help="only the pages of this part")
    args = ap.parse_args(argv)
    score = load_score(score_py())
    groups = args.groups or sorted(p.name for p in (CORPUS / "html").iterdir())
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    for group, page, html, body in template_pages(CORPUS, groups, args.part):
        for name in args.only:
            result = score_page(score, EXTRACTORS[name], html, page_url(group, page), body)
            report_page(result, args.out, name, group, page, show_noise=bool(args.show))
            part = part_of(page_id(group, page))
            for key in ((name, group, part), (name, "ALL", part)):
                tallies[key].add(result)
    print_tallies(tallies, args.only, [*groups, "ALL"], score, split_by="package and page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
