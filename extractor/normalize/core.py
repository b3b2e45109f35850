"""Put the article HTML into one shape before Markdown (the region is changed in place).

Steps, in order, by the name that reports them (and skips them):
  0. markdown-source     Markdown a generator left as text inside <details>, rendered
                         (see rawmarkdown.py);
  1. code-chrome         <pre> to plain text with its language; gutters, copy buttons go;
  2. footnote-backlinks  references and notes marked; back-links go;
  3. placeholder-images  the real URL into src; stand-ins without one go;
  4. noscript            a lazy image's <noscript> copy is used, the rest of <noscript> goes;
  5. tracking-pixels     tracking pixels and beacons go;
  6. orphan-captions     picture + caption + credit into <figure><img><figcaption>; captions
                         whose picture went (skipped as "figures" or "orphan-captions");
  7. list-numbers        a box in an ordered list's item that repeats the item's number
                         (see lists.py);
  8. date-spacing        a date laid out apart from the word it touches gets a space from it
                         (see spacing.py);
  9. flex-spacing        the children of a flex container whose words touch get a space
                         between them (see spacing.py);
  10. script-links       a link a script has yet to make: a custom element with a plain ``to``
                         target (Vue Router's ``<router-link to="/guide">``, written so in a
                         page's in-DOM template; Retype's ``<doc-anchor-trigger to="#x">``)
                         becomes an ``<a href>``;
  11. absolute-urls      links, images, media made absolute (the capture keeps them as written);
                         a link to a place in the page too ("#options": the page's URL and
                         that fragment), except a heading's link to itself;
  12. empty-links        heading and term anchors ("#", "¶"), links without text, links to
                         nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Literal, get_args
from urllib.parse import parse_qs, urljoin

from lxml.html import HtmlElement

from extractor.dom import fold, text_content, text_of
from extractor.normalize import (
    codeblocks,
    figures,
    footnotes,
    images,
    lists,
    rawmarkdown,
    spacing,
)
from extractor.records import Step
from extractor.removal import Removal

# (tag, attribute) pairs holding a URL that the Markdown shows
URL_ATTRS = (
    ("a", "href"),
    ("img", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("source", "src"),
    ("iframe", "src"),
)
# hrefs that lead nowhere a reader can follow
_DEAD_HREF = re.compile(r"^(?:#?$|javascript:|void\(|data:)", re.IGNORECASE)
# what a heading's permalink says: a word, or a few marks that are no letters or digits ("#",
# "¶", "🔗", an icon font's private-use glyph, a zero-width space)
_PERMALINK_TEXT = re.compile(r"^(?:link|permalink|anchor)$", re.IGNORECASE)
PERMALINK_MAX_CHARS = 3
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


# the target of a link a script makes (a custom element's ``to``): a URL, a path or a place in the
# page, with no white space (a bound expression is written ``:to="..."``, another attribute)
_SCRIPT_LINK_TARGET = re.compile(r"^(?:https?://|/|\./|\.\./|#|\?)\S*$")


def leads_nowhere(link: HtmlElement) -> bool:
    """Is the link's target one a reader cannot follow ("#", "javascript:...", none)? (A link
    without an href is a named anchor, not such a link.)"""
    href = link.get("href")
    return href is not None and _DEAD_HREF.match(fold(href)) is not None


def _document_base(region: HtmlElement, base_url: str) -> str:
    """The page URL, or the document's <base href> resolved against it."""
    root = region.getroottree().getroot()
    found = root.find(".//base[@href]") if root is not None else None
    if found is None:
        return base_url
    try:
        return urljoin(base_url, str(found.get("href") or "").strip())
    except ValueError:
        return base_url


def script_links(region: HtmlElement) -> None:
    """Custom elements that a script turns into links (see ``_SCRIPT_LINK_TARGET``) made links."""
    for el in list(region.iter()):
        if not isinstance(el.tag, str) or "-" not in el.tag or el.get("href") is not None:
            continue
        target = fold(el.get("to"))
        if not _SCRIPT_LINK_TARGET.match(target) or el.find(".//a") is not None:
            continue
        el.tag = "a"
        el.attrib.pop("to")
        el.set("href", target)


def absolute_urls(region: HtmlElement, base_url: str) -> None:
    """Resolve link, image and media URLs against the page URL (or its <base href>)."""
    base_url = _document_base(region, base_url)
    if not base_url:
        return
    for tag, attr in URL_ATTRS:
        for el in region.iter(tag):
            value = (el.get(attr) or "").strip()
            if not value or value.startswith(("data:", "mailto:", "tel:", "javascript:")):
                continue
            if value.startswith("#") and (value == "#" or _is_anchor(el)):
                continue  # a heading's own anchor or permalink (they go), or no target
            try:
                el.set(attr, urljoin(base_url, value))
            except ValueError:  # an unparsable URL ("http://[bad") stays as written
                continue


def _is_anchor(el: HtmlElement) -> bool:
    """A link that marks a place rather than leads to one: a heading's or a term's link to
    itself, or a permalink mark ("#", "¶", an icon). A heading's link to another place in the
    page (an API heading that links its source: ``### [.scan](#lib/scan.js)``) leads there."""
    if el.tag == "a" and is_permalink_text(text_content(el)):
        return True
    heading = next((p for p in el.iterancestors() if p.tag in (*_HEADINGS, "dt")), None)
    return heading is not None and _fragment(el.get("href") or "") in _own_ids(heading)


def _fragment(href: str) -> str:
    """The place an in-page link names: its fragment, or a hash router's ``?id=`` (docsify)."""
    fragment = href.partition("#")[2]
    route, _, query = fragment.partition("?")
    named = parse_qs(query).get("id") if route.startswith("/") else None
    return named[0] if named else fragment


def _own_ids(heading: HtmlElement) -> set[str]:
    """The ids that name a heading's place: its own and its parts', its section's (the element
    it opens), an empty marker's just before it (``<span id>`` in Sphinx), and "" (the top)."""
    ids = {
        "",
        *(d.get("id", "") for d in heading.iter()),
        *(d.get("data-id", "") for d in heading.iter()),
    }
    parent, before = heading.getparent(), heading.getprevious()
    if parent is not None and heading is next((c for c in parent if isinstance(c.tag, str)), None):
        ids.add(parent.get("id", ""))
    if before is not None and not text_of(before):
        ids.add(before.get("id", ""))
    return ids


def is_permalink_text(text: str) -> bool:
    text = text.strip().strip("\u200b\u200c\u200d\u2060\ufeff")
    if _PERMALINK_TEXT.match(text):
        return True
    return len(text) <= PERMALINK_MAX_CHARS and not any(ch.isalnum() for ch in text)


def _permalinks(region: HtmlElement, removal: Removal) -> None:
    for heading in region.iter(*_HEADINGS, "dt"):  # a term's permalink too (API references)
        beside = heading.getnext()  # or right after it (Starlight)
        after = [beside] if beside is not None and beside.tag == "a" else []
        for a in [*heading.iter("a"), *after]:
            href = a.get("href", "")
            if "#" in href and is_permalink_text(text_content(a)):
                removal.take(a)


def clean_links(region: HtmlElement) -> Step:
    """Drop heading permalinks and links with nothing to show; unwrap links that go nowhere."""
    removal = Removal("empty-links", "links without text, heading permalinks, named anchors")
    _permalinks(region, removal)
    for a in list(region.iter("a")):
        if a.getparent() is None:
            continue
        if not text_of(a) and a.find(".//img") is None:
            removal.take(a)
        elif _DEAD_HREF.match(fold(a.get("href"))):
            a.drop_tag()  # (a named anchor, with no href, too)
    return removal.step()


NormalizeStep = Literal[
    "markdown-source",
    "code-chrome",
    "footnote-backlinks",
    "placeholder-images",
    "noscript",
    "tracking-pixels",
    "figures",
    "orphan-captions",
    "list-numbers",
    "date-spacing",
    "flex-spacing",
    "script-links",
    "absolute-urls",
    "empty-links",
]
STEPS: tuple[NormalizeStep, ...] = get_args(NormalizeStep)


def normalize(region: HtmlElement, base_url: str, skip: Collection[str] = ()) -> list[Step]:
    """Normalise the article region in place; returns the steps with what each removed.

    ``skip`` names steps to leave out (for bisecting a bad page): the Step names below, plus
    "figures" (the same step as "orphan-captions"), and "markdown-source", "date-spacing",
    "flex-spacing", "script-links" and "absolute-urls", which remove nothing and so report no
    Step.
    """
    named: list[tuple[NormalizeStep, Callable[[], Step | None]]] = [
        ("markdown-source", lambda: _no_step(rawmarkdown.render_markdown_source, region)),
        ("code-chrome", lambda: codeblocks.normalize_code(region)),
        ("footnote-backlinks", lambda: footnotes.normalize_footnotes(region, base_url)),
        ("placeholder-images", lambda: images.resolve_lazy(region)),
        ("noscript", lambda: images.unwrap_noscript(region)),
        ("tracking-pixels", lambda: images.drop_pixels(region)),
        ("figures", lambda: figures.normalize_figures(region)),
        ("list-numbers", lambda: lists.drop_item_numbers(region)),
        ("date-spacing", lambda: _no_step(spacing.space_dates, region)),
        ("flex-spacing", lambda: _no_step(spacing.space_flex_items, region)),
        ("script-links", lambda: _no_step(script_links, region)),
        ("absolute-urls", lambda: _no_step(absolute_urls, region, base_url)),
        ("empty-links", lambda: clean_links(region)),
    ]
    if "orphan-captions" in skip:
        skip = {*skip, "figures"}
    steps = [step() for name, step in named if name not in skip]
    return [s for s in steps if s is not None]


def _no_step(run: Callable[..., object], *args: object) -> None:
    """Run a step that removes nothing (so it has no Step to report)."""
    run(*args)
