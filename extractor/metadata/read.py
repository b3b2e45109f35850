"""Metadata: title, byline, date, site, language, description, image, canonical URL.

Read from what the page states (JSON-LD, OpenGraph and other meta tags), then from the DOM
(<h1>, time[datetime], rel=author, byline classes). The settled DOM is read first and the server
HTML fills the gaps. Nothing here changes the documents it reads.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from extractor.dom import fold, text_of
from extractor.metadata import dates, jsonld, titles
from extractor.normalize.core import is_permalink_text
from extractor.records import Metadata

# meta names (name=, property=, itemprop=), best first
TITLE_META = ("og:title", "twitter:title", "sailthru.title", "parsely-title", "dc.title")
AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "twitter:creator",
)
DATE_META = (
    "article:published_time",
    "datepublished",
    "og:published_time",
    "published_time",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "og:updated_time",
    "article:modified_time",
)
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")
DESCRIPTION_META = ("description", "og:description", "twitter:description", "dc.description")
IMAGE_META = (
    "og:image:secure_url",
    "og:image:url",
    "og:image",
    "twitter:image",
    "twitter:image:src",
    "thumbnailurl",
)
LANG_META = ("content-language", "language", "dc.language", "og:locale")
# class/id fragments that mark a byline element
_BYLINE_CLASS = re.compile(r"byline|author|writer|contributor", re.IGNORECASE)
# a byline longer than this is body text that happened to mention an author
MAX_BYLINE_CHARS = 100
_BY_PREFIX = re.compile(
    r"^(?:(?:added|posted|written|authored|submitted|created)\s+)?"
    r"(?:by|von|par|por|di|door|av)\s*[:\s]\s*",
    re.IGNORECASE,
)
# a line that is nothing but "By Jane Doe": the byline of editors that write every block as a
# div or span with no class to tell it (Draft.js, Lexical, ProseMirror output)
_BY_LINE = re.compile(
    r"^(?:by|von|par|por|di|door|av)\s*:?\s+((?:[^\W\d_][\w'’.-]*\s*){1,4})$", re.IGNORECASE
)
BY_LINE_BLOCKS = 12  # the by-line is looked for in this many text blocks after the title
_TEXT_BLOCKS = ("p", "div", "span")
# where a byline line goes on to give the date: "Jane Doe Published 11:11 PM EST Nov 19, 2019"
_BYLINE_TAIL = re.compile(
    r"\s*(?:\b(?:published|updated|posted|on)\b|[|•·]|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep"
    r"|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}"
    # a tracker's or forum's relative date: "over 2 years ago", "about an hour ago"
    r"|\b(?:about|over|almost|less\s+than)?\s*(?:an?|\d+)\s+(?:second|minute|hour|day|week"
    r"|month|year)s?\s+ago\b).*$",
    re.IGNORECASE,
)
# elements that hold a whole section or a form field, never just a byline
# The searches below, each written as one walk down the document (``/descendant::``, where a
# path through ``//`` or a union of paths walks it once per step) that compares an attribute's
# value only where the attribute is present: each finds what its plain form would
# ("//a[@rel='author'] | //*[@itemprop='author']", "//body//*[@class or @id]",
# "//*[@itemprop='datePublished'] | //time[@pubdate] | //article//time[@datetime]"), in
# document order, in a third to a half of the time.
_AUTHOR_MARKUP = etree.XPath(
    "/descendant::*[@rel or @itemprop]"
    '[(self::a and @rel="author") or @itemprop="author" or @itemprop="review"]'
)
_NAMED_IN_BODY = etree.XPath("/descendant::body/descendant::*[@class or @id]")
# Date markup and <time> elements come from one walk that tests a single attribute (each
# attribute test costs libxml2 a node-set per element): the datePublished, review and time
# tests are made in Python on what it finds, in a half of the time of the two searches
# "/descendant::*[@itemprop or @pubdate or @datetime][...]" and "/descendant::time[@datetime]".
_DATED = etree.XPath("/descendant::*[@itemprop or self::time]")
_IMAGE_SRC = etree.XPath('/descendant::link[@rel="image_src"]/@href')  # as "//link[...]"
_CANONICAL = etree.XPath('/descendant::link[@rel="canonical"]/@href')
_NOT_BYLINE_TAGS = frozenset(
    ("body", "article", "main", "section", "script", "style", "input", "label", "textarea")
)
_LANG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$", re.IGNORECASE)


@dataclass(frozen=True)
class _View:
    """What one parse of the page states about itself."""

    doc: HtmlElement
    meta: dict[str, str]
    graph: jsonld.Graph

    @classmethod
    def read(cls, doc: HtmlElement) -> _View:
        meta: dict[str, str] = {}
        for el in doc.iter("meta"):
            value = fold(html.unescape(el.get("content") or ""))
            if not value:
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                name = fold(el.get(attr)).lower()
                if name and name not in meta:
                    meta[name] = value
        return cls(doc=doc, meta=meta, graph=jsonld.read_graph(doc))

    def first_meta(
        self, names: tuple[str, ...], accept: Callable[[str], bool] = bool
    ) -> str | None:
        for name in names:
            value = self.meta.get(name)
            if value and accept(value):
                return value
        return None

    @property
    def article(self) -> dict[str, object]:
        return self.graph.article or {}


def _looks_like_url(text: str) -> bool:
    return bool(re.match(r"^(?:https?:)?//|^www\.", text)) or text.startswith("@")


def _absolute(base: str, value: str | None) -> str | None:
    if not value:
        return None
    found = urljoin(base, value.strip()) if base else value.strip()
    return found if urlsplit(found).scheme in ("http", "https") else None


# -- one small reader per field, each over one view -------------------------------------


def _site_names(view: _View) -> list[str]:
    graph = view.graph
    found = [view.first_meta(SITE_META[:3]) or ""]
    found += jsonld.names(graph, view.article.get("publisher"))
    site = graph.first_of(jsonld.SITE_TYPES)
    if site is not None:
        found += jsonld.names(graph, site)
    return [f for f in found if f]


def _stated_titles(view: _View) -> list[str]:
    found = [jsonld.text_value(view.article.get("headline")) or ""]
    found += [view.meta.get(name, "") for name in TITLE_META]
    return [f for f in found if f]


def _first_heading(
    view: _View, url: str = "", *, site: bool = False, tail: str | None = None
) -> str | None:
    """The text of the page's first <h1> that is not the site's name (with ``site``, of the
    first that is); ``url`` is the page's address. A banner saying ``tail``, the last part of
    the page's <title> in parts ("cookie - Packages" over a header's <h1>Packages</h1>), names
    the site too (see ``_banners``)."""
    banners = _banners(view, tail)
    for h1 in view.doc.iter("h1"):
        if (_names_the_site(h1, url) or h1 in banners) is site:
            text = _heading_text(h1)
            if text and (site or not titles.names_a_place(text)):
                return text
    return None


def _banners(view: _View, tail: str | None) -> list[HtmlElement]:
    """The <h1>s that say ``tail`` (the last part of the <title>) with another <h1> after
    them: a header's banner over the page's own heading, not a story's <h1> that its title
    ends with ("Clocks - Budget passes ...")."""
    if not tail:
        return []
    h1s = [h for h in view.doc.iter("h1") if _heading_text(h)]
    wanted = titles.key(tail)
    return [h for h in h1s[:-1] if titles.key(_heading_text(h)) == wanted]


def _place_heading(view: _View) -> bool:
    """Does an <h1> of the page name its place in the site ("Home")?"""
    return any(titles.names_a_place(_heading_text(h1)) for h1 in view.doc.iter("h1"))


def _names_the_site(heading: HtmlElement, url: str = "") -> bool:
    """A heading that is the site's name, not the page's: named as a logo or brand
    (``<h1 class="logo">``), or nothing but a link to the site's home (a blog's banner; for a
    site in a folder, the folder's index: Sphinx's relative "index.html")."""
    if _BRAND_NAMES.search(f"{heading.get('class') or ''} {heading.get('id') or ''}".lower()):
        return True
    links = heading.findall(".//a")
    if len(links) != 1 or links[0].get("href") is None or text_of(links[0]) != text_of(heading):
        return False
    href = fold(links[0].get("href"))
    target = urlsplit(href)
    home = target.path == "/" or (bool(target.netloc) and not target.path)
    return (home and not target.query and not target.fragment) or _is_home_link(url, href)


def _is_home_link(url: str, href: str) -> bool:
    """Whether ``href``, read on the page at ``url``, leads to the site's home: its root, or the
    index of a folder above the page (a site under "/docs/"), not the page itself."""
    if not url:
        return False
    page = urlsplit(url)
    target = urlsplit(urljoin(url, href.strip()))
    folder = _INDEX_PAGE.sub("", target.path)
    return (
        target.netloc == page.netloc
        and not target.query
        and not target.fragment
        and folder.endswith("/")
        and page.path.startswith(folder)
        and target.path != page.path
        and folder != page.path
    )


def _heading_text(heading: HtmlElement) -> str:
    """The heading as a reader reads it: without the permalink a generator puts before or
    after it ("¶", "#", a zero-width space: see ``is_permalink_text``)."""
    text = titles.readable(text_of(heading))
    for link in heading.iter("a"):
        mark = titles.readable(text_of(link))
        if not mark or mark == text or not is_permalink_text(text_of(link)):
            continue
        if text.endswith(mark):
            text = text[: -len(mark)].rstrip()
        elif text.startswith(mark):
            text = text[len(mark) :].lstrip()
    return text


# class/id words of a heading that holds the site's name (its logo, its brand)
_BRAND_NAMES = re.compile(r"logo|brand|site-?(?:title|name)|masthead")
# a folder's index page, as a link to the folder names it ("index.html", "../index.html")
_INDEX_PAGE = re.compile(r"(?<=/)index\.(?:html?|php)$")


def _clean_byline(text: str | None) -> str | None:
    text = _BY_PREFIX.sub("", fold(text))
    text = _BYLINE_TAIL.sub("", text).strip(" ,|-–—")
    if not text or len(text) > MAX_BYLINE_CHARS or _looks_like_url(text):
        return None
    return text


def _apart_from_reviews(found: list[HtmlElement]) -> tuple[list[HtmlElement], set[HtmlElement]]:
    """The author or date markup found (``_AUTHOR_MARKUP``, ``_date_markup``: the same walk
    also finds the microdata of reviews nested in another item, a product's customer reviews),
    and what those reviews hold: their author and date are the reviewer's, not the page's."""
    in_reviews = {
        el for review in found if review.get("itemprop") == "review" for el in review.iter()
    }
    return [el for el in found if el.get("itemprop") != "review"], in_reviews


def _byline_from_dom(doc: HtmlElement) -> str | None:
    marked, in_reviews = _apart_from_reviews(_AUTHOR_MARKUP(doc))
    for el in marked:
        if el.get("itemprop") == "author" and el in in_reviews:
            continue
        name = el.xpath('.//*[@itemprop="name"]')
        found = _clean_byline(text_of(name[0]) if name else text_of(el))
        if found:
            return found
    # a form and what it holds are no byline, nor a nested review's parts (looked up once, not
    # per element: the ancestor test in the path cost more than the rest of the search)
    in_forms = {el for form in doc.iter("form") for el in form.iter()}
    in_forms.update(in_reviews)
    named: dict[str, bool] = {}  # class and id names repeat: each tested once
    for el in _NAMED_IN_BODY(doc):
        if el.tag in _NOT_BYLINE_TAGS or el in in_forms:
            continue
        names = f"{el.get('class', '')} {el.get('id', '')}"
        if names not in named:
            named[names] = _BYLINE_CLASS.search(names) is not None
        if named[names]:
            found = _clean_byline(text_of(el))
            if found:
                return found
    return None


def _byline_line(doc: HtmlElement) -> str | None:
    """A "By Jane Doe" line among the first text blocks after the page's first heading."""
    seen = 0
    for el in _after_heading(doc):
        for block in el.iter(*_TEXT_BLOCKS):
            if any(True for _ in block.iterchildren(*_TEXT_BLOCKS[:2])):
                continue  # only blocks that hold no other block
            text = fold(text_of(block))
            if not text:
                continue
            seen += 1
            found = _BY_LINE.match(text)
            if found and all(word[:1].isupper() for word in found.group(1).split()):
                return _clean_byline(text)
            if seen >= BY_LINE_BLOCKS:
                return None
    return None


def _after_heading(doc: HtmlElement) -> Iterator[HtmlElement]:
    """What follows the first <h1> in document order (its siblings, then its parents'), or the
    body's children when the page has no <h1>."""
    heading = doc.find(".//h1")
    if heading is None:
        body = doc.find(".//body")
        yield from body.iterchildren() if body is not None else ()
        return
    node: HtmlElement | None = heading
    while node is not None and node.tag not in ("body", "html"):
        yield from node.itersiblings()
        node = node.getparent()


def _byline(view: _View) -> str | None:
    found = (_clean_byline(n) for n in jsonld.names(view.graph, view.article.get("author")))
    names = list(dict.fromkeys(n for n in found if n))
    if names:
        return ", ".join(names)
    stated = view.first_meta(AUTHOR_META, accept=lambda v: _clean_byline(v) is not None)
    return _clean_byline(stated) or _byline_from_dom(view.doc) or _byline_line(view.doc)


def _published(view: _View) -> str | None:
    for key in ("datePublished", "dateCreated", "uploadDate", "dateModified"):
        found = dates.to_iso(jsonld.text_value(view.article.get(key)))
        if found:
            return found
    for name in DATE_META:
        found = dates.to_iso(view.meta.get(name))
        if found:
            return found
    dated = _DATED(view.doc)
    marked, in_reviews = _apart_from_reviews([el for el in dated if _date_markup(el)])
    times = [
        el for el in marked if not (el.get("itemprop") == "datePublished" and el in in_reviews)
    ]
    # a page's only <time> is its date; one among many may be a sidebar's or a comment's
    lone = [el for el in dated if el.tag == "time" and el.get("datetime") is not None]
    for el in [*times, *(lone if len(lone) == 1 else [])]:
        found = dates.to_iso(el.get("datetime") or el.get("content") or text_of(el))
        if found:
            return found
    return None


def _date_markup(el: HtmlElement) -> bool:
    """``//*[@itemprop='datePublished'] | //time[@pubdate] | //article//time[@datetime]``, and
    the reviews (``itemprop="review"``) whose dates are not the page's."""
    if el.get("itemprop") in ("datePublished", "review"):
        return True
    if el.tag != "time":
        return False
    if el.get("pubdate") is not None:
        return True
    return el.get("datetime") is not None and any(True for _ in el.iterancestors("article"))


def _lang(view: _View) -> str | None:
    candidates = [view.doc.get("lang"), view.doc.get("xml:lang")]
    candidates.append(jsonld.text_value(view.article.get("inLanguage")))
    candidates += [view.meta.get(name) for name in LANG_META]
    for value in candidates:
        code = fold(value).split(",")[0].strip().replace("_", "-")
        if code and _LANG.match(code):
            return code
    return None


def _description(view: _View) -> str | None:
    return view.first_meta(DESCRIPTION_META) or jsonld.text_value(view.article.get("description"))


def _image(view: _View, base: str) -> str | None:
    stated = view.first_meta(IMAGE_META) or jsonld.url_value(view.graph, view.article.get("image"))
    if not stated:
        link = _IMAGE_SRC(view.doc)
        stated = str(link[0]) if link else None
    return _absolute(base, stated)


def _canonical(view: _View, base: str) -> str | None:
    for href in _CANONICAL(view.doc):
        found = _absolute(base, str(href))
        if found:
            return found
    stated = view.meta.get("og:url") or jsonld.url_value(
        view.graph, view.article.get("mainEntityOfPage")
    )
    return _absolute(base, stated)


def _guess_date(doc: HtmlElement, url: str) -> str | None:
    """htmldate's quick search, when the page states no date: the URL, the markup's date
    attributes and classes, then a full date in the text (it copies the tree). Its extensive
    search (every number in the page weighed as a year) is left out: on the benchmark pages it
    took three times as long as the quick one, as long as the rest of the extraction on long
    pages, for the right day on 4% more of the pages whose stated date was hidden from it."""
    try:
        found = find_date(doc, extensive_search=False, original_date=True, url=url or None)
    except (ValueError, TypeError, AttributeError):
        return None
    return dates.to_iso(found) if found else None


def _first(views: list[_View], read: Callable[[_View], str | None]) -> str | None:
    for view in views:
        found = read(view)
        if found:
            return found
    return None


def read_metadata(doc: HtmlElement, url: str, server_doc: HtmlElement | None = None) -> Metadata:
    """Everything the page says about the article it holds (never mutates ``doc``)."""
    views = [_View.read(doc)]
    if server_doc is not None and server_doc is not doc:
        views.append(_View.read(server_doc))

    sites = [name for view in views for name in _site_names(view)]
    site_name = sites[0] if sites else None
    document_title = _first(views, lambda v: fold(v.doc.findtext(".//title")) or None)
    tail = titles.title_tail(document_title)
    if site_name is None and any(_banners(view, tail) for view in views):
        site_name = tail  # the name every <title> ends with, which the banner's <h1> says
    title = titles.pick(
        stated=[t for view in views for t in _stated_titles(view)],
        heading=_first(views, lambda v: _first_heading(v, url, tail=tail)),
        document_title=document_title,
        sites=tuple(dict.fromkeys(sites + _host_names(url))),
        title_names_home=any(
            _links_home(view, url, document_title) and not _heading_links_away(view, url)
            for view in views
        ),
        site_heading=_first(views, lambda v: _first_heading(v, url, site=True, tail=tail)),
        placed=any(_place_heading(view) for view in views),
        subheadings=tuple(
            text for view in views for h in view.doc.iter("h2", "h3") if (text := _heading_text(h))
        ),
    )
    return Metadata(
        title=title,
        byline=_first(views, _byline),
        published=_first(views, _published) or _guess_date(doc, url),
        site_name=site_name,
        lang=_first(views, _lang),
        description=_first(views, _description),
        image=_first(views, lambda v: _image(v, url)),
        canonical_url=_first(views, lambda v: _canonical(v, url)) or (url or None),
    )


def _links_home(view: _View, url: str, title: str | None) -> bool:
    """Whether the words of ``title`` (a few: ``titles.MAX_SITE_WORDS`` at most) are those of
    a link to the site's home (the root, or a folder above the page: a site under "/docs/"):
    the logo's link, so the <title> names the site."""
    if not url or not title or len(title.split()) > titles.MAX_SITE_WORDS:
        return False
    wanted = titles.key(title)
    for a in view.doc.iter("a"):
        href = a.get("href")
        if href and titles.key(text_of(a)) == wanted and _is_home_link(url, href):
            return True
    return False


def _heading_links_away(view: _View, url: str) -> bool:
    """Whether the page's first <h1> that is not the site's name links to another page: the
    first card of a listing (a blog's home), not the page's own title."""
    for h1 in view.doc.iter("h1"):
        if _names_the_site(h1, url):
            continue
        for a in h1.iter("a"):
            href = (a.get("href") or "").strip()
            if href and not href.startswith("#") and urljoin(url, href) != url:
                return True
        return False
    return False


def _host_names(url: str) -> list[str]:
    """ "example.co.uk" and "example" for https://www.example.co.uk/x: site names of last resort."""
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    if not host:
        return []
    return [host, host.split(".")[0]]
