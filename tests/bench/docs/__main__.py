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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extractor.pipeline import extract_html
from tests.bench.docs.build import CORPUS, page_url
from tests.bench.docs.measure import PageScores, blocks_of, compare, noise_lines
from tests.bench.run import load_score
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


def load_truth() -> dict[str, tuple[str, str]]:
    """``{doc: (title, body)}``: the source Markdown, its first ``# `` line being the title."""
    out = {}
    for path in sorted((CORPUS / "truth").glob("*.md")):
        first, _, body = path.read_text("utf-8").partition("\n")
        out[path.stem] = (first.removeprefix("# ").strip(), body.strip("\n") + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", nargs="*", choices=sorted(EXTRACTORS), default=sorted(EXTRACTORS))
    ap.add_argument("--generators", nargs="*")
    ap.add_argument("--docs", nargs="*")
    ap.add_argument("--show", choices=["noise"], help="print each page's noise lines")
    ap.add_argument("--out", type=Path, help="write each output as OUT/<extractor>/<gen>/<doc>.md")
    args = ap.parse_args(argv)
    score = load_score(score_py())
    truth = load_truth()
    generators = args.generators or sorted(p.name for p in (CORPUS / "html").iterdir())
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    for gen in generators:
        for path in sorted((CORPUS / "html" / gen).glob("*.html.gz")):
            doc = path.name.removesuffix(".html.gz")
            if args.docs and doc not in args.docs:
                continue
            html = gzip.decompress(path.read_bytes()).decode("utf-8")
            url = page_url(gen, doc)
            body = truth[doc][1]
            truth_text = score.strip_markdown(body)
            truth_blocks = blocks_of(body, url)
            for name in args.only:
                start = time.perf_counter()
                md = EXTRACTORS[name](html, url)
                ms = (time.perf_counter() - start) * 1000
                if args.out:
                    target = args.out / name / gen / f"{doc}.md"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(md, "utf-8")
                text = score.strip_markdown(strip_callouts(md))
                # the truth's footnote definitions are text too (strip_markdown drops them)
                noise = noise_lines(text, f"{truth_text}\n{body}")
                if args.show and noise:
                    print(f"-- {name} {gen} {doc}: {len(noise)} noise lines")
                    for line in noise:
                        print("   ", line[:110])
                for key in ((name, gen, part_of(doc)), (name, "ALL", part_of(doc))):
                    t = tallies[key]
                    t.counts.append(score.page_counts(truth_text, text))
                    t.blocks.merge(compare(truth_blocks, blocks_of(md, url)))
                    t.noise += len(noise)
                    t.pages += 1
                    t.ms += ms
    _print(tallies, args.only, [*generators, "ALL"], score)
    return 0


def _fmt(x: float) -> str:
    return "  -  " if math.isnan(x) else f"{x:.3f}"


def _print(tallies: dict[tuple[str, str, str], Tally], names: list[str], gens: list[str],
           score: object) -> None:  # fmt: skip
    head = (f"{'generator':<16} {'extractor':<11} {'pages':>5} {'textF1':>6} {'head':>6} "
            f"{'code':>6} {'lang':>6} {'table':>6} {'lists':>6} {'links':>6} {'images':>6} "
            f"{'noise/p':>7} {'ms/p':>6}")  # fmt: skip
    for part in ("tune", "measure"):
        print(f"\n== {part} part (split by source document, tests/bench/split.py)")
        print(head)
        for gen in gens:
            for name in names:
                t = tallies.get((name, gen, part))
                if t is None or not t.pages:
                    continue
                b = t.blocks
                f1 = score.aggregate(t.counts)["f1"]  # type: ignore[attr-defined]
                print(
                    f"{gen:<16} {name:<11} {t.pages:>5} {_fmt(f1):>6} {_fmt(b.headings.f1()):>6} "
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
