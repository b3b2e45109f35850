"""The documentation sites as a user meets them: each built site served whole from loopback
(its style sheets, scripts and images), every page captured in Chromium by the product's browser
path, beside the pure path on the page saved in the corpus.

The saved corpus pages are what each generator wrote; a browser also runs the site's scripts
(hydration, a client-side router, code-copy buttons, theme switches) and applies its style
sheets (what they hide, the capture drops). This prints, per generator and part, the block
figures of both paths (headings, code blocks and their language, tables, list items, links;
see measure.py) and how many pages' Markdown differs between the two.

It needs the built sites, which ``python -m tests.bench.docs.build`` leaves in its work folder
(``--work``, by default /tmp/extractor-docs-build); a generator whose site is not there is
named and skipped. MediaWiki is not among them: its pages are served by PHP.

  .venv/bin/python -m tests.bench.docs.rendered --part tune
  .venv/bin/python -m tests.bench.docs.rendered --generators rspress vuepress
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

from extractor.api import open_session
from extractor.pipeline import extract_html, extract_page
from extractor.records import Options
from tests.bench.docs.__main__ import load_truth
from tests.bench.docs.build import CORPUS, PAGE_PATHS
from tests.bench.docs.measure import PageScores, blocks_of, compare
from tests.bench.split import PARTS
from tests.bench.split import part_of as part_of_doc
from tests.pageserver import serve_handler

WORK = Path("/tmp/extractor-docs-build")
# generator -> the folder (below the work folder) its built site is served from, at its base
# path (build.py writes each site there)
SITE_ROOTS = {
    "mkdocs-material": "mkdocs-material/site",
    "mkdocs": "mkdocs/site",
    "mkdocs-readthedocs": "mkdocs-readthedocs/site",
    "zensical": "zensical/site",
    "sphinx-furo": "sphinx-furo/_build",
    "sphinx-rtd": "sphinx-rtd/_build",
    "sphinx-pydata": "sphinx-pydata/_build",
    "sphinx-alabaster": "sphinx-alabaster/_build",
    "sphinx-book": "sphinx-book/_build",
    "jekyll-minima": "jekyll-minima/_site",
    "hugo-doks": "hugo-doks/public",
    "vitepress": "vitepress/docs/.vitepress/dist",
    "rspress": "rspress/doc_build",
    "vuepress": "vuepress/docs/.vuepress/dist",
    "docusaurus": "docusaurus/build",
    "starlight": "starlight/dist",
    "nextra": "nextra/out",
    "docsify": "docsify/site",
    "retype": "retype/dist",
    "typedoc": "typedoc/dist",
    "jsdoc": "jsdoc/out",
    "fumadocs": "fumadocs/out",
    "sphinx-awesome": "sphinx-awesome/_build",
    "sphinx-shibuya": "sphinx-shibuya/_build",
}
# the browser's budget per page; nothing but loopback is reached
OPTIONS = Options(timeout_ms=20_000)


@dataclass
class Tally:
    rendered: PageScores = field(default_factory=PageScores)
    pure: PageScores = field(default_factory=PageScores)
    pages: int = 0
    differ: int = 0


def _base_path(generator: str) -> str:
    """The path the site is served under ("/rspress"): the first folder of its pages' paths
    (Hugo's pages sit deeper, "/hugo-doks/docs/<doc>/", in the site served at "/hugo-doks")."""
    return "/" + PAGE_PATHS[generator].split("/")[1]


@contextmanager
def serve_site(root: Path, base: str) -> Iterator[str]:
    """Serve the folder ``root`` at ``base`` on a free loopback port; yields the origin. A
    path naming a folder gets its index.html; a clean URL ("/x") its "x.html" when there is
    one (as the hosts these generators target do)."""

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            rel = path.split("?")[0].split("#")[0]
            rel = rel[len(base) :] if rel.startswith(base) else rel
            found = root / rel.lstrip("/")
            if found.is_dir():
                found = found / "index.html"
            elif not found.exists() and found.with_suffix(".html").exists():
                found = found.with_suffix(".html")
            return str(found)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serve_handler(Handler) as origin:
        yield origin


async def _capture_all(urls: list[str], origin: str) -> list[str]:
    options = Options(**{**OPTIONS.__dict__, "allow_origins": (origin,)})
    out = []
    async with open_session(options) as session:
        for url in urls:
            try:
                out.append(extract_page(await session.capture(url), options).markdown)
            except Exception as exc:  # one bad page is an empty output, not a lost run
                print(f"  ! {url}: {type(exc).__name__}: {exc}")
                out.append("")
    return out


def run(work: Path, generators: list[str], part: str | None) -> dict[tuple[str, str], Tally]:
    truth = load_truth(CORPUS)
    docs = [doc for doc in sorted(truth) if part is None or part_of_doc(doc) == part]
    tallies: dict[tuple[str, str], Tally] = {}
    for gen in generators:
        root = work / SITE_ROOTS[gen]
        if not root.is_dir():
            print(f"  ! {gen}: no built site at {root} (python -m tests.bench.docs.build)")
            continue
        base = _base_path(gen)
        with serve_site(root, base) as origin:
            urls = [origin + PAGE_PATHS[gen].format(doc=doc) for doc in docs]
            rendered = asyncio.run(_capture_all(urls, origin))
        for doc, url, md in zip(docs, urls, rendered, strict=True):
            saved = CORPUS / "html" / gen / f"{doc}.html.gz"
            pure = extract_html(gzip.decompress(saved.read_bytes()).decode("utf-8"), url=url)
            body = truth[doc][1]
            t = tallies.setdefault((gen, part_of_doc(doc)), Tally())
            t.rendered.merge(compare(blocks_of(body, url), blocks_of(md, url)))
            t.pure.merge(compare(blocks_of(body, url), blocks_of(pure.markdown, url)))
            t.pages += 1
            t.differ += md.strip() != pure.markdown.strip()
    return tallies


def _print(tallies: dict[tuple[str, str], Tally]) -> None:
    for part in PARTS:
        rows = [(gen, t) for (gen, p), t in tallies.items() if p == part]
        if not rows:
            continue
        print(f"\n== {part} part (split by source document, tests/bench/split.py)")
        print(f"{'generator':<19} {'path':<9} {'pages':>5} {'head':>6} {'code':>6} {'lang':>6} "
              f"{'table':>6} {'lists':>6} {'links':>6} {'differ':>6}")  # fmt: skip
        for gen, t in rows:
            for name, s in (("rendered", t.rendered), ("pure", t.pure)):
                print(
                    f"{gen:<19} {name:<9} {t.pages:>5} {s.headings.f1():>6.3f} "
                    f"{s.code.recall():>6.3f} {s.code_lang.recall():>6.3f} "
                    f"{s.tables.recall():>6.3f} {s.items.f1():>6.3f} {s.links.f1():>6.3f} "
                    f"{t.differ if name == 'rendered' else '':>6}"
                )
    print(
        "\nrendered: the site served whole and captured in Chromium; pure: the saved page "
        "through the pure path;\ndiffer: pages whose Markdown is not the same by both paths"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--work", type=Path, default=WORK)
    ap.add_argument("--generators", nargs="*", choices=sorted(SITE_ROOTS))
    ap.add_argument("--part", choices=PARTS)
    args = ap.parse_args(argv)
    _print(run(args.work, args.generators or sorted(SITE_ROOTS), args.part))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
