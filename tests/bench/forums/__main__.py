"""Forum benchmark: the forum corpus's thread pages through the pure path, beside trafilatura.

For every engine and both parts (split by source document with the rule in tests/bench/split.py)
it prints text F1 (the official shingle metric, Markdown stripped, against all the thread's posts
in order), posts found (the share of posts whose text is in the output: at least 80% of a post's
4-word runs), noise lines per page (output lines not in the truth: names, dates, buttons, quote
headers...) and milliseconds per page. The scoring is the documentation benchmark's.

  .venv/bin/python -m tests.bench.forums                 # ours and trafilatura
  .venv/bin/python -m tests.bench.forums --only ours --engines spirit --part tune --show posts
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.docs.__main__ import (
    EXTRACTORS,
    Extractor,
    corpus_pages,
    load_truth,
    report_page,
    score_page,
    score_py,
    strip_callouts,
)
from tests.bench.forums.build import CORPUS, MEMBERS, load_posts, page_url
from tests.bench.run import load_score
from tests.bench.split import PARTS
from tests.bench.split import part as part_of

_WORD = re.compile(r"\w+")
# A post's line of author and date as the pure path writes it ("**marta_k** · 4 Mar '24").
_BYLINE = re.compile(r"^\*\*(?P<name>[^*\n]+)\*\*(?: · [^\n]+)?$", re.MULTILINE)
FOUND = 0.8  # share of a post's 4-word runs that must be in the output


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def without_bylines(md: str) -> tuple[str, int]:
    """The Markdown without its posts' author lines that name a member of the corpus, and how
    many there were: the truth holds the posts' text alone, so a right author line is neither
    text nor noise (a line naming anyone else stays, and counts as noise)."""
    count = 0

    def cut(found: re.Match[str]) -> str:
        nonlocal count
        if found.group("name") not in MEMBERS:
            return found.group(0)
        count += 1
        return ""

    return _BYLINE.sub(cut, md), count


def post_found(post_text: str, output_text: str) -> bool:
    """Whether the post's text (Markdown stripped) is in the output: 80% of its 4-word runs, or
    for a post of fewer than four words, its words together and in order."""
    words, out = _words(post_text), _words(output_text)
    if len(words) < 4:
        return f" {' '.join(words)} " in f" {' '.join(out)} "
    grams = _grams(words)
    return len(grams & _grams(out)) >= FOUND * len(grams)


@dataclass
class Tally:
    counts: list[tuple[float, float, float]] = field(default_factory=list)
    posts: int = 0
    found: int = 0
    noise: int = 0
    bylines: int = 0
    pages: int = 0
    ms: float = 0.0


def main(argv: list[str] | None = None, corpus: Path = CORPUS) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", nargs="*", choices=sorted(EXTRACTORS), default=sorted(EXTRACTORS))
    ap.add_argument("--engines", nargs="*")
    ap.add_argument("--docs", nargs="*")
    ap.add_argument("--part", choices=PARTS, help="only the pages of this part")
    ap.add_argument("--show", choices=["noise", "posts"], help="print each page's noise lines "
                    "or the posts it misses")  # fmt: skip
    ap.add_argument(
        "--out", type=Path, help="write each output as OUT/<extractor>/<engine>/<doc>.md"
    )
    args = ap.parse_args(argv)
    score = load_score(score_py())
    truth = load_truth(corpus)
    posts = load_posts(corpus)
    engines = args.engines or sorted(p.name for p in (corpus / "html").iterdir())
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    for engine, doc, html in corpus_pages(corpus, engines, args.docs, args.part):
        for name in args.only:
            seen: list[int] = []

            def extract(
                page: str, url: str, run: Extractor = EXTRACTORS[name], seen: list[int] = seen
            ) -> str:
                md, count = without_bylines(run(page, url))
                seen.append(count)
                return md

            result = score_page(score, extract, html, page_url(engine, doc), truth[doc][1])
            text = score.strip_markdown(strip_callouts(result.markdown))
            found = [post_found(score.strip_markdown(p), text) for p in posts[doc]]
            report_page(result, args.out, name, engine, doc, show_noise=args.show == "noise")
            if args.show == "posts" and not all(found):
                missed = [i + 1 for i, ok in enumerate(found) if not ok]
                print(f"-- {name} {engine} {doc}: posts missed {missed} of {len(found)}")
            for key in ((name, engine, part_of(doc)), (name, "ALL", part_of(doc))):
                t = tallies[key]
                t.counts.append(result.counts)
                t.posts += len(found)
                t.found += sum(found)
                t.noise += len(result.noise)
                t.bylines += seen[0]
                t.pages += 1
                t.ms += result.ms
    for part in PARTS:
        if not any(key[2] == part for key in tallies):
            continue
        print(f"\n== {part} part (split by source document, tests/bench/split.py)")
        print(f"{'engine':<10} {'extractor':<11} {'pages':>5} {'textF1':>6} {'posts':>6} "
              f"{'authors':>7} {'noise/p':>7} {'ms/p':>6}")  # fmt: skip
        for engine in [*engines, "ALL"]:
            for name in args.only:
                row = tallies.get((name, engine, part))
                if row is None or not row.pages:
                    continue
                f1 = score.aggregate(row.counts)["f1"]
                print(
                    f"{engine:<10} {name:<11} {row.pages:>5} {f1:>6.3f} "
                    f"{row.found / row.posts:>6.3f} {row.bylines / row.posts:>7.3f} "
                    f"{row.noise / row.pages:>7.2f} "
                    f"{row.ms / row.pages:>6.0f}"
                )
    print(
        "\nposts: share of the threads' posts whose text is in the output (80% of its 4-word "
        "runs);\nauthors: share of the posts given a line naming a member of the corpus as their "
        "author (not text, not noise);\nnoise/p: output lines not in the truth, per page"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
