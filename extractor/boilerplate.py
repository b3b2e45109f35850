"""Page-wide boilerplate removal, run before the article region is chosen.

Each function is one named step: it drops a kind of element that is never article text
(scripts, navigation, share bars, comment sections, forms...) and returns the Step record.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .records import Step
from .removal import Removal

# Tags whose content is never article text.
NON_CONTENT_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "link", "meta", "button", "select", "input", "textarea", "dialog", "map", "audio", "video",
)  # fmt: skip
# Structural tags for the page's chrome around the article.
CHROME_TAGS = ("nav", "aside", "footer", "menu")
# ARIA roles of the same chrome.
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
     "menu", "menubar", "toolbar", "tablist", "alert"}
)  # fmt: skip
# class/id words of boilerplate blocks: share bars, related links, newsletter boxes, ads...
BOILERPLATE_NAMES = re.compile(
    r"share|sharing|social|related|recommend|newsletter|subscri|signup|sign-up|promo|advert"
    r"|sponsor|banner|cookie|consent|gdpr|popup|modal|breadcrumb|pagination|pager|sidebar"
    r"|widget|masthead|footer|recirc|navbar|menu|toolbar|outbrain|taboola|trending|most-?popular"
    r"|more-?stories|read-?more|read-?next|up-?next|also-?read|tags|tag-?list|author-?bio"
    r"|(?:^|[\s_-])(?:ad|ads|nav|skip|print|hidden|hide|tools|rating|paywall)(?:$|[\s_-])",
    re.IGNORECASE,
)
# class/id words that mark the article itself: a class token with one of these (and no
# boilerplate word in the same token, "relatedContent") keeps its element.
CONTENT_NAMES = re.compile(
    r"article|entry|post-?(?:body|content|text)|story|main|content|body|text|blog",
    re.IGNORECASE,
)
# class/id words of embedded posts (a quoted tweet is article text, even in a "social" box).
EMBED_NAMES = re.compile(r"embed|twitter-tweet|instagram-media|tiktok", re.IGNORECASE)
# class/id words of comment sections and comment forms (kept with include_comments).
COMMENT_NAMES = re.compile(
    r"comment|disqus|respond|replies|discussion|(?:^|[\s_-])reply(?:$|[\s_-])", re.IGNORECASE
)
# A named block holding more than this share of the page's paragraph text is never dropped by
# its name ("non-ad-column" around the story, "has-comments" on the wrapper).
NAME_GUARD_SHARE = 0.4
# Comment sections may outweigh a short article, so their guard is looser.
COMMENT_GUARD_SHARE = 0.7
# class/id words of picture captions, galleries and hover cards (captions are not article text).
CAPTION_NAMES = re.compile(
    r"caption|gallery|slideshow|carousel|lightbox|tooltip|popover|rollover|hovercard",
    re.IGNORECASE,
)
# Inline styles that hide an element.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# A form holding fewer characters than this is a control, not a page wrapper (ASP.NET pages
# wrap the whole body in one <form>).
FORM_WRAPPER_CHARS = 2000


def names_of(el: HtmlElement) -> str:
    """The element's class and id, joined (what the name patterns are matched against)."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def drop_non_content(body: HtmlElement) -> Step:
    """Scripts, styles, embeds, form controls and hidden elements."""
    removal = Removal("non-content", "scripts, styles, embeds, form controls, hidden elements")
    doomed = list(body.iter(*NON_CONTENT_TAGS))
    for el in body.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)
            continue
        if el.get("hidden") is not None or el.get("aria-hidden") == "true":
            doomed.append(el)
            continue
        style = el.get("style")
        if style and HIDDEN_STYLE.search(style):
            doomed.append(el)
    for el in doomed:
        removal.take(el)
    return removal.step()


def drop_chrome(body: HtmlElement) -> Step:
    """Navigation, asides, footers and elements with a chrome ARIA role."""
    removal = Removal("chrome", "navigation, asides, footers, banners (by tag and ARIA role)")
    doomed = list(body.iter(*CHROME_TAGS))
    doomed += [el for el in body.iter() if el.get("role") in CHROME_ROLES]
    for el in doomed:
        removal.take(el)
    return removal.step()


def paragraph_chars(el: HtmlElement) -> int:
    """How much text the element holds in <p> blocks (the guard's measure of prose)."""
    return sum(len(p.text_content()) for p in el.iter("p"))


def drop_named_boilerplate(body: HtmlElement, page_prose: int) -> Step:
    """Blocks whose class or id names boilerplate (share, related, newsletter, ad...)."""
    removal = Removal("boilerplate-names", "class/id names a share bar, related links, ad, ...")
    limit = page_prose * NAME_GUARD_SHARE
    for el in _named(body, BOILERPLATE_NAMES, limit, spare_content=True):
        removal.take(el)
    return removal.step()


def drop_comments(body: HtmlElement, page_prose: int) -> Step:
    """Comment sections and the comment form ("Leave a Reply")."""
    removal = Removal("comments", "comment sections and comment forms")
    limit = page_prose * COMMENT_GUARD_SHARE
    for el in _named(body, COMMENT_NAMES, limit, spare_content=False):
        removal.take(el)
    return removal.step()


def drop_captions(body: HtmlElement, page_prose: int) -> Step:
    """Picture captions and credits, galleries and hover cards."""
    removal = Removal("captions", "picture captions, galleries, hover cards")
    doomed = list(body.iter("figcaption"))
    doomed += _named(body, CAPTION_NAMES, page_prose * NAME_GUARD_SHARE, spare_content=False)
    for el in doomed:
        removal.take(el)
    return removal.step()


def drop_forms(body: HtmlElement) -> Step:
    """Forms that are controls (search, sign-up, comment), not a wrapper around the page."""
    removal = Removal("forms", "search, sign-up and comment forms")
    for form in list(body.iter("form")):
        if len(form.text_content()) < FORM_WRAPPER_CHARS:
            removal.take(form)
    return removal.step()


def _named(
    body: HtmlElement, pattern: re.Pattern[str], limit: float, spare_content: bool
) -> list[HtmlElement]:
    """Outermost elements whose names match ``pattern`` and hold at most ``limit`` prose."""
    found: list[HtmlElement] = []
    skip_under: HtmlElement | None = None
    for el in body.iter():
        if skip_under is not None and _inside(el, skip_under):
            continue
        skip_under = None
        if el.tag in ("html", "body", "article", "main") or not isinstance(el.tag, str):
            continue
        names = names_of(el)
        if not names or not pattern.search(names):
            continue
        if spare_content and _names_content(names):
            continue
        if limit and paragraph_chars(el) > limit:
            continue
        found.append(el)
        skip_under = el
    return found


def _names_content(names: str) -> bool:
    """Does a class/id token name the article, or an embedded post?"""
    if EMBED_NAMES.search(names):
        return True
    return any(
        CONTENT_NAMES.search(token) and not BOILERPLATE_NAMES.search(token)
        for token in names.split()
    )


def _inside(el: HtmlElement, ancestor: HtmlElement) -> bool:
    return any(parent is ancestor for parent in el.iterancestors())
