"""What the pure path keeps that the truth does not have: the other side of ``losses.py``.

For each page of a corpus part (the tuned part unless told), the word 4-shingles of our output
(Markdown stripped as ../shared/eval/score.py strips it) that the truth lacks, counted as the
metric counts them (a multiset: a shingle written twice and true once is one extra), are the
page's extras. Each extra is attributed to the deepest element of the region the article stage
returned whose text holds it, and that element to a cause, read from it and its ancestors up to
the region (the first that applies):

  form          inside a form control or its label, or a form/search/newsletter name;
  price         a price box, cart, stock, shipping or variant name;
  review        a rating or review name;
  related       a related/recommended/carousel/upsell name;
  post-meta     a post's chrome: user, author, avatar, signature, vote, reaction, date, meta;
  share         a share/social/follow name;
  nav           breadcrumbs, tags, categories, pagination, menus;
  link-list     a list or block of three links or more, mostly link text;
  table         a table cell;
  heading       a heading;
  prose:<tag>   none of the above: text the truth leaves out (the tag of the block holding it);
  not-in-region in the Markdown but in no element of the region (a title or line the
                pipeline adds, or text joined across elements differently).

Tables: extras per cause (and per page type of wcxb-dev-sample), class/id words of the nearest
named element holding them, and the pages with most extras per cause with a sample line.

Usage examples:
  PYTHONPATH=$PWD .venv/bin/python -m tests.bench.extras --corpus wcxb-dev-sample
  PYTHONPATH=$PWD .venv/bin/python -m tests.bench.extras --group forum product --top 10
  PYTHONPATH=$PWD .venv/bin/python -m tests.bench.extras --cause related --top 20
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from lxml.html import HtmlElement

import extractor.article as article_stage
from extractor.article.boilerplate import names_of
from extractor.dom import text_of
from extractor.pipeline import extract_html
from tests.bench.corpora import Page, available, cause_tables_parser, load_scorer, pages_of

Shingle = tuple[str, ...]
_NAME_WORDS = re.compile(r"[a-z]{3,}")
FORM_TAGS = frozenset({"form", "label", "select", "option", "button", "fieldset", "input"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LIST_TAGS = frozenset({"ul", "ol", "nav", "menu", "dl"})
# cause -> class/id pattern, tried in this order on the element and its ancestors in the region
NAMED_CAUSES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cause, re.compile(pattern))
    for cause, pattern in (
        ("form", r"\bform\b|search|newsletter|subscribe|signup"),
        ("price", r"price|cart|checkout|stock|shipping|deliver|variant|swatch|quantity|\bqty"),
        ("review", r"review|rating|stars?\b|testimonial"),
        ("related", r"related|recommend|similar|upsell|cross-?sell|carousel|slider|also"),
        (
            "post-meta",
            r"user|author|avatar|signature|member|badge|reput|vote|reaction|like|"
            r"meta|byline|timestamp|\bdate|posted|permalink|post-?info|post-?footer|post-?header",
        ),
        ("share", r"share|social|follow|tweet|facebook"),
        ("nav", r"breadcrumb|\btags?\b|categor|pagination|pager|\bnav|menu"),
    )
)
CAUSES = (*(c for c, _ in NAMED_CAUSES), "link-list", "table", "heading")


@dataclass(frozen=True)
class Extra:
    page: Page
    cause: str
    names: str
    count: int
    line: str
    weight: float  # the count as a share of the page's output shingles (its precision lost)


def _shingles(scorer: ModuleType, text: str) -> Counter[Shingle]:
    counts: Counter[Shingle] = scorer.shingles(scorer.tokenize(text))
    return counts


def _is_link_list(el: HtmlElement) -> bool:
    links = [a for a in el.iter("a") if text_of(a)]
    if len(links) < 3:
        return False
    total = len(text_of(el))
    return total > 0 and sum(len(text_of(a)) for a in links) / total > 0.5


def cause_of(el: HtmlElement, region: HtmlElement) -> tuple[str, str]:
    """The cause an element's extra text is put down to, and the nearest class/id inside the
    region (its own, else its closest named ancestor's)."""
    chain = [el]
    if el is not region:
        for above in el.iterancestors():
            chain.append(above)
            if above is region:
                break
    named = next((names_of(x) for x in chain if names_of(x)), "")
    for cause, pattern in NAMED_CAUSES:
        if cause == "form" and any(x.tag in FORM_TAGS for x in chain if x is not region):
            return cause, named
        if any(pattern.search(names_of(x)) for x in chain if x is not region):
            return cause, named
    for x in chain:
        if x is region:
            break
        if (x.tag in LIST_TAGS or x.tag == "div") and _is_link_list(x):
            return "link-list", named
    if any(x.tag in ("table", "td", "th") for x in chain if x is not region):
        return "table", named
    if any(x.tag in HEADINGS for x in chain):
        return "heading", named
    block = next((x.tag for x in chain if x.tag not in ("a", "span", "b", "strong", "em", "i")), "")
    return f"prose:{block}", named


def extras_of(
    scorer: ModuleType, page: Page, markdown: str, region: HtmlElement | None
) -> list[Extra]:
    """The page's extras, each attributed to the deepest region element holding it."""
    output = _shingles(scorer, scorer.strip_markdown(markdown))
    missing = output - _shingles(scorer, page.truth)
    if not missing:
        return []
    size = sum(output.values())
    found: list[Extra] = []
    if region is not None:
        for el in reversed([x for x in region.iter() if isinstance(x.tag, str)]):
            text = text_of(el)
            own = _shingles(scorer, text)
            held = {s: n for s, n in missing.items() if n > 0 and s in own}
            if not held:
                continue
            cause, names = cause_of(el, region)
            for s in held:
                missing[s] = 0
            n = sum(held.values())
            found.append(Extra(page, cause, names, n, text[:90], n / size))
            missing = +missing
            if not missing:
                break
    if missing:
        sample = " ".join(next(iter(missing)))
        n = sum(missing.values())
        found.append(Extra(page, "not-in-region", "", n, sample, n / size))
    return found


@contextmanager
def tracing(regions: list[HtmlElement | None]) -> Iterator[None]:
    """Record the region the article stage returns (the last page's is ``regions[-1]``)."""
    find_article = article_stage.find_article

    def traced(doc: HtmlElement, *args: Any, **kwargs: Any) -> Any:
        region, steps = find_article(doc, *args, **kwargs)
        regions.append(region)
        return region, steps

    article_stage.find_article = traced
    try:
        yield
    finally:
        article_stage.find_article = find_article


def _family(cause: str) -> str:
    return cause.split(":")[0]


def _print_tables(extras: list[Extra], pages: list[Page], top: int, only: str | None) -> None:
    total = sum(x.count for x in extras)
    print(
        f"{len(pages)} pages, {total} extra shingles; 'P pts' columns: the mean precision "
        "(as the metric averages it over pages) each cause costs, in points, per group"
    )
    sizes = Counter(f"{p.corpus[:5]}/{p.group[:8]}" for p in pages)
    sizes["all"] = len(pages)
    groups = sorted(g for g in sizes if g != "all")
    by_cause: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    shingles: Counter[str] = Counter()
    pages_hit: dict[str, set[str]] = defaultdict(set)
    for x in extras:
        group = f"{x.page.corpus[:5]}/{x.page.group[:8]}"
        for cause in {x.cause, _family(x.cause)}:
            by_cause[cause][group] += 100 * x.weight / sizes[group]
            by_cause[cause]["all"] += 100 * x.weight / sizes["all"]
            shingles[cause] += x.count
            pages_hit[cause].add(x.page.pid)
    print(
        f"\n{'cause':<16} {'extra':>7} {'pages':>5} {'P pts':>6}  "
        + " ".join(f"{g:>14}" for g in groups)
    )
    for cause, counts in sorted(by_cause.items(), key=lambda kv: -kv[1]["all"]):
        row = f"{cause:<16} {shingles[cause]:>7} {len(pages_hit[cause]):>5} {counts['all']:>6.2f}  "
        print(row + " ".join(f"{counts[g]:>14.2f}" for g in groups))

    words: dict[str, Counter[str]] = defaultdict(Counter)
    sites: dict[tuple[str, str], set[str]] = defaultdict(set)
    for x in extras:
        for word in set(_NAME_WORDS.findall(x.names)):
            words[_family(x.cause)][word] += x.count
            sites[(_family(x.cause), word)].add(x.page.pid)
    print("\nclass/id words of the nearest named element holding the extras")
    for cause, named in sorted(words.items(), key=lambda kv: -sum(kv[1].values())):
        cells = [f"{w} {n}/{len(sites[(cause, w)])}p" for w, n in named.most_common(10)]
        print(f"  {cause:<14} " + ", ".join(cells))

    per_page: dict[tuple[str, str, str], float] = defaultdict(float)
    sample: dict[tuple[str, str, str], Extra] = {}
    for x in extras:
        key = (_family(x.cause), x.page.pid, x.page.group)
        per_page[key] += x.weight
        if key not in sample or sample[key].count < x.count:
            sample[key] = x
    print(f"\npages losing most precision, per cause (top {top}; share of the page's output)")
    for cause in sorted({_family(x.cause) for x in extras}, key=lambda c: -by_cause[c]["all"]):
        if only and cause != only:
            continue
        ranked = sorted(((n, k) for k, n in per_page.items() if k[0] == cause), reverse=True)
        print(f"  {cause}")
        for n, (_, pid, group) in ranked[:top]:
            x = sample[(cause, pid, group)]
            print(f"    {n:>5.0%} {pid[:28]:<28} {group[:10]:<10} [{x.names[:36]}] {x.line[:64]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = cause_tables_parser(__doc__)
    ap.add_argument("--group", nargs="+", help="only these groups (page types, datasets)")
    args = ap.parse_args(argv)
    if not available():
        print("the corpora or the scorer are missing under ../shared", file=sys.stderr)
        return 2
    scorer = load_scorer()
    pages = [
        p
        for corpus in args.corpus
        for p in pages_of(corpus, args.part)
        if not args.group or p.group in args.group
    ]
    extras: list[Extra] = []
    regions: list[HtmlElement | None] = []
    with tracing(regions):
        for page in pages:
            regions.clear()
            try:
                markdown = extract_html(page.html(), url=page.url).markdown
            except Exception:  # compare.py names crashes; a crash keeps nothing extra
                continue
            extras.extend(extras_of(scorer, page, markdown, regions[-1] if regions else None))
    _print_tables(extras, pages, args.top, args.cause)
    return 0


if __name__ == "__main__":
    sys.exit(main())
