"""Listing benchmark: the blog generators' listing pages through the pure path, beside trafilatura.

For every generator and both parts (split by page id with the rule in tests/bench/split.py) it
prints, per page on average: cards found (the share of the truth's card titles in the output, in
the truth's order), excerpt recall (the truth excerpts' 4-word runs found in the output), links
kept (cards whose URL is in the output as a link with the card's title), noise lines (output
lines, Markdown stripped, that are neither a card's title or excerpt nor a date, tag, category or
author line), those date/tag lines apart (meta) and milliseconds per page.

  .venv/bin/python -m tests.bench.listings                 # ours and trafilatura
  .venv/bin/python -m tests.bench.listings --only ours --part tune --show noise --csv /tmp/l.csv
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from tests.bench.docs.__main__ import EXTRACTORS, Extractor, score_py, strip_callouts
from tests.bench.docs.measure import blocks_of, noise_lines, norm
from tests.bench.listings.build import CORPUS, listing_url
from tests.bench.run import load_score
from tests.bench.split import PARTS, part_of

_WORD = re.compile(r"\w+")
_MARKS = re.compile(r"^[ \t]*(?:(?:\d+[.)]|[-*+>]|#{1,6})[ \t]+)+", re.MULTILINE)
_MONTH = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DATE = re.compile(rf"\b(?:19|20)\d\d\b|\b(?:{_MONTH})[a-z]*\b|\b\d+\s*min\b", re.IGNORECASE)
# the words of a post's meta line besides its tags, category and author
_META_WORDS = frozenset(
    [
        "tags",
        "tag",
        "tagged",
        "categories",
        "category",
        "in",
        "by",
        "posted",
        "on",
        "published",
        "updated",
        "author",
        "filed",
        "under",
        "and",
        "the",
        "reading",
        "time",
        "read",
        "minutes",
    ]
)


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + 4]) for i in range(len(w) - 3)}


def target(url: str) -> str:
    """A link target compared without ``index.html`` and the trailing slash."""
    return url.removesuffix("index.html").rstrip("/")


@dataclass
class PageScore:
    cards: int
    found: int  # titles found in order
    excerpt_grams: int
    excerpt_found: int
    links: int  # cards whose URL is linked with the card's title
    noise: list[str]
    meta: int
    ms: float


def score_listing(
    score: object, extractor: Extractor, html: str, url: str, cards: list[dict[str, str | None]]
) -> PageScore:
    start = time.perf_counter()
    md = extractor(html, url)
    ms = (time.perf_counter() - start) * 1000
    text = score.strip_markdown(strip_callouts(md))  # type: ignore[attr-defined]
    # a card's title in an ordered list is left as "1. # Title": the marks are no words of it
    text = _MARKS.sub("", text)
    flat = " " + " ".join(words(text)) + " "
    found, pos = 0, 0
    for card in cards:
        at = flat.find(" " + " ".join(words(card["title"] or "")) + " ", pos)
        if at >= 0:
            found += 1
            pos = at + 1
    out_grams = shingles(text)
    truth_grams = [shingles(c["excerpt"]) for c in cards if c["excerpt"]]
    links = {(t, target(urljoin(url, h))) for (t, h) in blocks_of(md, url).links}
    kept = sum(
        any(h == target(c["url"] or "") and norm(c["title"] or "") in t for t, h in links)
        for c in cards
    )
    truth_text = "\n".join(f"{c['title']}\n{c['excerpt'] or ''}" for c in cards)
    vocabulary = set(_META_WORDS)
    for c in cards:
        vocabulary.update(words(c["url"] or ""))
    noise, meta = [], 0
    for line in noise_lines(text, truth_text):
        lw = words(line)
        if _DATE.search(line) or (lw and all(w in vocabulary or w in _TAXA for w in lw)):
            meta += 1
        else:
            noise.append(line)
    return PageScore(
        len(cards),
        found,
        sum(len(g) for g in truth_grams),
        sum(len(g & out_grams) for g in truth_grams),
        kept,
        noise,
        meta,
        ms,
    )


# the corpus's tag, category and author names (a post's meta line holds them)
_TAXA = frozenset(["fastify", "pino", "guides", "reference", "team", "editors"])


@dataclass
class Tally:
    scores: list[PageScore] = field(default_factory=list)

    def add(self, s: PageScore) -> None:
        self.scores.append(s)

    def line(self) -> str:
        s = self.scores
        n = len(s)
        cards = sum(x.found for x in s) / max(1, sum(x.cards for x in s))
        grams = sum(x.excerpt_grams for x in s)
        exc = f"{sum(x.excerpt_found for x in s) / grams:.3f}" if grams else "  -  "
        links = sum(x.links for x in s) / max(1, sum(x.cards for x in s))
        noise = sum(len(x.noise) for x in s) / n
        meta = sum(x.meta for x in s) / n
        ms = sum(x.ms for x in s) / n
        return f"{n:>5} {cards:>6.3f} {exc:>7} {links:>6.3f} {noise:>7.2f} {meta:>6.2f} {ms:>6.0f}"


def load_cards(generator: str, page_id: str) -> list[dict[str, str | None]]:
    path = CORPUS / "truth" / generator / f"{page_id}.json"
    return json.loads(path.read_text("utf-8"))  # type: ignore[no-any-return]


def pages(generators: list[str] | None = None) -> list[tuple[str, str]]:
    found = sorted(
        (p.parent.name, p.name.removesuffix(".html.gz"))
        for p in (CORPUS / "html").glob("*/*.html.gz")
    )
    return [(g, i) for g, i in found if not generators or g in generators]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", nargs="*", choices=sorted(EXTRACTORS), default=sorted(EXTRACTORS))
    ap.add_argument("--generators", nargs="*")
    ap.add_argument("--part", choices=PARTS, help="only the pages of this part")
    ap.add_argument("--show", choices=["noise"], help="print each page's noise lines")
    ap.add_argument("--csv", type=Path, help="write one row per page and extractor")
    args = ap.parse_args(argv)
    score = load_score(score_py())
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    rows = []
    chosen = pages(args.generators)
    for gen, page_id in chosen:
        part = part_of(page_id)
        if args.part and part != args.part:
            continue
        html = gzip.decompress((CORPUS / "html" / gen / f"{page_id}.html.gz").read_bytes())
        cards = load_cards(gen, page_id)
        for name in args.only:
            s = score_listing(score, EXTRACTORS[name], html.decode("utf-8"),
                              listing_url(gen, page_id), cards)  # fmt: skip
            tallies[(name, gen, part)].add(s)
            tallies[(name, "ALL", part)].add(s)
            rows.append([name, gen, page_id, part, s.cards, s.found, s.excerpt_grams,
                         s.excerpt_found, s.links, len(s.noise), s.meta, round(s.ms, 1)])  # fmt: skip
            if args.show and s.noise:
                print(f"-- {name} {gen} {page_id}: {len(s.noise)} noise lines")
                for line in s.noise:
                    print("   ", line[:110])
    if args.csv:
        with args.csv.open("w", newline="") as f:
            out = csv.writer(f)
            out.writerow(["extractor", "generator", "page", "part", "cards", "found",
                          "excerpt_grams", "excerpt_found", "links", "noise", "meta", "ms"])  # fmt: skip
            out.writerows(rows)
    gens = [*sorted({g for g, _ in chosen}), "ALL"]
    head = (f"{'generator':<21} {'extractor':<11} {'pages':>5} {'cards':>6} {'excerpt':>7} "
            f"{'links':>6} {'noise/p':>7} {'meta/p':>6} {'ms/p':>6}")  # fmt: skip
    for part in PARTS:
        if not any(key[2] == part for key in tallies):
            continue
        print(f"\n== {part} part (split by page id, tests/bench/split.py)")
        print(head)
        for gen in gens:
            for name in args.only:
                if (name, gen, part) in tallies:
                    print(f"{gen:<21} {name:<11} {tallies[(name, gen, part)].line()}")
    print(
        "\ncards: truth titles found in order; excerpt: recall of the excerpts' 4-word runs; "
        "links: cards\nlinked with their title; noise/p: other output lines per page; meta/p: "
        "date, tag,\ncategory and author lines per page"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
