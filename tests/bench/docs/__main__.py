"""Documentation benchmark: the docs corpus through the pure path, beside trafilatura.

For every generator and both parts of the corpus (split by source document with the written rule
in tests/bench/split.py) it prints: text F1 (the official shingle metric, Markdown stripped),
headings (text and level, F1), code blocks found and their language, tables, list items (F1),
links (F1; relative targets made absolute), images (recall) and noise lines per page.

  .venv/bin/python -m tests.bench.docs                 # ours and trafilatura
  .venv/bin/python -m tests.bench.docs --only ours --generators starlight --show noise
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractor.pipeline import extract_html
from tests.bench.docs.build import CORPUS, page_url
from tests.bench.docs.measure import PageScores, blocks_of, compare, noise_lines
from tests.bench.run import load_score
from tests.bench.split import PARTS
from tests.bench.split import part as part_of

Extractor = Callable[[str, str], str]


def ours(html: str, url: str) -> str:
    return extract_html(html, url=url).markdown


def trafilatura_md(html: str, url: str) -> str:
    import trafilatura

    return (
        trafilatura.extract(
            html,
            url=url,
            output_format="markdown",
            include_links=True,
            include_images=True,
            include_formatting=True,
            include_tables=True,
        )
        or ""
    )


EXTRACTORS: dict[str, Extractor] = {"ours": ours, "trafilatura": trafilatura_md}
# a callout's mark ("> [!note] Title") is Markdown syntax, like the ">" before it
_CALLOUT_MARK = re.compile(r"^(\s*(?:>\s*)+)\[!\w+\][-+]?[ \t]*", re.MULTILINE)


def strip_callouts(markdown: str) -> str:
    return _CALLOUT_MARK.sub(r"\1", markdown)


def score_py() -> Path:
    """The official metric: ``$EXTRACTOR_SHARED/eval/score.py``, else ``shared`` beside or above."""
    if os.environ.get("EXTRACTOR_SHARED"):
        return Path(os.environ["EXTRACTOR_SHARED"]) / "eval" / "score.py"
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared" / "eval" / "score.py").exists():
            return folder / "shared" / "eval" / "score.py"
    raise SystemExit("cannot find shared/eval/score.py (set EXTRACTOR_SHARED)")


@dataclass
class Tally:
    counts: list[tuple[float, float, float]] = field(default_factory=list)
    blocks: PageScores = field(default_factory=PageScores)
    noise: int = 0
    pages: int = 0
    ms: float = 0.0

    def add(self, result: PageResult) -> None:
        """Count one page's result in."""
        self.counts.append(result.counts)
        self.blocks.merge(result.blocks)
        self.noise += len(result.noise)
        self.pages += 1
        self.ms += result.ms


def load_truth(corpus: Path = CORPUS) -> dict[str, tuple[str, str]]:
    """``{doc: (title, body)}``: the source Markdown, its first ``# `` line being the title."""
    out = {}
    for path in sorted((corpus / "truth").glob("*.md")):
        first, _, body = path.read_text("utf-8").partition("\n")
        out[path.stem] = (first.removeprefix("# ").strip(), body.strip("\n") + "\n")
    return out


@dataclass
class PageResult:
    """One extractor's output for one page, and how it scores against the truth."""

    markdown: str
    counts: tuple[float, float, float]  # the official metric's per-page counts
    blocks: PageScores
    noise: list[str]
    ms: float


def score_page(score: object, extractor: Extractor, html: str, url: str, body: str) -> PageResult:
    """Run ``extractor`` on one page and score its Markdown against the truth's ``body``."""
    truth_text = score.strip_markdown(body)  # type: ignore[attr-defined]
    start = time.perf_counter()
    md = extractor(html, url)
    ms = (time.perf_counter() - start) * 1000
    text = score.strip_markdown(strip_callouts(md))  # type: ignore[attr-defined]
    # the truth's footnote definitions are text too (strip_markdown drops them)
    noise = noise_lines(text, f"{truth_text}\n{body}")
    counts = score.page_counts(truth_text, text)  # type: ignore[attr-defined]
    return PageResult(md, counts, compare(blocks_of(body, url), blocks_of(md, url)), noise, ms)


def corpus_pages(
    corpus: Path, groups: list[str], docs: list[str] | None, part: str | None
) -> Iterator[tuple[str, str, str]]:
    """(group, document, HTML) of every saved page under ``corpus/html/<group>/``, those of the
    documents and the part asked for only."""
    for group in groups:
        for path in sorted((corpus / "html" / group).glob("*.html.gz")):
            doc = path.name.removesuffix(".html.gz")
            if (docs and doc not in docs) or (part and part_of(doc) != part):
                continue
            yield group, doc, gzip.decompress(path.read_bytes()).decode("utf-8")


def report_page(
    result: PageResult, out: Path | None, name: str, group: str, doc: str, *, show_noise: bool
) -> None:
    """Write the page's output under ``out`` (when asked) and print its noise lines (when
    asked)."""
    if out:
        target = out / name / group / f"{doc}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.markdown, "utf-8")
    if show_noise and result.noise:
        print(f"-- {name} {group} {doc}: {len(result.noise)} noise lines")
        for line in result.noise:
            print("   ", line[:110])


def main(
    argv: list[str] | None = None,
    corpus: Path = CORPUS,
    url_of: Callable[[str, str], str] = page_url,
    description: str | None = __doc__,
) -> int:
    """The benchmark over ``corpus`` (``html/<generator>/<doc>.html.gz`` and ``truth/<doc>.md``),
    ``url_of(generator, doc)`` being each page's address."""
    ap = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawTextHelpFormatter
    )
    ap.add_argument("--only", nargs="*", choices=sorted(EXTRACTORS), default=sorted(EXTRACTORS))
    ap.add_argument("--generators", nargs="*")
    ap.add_argument("--docs", nargs="*")
    ap.add_argument("--show", choices=["noise"], help="print each page's noise lines")
    ap.add_argument("--out", type=Path, help="write each output as OUT/<extractor>/<gen>/<doc>.md")
    ap.add_argument("--part", choices=PARTS, help="only the pages of this part")
    args = ap.parse_args(argv)
    score = load_score(score_py())
    truth = load_truth(corpus)
    generators = args.generators or sorted(p.name for p in (corpus / "html").iterdir())
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    for gen, doc, html in corpus_pages(corpus, generators, args.docs, args.part):
        for name in args.only:
            result = score_page(score, EXTRACTORS[name], html, url_of(gen, doc), truth[doc][1])
            report_page(result, args.out, name, gen, doc, show_noise=bool(args.show))
            for key in ((name, gen, part_of(doc)), (name, "ALL", part_of(doc))):
                tallies[key].add(result)
    print_tallies(tallies, args.only, [*generators, "ALL"], score)
    return 0


def _fmt(x: float) -> str:
    return "  -  " if math.isnan(x) else f"{x:.3f}"


def print_tallies(tallies: dict[tuple[str, str, str], Tally], names: list[str], gens: list[str],
                  score: object, *, split_by: str = "source document") -> None:  # fmt: skip
    """The figures of each group (generator or template) and extractor, part by part."""
    w = max(16, *(len(gen) for gen in gens))
    head = (f"{'generator':<{w}} {'extractor':<11} {'pages':>5} {'textF1':>6} {'head':>6} "
            f"{'code':>6} {'lang':>6} {'table':>6} {'lists':>6} {'links':>6} {'images':>6} "
            f"{'noise/p':>7} {'ms/p':>6}")  # fmt: skip
    for part in PARTS:
        if not any(key[2] == part for key in tallies):
            continue
        print(f"\n== {part} part (split by {split_by}, tests/bench/split.py)")
        print(head)
        for gen in gens:
            for name in names:
                t = tallies.get((name, gen, part))
                if t is None or not t.pages:
                    continue
                b = t.blocks
                f1 = score.aggregate(t.counts)["f1"]  # type: ignore[attr-defined]
                print(
                    f"{gen:<{w}} {name:<11} {t.pages:>5} {_fmt(f1):>6} {_fmt(b.headings.f1()):>6} "
                    f"{_fmt(b.code.recall()):>6} {_fmt(b.code_lang.recall()):>6} "
                    f"{_fmt(b.tables.recall()):>6} {_fmt(b.items.f1()):>6} "
                    f"{_fmt(b.links.f1()):>6} {_fmt(b.images.recall()):>6} "
                    f"{t.noise / t.pages:>7.2f} {t.ms / t.pages:>6.0f}"
                )
    print(
        "\nhead/lists/links: F1 of (level, text) / item text / (text, URL); code: truth blocks "
        "found;\nlang: their language right; table: truth tables found; images: recall; "
        "noise/p: output lines not in the truth, per page"
    )


if __name__ == "__main__":
    raise SystemExit(main())
