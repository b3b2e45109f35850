"""Build the listing corpus: the blog generators' index, archive, tag, category and author pages.

The blog corpus's twelve posts (tests/bench/blogs), each with an excerpt marked the way these
generators read one (``<!-- more -->`` after its first paragraph), are built into a blog by each
generator of the blog corpus, with its own builder. Every listing page the theme makes of them
(home page and its second page, archives, tag, category and author pages, timelines) is saved
gzipped as ``corpus/html/<generator>/<page-id>.html.gz``; its truth,
``corpus/truth/<generator>/<page-id>.json``, is the ordered list of cards the generator put on it,
each ``{"title", "url", "excerpt"}``, worked out from the posts (their titles, dates, tags,
category and author, newest first), the theme's pagination and the theme's excerpt rule, not read
from the built page. The post pages the builders also write go to the work folder, not to the
blog corpus.

  python -m tests.bench.listings.build [--work /tmp/extractor-listings-build] [--only hugo ...]
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from itertools import pairwise
from pathlib import Path

import lxml.html
from markdown_it import MarkdownIt

import tests.bench.blogs.build as blogs
from tests.bench.blogs.build import BASE, Post, page_url
from tests.bench.blogs.wordpress import THEMES as WORDPRESS
from tests.bench.docs.build import Doc, build_main

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
MORE = "<!-- more -->"
_SPACE = re.compile(r"\s+")


# --- the posts, with their excerpts ----------------------------------------------------------


def with_excerpt(post: Post) -> Post:
    """The post with ``<!-- more -->`` after its first paragraph with text (the excerpt is what
    is above it)."""
    body = post.doc.body
    tokens = MarkdownIt("commonmark").parse(body)
    ends = [
        t.map[1]
        for t, inline in pairwise(tokens)
        if t.type == "paragraph_open" and t.level == 0 and t.map and plain(inline.content).strip()
    ]
    if not ends:
        return post
    lines = body.splitlines()
    text = "\n".join([*lines[: ends[0]], "", MORE, "", *lines[ends[0] :]]) + "\n"
    doc = Doc(post.doc.id, f"# {post.doc.title}\n\n{text}")
    return replace(post, doc=doc)


def plain(markdown: str) -> str:
    """The Markdown's text, as a reader sees it rendered (one line, spaces collapsed)."""
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    if not html.strip():
        return ""
    return _SPACE.sub(" ", lxml.html.fragment_fromstring(html, create_parent="div").text_content())


def excerpt_of(post: Post, rule: str) -> str | None:
    """The card's excerpt under the theme's ``rule``: ``more`` (what is above ``<!-- more -->``),
    ``full`` (the whole post), ``words50`` (Pelican's summary: the first 50 words), ``more55``
    (WordPress's excerpt: the first 55 words of what is above the mark), ``chars500``
    (Butterfly's auto excerpt: the post's text cut to 500 characters with "...") or ``none``."""
    body = post.doc.body
    if rule == "more":
        return plain(body.split(MORE, 1)[0]).strip()
    if rule == "full":
        return plain(body.replace(MORE, "")).strip()
    if rule == "words50":
        return " ".join(plain(body.replace(MORE, "")).split()[:50])
    if rule == "more55":
        return " ".join(plain(body.split(MORE, 1)[0]).split()[:55])
    if rule == "chars500":
        text = plain(body.replace(MORE, "")).strip()
        return text if len(text) <= 500 else text[:497] + "..."
    return None


# --- the listing pages -------------------------------------------------------------------------


Select = Callable[[Post], bool]


def every(_post: Post) -> bool:
    return True


def tagged(tag: str) -> Select:
    return lambda p: tag in p.tags


def filed(category: str) -> Select:
    return lambda p: p.category.lower() == category


@dataclass
class Listing:
    """One listing page: its id, file in the built site, address, which posts it lists (newest
    first), which page of them (``per_page`` a page) and the theme's excerpt rule there."""

    id: str
    file: str
    path: str  # below BASE
    select: Select = every
    excerpt: str = "none"
    page: int = 1
    per_page: int = 0  # 0: all on one page
    first_full: bool = False  # Pelican's notmyidea: the first card of page 1 is the whole post

    def cards(self, generator: str, posts: list[Post]) -> list[dict[str, str | None]]:
        chosen = sorted((p for p in posts if self.select(p)), key=lambda p: p.date, reverse=True)
        if self.per_page:
            chosen = chosen[(self.page - 1) * self.per_page : self.page * self.per_page]
        cards = []
        for i, post in enumerate(chosen):
            rule = "full" if self.first_full and i == 0 and self.page == 1 else self.excerpt
            cards.append(
                {
                    "title": post.doc.title,
                    "url": page_url(generator, post.id),
                    "excerpt": excerpt_of(post, rule),
                }
            )
        return cards


def _taxonomy(file: str, path: str, excerpt: str, **kw: object) -> list[Listing]:
    """The tag and category pages: ``{kind}`` (``{kinds}``) and ``{name}`` filled in ``file`` and
    ``path``."""
    out = []
    for kind, kinds, names, select in (
        ("tag", "tags", ("fastify", "guides", "pino", "reference"), tagged),
        ("category", "categories", ("fastify", "pino"), filed),
    ):
        for name in names:
            f = file.format(kind=kind, kinds=kinds, name=name)
            p = path.format(kind=kind, kinds=kinds, name=name)
            if f:
                out.append(Listing(f"{kind}-{name}", f, p, select(name), excerpt, **kw))  # type: ignore[arg-type]
    return out


def _hexo(theme: str, home_excerpt: str = "more", terms_excerpt: str = "none") -> list[Listing]:
    """A Hexo site's listing pages under its theme: the home page (``home_excerpt`` a card) and
    its second page, the archives and their second page, the tag and category pages (with
    ``terms_excerpt``), ten posts a page (Hexo's generators' default)."""
    root, site = "public/", f"/hexo-{theme}"
    return [
        Listing("home", root + "index.html", f"{site}/", excerpt=home_excerpt, per_page=10),
        Listing(
            "home-2",
            root + "page/2/index.html",
            f"{site}/page/2/",
            excerpt=home_excerpt,
            page=2,
            per_page=10,
        ),
        Listing("archive", root + "archives/index.html", f"{site}/archives/", per_page=10),
        Listing(
            "archive-2",
            root + "archives/page/2/index.html",
            f"{site}/archives/page/2/",
            page=2,
            per_page=10,
        ),
        # Hexo keeps a category's case in its folder (categories/Fastify/), a tag's as written
        # (lower case)
        *[
            replace(
                x, file=x.file.replace(n, n.capitalize()), path=x.path.replace(n, n.capitalize())
            )
            if x.id.startswith("category-")
            else x
            for x in _taxonomy(
                root + "{kinds}/{name}/index.html",
                site + "/{kinds}/{name}/",
                terms_excerpt,
                per_page=10,
            )
            for n in [x.id.split("-", 1)[1]]
        ],
    ]


def _wordpress(generator: str) -> list[Listing]:
    """WordPress's listing pages (tests/bench/blogs/wordpress.py renders them into ``out/``):
    ten posts a page, each with its excerpt (the default themes show ``the_excerpt`` or the
    post-excerpt block on the home page, the year's archive and the term pages)."""
    site = f"/{generator}"
    return [
        Listing("home", "out/index.html", f"{site}/", excerpt="more55", per_page=10),
        Listing(
            "home-2",
            "out/page/2/index.html",
            f"{site}/page/2/",
            excerpt="more55",
            page=2,
            per_page=10,
        ),
        Listing(
            "archive",
            "out/posts/2024/index.html",
            f"{site}/posts/2024/",
            excerpt="more55",
            per_page=10,
        ),
        Listing(
            "archive-2",
            "out/posts/2024/page/2/index.html",
            f"{site}/posts/2024/page/2/",
            excerpt="more55",
            page=2,
            per_page=10,
        ),
        *_taxonomy(
            "out/posts/{kind}/{name}/index.html",
            site + "/posts/{kind}/{name}/",
            "more55",
            per_page=10,
        ),
    ]


LISTINGS: dict[str, Callable[[], list[Listing]]] = {
    # landscape's tag and category pages are its archive list: titles and dates
    "hexo-landscape": lambda: _hexo("landscape"),
    # Butterfly's cards: the post's text cut to 500 characters (its index_post_content method
    # 3); its tag and category pages are its archive list
    "hexo-butterfly": lambda: _hexo("butterfly", home_excerpt="chars500"),
    # Icarus's tag and category pages are its home page's cards, excerpts and all
    "hexo-icarus": lambda: _hexo("icarus", terms_excerpt="more"),
    "eleventy-base-blog": lambda: [
        # the starter's home page: the latest three posts, titles and dates
        Listing("home", "_site/index.html", "/eleventy-base-blog/", per_page=3),
        Listing("archive", "_site/posts/index.html", "/eleventy-base-blog/posts/"),
        *[
            x
            for x in _taxonomy(
                "_site/{kinds}/{name}/index.html", "/eleventy-base-blog/{kinds}/{name}/", "none"
            )
            if x.id.startswith("tag-")
        ],
    ],
    "vuepress-hope": lambda: [
        Listing(
            "home", "src/.vuepress/dist/index.html", "/vuepress-hope/", excerpt="more", per_page=10
        ),
        Listing(
            "articles",
            "src/.vuepress/dist/article/index.html",
            "/vuepress-hope/article/",
            excerpt="more",
            per_page=10,
        ),
        Listing("timeline", "src/.vuepress/dist/timeline/index.html", "/vuepress-hope/timeline/"),
        *_taxonomy(
            "src/.vuepress/dist/{kind}/{name}/index.html",
            "/vuepress-hope/{kind}/{name}/",
            "more",
            per_page=10,
        ),
    ],
    "pelican": lambda: [
        Listing(
            "home",
            "output/index.html",
            "/pelican/",
            excerpt="words50",
            per_page=10,
            first_full=True,
        ),
        Listing(
            "home-2",
            "output/index2.html",
            "/pelican/index2.html",
            excerpt="words50",
            page=2,
            per_page=10,
        ),
        Listing("archive", "output/archives.html", "/pelican/archives.html"),
        *_taxonomy(
            "output/{kind}/{name}.html",
            "/pelican/{kind}/{name}.html",
            "words50",
            per_page=10,
            first_full=True,
        ),
        *[
            Listing(
                f"author-{name}",
                f"output/author/the-{name}-team.html",
                f"/pelican/author/the-{name}-team.html",
                filed(name),
                "words50",
                per_page=10,
                first_full=True,
            )
            for name in ("fastify", "pino")
        ],
    ],
    "mkdocs-material-blog": lambda: [
        Listing(
            "home",
            "site/blog/index.html",
            "/mkdocs-material-blog/blog/",
            excerpt="more",
            per_page=10,
        ),
        Listing(
            "home-2",
            "site/blog/page/2/index.html",
            "/mkdocs-material-blog/blog/page/2/",
            excerpt="more",
            page=2,
            per_page=10,
        ),
        Listing(
            "archive",
            "site/blog/archive/2024/index.html",
            "/mkdocs-material-blog/blog/archive/2024/",
            excerpt="more",
            per_page=10,
        ),
        Listing(
            "archive-2",
            "site/blog/archive/2024/page/2/index.html",
            "/mkdocs-material-blog/blog/archive/2024/page/2/",
            excerpt="more",
            page=2,
            per_page=10,
        ),
        *[
            x
            for x in _taxonomy(
                "site/blog/{kind}/{name}/index.html",
                "/mkdocs-material-blog/blog/{kind}/{name}/",
                "more",
                per_page=10,
            )
            if x.id.startswith("category-")
        ],
    ],
    "hugo": lambda: [
        # the skeleton's home and section pages: every post with its summary; terms: titles
        Listing("home", "public/index.html", "/hugo/", excerpt="more"),
        Listing("posts", "public/posts/index.html", "/hugo/posts/", excerpt="more"),
        *_taxonomy("public/{kinds}/{name}/index.html", "/hugo/{kinds}/{name}/", "none"),
    ],
    # minima's home page: every post, titles and dates (excerpts only with show_excerpts)
    "jekyll-minima": lambda: [Listing("home", "_site/index.html", "/jekyll-minima/")],
    **{name: partial(_wordpress, name) for name in WORDPRESS},
}
SITES = {
    "hexo-landscape": "hexo-landscape",
    "hexo-butterfly": "hexo-butterfly",
    "hexo-icarus": "hexo-icarus",
    "eleventy-base-blog": "eleventy-base-blog",
    "vuepress-hope": "vuepress-hope",
    "pelican": "pelican",
    "mkdocs-material-blog": "mkdocs-material-blog",
    "hugo": "hugo",
    "jekyll-minima": "jekyll-minima",
    **{name: name for name in WORDPRESS},
}


def listing_url(generator: str, page_id: str) -> str:
    return BASE + next(x.path for x in LISTINGS[generator]() if x.id == page_id)


# --- building ----------------------------------------------------------------------------------


@contextmanager
def blog_corpus_in(folder: Path) -> Iterator[None]:
    """The blog builders save their post pages (and truths) under ``folder`` meanwhile."""
    kept = blogs.CORPUS
    blogs.CORPUS = folder
    try:
        yield
    finally:
        blogs.CORPUS = kept


def collect(work: Path) -> list[Post]:
    with blog_corpus_in(work / "post-pages"):
        return [with_excerpt(p) for p in blogs.collect_sources(work)]


def hugo_excerpt(post: Post) -> Post:
    """Hugo's summary divider is written ``<!--more-->``, without spaces."""
    doc = Doc(post.doc.id, f"# {post.doc.title}\n\n{post.doc.body.replace(MORE, '<!--more-->')}")
    return replace(post, doc=doc)


def build_hugo(work: Path, posts: list[Post]) -> None:
    """The blog builder's Hugo site without the example posts `hugo new theme` puts in the theme
    (a blog made from the skeleton has its own posts only)."""
    posts = [hugo_excerpt(p) for p in posts]
    examples = work / "hugo" / "themes" / "skeleton" / "content" / "posts"
    if not examples.exists():
        blogs.build_hugo(work, posts)  # makes the site and the theme
    for path in examples.glob("*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    blogs.build_hugo(work, posts)


def builder(generator: str) -> Callable[[Path, list[Post]], None]:
    build = build_hugo if generator == "hugo" else blogs.BUILDERS[generator]

    def run(work: Path, posts: list[Post]) -> None:
        with blog_corpus_in(work / "post-pages"):
            build(work, posts)
        site = work / SITES[generator]
        for listing in LISTINGS[generator]():
            source = site / listing.file
            if not source.exists():
                print(f"  ! {generator}: no page {listing.id} ({source})")
                continue
            html = CORPUS / "html" / generator / f"{listing.id}.html.gz"
            html.parent.mkdir(parents=True, exist_ok=True)
            html.write_bytes(gzip.compress(source.read_bytes(), mtime=0))
            truth = CORPUS / "truth" / generator / f"{listing.id}.json"
            truth.parent.mkdir(parents=True, exist_ok=True)
            cards = listing.cards(generator, posts)
            truth.write_text(json.dumps(cards, indent=1, ensure_ascii=False) + "\n", "utf-8")

    return run


BUILDERS = {name: builder(name) for name in LISTINGS}


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, BUILDERS, collect, Path("/tmp/extractor-listings-build"), argv)


if __name__ == "__main__":
    raise SystemExit(main())
