"""Build the site-template corpus: the pages of published HTML site templates (one-page agency
and product sites, landing pages, small-business fronts, blogs, a shop, a forum, profiles), as
their authors ship them on npm (licences in corpus/README.md).

The pages are laid out by others: Start Bootstrap's templates (Bootstrap 5), Bulma's templates
and two UI kits (Material Kit, Paper Kit 2). Pages that are an app screen or a form rather than
content (login, register, admin, inbox, component showcases) are left out by name, below.

The truth, ``corpus/truth/<group>/<page>.md``, is written by one rule from the page itself, not
by the extractor: the text a reader sees in the body once the page's chrome is set aside, one
line per block, headings as Markdown headings of their level. Set aside are:
  - navigation bars, menus and footers (<nav>, <footer>, Bootstrap's and Bulma's ``navbar``,
    Bulma's ``menu`` and ``footer`` classes), scripts, styles, <noscript>, <template>;
  - forms and their controls (sign-up boxes, contact forms) and buttons, whether <button> or a
    link styled as one (``btn``, ``button``): they are controls, not text;
  - what the page shows only when opened (Bootstrap's ``modal``, ``offcanvas``, ``collapse``,
    ``dropdown-menu``; ``[hidden]``, ``aria-hidden="true"``, ``display: none``) and text for
    screen readers only (``visually-hidden``, ``sr-only``, ``is-sr-only``).
List items are Markdown list items, and links to other pages (not "#" anchors) Markdown links.
The first line is the page's <title>, as ``# title``.

  python -m tests.bench.templates.build [--work /tmp/extractor-templates-build]
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
from pathlib import Path

from lxml import html as lxml_html
from lxml.html import HtmlElement

from tests.bench.docs.build import npm_install

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
BASE = "http://templates.test"


def _pages(folder: str, *names: str) -> tuple[str, ...]:
    return tuple(f"{folder}/{name}.html" for name in names)


# package -> (group, the pages kept, as paths inside the package)
SOURCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "startbootstrap-agency@7.0.12": ("agency", ("dist/index.html",)),
    "startbootstrap-blog-home@5.0.9": ("blog-home", ("dist/index.html",)),
    "startbootstrap-blog-post@5.0.9": ("blog-post", ("dist/index.html",)),
    "startbootstrap-business-frontpage@5.0.9": ("business-frontpage", ("dist/index.html",)),
    "startbootstrap-clean-blog@6.0.9": (
        "clean-blog",
        ("dist/about.html", "dist/contact.html", "dist/index.html", "dist/post.html"),
    ),
    "startbootstrap-creative@7.0.7": ("creative", ("dist/index.html",)),
    "startbootstrap-freelancer@7.0.7": ("freelancer", ("dist/index.html",)),
    "startbootstrap-grayscale@7.0.6": ("grayscale", ("dist/index.html",)),
    "startbootstrap-landing-page@6.0.6": ("landing-page", ("dist/index.html",)),
    "startbootstrap-modern-business@5.0.7": (
        "modern-business",
        _pages(
            "dist",
            "about",
            "blog-home",
            "blog-post",
            "contact",
            "faq",
            "index",
            "portfolio-item",
            "portfolio-overview",
            "pricing",
        ),
    ),
    "startbootstrap-new-age@6.0.7": ("new-age", ("dist/index.html",)),
    "startbootstrap-personal@1.0.1": (
        "personal",
        ("dist/contact.html", "dist/index.html", "dist/projects.html", "dist/resume.html"),
    ),
    "startbootstrap-resume@7.0.6": ("resume", ("dist/index.html",)),
    "startbootstrap-shop-homepage@5.0.6": ("shop-homepage", ("dist/index.html",)),
    "startbootstrap-shop-item@5.0.6": ("shop-item", ("dist/index.html",)),
    "startbootstrap-small-business@5.0.6": ("small-business", ("dist/index.html",)),
    "bulma-templates@0.6.0": (
        "bulma",
        _pages(
            "templates",
            "blog",
            "cover",
            "forum",
            "hero",
            "landing",
            "photo-stream",
            "product",
            "timeline",
        ),
    ),
    "material-kit@2.0.4": (
        "material-kit",
        ("examples/landing-page.html", "examples/profile-page.html"),
    ),
    "paper-kit-2@2.1.0": ("paper-kit", ("examples/landing.html", "examples/profile.html")),
}

SET_ASIDE_TAGS = ("nav", "footer", "script", "style", "noscript", "template", "form", "button")
SET_ASIDE_CLASSES = frozenset(
    {
        "navbar", "menu", "footer", "btn", "button", "modal", "offcanvas", "collapse",
        "dropdown-menu", "visually-hidden", "sr-only", "is-sr-only", "material-icons",
    }
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "br", "cite", "code", "em", "i", "img", "kbd", "label", "mark", "q",
        "s", "small", "span", "strong", "sub", "sup", "time", "u",
    }
)  # fmt: skip


# group -> its npm package's name
PACKAGES = {group: spec.rsplit("@", 1)[0] for spec, (group, _) in SOURCES.items()}


def page_id(group: str, page: str) -> str:
    """The id the corpus is split by (tests/bench/split.py): the package's name and the page's
    ("startbootstrap-agency/index")."""
    return f"{PACKAGES[group]}/{page}"


def page_url(group: str, page: str) -> str:
    return f"{BASE}/{group}/{page}.html"


def _set_aside(el: HtmlElement) -> bool:
    if el.tag in SET_ASIDE_TAGS:
        return True
    if SET_ASIDE_CLASSES & set((el.get("class") or "").split()):
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _fold(text: str) -> str:
    return " ".join(text.split())


def _lines(el: HtmlElement, out: list[str]) -> None:
    """The block's own line (its text and its inline children's), then its block children's, in
    order; a heading's line is a Markdown heading of its level."""
    own: list[str] = [el.text or ""]

    def flush() -> None:
        text = _fold("".join(own))
        if text:
            level = HEADINGS.get(str(el.tag))
            mark = f"{'#' * level} " if level else "- " if el.tag == "li" else ""
            out.append(mark + text)
        own.clear()

    for child in el:
        if not isinstance(child.tag, str) or _set_aside(child):
            own.append(child.tail or "")
            continue
        if child.tag in INLINE_TAGS and not any(
            isinstance(d.tag, str) and d.tag not in INLINE_TAGS for d in child.iterdescendants()
        ):
            own.append(" " if child.tag == "br" else _inline(child))
        else:
            flush()
            _lines(child, out)
        own.append(child.tail or "")
    flush()


def _inline(el: HtmlElement) -> str:
    """An inline element's visible text; a link to another page as a Markdown link."""
    text = _fold(_visible_text(el))
    href = (el.get("href") or "").strip()
    if el.tag == "a" and text and href and not href.startswith(("#", "javascript:")):
        return f" [{text}]({href}) "
    return _visible_text(el)


def _visible_text(el: HtmlElement) -> str:
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not _set_aside(child):
            parts.append(" " if child.tag == "br" else _visible_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def truth_of(html: str) -> str:
    """The page's truth (see the module's docstring)."""
    doc = lxml_html.document_fromstring(html)
    title = _fold(doc.findtext(".//title") or "")
    body = doc.find("body")
    out: list[str] = []
    if body is not None:
        _lines(body, out)
    return "\n\n".join([f"# {title}", *out]) + "\n"


def build(work: Path, corpus: Path = CORPUS) -> None:
    npm_install(work, list(SOURCES))
    if corpus.exists():
        for sub in ("html", "truth"):
            shutil.rmtree(corpus / sub, ignore_errors=True)
    for spec, (group, pages) in SOURCES.items():
        package = work / "node_modules" / spec.rsplit("@", 1)[0]
        for path in pages:
            html = (package / path).read_text("utf-8")
            page = Path(path).stem
            target = corpus / "html" / group / f"{page}.html.gz"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(gzip.compress(html.encode("utf-8"), mtime=0))
            truth = corpus / "truth" / group / f"{page}.md"
            truth.parent.mkdir(parents=True, exist_ok=True)
            truth.write_text(truth_of(html), "utf-8")
            print(f"  {group}/{page}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", type=Path, default=Path("/tmp/extractor-templates-build"))
    args = ap.parse_args(argv)
    build(args.work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
