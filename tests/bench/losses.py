"""Where the pure path loses truth text: every lost piece of a page's truth, attributed to a cause.

For each page of a corpus part (the tuned part unless told), the truth's lines are compared
with our output by the official metric's own unit: word 4-shingles (../shared/eval/score.py
``tokenize`` and ``shingles``; the output is Markdown stripped as the scorer strips it). A
truth shingle that our output lacks is lost, and is looked for, in this order, in what the
pipeline did to the page (recorded while it runs; the pipeline itself is unchanged):

  <step>            an element some named step took out (``Removal.take``, article steps and
                    normalize steps alike; ``non-content``'s scripts, embeds and form controls,
                    which go in one pass), the first that held the shingle;
  region            the region choice left it outside: the text sits under an ancestor of the
                    chosen region (``scoring.best_region``); the row says how many levels up
                    and what stops ``_widen`` on the way (the first ancestor that fails):
                    ``ends-content`` (the region or an ancestor below is <main> or an article
                    body), ``links`` (the ancestor's link density is over
                    WIDEN_MAX_LINK_DENSITY), ``gain`` (less new prose than WIDEN_MIN_GAIN times
                    the region's) or ``kept`` (none fails: the walk stopped for an article
                    with something beside it, or the region was not widened at all);
  metric-strip      in our Markdown, but dropped by the metric's Markdown stripping (a
                    footnote definition "[^1]: text" reads to it as a link reference);
  after-region      in the region the article stage returned, gone from the Markdown
                    (conversion, wall scrub);
  on-page           in the page's text, but in none of the above (text split across elements
                    differently than the truth's lines);
  junction          every word is on the page but not in this order: a shingle spanning two
                    pieces the truth puts side by side and the page does not (other order,
                    something between them, or a neighbour lost);
  not-on-page       some word is not in the page's text at all (alt text, attributes, script
                    data, text the truth writes differently).

A lost line's characters are shared among the causes in proportion to its lost shingles.
Tables: lost characters per cause (and per page type of wcxb-dev-sample), per class/id word
of the removed element or of the branch left outside the region, and the pages losing most
to each cause with a sample of the lost text.

Usage examples:
  PYTHONPATH=$PWD .venv/bin/python -m tests.bench.losses
  PYTHONPATH=$PWD .venv/bin/python -m tests.bench.losses --corpus wcxb-dev-sample --top 8
  PYTHONPATH=$PWD .venv/bin/python -m tests.bench.losses --cause region:links --top 20
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from lxml.html import HtmlElement

import extractor.article as article_stage
from extractor.article import boilerplate, scoring
from extractor.article import region as region_module
from extractor.article.boilerplate import names_of
from extractor.dom import text_of
from extractor.pipeline import extract_html
from extractor.records import Step
from extractor.removal import Removal, is_attached
from tests.bench.corpora import Page, available, cause_tables_parser, load_scorer, pages_of

Shingle = tuple[str, ...]
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_NAME_WORDS = re.compile(r"[a-z]{3,}")
# elements whose text is data, never shown (a script's JSON often repeats the page's text)
DATA_TAGS = frozenset({"script", "style", "template", "head"})


@dataclass
class Held:
    """Text some cause holds: a removed element, or a branch left outside the region."""

    cause: str
    names: str
    shingles: set[Shingle]


@dataclass
class Trace:
    """What the pipeline did to one page, in the order it happened."""

    held: list[Held] = field(default_factory=list)
    region_final: set[Shingle] = field(default_factory=set)
    page: set[Shingle] = field(default_factory=set)
    words: set[str] = field(default_factory=set)


@dataclass
class Loss:
    page: Page
    cause: str
    names: str
    chars: float
    line: str


def _shingle_set(scorer: ModuleType, text: str) -> set[Shingle]:
    return set(scorer.shingles(scorer.tokenize(text)))


def _stop_reason(region: HtmlElement, upto: HtmlElement, prose: dict[HtmlElement, int]) -> str:
    """Why ``_widen`` did not reach ``upto`` from ``region``: the first ancestor that fails."""
    own = prose.get(region, 0) or len(text_of(region))
    below = region
    for parent in region.iterancestors():
        if scoring.ends_content(below):
            return "ends-content"
        if scoring.link_density(parent) > scoring.WIDEN_MAX_LINK_DENSITY:
            return "links"
        if prose.get(parent, 0) - own < scoring.WIDEN_MIN_GAIN * max(own, 1):
            return "gain"
        if parent is upto:
            break
        below = parent
    return "kept"


@contextmanager
def tracing(scorer: ModuleType, trace_of: Callable[[], Trace]) -> Iterator[None]:
    """Record, for the length of the block, what each step removes and what the region leaves
    out; ``trace_of`` gives the current page's trace."""
    take = Removal.take
    best_region = region_module.best_region
    find_article = article_stage.find_article
    drop_non_content = boilerplate.drop_non_content

    def traced_take(self: Removal, el: HtmlElement) -> None:
        if is_attached(el):
            got = _shingle_set(scorer, text_of(el))
            if got:
                trace_of().held.append(Held(self.name, names_of(el), got))
        take(self, el)

    def traced_drop_non_content(body: HtmlElement) -> Step:
        # (removed in one pass inside lxml, not one by one: recorded here, outermost only,
        # but for DATA_TAGS)
        dropped = set(boilerplate.NON_CONTENT_TAGS | boilerplate.MEDIA_TAGS)
        for el in body.iter(*dropped - DATA_TAGS):
            if not any(above.tag in dropped for above in el.iterancestors()):
                got = _shingle_set(scorer, el.text_content())
                if got:
                    trace_of().held.append(Held("non-content", f"{el.tag} {names_of(el)}", got))
        return drop_non_content(body)

    def traced_best_region(body: HtmlElement) -> HtmlElement:
        chosen = best_region(body)
        _, prose = scoring.score_candidates(body)
        lineage = chosen
        for level, above in enumerate(chosen.iterancestors(), start=1):
            reason = _stop_reason(chosen, above, prose)
            for child in above:
                if child is lineage or not isinstance(child.tag, str):
                    continue
                got = _shingle_set(scorer, text_of(child))
                if got:
                    names = f"{child.tag} {names_of(child)}".strip()
                    cause = f"region:{reason}:{min(level, 4)}{'+' if level >= 4 else ''}"
                    trace_of().held.append(Held(cause, names, got))
            if above is body:
                break
            lineage = above
        return chosen

    def traced_find_article(doc: HtmlElement, *args: Any, **kwargs: Any) -> Any:
        text = text_of(doc)
        trace_of().page = _shingle_set(scorer, text)
        trace_of().words = set(scorer.tokenize(text))
        region, steps = find_article(doc, *args, **kwargs)
        trace_of().region_final = _shingle_set(scorer, text_of(region))
        return region, steps

    Removal.take = traced_take  # type: ignore[method-assign]
    boilerplate.drop_non_content = traced_drop_non_content
    region_module.best_region = traced_best_region
    article_stage.find_article = traced_find_article
    try:
        yield
    finally:
        Removal.take = take  # type: ignore[method-assign]
        boilerplate.drop_non_content = drop_non_content
        region_module.best_region = best_region
        article_stage.find_article = find_article


def losses_of(scorer: ModuleType, page: Page, markdown: str, trace: Trace) -> list[Loss]:
    """Every lost piece of the page's truth, by line, with its cause. The truth is shingled
    whole, as the scorer does (a shingle may span two lines; it belongs to the line it starts
    in), and a line's characters are shared out by its shingles."""
    out = _shingle_set(scorer, scorer.strip_markdown(markdown))
    written = _shingle_set(scorer, _LINK_TARGET.sub("]", markdown))  # (its words, not its URLs)
    lines = [line.strip() for line in page.truth.splitlines()]
    tokens: list[str] = []
    line_of: list[int] = []
    for number, line in enumerate(lines):
        words = scorer.tokenize(line)
        tokens += words
        line_of += [number] * len(words)
    n = scorer.NGRAM
    starts = range(max(len(tokens) - n + 1, 1)) if tokens else range(0)
    by_line: dict[int, list[Shingle]] = defaultdict(list)
    for i in starts:
        by_line[line_of[i]].append(tuple(tokens[i : i + n]))
    found: list[Loss] = []
    for number, shingles in sorted(by_line.items()):
        missing = {s for s in shingles if s not in out}
        if not missing:
            continue
        share = len(lines[number]) / len(shingles)
        claims: list[tuple[str, str, int]] = []
        for held in trace.held:
            got = missing & held.shingles
            if got:
                claims.append((held.cause, held.names, len(got)))
                missing -= got
            if not missing:
                break
        pools = (
            ("metric-strip", written),
            ("after-region", trace.region_final),
            ("on-page", trace.page),
        )
        for cause, pool in pools:
            got = missing & pool
            if got:
                claims.append((cause, "", len(got)))
                missing -= got
        joined = {s for s in missing if trace.words.issuperset(s)}
        if joined:
            claims.append(("junction", "", len(joined)))
        if missing - joined:
            claims.append(("not-on-page", "", len(missing - joined)))
        found.extend(Loss(page, c, names, k * share, lines[number]) for c, names, k in claims)
    return found


def _family(cause: str) -> str:
    """``region:links:2`` -> ``region:links``; a step's name stays."""
    return ":".join(cause.split(":")[:2])


def _print_tables(losses: list[Loss], pages: list[Page], top: int, only: str | None) -> None:
    total_truth = sum(len(p.truth) for p in pages)
    total_lost = sum(x.chars for x in losses)
    print(
        f"{len(pages)} pages, {total_truth} truth characters, {total_lost:.0f} lost "
        f"({100 * total_lost / max(total_truth, 1):.1f}%)"
    )
    groups = sorted({f"{p.corpus[:5]}/{p.group[:8]}" for p in pages})
    by_cause: dict[str, Counter[str]] = defaultdict(Counter)
    pages_hit: dict[str, set[str]] = defaultdict(set)
    for x in losses:
        key = f"{x.page.corpus[:5]}/{x.page.group[:8]}"
        for cause in {x.cause, _family(x.cause)}:
            by_cause[cause][key] += x.chars
            by_cause[cause]["all"] += x.chars
            pages_hit[cause].add(x.page.pid)
    print(
        f"\n{'cause':<24} {'lost':>8} {'share':>6} {'pages':>5}  "
        + " ".join(f"{g:>14}" for g in groups)
    )
    for cause, counts in sorted(by_cause.items(), key=lambda kv: -kv[1]["all"]):
        row = f"{cause:<24} {counts['all']:>8.0f} {100 * counts['all'] / total_lost:>5.1f}%"
        row += f" {len(pages_hit[cause]):>5}  " + " ".join(f"{counts[g]:>14.0f}" for g in groups)
        print(row)

    words: dict[str, Counter[str]] = defaultdict(Counter)
    sites: dict[tuple[str, str], set[str]] = defaultdict(set)
    for x in losses:
        for word in set(_NAME_WORDS.findall(x.names)):
            words[_family(x.cause).split(":")[0]][word] += x.chars
            sites[(_family(x.cause).split(":")[0], word)].add(x.page.pid)
    print("\nclass/id words of what held the lost text (removed element / branch outside region)")
    for cause, counts in sorted(words.items(), key=lambda kv: -sum(kv[1].values())):
        cells = [f"{w} {n:.0f}/{len(sites[(cause, w)])}p" for w, n in counts.most_common(12)]
        print(f"  {cause:<18} " + ", ".join(cells))

    per_page: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    sample: dict[tuple[str, str, str], tuple[float, str, str]] = {}
    for x in losses:
        fam = _family(x.cause)
        per_page[(fam, x.page.pid)]["chars"] += x.chars
        key = (fam, x.page.pid, x.page.group)
        if key not in sample or sample[key][0] < x.chars:
            sample[key] = (x.chars, x.names, x.line)
    print(f"\npages losing most, per cause (top {top})")
    for cause, _ in sorted(by_cause.items(), key=lambda kv: -kv[1]["all"]):
        if ":" in cause and cause.count(":") > 1:
            continue
        if only and cause != only:
            continue
        ranked = sorted(
            (
                (per_page[(cause, pid)]["chars"], pid, group)
                for c, pid, group in sample
                if c == cause
            ),
            reverse=True,
        )[:top]
        print(f"  {cause}")
        for chars, pid, group in ranked:
            _, names, line = sample[(cause, pid, group)]
            print(f"    {chars:>7.0f} {pid[:28]:<28} {group[:10]:<10} [{names[:40]}] {line[:70]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = cause_tables_parser(__doc__)
    args = ap.parse_args(argv)
    if not available():
        print("the corpora or the scorer are missing under ../shared", file=sys.stderr)
        return 2
    scorer = load_scorer()
    pages = [p for corpus in args.corpus for p in pages_of(corpus, args.part)]
    current = Trace()
    losses: list[Loss] = []
    with tracing(scorer, lambda: current):
        for page in pages:
            current = Trace()
            try:
                markdown = extract_html(page.html(), url=page.url).markdown
            except Exception:  # compare.py names crashes; here a crash loses the whole page
                markdown, current = "", Trace()
            losses.extend(losses_of(scorer, page, markdown, current))
    _print_tables(losses, pages, args.top, args.cause)
    return 0


if __name__ == "__main__":
    sys.exit(main())
