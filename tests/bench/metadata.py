"""Metadata agreement on saved pages: what read_metadata finds against what each page states.

The reference is what a page states itself: its JSON-LD article (read by extruct, a
benchmark-only dependency) or, failing that, its meta tags; the page's <html lang>. A field counts
only on pages that state it. A title agrees when it is the stated one, or the stated one minus a
"| Site" suffix; a byline when one contains the other; a date when the day matches.

A second date line ("unstated date") measures the fallback for pages that state no date: on each
page that states one, its JSON-LD and its date and time meta tags are taken out and the date is
read again (the <time> elements and the URL stay).

Usage:
  .venv/bin/python -m tests.bench.metadata            # the zyte-dev pages beside the checkout
  .venv/bin/python -m tests.bench.metadata --misses   # also list every disagreement
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateutil import parser as dates
from extruct.jsonld import JsonLdExtractor
from lxml.html import HtmlElement

from extractor import dom
from extractor.metadata.read import read_metadata
from tests.bench.run import DEFAULT_BENCH

ARTICLE_TYPE = re.compile(r"Article|BlogPosting|NewsArticle|Report")
SITE_SUFFIX = re.compile(r"^(.*?)\s+[|\-–—]\s+[^|\-–—]+$")


def norm(text: str | None) -> str:
    return re.sub(r"\W+", " ", html.unescape(text or "")).strip().casefold()


def flat(items: list[Any]) -> Iterator[dict[str, Any]]:
    for item in items:
        if isinstance(item, list):
            yield from flat(item)
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if graph:
                yield from flat(graph if isinstance(graph, list) else [graph])


def names(authors: Any) -> list[str]:
    out = []
    for a in authors if isinstance(authors, list) else [authors]:
        name = a.get("name") if isinstance(a, dict) else a
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, str) and name.strip():
            out.append(name)
    return out


def stated(doc: HtmlElement) -> dict[str, str | None]:
    try:
        items = list(flat(JsonLdExtractor().extract_items(doc)))
    except Exception:  # a page's broken JSON-LD states nothing
        items = []
    art = next((i for i in items if ARTICLE_TYPE.search(str(i.get("@type")))), {})

    def meta(*keys: str) -> str | None:
        for key in keys:
            found = doc.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')
            if found and found[0].strip():
                return str(found[0])
        return None

    return {
        "title": art.get("headline") or meta("og:title"),
        "byline": ", ".join(names(art.get("author"))) or meta("author"),
        "date": art.get("datePublished") or meta("article:published_time"),
        "lang": doc.get("lang"),
    }


def agrees(field: str, mine: str | None, ref: str) -> bool:
    a, b = norm(mine), norm(ref)
    if field == "date":
        try:
            day = dates.parse(ref, fuzzy=True).strftime("%Y-%m-%d")
        except (ValueError, OverflowError):
            day = ref[:10]
        return (mine or "")[:10] == day
    if field == "lang":
        return bool(a) and a.split()[:1] == b.split()[:1]
    if field == "byline":
        return bool(a) and (a == b or a in b or b in a)
    suffixed = SITE_SUFFIX.match(html.unescape(ref))
    return a == b or bool(a and suffixed and norm(suffixed.group(1)) == a)


# what is taken out of a page to hide the date it states
_STATED_DATE = (
    '//script[@type="application/ld+json"]'
    ' | //meta[contains(translate(concat(@property, @name, @itemprop), "DATEIM", "dateim"), "date")'
    ' or contains(translate(concat(@property, @name, @itemprop), "DATEIM", "dateim"), "time")]'
)


def without_stated_date(doc: HtmlElement) -> HtmlElement:
    for el in doc.xpath(_STATED_DATE):
        el.getparent().remove(el)
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--misses", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    truth = json.loads((args.bench / "ground-truth.json").read_text(encoding="utf-8"))
    counts = {k: [0, 0] for k in ("title", "byline", "date", "lang", "unstated date")}
    misses, times = [], []
    for path in sorted((args.bench / "html").glob("*.html.gz")):
        pid = path.name.split(".")[0]
        url = truth[pid]["url"]
        doc = dom.parse(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), url)
        start = time.perf_counter()
        found = read_metadata(doc, url)
        times.append((time.perf_counter() - start) * 1000)
        mine = {"title": found.title, "byline": found.byline, "date": found.published}
        mine["lang"] = found.lang
        for field, ref in stated(doc).items():
            if not isinstance(ref, str) or not ref.strip() or ref.startswith("http"):
                continue
            counts[field][0] += 1
            if agrees(field, mine[field], ref):
                counts[field][1] += 1
            else:
                misses.append((pid[:8], field, mine[field], ref))
            if field == "date":
                guessed = read_metadata(without_stated_date(doc), url).published
                counts["unstated date"][0] += 1
                counts["unstated date"][1] += agrees(field, guessed, ref)
    for field, (n, ok) in counts.items():
        print(f"{field:13s} stated on {n:2d} pages, agree {ok:2d} ({100 * ok / max(n, 1):.0f}%)")
    print(f"read_metadata ms/page: median {statistics.median(times):.2f}")
    if args.misses:
        for miss in misses:
            print("  miss", miss)


if __name__ == "__main__":
    main()
