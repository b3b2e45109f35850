"""Build the documentation corpus: the same Markdown documents through real site generators.

Every generator is installed from its package registry (npm, PyPI, Debian) into a work folder;
the documents are the READMEs of pinned npm packages (their own authors' Markdown, kept as the
truth). Each generator builds a site from them; the page of every document is saved gzipped as
``corpus/html/<generator>/<doc>.html.gz`` and the Markdown as ``corpus/truth/<doc>.md``.
docsify renders in the browser: its pages are served on loopback, loaded in Chromium and saved
as the settled DOM. Generators that are not installed or fail to build are reported and skipped.

  python -m tests.bench.docs.build [--work /tmp/extractor-docs-build] [--only mkdocs-material ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
# the documents: READMEs of these npm packages, at these versions (licences in corpus/README.md)
SOURCES = (
    "picomatch@4.0.7",
    "semver@7.8.6",
    "debug@4.4.3",
    "smol-toml@1.9.1",
    "ufo@1.6.4",
    "cookie@2.0.2",
    "tinyexec@1.4.0",
    "ofetch@1.5.1",
    "magic-string@1.4.5",
    "lru-cache@11.5.4",
    "es-module-lexer@3.0.5",
    "http-cache-semantics@4.3.0",
    "devalue@6.0.4",
    "neotraverse@1.0.1",
)
NPM = {
    "docusaurus": [
        "@docusaurus/core@3.10.2",
        "@docusaurus/preset-classic@3.10.2",
        "react@19.3.1",
        "react-dom@19.3.1",
    ],
    "vitepress": ["vitepress@1.6.4"],
    "starlight": ["astro@5.18.2", "@astrojs/starlight@0.36.3", "sharp@0.34.5"],
    "nextra": [
        "next@15.5.29",
        "react@19.3.1",
        "react-dom@19.3.1",
        "nextra@4.6.1",
        "nextra-theme-docs@4.6.1",
        # zod 4.6 makes a schema key that accepts undefined required: Layout's props then fail
        # to validate ("expected nonoptional" at children); the zod that nextra 4.6 was made with
        "zod@4.1.12",
    ],
    "docsify": ["docsify@4.13.1"],
    # Retype: a .NET generator shipped on npm with its binary for each platform
    "retype": ["retypeapp@4.6.0"],
    "rspress": ["@rspress/core@2.0.22"],
    # Fumadocs (Next.js) with its docs layout, Tailwind 4 as its guide sets it up; the last
    # releases that run with Next.js 15 (Fumadocs 16 needs Next.js 16)
    "fumadocs": [
        "next@15.5.29",
        "react@19.3.1",
        "react-dom@19.3.1",
        "fumadocs-core@15.8.5",
        "fumadocs-ui@15.8.5",
        "fumadocs-mdx@12.0.3",
        "@types/mdx@2.0.14",
        "@types/react@19.3.3",
        "@types/node@20.17.6",
        "typescript@5.9.3",
        "tailwindcss@4.3.5",
        "@tailwindcss/postcss@4.3.5",
        "postcss@8.5.34",
    ],
    # TypeDoc, the API documentation generator of TypeScript packages; its project documents
    # are Markdown pages beside the API pages, in the same theme
    "typedoc": ["typedoc@0.28.20", "typescript@6.0.3"],
    # JSDoc's default template: a package's README as the home page of its API docs
    "jsdoc": ["jsdoc@4.0.5"],
    "vuepress": [
        "vuepress@2.0.0-rc.30",
        "@vuepress/bundler-vite@2.0.0-rc.30",
        "@vuepress/theme-default@2.0.0-rc.132",
        "sass-embedded@1.100.0",
    ],
    # Doks, a Hugo documentation theme shipped as npm packages that Hugo mounts
    "hugo-doks": [
        "thulite@2.6.5",
        "@thulite/core@1.5.9",
        "@thulite/doks-core@1.9.3",
        "@thulite/images@3.3.4",
        "@thulite/inline-svg@1.2.1",
        "@thulite/seo@2.4.2",
        "@tabler/icons@3.54.0",
    ],
}
PIP = [
    "mkdocs-material==9.8.2",
    "sphinx==9.0.4",
    "furo==2025.12.19",
    "sphinx-rtd-theme==3.1.0",
    "myst-parser==5.2.0",
    "hugo==0.168.0",
    "pydata-sphinx-theme==0.24.0",
    "zensical==0.0.73",
]
# sphinx-book-theme pins its own pydata-sphinx-theme (0.20.0): it gets a Python of its own
PIP_SPHINX_BOOK = ["sphinx==9.0.4", "myst-parser==5.2.0", "sphinx-book-theme==1.4.0"]
# two more Sphinx themes, each in a Python of its own (their own pins apart from the others')
PIP_SPHINX_AWESOME = ["sphinx==9.0.4", "myst-parser==5.2.0", "sphinxawesome-theme==6.0.6"]
PIP_SPHINX_SHIBUYA = ["sphinx==9.0.4", "myst-parser==5.2.0", "shibuya==2026.7.12"]
# and two more, added after the rules were written: Piccolo's and a Material port for Sphinx
PIP_SPHINX_PICCOLO = ["sphinx==9.0.4", "myst-parser==5.2.0", "piccolo-theme==0.24.0"]
PIP_SPHINX_IMMATERIAL = ["sphinx==9.0.4", "myst-parser==5.2.0", "sphinx-immaterial==0.13.12"]
BASE = "http://docs.test"
# where each generator puts a document's page (its URL below BASE)
PAGE_PATHS = {
    "mkdocs-material": "/mkdocs-material/{doc}/",
    "sphinx-furo": "/sphinx-furo/{doc}.html",
    "sphinx-rtd": "/sphinx-rtd/{doc}.html",
    "jekyll-minima": "/jekyll-minima/{doc}/",
    "sphinx-pydata": "/sphinx-pydata/{doc}.html",
    "sphinx-alabaster": "/sphinx-alabaster/{doc}.html",
    "sphinx-book": "/sphinx-book/{doc}.html",
    "sphinx-awesome": "/sphinx-awesome/{doc}.html",
    "sphinx-shibuya": "/sphinx-shibuya/{doc}.html",
    "sphinx-piccolo": "/sphinx-piccolo/{doc}.html",
    "sphinx-immaterial": "/sphinx-immaterial/{doc}.html",
    "mkdocs": "/mkdocs/{doc}/",
    "mkdocs-readthedocs": "/mkdocs-readthedocs/{doc}/",
    "zensical": "/zensical/{doc}/",
    "vitepress": "/vitepress/{doc}.html",
    "docusaurus": "/docusaurus/{doc}",
    "starlight": "/starlight/{doc}/",
    "nextra": "/nextra/{doc}",
    "docsify": "/docsify/#/{doc}",
    "rspress": "/rspress/{doc}.html",
    "vuepress": "/vuepress/{doc}.html",
    "hugo-doks": "/hugo-doks/docs/{doc}/",
    "retype": "/retype/{doc}/",
    "typedoc": "/typedoc/documents/{doc}.html",
    "fumadocs": "/fumadocs/docs/{doc}",
    "jsdoc": "/jsdoc/{doc}/index.html",
    "mediawiki": "/mediawiki/index.php/{doc}",
    "mediawiki-vector-2022": "/mediawiki-vector-2022/index.php/{doc}",
    "redmine-wiki": "/projects/packages/wiki/{doc}",
}


def page_url(generator: str, doc: str) -> str:
    return BASE + PAGE_PATHS[generator].format(doc=doc)


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    print("  $", " ".join(cmd), f"(in {cwd})", flush=True)
    done = subprocess.run(
        cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        tail = (done.stdout + done.stderr)[-3000:]
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{tail}")


def npm_install(folder: Path, packages: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "package.json").exists():  # no "type": the generators' configs are CommonJS
        (folder / "package.json").write_text('{"name": "site", "private": true}\n')
    if not (folder / "node_modules").exists():
        run(["npm", "install", "--no-audit", "--no-fund", *packages], folder)


# --- the documents -----------------------------------------------------------------------


class Doc:
    """One source document: its id, title (its first level-1 heading) and the rest (the body)."""

    def __init__(self, doc_id: str, markdown: str) -> None:
        from markdown_it import MarkdownIt

        self.id = doc_id
        self.title = doc_id
        lines = markdown.splitlines()
        tokens = MarkdownIt("commonmark").parse(markdown)
        for i, tok in enumerate(tokens):
            if tok.type == "heading_open" and tok.tag == "h1" and tok.map:
                self.title = tokens[i + 1].content.strip()
                del lines[tok.map[0] : tok.map[1]]
                break
        self.body = "\n".join(lines).strip("\n") + "\n"

    def with_h1(self) -> str:
        return f"# {self.title}\n\n{self.body}"

    def with_front_matter(self, **extra: object) -> str:
        fields = {"title": self.title, **extra}
        lines = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items())
        return f"---\n{lines}---\n\n{self.body}"


def collect_sources(work: Path) -> list[Doc]:
    folder = work / "sources"
    npm_install(folder, list(SOURCES))
    docs = []
    truth = CORPUS / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    for spec in SOURCES:
        name = spec.rsplit("@", 1)[0]
        text = (folder / "node_modules" / name / "README.md").read_text("utf-8")
        doc = Doc(name.replace("/", "-"), text)
        (truth / f"{doc.id}.md").write_text(f"# {doc.title}\n\n{doc.body}", "utf-8")
        docs.append(doc)
    return docs


_LOCAL_IMAGE = re.compile(r"!\[[^\]]*\]\((?!https?:|//|data:)([^)\s]+)")
# a 1x1 GIF standing in for the images the documents ship beside them (not in the package)
_PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


def dot_relative_images(text: str) -> str:
    """Bare relative image paths ("fresh.jpg") written "./fresh.jpg", as a Vite-built site asks
    of its authors (it resolves a bare path as a package)."""
    return re.sub(r"(!\[[^\]]*\]\()(?!https?:|//|data:|\.{0,2}/)", r"\1./", text)


def write_docs(folder: Path, docs: list[Doc], text_of: Callable[[Doc], str]) -> None:
    """Each document as ``<id>.md`` in ``folder``, with a stand-in for every local image."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"{doc.id}.md").write_text(text_of(doc), "utf-8")
        for ref in _LOCAL_IMAGE.findall(doc.body):
            target = (folder / ref.split("#")[0].split("?")[0]).resolve()
            if folder.resolve() in target.parents and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(_PIXEL)


def save(generator: str, doc: Doc, html: str, corpus: Path = CORPUS) -> None:
    out = corpus / "html" / generator
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{doc.id}.html.gz").write_bytes(gzip.compress(html.encode("utf-8"), mtime=0))


def save_built(
    generator: str, docs: list[Doc], page_of: Callable[[Doc], Path], corpus: Path = CORPUS
) -> None:
    for doc in docs:
        path = page_of(doc)
        if path.exists():
            save(generator, doc, path.read_text("utf-8"), corpus)
        else:
            print(f"  ! {generator}: no page for {doc.id} ({path})")


# --- Python generators -------------------------------------------------------------------


def pyenv(work: Path, packages: list[str] = PIP) -> Path:
    venv = work / "venv"
    if not (venv / "bin" / "python").exists():
        work.mkdir(parents=True, exist_ok=True)
        run([sys.executable, "-m", "venv", str(venv)], work)
        run([str(venv / "bin" / "pip"), "install", "-q", *packages], work)
    return venv / "bin"


def build_mkdocs(
    work: Path, docs: list[Doc], theme: str = "material", generator: str = "mkdocs-material"
) -> None:
    """MkDocs with Material set up as its documentation advises, or with one of the two themes
    MkDocs itself ships ("mkdocs", "readthedocs": the Markdown extensions MkDocs enables on its
    own, and permalinks)."""
    site = work / generator
    shutil.rmtree(site, ignore_errors=True)
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Packages\n\nREADMEs of npm packages.\n")
    write_docs(site / "docs", docs, Doc.with_h1)
    nav = "".join(f"  - {json.dumps(d.title, ensure_ascii=False)}: {d.id}.md\n" for d in docs)
    head = (
        f"site_name: Packages\nsite_url: {BASE}/{generator}/\n"
        "repo_url: https://git.test/packages\nedit_uri: edit/main/docs/\n"
    )
    if theme == "material":
        config = (
            "theme:\n  name: material\n  features: [navigation.footer, content.action.edit,"
            " content.code.copy, navigation.tabs]\n"
            "markdown_extensions:\n  - admonition\n  - tables\n  - attr_list\n  - def_list\n"
            "  - pymdownx.details\n  - pymdownx.superfences\n"
            # as Material's documentation sets it up (the language class is written on the block)
            "  - pymdownx.highlight:\n      anchor_linenums: true\n      line_spans: __span\n"
            "      pygments_lang_class: true\n"
            "  - pymdownx.inlinehilite\n  - toc:\n      permalink: true\n"
        )
    else:
        config = f"theme:\n  name: {theme}\nmarkdown_extensions:\n  - toc:\n      permalink: true\n"
    (site / "mkdocs.yml").write_text(head + config + "nav:\n  - Home: index.md\n" + nav)
    run([str(pyenv(work) / "mkdocs"), "build", "-q"], site)
    save_built(generator, docs, lambda d: site / "site" / d.id / "index.html")


def build_zensical(work: Path, docs: list[Doc]) -> None:
    """Zensical reads an MkDocs configuration: the same site as build_mkdocs, its own build."""
    site = work / "zensical"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(work / "mkdocs-material", site, ignore=shutil.ignore_patterns("site"))
    config = (site / "mkdocs.yml").read_text("utf-8")
    (site / "mkdocs.yml").write_text(config.replace("/mkdocs-material/", "/zensical/"), "utf-8")
    run([str(pyenv(work) / "zensical"), "build", "-f", "mkdocs.yml"], site)
    save_built("zensical", docs, lambda d: site / "site" / d.id / "index.html")


def build_sphinx(
    work: Path,
    docs: list[Doc],
    theme: str,
    generator: str,
    bin_dir: Path | None = None,
    extensions: tuple[str, ...] = (),
    options: dict[str, object] | None = None,
) -> None:
    """A Sphinx project of the documents (MyST), with ``theme``, any ``extensions`` the theme
    asks for and its ``options``."""
    site = work / generator
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    toc = "\n".join(d.id for d in docs)
    (site / "index.md").write_text(f"# Packages\n\n```{{toctree}}\n{toc}\n```\n")
    write_docs(site, docs, Doc.with_h1)
    (site / "conf.py").write_text(
        f"project = 'Packages'\nextensions = {['myst_parser', *extensions]!r}\n"
        f"html_theme = {theme!r}\nhtml_theme_options = {options or {}!r}\n"
        "myst_heading_anchors = 3\nsuppress_warnings = ['myst.header', 'myst.xref_missing']\n"
        "html_baseurl = " + repr(f"{BASE}/{generator}/") + "\n"
    )
    sphinx_build = (bin_dir or pyenv(work)) / "sphinx-build"
    run([str(sphinx_build), "-q", "-b", "html", ".", "_build"], site)
    save_built(generator, docs, lambda d: site / "_build" / f"{d.id}.html")


def build_jekyll(work: Path, docs: list[Doc]) -> None:
    if shutil.which("jekyll") is None:
        raise RuntimeError(
            "jekyll is not installed (Debian: apt-get install jekyll jekyll-theme-minima)"
        )
    site = work / "jekyll-minima"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    (site / "_config.yml").write_text(
        "title: Packages\ntheme: minima\nmarkdown: kramdown\nkramdown:\n  input: GFM\n"
        "  syntax_highlighter: rouge\nurl: " + BASE + "\nbaseurl: /jekyll-minima\n"
    )
    (site / "index.md").write_text("---\nlayout: home\n---\n")

    def page(doc: Doc) -> str:
        text = doc.with_front_matter(layout="page", permalink=f"/{doc.id}/")
        # Liquid would read "{{" and "{%" in the documents
        return text.replace("---\n\n", "---\n\n{% raw %}\n", 1) + "\n{% endraw %}\n"

    write_docs(site, docs, page)
    run(["jekyll", "build", "-q"], site)
    save_built("jekyll-minima", docs, lambda d: site / "_site" / d.id / "index.html")


_DOKS_MOUNTS = (  # as the Doks starter mounts its npm packages (later mounts win)
    ("content", "content"),
    ("node_modules/@thulite/core/layouts", "layouts"),
    ("node_modules/@thulite/bootstrap/layouts", "layouts"),
    ("node_modules/@thulite/seo/layouts", "layouts"),
    ("node_modules/@thulite/images/layouts", "layouts"),
    ("node_modules/@thulite/inline-svg/layouts", "layouts"),
    ("node_modules/@thulite/doks-core/layouts", "layouts"),
    ("node_modules/@thulite/core/assets", "assets"),
    ("node_modules/@thulite/bootstrap/assets", "assets"),
    ("node_modules/bootstrap/scss", "assets/scss/bootstrap/scss"),
    ("node_modules/@thulite/images/assets", "assets"),
    ("node_modules/@thulite/doks-core/assets", "assets"),
    ("node_modules/@tabler/icons/icons", "assets/svgs/tabler-icons"),
    ("node_modules/@thulite/doks-core/data", "data"),
    ("node_modules/@thulite/doks-core/i18n", "i18n"),
    ("node_modules/@thulite/doks-core/static", "static"),
    ("assets", "assets"),
    ("layouts", "layouts"),
)
_HOOK_OF = {
    "node_modules/@thulite/images/layouts": "image",
    "node_modules/@thulite/doks-core/layouts": "link",
}


def build_hugo(work: Path, docs: list[Doc]) -> None:
    """Hugo (from PyPI) with Doks, whose layouts and assets come from npm packages."""
    site = work / "hugo-doks"
    npm_install(site, NPM["hugo-doks"])
    shutil.rmtree(site / "content", ignore_errors=True)
    shutil.rmtree(site / "public", ignore_errors=True)
    (site / "content" / "docs").mkdir(parents=True)
    (site / "content" / "_index.md").write_text("---\ntitle: Packages\n---\n")
    (site / "content" / "docs" / "_index.md").write_text("---\ntitle: Docs\n---\n")
    write_docs(site / "content" / "docs", docs, Doc.with_front_matter)
    # the starter's own (empty) customisation files, which the theme's scripts import
    (site / "assets" / "js").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "js" / "custom.js").write_text("")
    (site / "assets" / "scss" / "common").mkdir(parents=True, exist_ok=True)
    for scss in ("_custom.scss", "_variables-custom.scss"):
        (site / "assets" / "scss" / "common" / scss).write_text("")
    for partial in ("footer/script-footer-custom.html", "head/custom-head.html"):
        (site / "layouts" / "_partials" / partial).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / "_partials" / partial).write_text("")
    mounts = "".join(
        f'[[module.mounts]]\n  source = "{src}"\n  target = "{dst}"\n'
        # the render hooks of the images module (on remote images it cannot fetch: no network
        # here) and of Doks (on a link target it cannot parse) stop the build: Hugo's own render
        + (f'  files = ["! _markup/render-{_HOOK_OF[src]}.html"]\n' if src in _HOOK_OF else "")
        for src, dst in _DOKS_MOUNTS
    )
    (site / "hugo.toml").write_text(
        f'baseURL = "{BASE}/hugo-doks/"\ntitle = "Packages"\nlanguageCode = "en-US"\n'
        'disableKinds = ["taxonomy", "term"]\n'
        "[markup.goldmark.renderer]\n  unsafe = true\n"
        "[markup.highlight]\n  noClasses = false\n"
        '[params]\n  mainSections = ["docs"]\n'
        '[params.doks]\n  sectionNav = ["docs"]\n  containerBreakpoint = "lg"\n'
        '  headlineHash = true\n  editPage = true\n  repoHost = "GitHub"\n'
        '  docsRepo = "https://git.test/packages"\n  docsRepoBranch = "main"\n'
        '  docsRepoSubPath = ""\n  flexSearch = false\n  toTopButton = true\n'
        '  colorMode = "auto"\n  colorModeToggler = true\n  navbarSticky = true\n'
        "  breadcrumbTrail = true\n  scrollSpy = true\n" + mounts
    )
    # the production environment runs PostCSS through a Node.js flag that Node 20 lacks; the
    # development one differs only in how stylesheets and scripts are bundled
    run([str(pyenv(work) / "hugo"), "--quiet", "--environment", "development"], site)
    save_built("hugo-doks", docs, lambda d: site / "public" / "docs" / d.id / "index.html")


# --- JavaScript generators ---------------------------------------------------------------


def build_vitepress(work: Path, docs: list[Doc]) -> None:
    site = work / "vitepress"
    npm_install(site, NPM["vitepress"])
    src = site / "docs"
    shutil.rmtree(src, ignore_errors=True)
    (src / ".vitepress").mkdir(parents=True)
    (src / "index.md").write_text("# Packages\n")
    write_docs(src, docs, Doc.with_h1)
    items = [{"text": d.title, "link": f"/{d.id}"} for d in docs]
    config = {
        "title": "Packages",
        "base": "/vitepress/",
        "ignoreDeadLinks": True,
        "themeConfig": {
            "sidebar": [{"text": "Packages", "items": items}],
            "editLink": {"pattern": "https://git.test/packages/edit/main/docs/:path"},
            "outline": [2, 3],
        },
    }
    (src / ".vitepress" / "config.mjs").write_text(f"export default {json.dumps(config)}\n")
    run(["npx", "vitepress", "build", "docs"], site)
    save_built("vitepress", docs, lambda d: src / ".vitepress" / "dist" / f"{d.id}.html")


def build_retype(work: Path, docs: list[Doc]) -> None:
    """Retype with its default settings: one page per document, its own table of contents."""
    site = work / "retype"
    npm_install(site, NPM["retype"])
    src = site / "docs"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(site / "dist", ignore_errors=True)
    write_docs(src, docs, Doc.with_h1)
    (src / "index.md").write_text("# Packages\n")
    (site / "retype.yml").write_text(
        f"input: docs\noutput: dist\nurl: {BASE}/retype\nbranding:\n  title: Packages\n"
        "edit:\n  repo: https://git.test/packages\n  base: docs\n"
    )
    run(["npx", "retype", "build"], site)
    save_built("retype", docs, lambda d: site / "dist" / d.id / "index.html")


def build_typedoc(work: Path, docs: list[Doc]) -> None:
    """TypeDoc's default theme: a one-line TypeScript package whose API pages are joined by the
    documents, given as project documents (``--projectDocuments``), one page each, named by
    its file (the document's id), its title the document's own first heading."""
    site = work / "typedoc"
    npm_install(site, NPM["typedoc"])
    for folder in ("src", "docs", "dist"):
        shutil.rmtree(site / folder, ignore_errors=True)
    (site / "src").mkdir()
    (site / "src" / "index.ts").write_text('export const version = "1.0.0";\n')
    (site / "tsconfig.json").write_text(
        '{"compilerOptions": {"target": "es2022", "module": "esnext", "strict": true},'
        ' "include": ["src"]}\n'
    )
    write_docs(site / "docs", docs, Doc.with_h1)
    run(["npx", "typedoc", "--entryPoints", "src/index.ts", "--projectDocuments", "docs/*.md",
         "--name", "Packages", "--readme", "none", "--out", "dist",
         "--sourceLinkTemplate", "https://git.test/packages/blob/main/{path}#L{line}"], site)  # fmt: skip
    save_built("typedoc", docs, lambda d: site / "dist" / "documents" / f"{d.id}.html")


def build_jsdoc(work: Path, docs: list[Doc]) -> None:
    """JSDoc's default template, once per document: a one-line module's API docs with the
    document as the README of their home page (``--readme``), as a package's docs are made."""
    site = work / "jsdoc"
    npm_install(site, NPM["jsdoc"])
    for folder in ("src", "docs", "out"):
        shutil.rmtree(site / folder, ignore_errors=True)
    (site / "src").mkdir()
    (site / "src" / "index.js").write_text(
        '/**\n * The version.\n * @type {string}\n */\nexport const version = "1.0.0";\n'
    )
    write_docs(site / "docs", docs, Doc.with_h1)
    for doc in docs:
        run(["npx", "jsdoc", "src", "--readme", f"docs/{doc.id}.md",
             "--destination", f"out/{doc.id}"], site)  # fmt: skip
    save_built("jsdoc", docs, lambda d: site / "out" / d.id / "index.html")


def build_rspress(work: Path, docs: list[Doc]) -> None:
    """Rspress 2 (Rsbuild and React), its default theme, static pages for every route."""
    site = work / "rspress"
    npm_install(site, NPM["rspress"])
    src = site / "docs"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    (src / "index.md").write_text("# Packages\n")
    write_docs(src, docs, Doc.with_h1)
    (site / "rspress.config.mjs").write_text(
        "import { defineConfig } from '@rspress/core';\n"
        "export default defineConfig({ root: 'docs', base: '/rspress/', title: 'Packages',\n"
        "  markdown: { link: { checkDeadLinks: false }, shiki: { langAlias: { bnf: 'txt' } } },\n"
        # a README's image next to it ("fresh.jpg") is a module to import, found beside it
        "  builderConfig: { tools: { rspack: (config) => {"
        " config.resolve = { ...config.resolve, preferRelative: true }; } } },\n"
        "  themeConfig: { editLink: { docRepoBaseUrl:"
        " 'https://git.test/packages/edit/main/docs' } } });\n"
    )
    shutil.rmtree(site / "doc_build", ignore_errors=True)
    run(["npx", "rspress", "build"], site)
    save_built("rspress", docs, lambda d: site / "doc_build" / f"{d.id}.html")


def build_vuepress(work: Path, docs: list[Doc]) -> None:
    """VuePress 2 with its default theme (Vite), a sidebar of the pages."""
    site = work / "vuepress"
    npm_install(site, NPM["vuepress"])
    src = site / "docs"
    shutil.rmtree(src, ignore_errors=True)
    (src / ".vuepress").mkdir(parents=True)
    (src / "README.md").write_text("# Packages\n")
    write_docs(src, docs, lambda d: dot_relative_images(d.with_h1()))
    sidebar = json.dumps([f"/{d.id}.md" for d in docs])
    (src / ".vuepress" / "config.js").write_text(
        "import { viteBundler } from '@vuepress/bundler-vite';\n"
        "import { defaultTheme } from '@vuepress/theme-default';\n"
        "import { defineUserConfig } from 'vuepress';\n"
        "export default defineUserConfig({ base: '/vuepress/', lang: 'en-US', title: 'Packages',\n"
        "  bundler: viteBundler(),\n"
        "  theme: defaultTheme({ sidebar: " + sidebar + ",\n"
        "    docsRepo: 'https://git.test/packages', docsDir: 'docs', editLink: true }) });\n"
    )
    shutil.rmtree(src / ".vuepress" / "dist", ignore_errors=True)
    run(["npx", "vuepress", "build", "docs"], site)
    save_built("vuepress", docs, lambda d: src / ".vuepress" / "dist" / f"{d.id}.html")


def build_docusaurus(work: Path, docs: list[Doc]) -> None:
    site = work / "docusaurus"
    npm_install(site, NPM["docusaurus"])
    src = site / "docs"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    write_docs(src, docs, Doc.with_front_matter)
    (site / "docusaurus.config.js").write_text(
        "module.exports = {\n  title: 'Packages', url: '" + BASE + "', baseUrl: '/docusaurus/',\n"
        "  onBrokenLinks: 'ignore', onBrokenMarkdownLinks: 'ignore',\n"
        "  markdown: { format: 'detect' },\n"
        "  presets: [['classic', { docs: { routeBasePath: '/', sidebarPath: undefined,\n"
        "    editUrl: 'https://git.test/packages/edit/main/' }, blog: false,\n"
        "    theme: {} }]],\n"
        "  themeConfig: { navbar: { title: 'Packages', items: [{ type: 'docSidebar',"
        " sidebarId: 'defaultSidebar', label: 'Docs' }] } },\n};\n"
    )
    (site / "sidebars.js").write_text(
        "module.exports = { defaultSidebar: [{ type: 'autogenerated', dirName: '.' }] };\n"
    )
    shutil.rmtree(site / "build", ignore_errors=True)
    (site / "src" / "css").mkdir(parents=True, exist_ok=True)
    run(["npx", "docusaurus", "build"], site)
    save_built("docusaurus", docs, lambda d: site / "build" / d.id / "index.html")


def build_starlight(work: Path, docs: list[Doc]) -> None:
    site = work / "starlight"
    npm_install(site, NPM["starlight"])
    src = site / "src" / "content" / "docs"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    write_docs(src, docs, Doc.with_front_matter)
    build_astro_starlight(
        site,
        BASE,
        ",\n    editLink: { baseUrl: 'https://git.test/packages/edit/main/' },\n"
        "    sidebar: [{ label: 'Packages', autogenerate: { directory: '.' } }]",
    )
    save_built("starlight", docs, lambda d: site / "dist" / d.id / "index.html")


def build_astro_starlight(site: Path, site_url: str, options: str = "") -> None:
    """Astro with Starlight (``options``: more of its settings, after a comma) over the
    content in ``site``'s src/content/docs, built into ``site``/dist."""
    (site / "src" / "content.config.ts").write_text(
        "import { defineCollection } from 'astro:content';\n"
        "import { docsLoader } from '@astrojs/starlight/loaders';\n"
        "import { docsSchema } from '@astrojs/starlight/schema';\n"
        "export const collections = { docs: defineCollection({ loader: docsLoader(),"
        " schema: docsSchema() }) };\n"
    )
    (site / "astro.config.mjs").write_text(
        "import { defineConfig } from 'astro/config';\n"
        "import starlight from '@astrojs/starlight';\n"
        "export default defineConfig({ site: '" + site_url + "', base: '/starlight',\n"
        "  integrations: [starlight({ title: 'Packages', pagefind: false" + options + " })] });\n"
    )
    shutil.rmtree(site / "dist", ignore_errors=True)
    run(["npx", "astro", "build"], site)


def build_nextra(work: Path, docs: list[Doc]) -> None:
    site = work / "nextra"
    npm_install(site, NPM["nextra"])
    content = site / "content"
    shutil.rmtree(content, ignore_errors=True)
    content.mkdir(parents=True)
    (content / "index.md").write_text("# Packages\n\nREADMEs of npm packages.\n")
    write_docs(content, docs, Doc.with_h1)
    app = site / "app"
    (app / "[[...mdxPath]]").mkdir(parents=True, exist_ok=True)
    (site / "next.config.mjs").write_text(
        "import nextra from 'nextra';\nconst withNextra = nextra({ search: false, staticImage: false });\n"
        "export default withNextra({ output: 'export', basePath: '/nextra',"
        " images: { unoptimized: true } });\n"
    )
    (site / "mdx-components.js").write_text(
        "import { useMDXComponents as getThemeComponents } from 'nextra-theme-docs';\n"
        "const themeComponents = getThemeComponents();\n"
        "export function useMDXComponents(components) {\n"
        "  return { ...themeComponents, ...components };\n}\n"
    )
    (app / "layout.jsx").write_text(
        "import { Footer, Layout, Navbar } from 'nextra-theme-docs';\n"
        "import { Head } from 'nextra/components';\nimport { getPageMap } from 'nextra/page-map';\n"
        "import 'nextra-theme-docs/style.css';\n"
        "export const metadata = { title: { template: '%s - Packages' } };\n"
        "export default async function RootLayout({ children }) {\n"
        "  return (<html lang='en' dir='ltr' suppressHydrationWarning><Head />\n"
        "    <body><Layout navbar={<Navbar logo={<b>Packages</b>} />}"
        " pageMap={await getPageMap()}\n"
        "      docsRepositoryBase='https://git.test/packages/tree/main'"
        " footer={<Footer>MIT {new Date().getFullYear()} Packages.</Footer>}>\n"
        "      {children}</Layout></body></html>);\n}\n"
    )
    (app / "[[...mdxPath]]" / "page.jsx").write_text(
        "import { generateStaticParamsFor, importPage } from 'nextra/pages';\n"
        "import { useMDXComponents as getMDXComponents } from '../../mdx-components';\n"
        "export const generateStaticParams = generateStaticParamsFor('mdxPath');\n"
        "export async function generateMetadata(props) {\n"
        "  const params = await props.params;\n"
        "  const { metadata } = await importPage(params.mdxPath);\n  return metadata;\n}\n"
        "const Wrapper = getMDXComponents().wrapper;\n"
        "export default async function Page(props) {\n"
        "  const params = await props.params;\n"
        "  const { default: MDXContent, toc, metadata, sourceCode } ="
        " await importPage(params.mdxPath);\n"
        "  return (<Wrapper toc={toc} metadata={metadata} sourceCode={sourceCode}>\n"
        "    <MDXContent {...props} params={params} /></Wrapper>);\n}\n"
    )
    (app / "not-found.jsx").write_text(
        "import { NotFoundPage } from 'nextra-theme-docs';\n"
        "export default function NotFound() { return <NotFoundPage content='Report it' /> }\n"
    )
    if not (site / ".git").exists():  # the theme reads page dates from the repository
        run(["git", "init", "-q"], site)
    shutil.rmtree(site / "out", ignore_errors=True)
    run(["npx", "next", "build"], site, env={"NEXT_TELEMETRY_DISABLED": "1"})
    save_built("nextra", docs, lambda d: site / "out" / f"{d.id}.html")


_FUMADOCS_FILES = {
    # remote images' sizes are not fetched (the build has no network), and Shiki has no BNF
    "source.config.ts": "import { defineDocs, defineConfig } from 'fumadocs-mdx/config';\n"
    "export const docs = defineDocs({ dir: 'content/docs' });\n"
    "export default defineConfig({ mdxOptions: { remarkImageOptions: { external: false },\n"
    "  rehypeCodeOptions: { langAlias: { bnf: 'txt' } } } });\n",
    # the type check is off: the page tree's types of these releases disagree (the pages build)
    "next.config.mjs": "import { createMDX } from 'fumadocs-mdx/next';\n"
    "export default createMDX()({ output: 'export', basePath: '/fumadocs',"
    " images: { unoptimized: true }, typescript: { ignoreBuildErrors: true } });\n",
    "postcss.config.mjs": "export default { plugins: { '@tailwindcss/postcss': {} } };\n",
    "lib/source.ts": "import { docs } from '@/.source';\n"
    "import { loader } from 'fumadocs-core/source';\n"
    "export const source = loader({ baseUrl: '/docs', source: docs.toFumadocsSource() });\n",
    "app/global.css": "@import 'tailwindcss';\n@import 'fumadocs-ui/css/neutral.css';\n"
    "@import 'fumadocs-ui/css/preset.css';\n",
    "app/layout.tsx": "import './global.css';\nimport { RootProvider } from 'fumadocs-ui/provider';\n"
    "export default function Layout({ children }) {\n"
    "  return (<html lang='en' suppressHydrationWarning>"
    "<body className='flex flex-col min-h-screen'>\n"
    "    <RootProvider search={{ enabled: false }}>{children}</RootProvider></body></html>);\n}\n",
    "app/docs/layout.tsx": "import { DocsLayout } from 'fumadocs-ui/layouts/docs';\n"
    "import { source } from '@/lib/source';\nexport default function Layout({ children }) {\n"
    "  return <DocsLayout tree={source.pageTree} nav={{ title: 'Packages' }}>{children}"
    "</DocsLayout>;\n}\n",
    "app/docs/[[...slug]]/page.tsx": "import { source } from '@/lib/source';\n"
    "import { DocsPage, DocsBody, DocsTitle, DocsDescription } from 'fumadocs-ui/page';\n"
    "import { notFound } from 'next/navigation';\n"
    "import defaultMdxComponents from 'fumadocs-ui/mdx';\n"
    "export default async function Page(props) {\n  const params = await props.params;\n"
    "  const page = source.getPage(params.slug);\n  if (!page) notFound();\n"
    "  const MDX = page.data.body;\n  return (<DocsPage toc={page.data.toc} editOnGithub={{"
    " owner: 'packages', repo: 'packages', sha: 'main', path: `content/docs/${page.path}` }}>\n"
    "    <DocsTitle>{page.data.title}</DocsTitle>\n"
    "    <DocsDescription>{page.data.description}</DocsDescription>\n"
    "    <DocsBody><MDX components={{ ...defaultMdxComponents }} /></DocsBody></DocsPage>);\n}\n"
    "export async function generateStaticParams() { return source.generateParams(); }\n"
    "export async function generateMetadata(props) {\n  const params = await props.params;\n"
    "  const page = source.getPage(params.slug);\n  if (!page) notFound();\n"
    "  return { title: page.data.title, description: page.data.description };\n}\n",
    "tsconfig.json": json.dumps(
        {
            "compilerOptions": {
                "target": "ES2022",
                "lib": ["dom", "dom.iterable", "esnext"],
                "allowJs": True,
                "skipLibCheck": True,
                "strict": False,
                "noEmit": True,
                "esModuleInterop": True,
                "module": "esnext",
                "moduleResolution": "bundler",
                "resolveJsonModule": True,
                "isolatedModules": True,
                "jsx": "preserve",
                "incremental": True,
                "paths": {"@/.source": ["./.source/index.ts"], "@/*": ["./*"]},
                "plugins": [{"name": "next"}],
            },
            "include": ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
            "exclude": ["node_modules"],
        }
    ),
}


def build_fumadocs(work: Path, docs: list[Doc]) -> None:
    """Fumadocs: a Next.js app set up as its manual guide does (the docs layout, a page that
    renders the document with its title, description, table of contents and an edit link),
    exported to static pages."""
    site = work / "fumadocs"
    npm_install(site, NPM["fumadocs"])
    for folder in ("content", "app", "lib", ".source", ".next", "out"):
        shutil.rmtree(site / folder, ignore_errors=True)
    for name, text in _FUMADOCS_FILES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, "utf-8")
    write_docs(site / "content" / "docs", docs, Doc.with_front_matter)
    run(["npx", "next", "build"], site, env={"NEXT_TELEMETRY_DISABLED": "1"})
    save_built("fumadocs", docs, lambda d: site / "out" / "docs" / f"{d.id}.html")


def build_docsify(work: Path, docs: list[Doc]) -> None:
    site = work / "docsify"
    npm_install(site, NPM["docsify"])
    root = site / "site"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    dist = site / "node_modules" / "docsify" / "lib"
    shutil.copy(dist / "docsify.min.js", root)
    shutil.copy(dist / "themes" / "vue.css", root)
    (root / "README.md").write_text("# Packages\n\nREADMEs of npm packages.\n")
    (root / "_sidebar.md").write_text("".join(f"- [{d.title}]({d.id}.md)\n" for d in docs))
    write_docs(root, docs, Doc.with_h1)
    (root / "index.html").write_text(
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='UTF-8'><title>Packages</title>\n"
        "<link rel='stylesheet' href='vue.css'></head><body><div id='app'></div>\n"
        "<script>window.$docsify = { name: 'Packages', loadSidebar: true, subMaxLevel: 2,"
        " auto2top: true };</script>\n<script src='docsify.min.js'></script></body></html>\n"
    )
    from tests.bench.docs.render import render_hash_routes

    pages = render_hash_routes(root, [d.id for d in docs])
    for doc in docs:
        save("docsify", doc, pages[doc.id])


# --- MediaWiki (Debian's package, PHP) ----------------------------------------------------

MEDIAWIKI = Path("/usr/share/mediawiki")  # Debian: apt-get install mediawiki php-sqlite3
PYGMENTIZE = Path("/usr/bin/pygmentize")  # Debian's python3-pygments, as its mediawiki expects
# what Debian links into /var/lib/mediawiki (the site's own state): made afresh in the work folder
_MW_STATE = {"LocalSettings.php", "config", "extensions", "images", "cache"}


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wikitext_of(doc: Doc) -> str:
    """The document's body as wikitext: pandoc reads the Markdown to HTML, then that HTML (the
    raw HTML blocks the READMEs write included) to wikitext, so that links and images written as
    HTML become wiki links and images rather than tags MediaWiki would show escaped."""
    html = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html"], input=doc.body, capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    return subprocess.run(
        ["pandoc", "-f", "html", "-t", "mediawiki"], input=html, capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip


def build_mediawiki(
    work: Path, docs: list[Doc], generator: str = "mediawiki", skin: str | None = None
) -> None:
    """MediaWiki from Debian, installed with SQLite into the work folder, the documents imported
    as wikitext (pandoc), each article fetched from PHP's built-in server on loopback. ``skin``
    is the default skin, when not the one the installer chooses."""
    for tool, hint in ((MEDIAWIKI / "index.php", "mediawiki php-sqlite3"),
                       (PYGMENTIZE, "python3-pygments")):  # fmt: skip
        if not tool.exists():
            raise RuntimeError(f"{tool} is missing (Debian: apt-get install {hint})")
    if shutil.which("pandoc") is None or shutil.which("php") is None:
        raise RuntimeError("pandoc or php is missing (Debian: apt-get install pandoc php-cli)")
    site = work / generator
    shutil.rmtree(site, ignore_errors=True)
    wiki = site / "www" / generator  # served at /<generator>/ as the page URLs have it
    shutil.copytree(
        MEDIAWIKI, wiki, copy_function=_link_or_copy,
        ignore=lambda folder, names: _MW_STATE if Path(folder) == MEDIAWIKI else set(),
    )  # fmt: skip
    (wiki / "images").mkdir()
    shutil.copytree(
        MEDIAWIKI / "extensions-core" / "SyntaxHighlight_GeSHi",
        wiki / "extensions" / "SyntaxHighlight_GeSHi", copy_function=_link_or_copy,
    )  # fmt: skip
    php = ["php", "-d", "error_reporting=E_ALL&~E_DEPRECATED"]
    run(
        [*php, "maintenance/install.php", "--dbtype", "sqlite", "--dbpath", str(site / "data"),
         "--dbname", "wiki", "--server", BASE, "--scriptpath", f"/{generator}", "--lang", "en",
         "--pass", secrets.token_urlsafe(16), "Packages", "Admin"],
        wiki,
    )  # fmt: skip
    with (wiki / "LocalSettings.php").open("a", encoding="utf-8") as settings:
        settings.write(
            "\n# the documentation corpus\n"
            "wfLoadExtension( 'SyntaxHighlight_GeSHi' );\n"
            f"$wgPygmentizePath = '{PYGMENTIZE}';\n"
            # page names as the documents' ids (lower case), as Wiktionary keeps them
            "$wgCapitalLinks = false;\n" + (f"$wgDefaultSkin = '{skin}';\n" if skin else "")
        )
    source = site / "wikitext"
    source.mkdir()
    for doc in docs:  # the file's name (less ".wiki") is the page's
        page = source / f"{doc.id}.wiki"
        page.write_text(wikitext_of(doc) + "\n[[Category:Packages]]\n", "utf-8")
    pages = sorted(str(p) for p in source.glob("*.wiki"))
    run([*php, "maintenance/importTextFiles.php", "--user", "Admin", "--summary", "README",
         *pages], wiki)  # fmt: skip
    port = _free_port()
    server = subprocess.Popen(
        ["php", "-S", f"127.0.0.1:{port}", "-t", str(site / "www")],
        cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for doc in docs:
            url = f"http://127.0.0.1:{port}" + PAGE_PATHS[generator].format(doc=doc.id)
            for attempt in range(50):  # the server takes a moment to listen
                try:
                    with urllib.request.urlopen(url, timeout=120) as response:
                        save(generator, doc, response.read().decode("utf-8"))
                    break
                except OSError as err:
                    if attempt == 49:
                        print(f"  ! {generator}: no page for {doc.id} ({err})")
                    time.sleep(0.2)
    finally:
        server.terminate()
        server.wait()


REDMINE = Path("/usr/share/redmine")  # Debian: apt-get install redmine redmine-sqlite


def redmine_site(site: Path) -> tuple[Path, dict[str, str]]:
    """A fresh copy of Debian's Redmine at ``site`` with an instance of its own (an SQLite
    database in the folder, its default data loaded), and the environment its commands run in."""
    if not REDMINE.exists():
        raise RuntimeError(
            "Redmine is not installed (Debian: apt-get install redmine redmine-sqlite)"
        )
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(REDMINE, site, symlinks=True)
    # Debian links the instances and the bundle's lock file to /var/lib/redmine; this copy gets
    # an instance of its own
    (site / "instances").unlink()
    (site / "Gemfile.lock").unlink()
    shutil.copy(Path("/var/lib/redmine/Gemfile.lock"), site / "Gemfile.lock")
    instance = site / "instances" / "bench"
    for folder in ("config", "tmp", "log", "files"):
        (instance / folder).mkdir(parents=True)
    (instance / "config" / "database.yml").write_text(
        f"production:\n  adapter: sqlite3\n  database: {site / 'db.sqlite3'}\n  encoding: utf8\n"
    )
    (instance / "config" / "secret_key.txt").write_text(os.urandom(32).hex())
    env = {"REDMINE_INSTANCE": "bench", "RAILS_ENV": "production", "REDMINE_LANG": "en"}
    run(["bin/rake", "db:migrate"], site, env)
    run(["bin/rake", "redmine:load_default_data"], site, env)
    return site, env


# runs in Redmine (its `rails runner`): each document as a page of a public project's wiki, in
# CommonMark, then every page saved as a visitor fetches it
_REDMINE_WIKI = r"""require "json"
Setting.text_formatting = "common_mark"
Setting.default_language = "en"
Setting.app_title = "Packages"
docs = JSON.parse(File.read("docs.json"))
editor = User.new(firstname: "Docs", lastname: "Editor", mail: "editor@docs.test")
editor.login = "editor"
editor.password = SecureRandom.hex(16)
editor.save!
project = Project.create!(name: "Packages", identifier: "packages", is_public: true,
                          enabled_module_names: ["wiki"])
wiki = project.wiki || Wiki.create!(project: project, start_page: "Wiki")
session = ActionDispatch::Integration::Session.new(Rails.application)
session.host! "docs.test"
Dir.mkdir("out") unless Dir.exist?("out")
docs.each do |doc|
  page = WikiPage.new(wiki: wiki, title: doc["id"])
  page.content = WikiContent.new(page: page, text: doc["text"], author: editor)
  page.save!
  session.get "/projects/packages/wiki/#{page.title}"
  raise "#{page.title}: #{session.response.status}" unless session.response.status == 200
  File.write("out/#{doc['id']}.html", session.response.body)
end
"""


def build_redmine_wiki(work: Path, docs: list[Doc]) -> None:
    """Redmine's wiki (Debian's Redmine 5, Rails): each document a page of a public project's
    wiki in CommonMark, rendered by Redmine as a visitor sees it."""
    site, env = redmine_site(work / "redmine-wiki")
    payload = [{"id": d.id, "text": d.with_h1()} for d in docs]
    (site / "docs.json").write_text(json.dumps(payload), "utf-8")
    # (by its full path: the runner loads a bare name from the load path first, where Redmine's
    # own wiki.rb is)
    (site / "bench_wiki.rb").write_text(_REDMINE_WIKI)
    run(["bin/rails", "runner", str(site / "bench_wiki.rb")], site, env)
    save_built("redmine-wiki", docs, lambda d: site / "out" / f"{d.id}.html")


BUILDERS: dict[str, Callable[[Path, list[Doc]], None]] = {
    "mkdocs-material": build_mkdocs,
    "sphinx-furo": lambda w, d: build_sphinx(w, d, "furo", "sphinx-furo"),
    "sphinx-rtd": lambda w, d: build_sphinx(w, d, "sphinx_rtd_theme", "sphinx-rtd"),
    "sphinx-pydata": lambda w, d: build_sphinx(w, d, "pydata_sphinx_theme", "sphinx-pydata"),
    "sphinx-alabaster": lambda w, d: build_sphinx(w, d, "alabaster", "sphinx-alabaster"),
    "sphinx-book": lambda w, d: build_sphinx(
        w, d, "sphinx_book_theme", "sphinx-book", pyenv(w / "sphinx-book-env", PIP_SPHINX_BOOK)
    ),
    "sphinx-awesome": lambda w, d: build_sphinx(
        w,
        d,
        "sphinxawesome_theme",
        "sphinx-awesome",
        pyenv(w / "sphinx-awesome-env", PIP_SPHINX_AWESOME),
    ),
    "sphinx-shibuya": lambda w, d: build_sphinx(
        w, d, "shibuya", "sphinx-shibuya", pyenv(w / "sphinx-shibuya-env", PIP_SPHINX_SHIBUYA)
    ),
    "sphinx-piccolo": lambda w, d: build_sphinx(
        w, d, "piccolo_theme", "sphinx-piccolo", pyenv(w / "sphinx-piccolo-env", PIP_SPHINX_PICCOLO)
    ),
    "sphinx-immaterial": lambda w, d: build_sphinx(
        w,
        d,
        "sphinx_immaterial",
        "sphinx-immaterial",
        pyenv(w / "sphinx-immaterial-env", PIP_SPHINX_IMMATERIAL),
        extensions=("sphinx_immaterial",),
        options={"font": False},  # (else it fetches Google's font list while it builds)
    ),
    "mkdocs": lambda w, d: build_mkdocs(w, d, "mkdocs", "mkdocs"),
    "mkdocs-readthedocs": lambda w, d: build_mkdocs(w, d, "readthedocs", "mkdocs-readthedocs"),
    "zensical": build_zensical,
    "jekyll-minima": build_jekyll,
    "vitepress": build_vitepress,
    "rspress": build_rspress,
    "retype": build_retype,
    "typedoc": build_typedoc,
    "fumadocs": build_fumadocs,
    "jsdoc": build_jsdoc,
    "vuepress": build_vuepress,
    "docusaurus": build_docusaurus,
    "starlight": build_starlight,
    "nextra": build_nextra,
    "docsify": build_docsify,
    "hugo-doks": build_hugo,
    "mediawiki": build_mediawiki,
    # Wikipedia's skin; the 1.39 installer still makes the legacy Vector the default
    "mediawiki-vector-2022": lambda w, d: build_mediawiki(
        w, d, "mediawiki-vector-2022", "vector-2022"
    ),
    "redmine-wiki": build_redmine_wiki,
}


def build_main(
    description: str | None,
    builders: dict[str, Callable[[Path, Any], None]],
    collect: Callable[[Path], Any],
    default_work: Path,
    argv: list[str] | None = None,
) -> int:
    """Collect the sources into a work folder, then run the builders asked for (all by default),
    naming those that could not build."""
    ap = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawTextHelpFormatter
    )
    ap.add_argument("--work", type=Path, default=default_work)
    ap.add_argument("--only", nargs="*", choices=sorted(builders))
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    sources = collect(args.work)
    failed = []
    for name in args.only or builders:
        print(f"== {name}", flush=True)
        try:
            builders[name](args.work, sources)
        except RuntimeError as err:
            print(f"  ! {name} skipped: {err}", flush=True)
            failed.append(name)
    print(f"skipped: {', '.join(failed) or 'none'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, BUILDERS, collect_sources, Path("/tmp/extractor-docs-build"), argv)


if __name__ == "__main__":
    raise SystemExit(main())
