"""Build the landing-page corpus: the documentation corpus's READMEs as the home pages that
documentation generators lay out from front matter (a hero over a grid of feature cards).

Each document of the docs corpus (tests/bench/docs, licences in its corpus/README.md) becomes
one landing page: the hero's name is the package's name, its tagline the README's first
paragraph, and each feature card one of its level-2 sections (the heading as the card's title,
the section's first paragraph as its text; at most six, at least three, else the document is
left out). The text is plain, as the generators print it: Markdown is rendered and its tags
stripped. Every generator lays the page out with its own home layout, from its own front
matter or components (VitePress ``layout: home``, VuePress ``home: true``, Rspress ``pageType:
home``, Starlight's ``splash`` template with ``<CardGrid>`` of ``<Card>``). The truth,
``corpus/truth/<doc>.md``, is the hero's name as a level-1 heading, then the tagline and the
cards (title as a level-2 heading over its text); ``corpus/html/<generator>/<doc>.html.gz`` is
the page each built.

  python -m tests.bench.landing.build [--work /tmp/extractor-landing-build] [--only vitepress ...]
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from tests.bench.docs.build import (
    NPM,
    Doc,
    build_astro_starlight,
    build_main,
    npm_install,
    run,
    save,
)

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
BASE = "http://landing.test"
PAGE_PATHS = {
    "vitepress": "/vitepress/{doc}.html",
    "vuepress": "/vuepress/{doc}.html",
    "rspress": "/rspress/{doc}.html",
    "starlight": "/starlight/{doc}/",
}
# the documents: READMEs of these npm packages (licences in corpus/README.md)
SOURCES = (
    "debug@4.4.3",
    "cookie@2.0.2",
    "tinyexec@1.4.0",
    "ofetch@1.5.1",
    "magic-string@1.4.5",
    "lru-cache@11.5.4",
    "devalue@6.0.4",
    "neotraverse@1.0.1",
    "picomatch@4.0.7",
    "semver@7.8.6",
    "smol-toml@1.9.1",
    "ufo@1.6.4",
    "http-cache-semantics@4.3.0",
    "zod@3.25.76",
    "yargs@18.2.0",
    "dayjs@1.11.23",
    "undici@7.30.3",
    "prettier@3.10.2",
    "fastify@5.12.8",
    "pino@9.14.0",
    "axios@1.21.1",
    "mitt@3.0.1",
    "commander@14.0.3",
    "chalk@5.6.2",
    "express@5.2.1",
    "ky@1.14.3",
    "p-limit@6.2.0",
    "execa@9.6.1",
)
MIN_FEATURES, MAX_FEATURES = 3, 6
# text the front matter or MDX would read as markup rather than print: such a card is left out
_UNSAFE = re.compile(r"[<>{}&`|\\]")
_TAGS = re.compile(r"<[^>]+>")
_LINKS = re.compile(r"<a [^>]*>.*?</a>", re.DOTALL)


def page_url(generator: str, doc: str) -> str:
    return BASE + PAGE_PATHS[generator].format(doc=doc)


@dataclass(frozen=True)
class Feature:
    title: str
    details: str


@dataclass(frozen=True)
class Landing:
    id: str
    name: str
    tagline: str
    features: tuple[Feature, ...]

    def truth(self) -> str:
        cards = "".join(f"## {f.title}\n\n{f.details}\n\n" for f in self.features)
        return f"# {self.name}\n\n{self.tagline}\n\n{cards}".rstrip("\n") + "\n"


def landing_of(doc: Doc) -> Landing | None:
    """The document's landing page: its first paragraph of text, then a card per section
    (level 2 or 3) that holds a paragraph of text; None when that gives no tagline or fewer
    than MIN_FEATURES cards. Paragraphs of badges or links alone are passed over."""
    md = MarkdownIt("commonmark")
    env: dict[str, object] = {}
    tokens = md.parse(doc.body, env)
    tagline = ""
    features: list[Feature] = []
    heading: str | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            title = _plain(md.renderer.renderInline(inline.children or [], md.options, env))
            heading = title if tok.tag in ("h2", "h3") and not _UNSAFE.search(title) else None
        elif tok.type == "paragraph_open" and tok.level == 0:
            inline = tokens[i + 1]
            rendered = md.renderer.renderInline(inline.children or [], md.options, env)
            text = _plain(rendered)
            linked = sum(len(_plain(a)) for a in _LINKS.findall(rendered))
            if len(text) < 20 or _UNSAFE.search(text) or linked > len(text) / 2:
                continue
            if not tagline and heading is None and not features:
                tagline = text
            elif tagline and heading and len(features) < MAX_FEATURES:
                features.append(Feature(heading, text))
                heading = None
    if not tagline or len(features) < MIN_FEATURES:
        return None
    return Landing(doc.id, doc.title, tagline, tuple(features))


def _plain(rendered: str) -> str:
    return " ".join(html.unescape(_TAGS.sub("", rendered)).split())


def collect_docs(work: Path) -> list[Doc]:
    folder = work / "sources"
    npm_install(folder, list(SOURCES))
    docs = []
    for spec in SOURCES:
        name = spec.rsplit("@", 1)[0]
        found = [
            p for p in (folder / "node_modules" / name).iterdir() if p.name.lower() == "readme.md"
        ]
        docs.append(Doc(name.replace("/", "-"), found[0].read_text("utf-8")))
    return docs


def collect_sources(work: Path) -> list[Landing]:
    """The landing pages of the docs corpus's documents, their truths written to the corpus."""
    pages = [page for doc in collect_docs(work) if (page := landing_of(doc)) is not None]
    truth = CORPUS / "truth"
    shutil.rmtree(truth, ignore_errors=True)
    truth.mkdir(parents=True)
    for page in pages:
        (truth / f"{page.id}.md").write_text(page.truth(), "utf-8")
    (CORPUS / "urls.json").write_text(
        json.dumps(
            {gen: {p.id: page_url(gen, p.id) for p in pages} for gen in PAGE_PATHS}, indent=1
        )
        + "\n"
    )
    return pages


def _front_matter(fields: dict[str, object]) -> str:
    # JSON is YAML: every value is written as JSON
    lines = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items())
    return f"---\n{lines}---\n"


def _cards(page: Landing) -> list[dict[str, str]]:
    return [{"title": f.title, "details": f.details} for f in page.features]


def _save_built(generator: str, pages: list[Landing], path_of: dict[str, Path]) -> None:
    for page in pages:
        path = path_of[page.id]
        if path.exists():
            save(generator, Doc(page.id, ""), path.read_text("utf-8"), CORPUS)
        else:
            print(f"  ! {generator}: no page for {page.id} ({path})")


def build_vitepress(work: Path, pages: list[Landing]) -> None:
    site = work / "vitepress"
    npm_install(site, NPM["vitepress"])
    src = site / "docs"
    shutil.rmtree(src, ignore_errors=True)
    (src / ".vitepress").mkdir(parents=True)
    for page in pages:
        hero = {"name": page.name, "tagline": page.tagline}
        fields = {"layout": "home", "hero": hero, "features": _cards(page)}
        (src / f"{page.id}.md").write_text(_front_matter(fields), "utf-8")
    config = {"title": "Packages", "base": "/vitepress/"}
    (src / ".vitepress" / "config.mjs").write_text(f"export default {json.dumps(config)}\n")
    run(["npx", "vitepress", "build", "docs"], site)
    dist = src / ".vitepress" / "dist"
    _save_built("vitepress", pages, {p.id: dist / f"{p.id}.html" for p in pages})


def build_vuepress(work: Path, pages: list[Landing]) -> None:
    site = work / "vuepress"
    npm_install(site, NPM["vuepress"])
    src = site / "docs"
    shutil.rmtree(src, ignore_errors=True)
    (src / ".vuepress").mkdir(parents=True)
    (src / "README.md").write_text("# Packages\n")
    for page in pages:
        fields = {"home": True, "heroText": page.name, "tagline": page.tagline,
                  "features": _cards(page)}  # fmt: skip
        (src / f"{page.id}.md").write_text(_front_matter(fields), "utf-8")
    (src / ".vuepress" / "config.js").write_text(
        "import { viteBundler } from '@vuepress/bundler-vite';\n"
        "import { defaultTheme } from '@vuepress/theme-default';\n"
        "import { defineUserConfig } from 'vuepress';\n"
        "export default defineUserConfig({ base: '/vuepress/', lang: 'en-US', title: 'Packages',\n"
        "  bundler: viteBundler(), theme: defaultTheme({}) });\n"
    )
    run(["npx", "vuepress", "build", "docs"], site)
    dist = src / ".vuepress" / "dist"
    _save_built("vuepress", pages, {p.id: dist / f"{p.id}.html" for p in pages})


def build_rspress(work: Path, pages: list[Landing]) -> None:
    site = work / "rspress"
    npm_install(site, NPM["rspress"])
    src = site / "docs"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    for page in pages:
        hero = {"name": page.name, "tagline": page.tagline}
        fields = {"pageType": "home", "hero": hero, "features": _cards(page)}
        (src / f"{page.id}.md").write_text(_front_matter(fields), "utf-8")
    (site / "rspress.config.mjs").write_text(
        "import { defineConfig } from '@rspress/core';\n"
        "export default defineConfig({ root: 'docs', base: '/rspress/', title: 'Packages' });\n"
    )
    shutil.rmtree(site / "doc_build", ignore_errors=True)
    run(["npx", "rspress", "build"], site)
    dist = site / "doc_build"
    _save_built("rspress", pages, {p.id: dist / f"{p.id}.html" for p in pages})


def build_starlight(work: Path, pages: list[Landing]) -> None:
    site = work / "starlight"
    npm_install(site, NPM["starlight"])
    src = site / "src" / "content" / "docs"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    for page in pages:
        fields = {"title": page.name, "template": "splash",
                  "hero": {"title": page.name, "tagline": page.tagline}}  # fmt: skip
        cards = "".join(
            f'  <Card title="{html.escape(f.title)}">\n    {f.details}\n  </Card>\n'
            for f in page.features
        )
        (src / f"{page.id}.mdx").write_text(
            _front_matter(fields)
            + "\nimport { Card, CardGrid } from '@astrojs/starlight/components';\n\n"
            + f"<CardGrid>\n{cards}</CardGrid>\n",
            "utf-8",
        )
    build_astro_starlight(site, BASE)
    dist = site / "dist"
    _save_built("starlight", pages, {p.id: dist / p.id / "index.html" for p in pages})


BUILDERS = {
    "vitepress": build_vitepress,
    "vuepress": build_vuepress,
    "rspress": build_rspress,
    "starlight": build_starlight,
}


def main(argv: list[str] | None = None) -> int:
    return build_main(
        __doc__, BUILDERS, collect_sources, Path("/tmp/extractor-landing-build"), argv
    )


if __name__ == "__main__":
    raise SystemExit(main())
