"""Page titles on the documentation corpus: the title read against the document's own.

A documentation page's title is its document's first level-1 heading (the truth's first line);
the <title> a generator writes adds the site's name to it ("cookie — Packages documentation",
"cookie | Packages"), and a clipped note is named after the title. For every generator and both
parts (tests/bench/split.py) it prints the share of pages whose title is the document's (as
the docs bench compares headings: case, spacing and typographic quotes and dashes aside), ours
(read_metadata) beside trafilatura's (extract_metadata), and one wrong title per generator.

  .venv/bin/python -m tests.bench.docs.titles
  .venv/bin/python -m tests.bench.docs.titles --only ours --part tune
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Callable

from extractor import dom
from extractor.dom import fold
from extractor.metadata.read import read_metadata
from tests.bench.docs.__main__ import corpus_pages, load_truth
from tests.bench.docs.build import CORPUS, page_url
from tests.bench.docs.measure import norm
from tests.bench.split import PARTS
from tests.bench.split import part as part_of


def ours(html: str, url: str) -> str:
    return read_metadata(dom.parse(html), url).title or ""


def trafilatura_title(html: str, url: str) -> str:
    from trafilatura import extract_metadata

    found = extract_metadata(html, default_url=url)
    return (found.title if found else None) or ""


READERS: dict[str, Callable[[str, str], str]] = {"ours": ours, "trafilatura": trafilatura_title}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", nargs="*", choices=sorted(READERS), default=sorted(READERS))
    ap.add_argument("--part", choices=PARTS, help="only the pages of this part")
    args = ap.parse_args(argv)
    truth = load_truth(CORPUS)
    generators = sorted(p.name for p in (CORPUS / "html").iterdir())
    right: dict[tuple[str, str, str], list[bool]] = defaultdict(list)
    wrong: dict[tuple[str, str], tuple[str, str]] = {}
    for gen, doc, html in corpus_pages(CORPUS, generators, None, args.part):
        want = fold(truth[doc][0])
        for name in args.only:
            got = fold(READERS[name](html, page_url(gen, doc)))
            same = norm(got) == norm(want)
            for key in ((name, gen, part_of(doc)), (name, "ALL", part_of(doc))):
                right[key].append(same)
            if not same:
                wrong.setdefault((name, gen), (got, want))
    for part in PARTS:
        if not any(key[2] == part for key in right):
            continue
        print(f"\n== {part} part (split by source document, tests/bench/split.py)")
        print(f"{'generator':<20} {'extractor':<11} {'pages':>5} {'title':>6}  a wrong one")
        for gen in [*generators, "ALL"]:
            for name in args.only:
                found = right.get((name, gen, part))
                if not found:
                    continue
                miss = wrong.get((name, gen)) if gen != "ALL" else None
                said = f"{miss[0]!r} for {miss[1]!r}" if miss else ""
                share = sum(found) / len(found)
                print(f"{gen:<20} {name:<11} {len(found):>5} {share:>6.3f}  {said[:70]}")
    print(
        "\ntitle: share of pages whose title is the document's first heading (case, spacing and"
        "\nthe generator's typographic quotes and dashes aside)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
