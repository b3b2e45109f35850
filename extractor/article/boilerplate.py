"""Page-wide boilerplate removal, run before the article region is chosen.

Scripts and the like go first, inside lxml; then one walk over the page (``scan_page``) sorts
out every element worth a look. Each ``drop_*`` function is one named step: it drops one kind
of element that is never article text (navigation, share bars, comment sections, forms...)
and returns its Step.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from extractor.article.threads import (
    authored_like_its_replies,
    names_a_post_mark,
    replies_shaped_like_the_post,
    voted_like_its_replies,
)
from extractor.dom import MEDIA_TAGS, NON_CONTENT_TAGS, ancestor, fold, is_within, text_content
from extractor.normalize.figures import describes_something
from extractor.records import Step
from extractor.removal import Removal, is_attached

# A <noscript> holding this much text is what the page shows a client without scripts (a
# forum's crawler view of its posts), not a notice or a tracking pixel.
NOSCRIPT_VIEW_CHARS = 200
# ...unless its first and last this many words stand on the page already: a copy of what it
# shows.
NOSCRIPT_COPY_WORDS = 30
_WORD = re.compile(r"[^\W_]+")
# Buttons inside headings (an accordion's headers), kept as their text by drop_non_content.
_HEADING_BUTTONS = etree.XPath(  # (one walk: a union of six paths walked the page six times)
    "descendant::button["
    + " or ".join(f"ancestor::{tag}" for tag in ("h1", "h2", "h3", "h4", "h5", "h6"))
    + "]"
)
# Disclosure buttons (WAI-ARIA's pattern, without the heading around the button that it asks for):
# their words head the panel they open, when it is kept (see ``_opens_text``).
_DISCLOSURE_BUTTONS = etree.XPath("descendant::button[@aria-expanded]")
# Labels naming a control by its id: the words of a field that goes with the form controls
# ("Jump to:" before a forum's board select, "Search" before a text box). A checkbox's or a radio
# button's label stays: CSS-only tabs and accordions print their headings so.
_FOR_LABELS = etree.XPath("descendant::label[@for]")
_FIELDS = etree.XPath("descendant::*[self::select or self::textarea or self::input][@id]")
_TOGGLES = frozenset({"checkbox", "radio"})
# Links that open a product's 3D model in augmented reality (WebKit's AR Quick Look: an <a
# rel="ar"> to the model around its picture, "View in AR"): a viewer's control, never text.
_AR_LINKS = etree.XPath("descendant::a[contains(concat(' ', normalize-space(@rel), ' '), ' ar ')]")
# What drop_non_content removes from the page, in a fixed order.
_DROPPED_TAGS = tuple(sorted(NON_CONTENT_TAGS | MEDIA_TAGS))
_DROPPED_TAG_SET = frozenset(_DROPPED_TAGS)
# Structural tags for the page's chrome around the article.
CHROME_TAGS = ("nav", "aside", "footer", "menu")
# A <footer> inside these is an attribution, not the page's footer.
QUOTE_TAGS = frozenset({"blockquote", "figure"})
# Elements never dropped for their class or id.
UNNAMED_TAGS = frozenset({"html", "body", "article", "main"})
# ...nor these, whose class names style them ("anchorTargetStickyNavbar" on a heading) unless
# they hide them ("sr-only"), nor anything inside code, whose class names are the
# highlighter's ("token comment")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
NAME_PROOF_TAGS = frozenset({*HEADING_TAGS, "pre", "code"})
_SLUG_GAP = re.compile(r"[\W_]+")
_SLUG_NUMBER = re.compile(r"-\d+$")
CODE_TAGS = frozenset({"pre", "code"})
# ARIA roles of the same chrome.
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
     "menu", "menubar", "toolbar", "tablist", "alert"}
)  # fmt: skip
# the class names that hide an element (on a closed panel, see ``HIDING_NAMES``)
_HIDING_WORDS = r"hidden|hide|is-hidden"
# hidden and screen-reader-only text, as whole class names ("field-label-hidden" is not), and
# a label drawn as an icon alone (Redmine's "icon-only" "Actions"); these last two also under
# a utility prefix (Tailwind's "x:sr-only", as Nextra writes it)
_HIDDEN = (
    rf"(?:^|\s)(?:{_HIDING_WORDS}|u-sronly"
    r"|(?:[a-z0-9]+:)?(?:visually-hidden|sr-only|screen-reader-text|icon-only))"
    r"(?:$|\s)"
)
# class/id words of boilerplate blocks: share bars, related links, newsletter boxes, ads...
# (a "hero" banner is a landing page's opening section, its title and offer: HubSpot's
# "hero-banner", Salesforce Commerce's "herobanner"; ad, cookie and top banners go)
BOILERPLATE_NAMES = re.compile(
    r"share|sharing|social|related|recommend|newsletter|subscri|signup|sign-up|promo|advert"
    r"|sponsor|(?<!hero)(?<!hero[_-])banner|cookie|consent|gdpr|popup|modal|breadcrumb|pagination|pager"
    # (a sidebar; not a page's layout named for having one or not: "nosidebar", "has-sidebar")
    r"|(?<!no)(?<!no[_-])(?<!has[_-])(?<!with[_-])(?<!without[_-])sidebar"
    r"|widget|masthead|footer|recirc|navbar|menu|toolbar|outbrain|taboola|trending|most-?popular"
    r"|latest"  # a rail of the site's latest posts (WordPress's "wp-block-latest-posts")
    r"|more-?stories|read-?more|read-?next|up-?next|also-?read|tags|tag-?list|author-?bio"
    r"|author-?box|author-?card|about-?the-?author"  # (WordPress themes, Elementor, Ghost)
    r"|up-?sell|cross-?sell"  # a store's other products (WooCommerce, Magento, PrestaShop)
    # legal fine print: offer terms and footnotes under a product or service page, affiliate
    # and advice notices (Samsung's "common-bottom-disclaimer", Apple's footnote "disclaimer",
    # MediaWiki's "footer-places-disclaimer", a bank's investment "disclaimer"), and the
    # copyright line a site prints under a post or a dictionary under its entries
    r"|disclaimer|copyright"
    # a forum post's author panel: vBulletin's userinfo and userstats, phpBB's postprofile,
    # XenForo's message-user cell and user details and extras, Invision's author pane, SMF's
    # user_info
    r"|user[-_]?info|user[-_]?stats|user[-_]?details|user[-_]?extras|postprofile|author[-_]?pane"
    r"|(?:^|\s)message-(?:user|cell--user)(?:$|\s)"
    # a forum post's own chrome: its signature (vBulletin, phpBB, XenForo, Invision, Stack
    # Exchange's user card), the bar of buttons under it (vBulletin's postfoot and postcontrols,
    # Discourse's and Askbot's post-controls, phpBB's post-buttons, XenForo's action and
    # reactions bars, SMF's quickbuttons, Invision's comment controls), its "Last edited" line
    # and a quote's "Click to expand..." link; a question's answer form with its heading and
    # notes ("Your Answer", Askbot's new-answer-form)
    r"|(?:^|[\s_-]|ips)signature|postfoot|post-?controls|post-?buttons|message-actionbar"
    r"|reactions-?bar|quickbuttons|comment[-_]?controls|last-?edit|expandlink|answer[-_]?form"
    r"|(?:^|[\s_-])(?:ad|ads|nav|skip|print|tools|rating|paywall)(?:$|[\s_-])"
    # what a utility class hides from print ("x:print:hidden", "print:hidden"): the page's chrome
    r"|(?:^|\s)(?:[a-z0-9-]+:)*print:hidden(?:$|\s)"
    r"|" + _HIDDEN
)
# class/id words of navigation; a block so named that reads as prose (NAV_PROSE_CHARS paragraphs,
# under NAV_PROSE_LINK_SHARE of its text in links) is a section navigation leads to, not a menu
NAV_NAMES = re.compile(r"navbar|menu|(?:^|[\s_-])nav(?:$|[\s_-])")
NAV_PROSE_CHARS = 80
NAV_PROSE_LINK_SHARE = 0.2
# Page builders name every content block a widget (Elementor's "elementor-widget-text-editor",
# CKEditor's "ck-widget"): there the word says nothing; their share, menu and social blocks are
# caught by those words.
BUILDER_WIDGETS = re.compile(r"(?:elementor|ck)-widget")
# the hidden and screen-reader-only names alone: they drop a heading too
HIDDEN_NAMES = re.compile(_HIDDEN)
# class/id words of consent banners; alone they are not enough ("cookie-step" in a recipe):
# the block must also read like a banner (CONSENT_TEXT), or be empty.
CONSENT_NAMES = re.compile(r"cookie|consent|gdpr")
CONSENT_TEXT = re.compile(
    r"privacy|privac|consent|gdpr|personal data|partner|preferences|polic|tracking|analytics"
    r"|advertis|third[- ]part|your experience|browsing|datenschutz|confidentialit|donn[ée]es"
    r"|einwillig|zustimm|aceptar|acepto|accepter|akzeptieren|cookie settings",
    re.IGNORECASE,
)
# class/id words of code wrappers (Prism's "code-toolbar", "highlight", "codehilite"...): a
# block holding code is kept whatever else its name says.
CODE_SHARE = 0.5  # share of a named block's text that is code, for the block to be code
# class/id words that mark the article itself: a class token with one of these (and no
# boilerplate word in the same token, "relatedContent") keeps its element.
CONTENT_NAMES = re.compile(
    r"article|entry|post-?(?:body|content|text)|story|main|content|body|text|blog"
)
# Style utilities named after text (Bootstrap's "text-center", Tailwind's "text-sm" and
# "text-gray-700", Bulma's "has-text-centered"): how a block's text looks, not what it is.
TEXT_UTILITY = re.compile(
    r"^(?:has-)?text-(?:center|left|right|start|end|justify|upper|lower|capitali|weight|bold"
    r"|italic|normal|muted|primary|secondary|success|danger|warning|info|light|dark|white|black"
    r"|reset|wrap|nowrap|truncate|break|xs|sm|md|lg|xl|\dxl|base|gr[ae]y|slate|zinc|neutral"
    r"|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet"
    r"|purple|fuchsia|pink|rose|\d)"
)
# class/id words of embedded posts (a quoted tweet is article text, even in a "social" box).
EMBED_NAMES = re.compile(r"embed|twitter-tweet|instagram-media|tiktok")
# class/id words of comment sections and comment forms (kept with include_comments).
COMMENT_NAMES = re.compile(
    r"comment|disqus|respond|replies|discussion|(?:^|[\s_-])reply(?:$|[\s_-])"
)
# A named block holding more than this share of the page's paragraph text is never dropped by
# its name ("non-ad-column" around the story, "has-comments" on the wrapper).
NAME_GUARD_SHARE = 0.4
# ...nor are blocks of one kind that hold it together, each with this much prose at least (see
# ``_page_blocks``).
PAGE_BLOCK_MIN_CHARS = 100
# A boilerplate word whose blocks together hold more than this share of the page's prose names
# the page's building blocks (a store's every part a "celwidget"), not boilerplate: blocks named
# by such words alone stay (a block also named otherwise, "related", still goes).
PAGE_WORD_SHARE = 0.9
# class/id words of the comment system's form ("commentform", "comment-form", Lobsters'
# "comment_form_container"; not a comment's "comment-text-and-form", which holds its text):
# no post, on a thread's page either
COMMENT_FORM_NAMES = re.compile(r"(?:comment|reply|respond)[-_]?form(?![a-z])")
# Comment sections may outweigh a short article, so their guard is looser.
COMMENT_GUARD_SHARE = 0.7
# Comment-named blocks that together hold more than this share of the page's prose are the
# page itself (the posts of a forum thread), not a comment section under an article, unless the
# page marks one article body outside them (a photo post of a sentence over a long discussion).
THREAD_SHARE = 0.9
# class/id names of the article body proper (the region does not widen beyond one)
ARTICLE_BODY_NAMES = re.compile(r"article-?body|story-?body|entry-content")
# schema.org types by which a page declares a discussion whose replies are its content (Google
# asks forums for DiscussionForumPosting, and question-and-answer sites for QAPage)
THREAD_TYPES = frozenset({"DiscussionForumPosting", "QAPage"})
# class/id words by which forum software names a thread's page on its <html>, <body> or <main>
# (XenForo's "template-thread_view", NodeBB's "page-topic", phpBB's "section-viewtopic",
# vBulletin's "threadViewPage"): the replies there are the posts, whatever they are named.
THREAD_PAGE_NAMES = re.compile(r"thread[-_]?view|view-?topic|(?:^|\s)page-topic(?:$|\s)")
# class/id words of picture captions, galleries and hover cards (a caption stays only with the
# picture it describes, see figures.py; the Markdown keeps it as the image's title).
CAPTION_NAMES = re.compile(
    r"caption|credit|gallery|slideshow|carousel|lightbox|tooltip|popover|hovercard"
    r"|(?:rollover|hover)[\w-]*(?:block|card|box)"  # the card, not the link it hangs on
)
# class/id words of a caption proper (among the caption names above).
CAPTION_WORD = re.compile(r"caption|credit")
# class/id words of a set of pictures or slides (among the caption names above). A block so
# named with one picture at most, neither a list of slides nor one of its items, and
# FEATURE_PROSE_CHARS of paragraph text is a feature block (a picture beside its heading and
# text, a product page's "feature gallery").
GALLERY_WORD = re.compile(r"gallery|slideshow|carousel")
FEATURE_PROSE_CHARS = 200
# class/id words of content a reader opens in place: tab panes, accordion and toggle bodies,
# FAQ answers (a product's description and specifications often sit there, hidden until clicked).
DISCLOSED_NAMES = re.compile(
    r"tab-?pane|tab-?panel|tab-?content|accordion|collaps|toggle|faq|answer"
)
# A hidden panel that a disclosure control opens is kept when it holds this much text outside
# links and no more than this share of its text in links (a menu a toggle opens is links).
DISCLOSED_TEXT_CHARS = 80
DISCLOSED_MAX_LINKED = 0.5
# A disclosure control naming no panel opens the hidden block right after it, or after the
# wrappers it alone fills, up to this many.
PANEL_WRAPPER_LEVELS = 2
# The class words that hide an element: on a panel hidden by its attributes (see
# ``_hidden_prose``) they say how it is hidden, not that it is boilerplate. (A panel hidden by
# its class alone is not known to be hidden, and goes by that name.)
HIDING_NAMES = re.compile(rf"(?:^|(?<=\s))(?:{_HIDING_WORDS})(?=$|\s)")
# Inline styles that hide an element.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# A form holding fewer characters than this is a control, not a page wrapper (ASP.NET pages
# wrap the whole body in one <form>).
FORM_WRAPPER_CHARS = 2000
# ...and so is one holding this share of the page's text, however short the page.
FORM_WRAPPER_SHARE = 0.5
# A chrome tag or role holding more than this share of the page's text, and not mostly links, is
# a wrapper left open around the page (an unclosed <nav> the parser nests everything in).
CHROME_WRAPPER_SHARE = 0.8
CHROME_WRAPPER_MAX_LINKED = 0.5


def names_of(el: HtmlElement) -> str:
    """The element's class and id, joined and lower-cased (what the name patterns see)."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip().lower()


@dataclass(frozen=True)
class PageScan:
    """Elements worth a look, by kind, each in document order (one walk over the page)."""

    hidden: tuple[HtmlElement, ...]
    chrome: tuple[HtmlElement, ...]
    comments: tuple[HtmlElement, ...]
    boilerplate: tuple[HtmlElement, ...]
    captions: tuple[HtmlElement, ...]
    forms: tuple[HtmlElement, ...]
    post_marks: tuple[HtmlElement, ...]  # vote boxes and members' pictures, maybe (threads.py)


def scan_page(body: HtmlElement) -> PageScan:
    """Sort the page's elements into the kinds the steps below drop."""
    kinds: dict[str, list[HtmlElement]] = {
        "hidden": [], "chrome": [], "comments": [], "boilerplate": [], "captions": [],
        "forms": [], "post_marks": [],
    }  # fmt: skip
    captions, forms, post_marks = kinds["captions"], kinds["forms"], kinds["post_marks"]
    for el in body.iter(etree.Element):
        tag = el.tag
        if tag in _DROPPED_TAG_SET:
            continue  # dropped wholesale by drop_non_content
        attrib = el.attrib
        if not attrib:  # (most elements: nothing below but the tag to read)
            if tag == "figcaption":
                captions.append(el)
            elif tag == "form":
                forms.append(el)
            continue
        cls = attrib.get("class")
        if cls and names_a_post_mark(tag, cls):
            post_marks.append(el)
        if _hidden(attrib):
            kinds["hidden"].append(el)
        elif attrib.get("role") in CHROME_ROLES:
            kinds["chrome"].append(el)
        elif tag == "figcaption":
            captions.append(el)
        elif tag in UNNAMED_TAGS:
            continue
        else:
            if tag == "form":
                forms.append(el)
            ident = attrib.get("id")
            if cls is not None or ident is not None:
                kind = _kind_of(cls, ident)
                if kind and ident is not None and _id_is_its_heading(el):
                    kind = _kind_of(cls, None)  # the id names its topic
                if kind and _name_counts(el, tag):
                    kinds[kind].append(el)
    return PageScan(**{kind: tuple(found) for kind, found in kinds.items()})


def _slug(text: str) -> str:
    return _SLUG_GAP.sub("-", text.lower()).strip("-")


def _id_is_its_heading(el: HtmlElement) -> bool:
    """Is the element's id the slug of its own first heading ("related-projects" on the
    section headed "Related projects"), or, inside a heading, of its own text (MediaWiki's
    ``<h2><span class="mw-headline" id="Social_media">Social media</span></h2>``)? Such an id
    names the topic, not the page part."""
    heading = next(el.iter(*HEADING_TAGS), None)
    if heading is el:
        return False
    if heading is None:
        if next(el.iterancestors(*HEADING_TAGS), None) is None:
            return False
        heading = el
    slug = _SLUG_NUMBER.sub("", _slug(str(el.get("id"))))  # "install-1": a repeated heading
    return bool(slug) and _slug(text_content(heading)) == slug


def _name_counts(el: HtmlElement, tag: str) -> bool:
    """Headings and code are dropped for their names only when hidden ("sr-only")."""
    if tag in NAME_PROOF_TAGS:
        return bool(HIDDEN_NAMES.search((el.get("class") or "").lower()))
    return not _in_code(el)


def _in_code(el: HtmlElement) -> bool:
    """Inside a code block, where class names are the highlighter's ("token comment")."""
    return ancestor(el, *CODE_TAGS) is not None


def _hidden(attrib: Any) -> bool:
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


@lru_cache(maxsize=8192)
def _kind_of(cls: str | None, ident: str | None) -> str | None:
    return _name_kind(f"{cls or ''} {ident or ''}".strip().lower())


def _name_kind(names: str) -> str | None:
    """Which kind of block a class/id names, if any."""
    if not names:
        return None
    if COMMENT_NAMES.search(names):
        # a comment's or a post's own chrome, named after the comment system (its signature,
        # author pane, footer, subscription box): boilerplate, on a thread's page too
        rest = COMMENT_NAMES.sub(" ", names)
        if names_boilerplate(rest) and not _names_content(rest):
            return "boilerplate"
        return "comments"
    if names_boilerplate(names):
        return None if _names_content(names) else "boilerplate"
    if CAPTION_NAMES.search(names):
        return "captions"
    return None


@lru_cache(maxsize=8192)
def names_boilerplate(names: str) -> bool:
    """Does a class/id (lower-cased) name a boilerplate block?"""
    return _any_boilerplate_token(BUILDER_WIDGETS.sub(" ", names))


def _any_boilerplate_token(names: str) -> bool:
    """``BOILERPLATE_NAMES.search(names)``, token by token: no match of the pattern spans white
    space (it only stands at a match's ends, where the start or end of a token does as well), and
    the same class tokens come back on every element and page, so each is searched once."""
    return any(_boilerplate_token(token) for token in names.split())


@lru_cache(maxsize=65536)
def _boilerplate_token(token: str) -> bool:
    return BOILERPLATE_NAMES.search(token) is not None


def _names_content(names: str) -> bool:
    """Does a class/id token name the article, or an embedded post?"""
    if EMBED_NAMES.search(names):
        return True
    return any(
        CONTENT_NAMES.search(token) and not _boilerplate_token(token)
        for token in names.split()
        # (a utility under a prefix or variant, "x:text-sm", is a style too)
        if ":" not in token and not TEXT_UTILITY.match(token)
    )


def paragraph_chars(el: HtmlElement) -> int:
    """How much text the element holds in <p> blocks (the guard's measure of prose)."""
    return sum(len(text_content(p)) for p in el.iter("p"))


@dataclass(frozen=True)
class Guard:
    """The page's prose, against which a block named like boilerplate is weighed."""

    page_chars: int
    by_paragraphs: bool  # False on a page without <p>: all text counts

    def chars_of(self, el: HtmlElement) -> int:
        """How much of the page's prose ``el`` holds."""
        return paragraph_chars(el) if self.by_paragraphs else len(text_content(el))

    def holds_much(self, el: HtmlElement, share: float) -> bool:
        """Does ``el`` hold more than ``share`` of the page's prose?"""
        return self.chars_of(el) > self.page_chars * share

    def holds_much_together(self, found: list[HtmlElement], share: float) -> bool:
        """Do these elements (none inside another) hold more than ``share`` of the prose?"""
        return sum(self.chars_of(el) for el in found) > self.page_chars * share


def prose_guard(body: HtmlElement) -> Guard:
    chars = paragraph_chars(body)
    if chars:
        return Guard(chars, by_paragraphs=True)
    return Guard(len(text_content(body)), by_paragraphs=False)


def open_noscript_views(body: HtmlElement) -> Step:
    """On a page read without scripts, the <noscript> views shown to such clients join the
    page (their wrapper goes; short ones, a notice or a pixel, stay for drop_non_content, and so
    does a copy of what the page already shows: the article rendered on the server and again
    for clients without scripts)."""
    removal = Removal(
        "noscript-views", "noscript wrappers around what a client without scripts sees"
    )
    views = [
        el for el in body.iter("noscript") if len(text_content(el).strip()) >= NOSCRIPT_VIEW_CHARS
    ]
    shown = _words(" ".join(body.xpath(".//text()[not(ancestor::noscript)]"))) if views else ""
    for el in views:
        if is_attached(el) and not _shown_already(el, shown):
            el.drop_tag()
            removal.removed += 1
    return removal.step()


def _words(text: str) -> str:
    """The text's words, lower-cased, one space apart (what two copies of a text share)."""
    return " ".join(_WORD.findall(text.lower()))


def _shown_already(view: HtmlElement, shown: str) -> bool:
    """Does the page show the view's opening and closing words already (``shown``: see
    ``_words``)? A view that begins as the page does but goes on is more than a copy."""
    words = _words(text_content(view)).split()
    ends = (words[:NOSCRIPT_COPY_WORDS], words[-NOSCRIPT_COPY_WORDS:])
    return all(" ".join(end) in shown for end in ends)


def _beside_its_heading(button: HtmlElement) -> bool:
    """Whether the button is an action beside a heading's words rather than its header: the
    heading holds as many words outside its buttons as the button holds, or more."""
    heading = deepcopy(next(button.iterancestors(*HEADING_TAGS)))
    for other in list(heading.iter("button")):
        other.drop_tree()  # (its tail, the heading's words after it, stays)
    own = len(_WORD.findall(text_content(heading)))
    return own >= max(len(_WORD.findall(text_content(button))), 1)


def drop_non_content(body: HtmlElement) -> Step:
    """Scripts, styles, embeds and form controls (removed in one pass inside lxml), with the
    labels of the select boxes and text fields (see ``_FOR_LABELS``) and the links to an AR
    viewer (see ``_AR_LINKS``); a button inside a heading is an accordion's header (the
    WAI-ARIA pattern): its words stay, unless the heading has as many words of its own (a
    "Copy" or "Share" action beside a page's title goes with the controls). So do the words of
    a disclosure button outside a heading that opens a panel of text (an FAQ's question), as a
    line of their own."""
    removal = Removal("non-content", "scripts, styles, embeds, form controls")
    for button in _HEADING_BUTTONS(body):
        if not _beside_its_heading(button):
            button.drop_tag()
    for button in _DISCLOSURE_BUTTONS(body):
        if _opens_text(button):
            button.attrib.clear()
            button.tag = "p"
    _drop_field_labels(body, removal)
    for link in _AR_LINKS(body):
        removal.take(link)
    removal.removed += sum(1 for _ in body.iter(*_DROPPED_TAGS))
    etree.strip_elements(body, *_DROPPED_TAGS, etree.Comment, with_tail=False)
    return removal.step()


def _opens_text(button: HtmlElement) -> bool:
    """Whether the button names what it opens (two words or more) and opens a panel of text
    that comes after it (see ``_reads_as_text``; where it names none, the hidden block right
    after it, see ``_panel_after``), not a menu or a "More" toggle."""
    if len(_WORD.findall(text_content(button))) < 2:
        return False
    tokens = (button.get("aria-controls") or "").split()
    if not tokens:
        return _panel_after(button) is not None
    for token in tokens:
        found = button.xpath("following::*[@id=$id][1]", id=token)
        if found and _reads_as_text(found[0]):
            return True
    return False


def _drop_field_labels(body: HtmlElement, removal: Removal) -> None:
    """The labels of the select boxes and text fields that go (see ``_FOR_LABELS``)."""
    labels = _FOR_LABELS(body)
    if not labels:
        return
    fields = {
        el.get("id"): el
        for el in _FIELDS(body)
        if el.tag != "input" or (el.get("type") or "").strip().lower() not in _TOGGLES
    }
    for label in labels:
        if label.get("for") in fields:
            removal.take(label)


def drop_hidden(scan: PageScan, opened: Collection[HtmlElement] = ()) -> Step:
    """Elements the page hides (hidden attribute, aria-hidden, display:none), but for the
    panels a reader opens in place (``opened``: see ``opened_in_place``)."""
    removal = Removal("hidden", "elements the page hides (hidden, aria-hidden, display:none)")
    for el in scan.hidden:
        if _disclosed_on_demand(el):
            continue
        if el in opened and _reads_as_text(el):
            continue  # an accordion's panel whatever its name ("acd-a-content")
        removal.take(el)
    return removal.step()


def _disclosed_on_demand(el: HtmlElement) -> bool:
    """A tab pane or an accordion's body: hidden only until the reader opens it."""
    if el.get("role") == "tabpanel":
        return True
    return el.get("role") not in CHROME_ROLES and bool(DISCLOSED_NAMES.search(names_of(el)))


def opened_in_place(body: HtmlElement) -> frozenset[HtmlElement]:
    """What the page's disclosure controls open (WAI-ARIA's disclosure and accordion pattern: a
    control with ``aria-expanded``), read before the buttons go with the form controls: the
    elements its ``aria-controls`` names or, where it names none, the hidden block right after
    it (``_panel_after``)."""
    controls = body.xpath(".//*[@aria-expanded]")
    if not controls:
        return frozenset()
    opened: set[HtmlElement] = set()
    named: set[str] = set()
    for control in controls:
        ids = (control.get("aria-controls") or "").split()
        if ids:
            named.update(ids)
            continue
        panel = _panel_after(control)
        if panel is not None:
            opened.add(panel)
    if named:
        opened.update(
            body.xpath(
                ".//*[@id][contains($ids, concat(' ', @id, ' '))]", ids=f" {' '.join(named)} "
            )
        )
    return frozenset(opened)


def _panel_after(control: HtmlElement) -> HtmlElement | None:
    """The hidden block a disclosure control without ``aria-controls`` opens: the element
    right after it, or after the wrapper it alone fills (``<div><a aria-expanded>..</a></div>``,
    up to PANEL_WRAPPER_LEVELS wrappers)."""
    node = control
    for _ in range(PANEL_WRAPPER_LEVELS + 1):
        after = node.getnext()
        if after is not None:
            return after if _hidden_prose(after) else None
        parent = node.getparent()
        if parent is None or len(parent) != 1 or (parent.text or "").strip():
            return None
        if (node.tail or "").strip():
            return None  # words beside the control: it does not fill its wrapper
        node = parent
    return None


def _hidden_prose(el: HtmlElement) -> bool:
    """A hidden block of paragraphs (not a menu or a dialog a toggle opens): hidden, named
    for no boilerplate, holding a paragraph of DISCLOSED_TEXT_CHARS, read as text."""
    if not isinstance(el.tag, str) or not _hidden(el.attrib):
        return False
    if names_boilerplate(HIDING_NAMES.sub(" ", names_of(el))):
        return False
    if el.get("role") in CHROME_ROLES:
        return False
    long_paragraph = any(len(fold(text_content(p))) >= DISCLOSED_TEXT_CHARS for p in el.iter("p"))
    return long_paragraph and _reads_as_text(el)


def _reads_as_text(el: HtmlElement) -> bool:
    """Text, not mostly links: a panel to read (an answer), not a menu a toggle opens."""
    text = len(text_content(el).strip())
    linked = sum(len(text_content(a)) for a in el.iter("a"))
    return text - linked >= DISCLOSED_TEXT_CHARS and linked <= DISCLOSED_MAX_LINKED * text


def drop_chrome_tags(body: HtmlElement, keep: Collection[HtmlElement] = ()) -> Step:
    """Navigation, asides and footers by tag, before the walk (a third of most pages); not
    those in ``keep`` (a featured post's aside, see featured.py)."""
    removal = Removal("chrome", "navigation, asides, footers (by tag)")
    page_chars = len(text_content(body))
    for el in list(body.iter(*CHROME_TAGS)):
        if el in keep:
            continue
        if el.tag == "footer" and ancestor(el, *QUOTE_TAGS) is not None:
            continue  # a quote's attribution ("— Field notes, SRE guild")
        if _wraps_page(el, page_chars):
            continue  # the page itself, nested in a tag left open; its own menus still go
        removal.take(el)
    return removal.step()


def drop_chrome(body: HtmlElement, scan: PageScan) -> Step:
    """Banners, menus, search boxes and dialogs by ARIA role (not a banner left open around the
    page, see ``CHROME_WRAPPER_SHARE``)."""
    removal = Removal("chrome-roles", "banners, menus, search boxes, dialogs (by ARIA role)")
    page_chars = len(text_content(body))
    for el in scan.chrome:
        if is_attached(el) and not _wraps_page(el, page_chars):
            removal.take(el)
    return removal.step()


def _wraps_page(el: HtmlElement, page_chars: int) -> bool:
    """Chrome by its tag or role that holds the page itself (see ``CHROME_WRAPPER_SHARE``)."""
    chars = len(text_content(el))
    if chars <= CHROME_WRAPPER_SHARE * page_chars:
        return False
    linked = sum(len(text_content(a)) for a in el.iter("a"))
    return linked <= CHROME_WRAPPER_MAX_LINKED * chars


def drop_comments(
    scan: PageScan,
    guard: Guard,
    body: HtmlElement,
    *,
    declared_thread: bool = False,
    thread: bool | None = None,
) -> Step:
    """Comment sections and the comment form ("Leave a Reply"), but on a thread's page (one
    whose comments hold nearly all of its prose, one that names itself a thread view, one that
    declares a discussion: ``declared_thread``, see ``THREAD_TYPES``, or one whose opening post
    has the vote box of its replies, their author links or their shape:
    threads.voted_like_its_replies, threads.authored_like_its_replies,
    threads.replies_shaped_like_the_post) only the form. ``thread``: what ``is_a_thread``
    said of the page, when the caller asked it."""
    removal = Removal("comments", "comment sections and comment forms")
    if thread is None:
        thread = is_a_thread(scan, guard, body, declared_thread=declared_thread)
    if thread:
        # a thread of posts: they are what the page is for; its reply form is not a post
        forms = tuple(el for el in scan.comments if names_a_comment_form(el))
        _take_guarded(removal, forms, guard, COMMENT_GUARD_SHARE)
        return removal.step()
    _take_guarded(removal, scan.comments, guard, COMMENT_GUARD_SHARE)
    return removal.step()


def is_a_thread(
    scan: PageScan, guard: Guard, body: HtmlElement, *, declared_thread: bool = False
) -> bool:
    """Is the page a thread of posts (see ``drop_comments``)?"""
    outermost = _outermost(scan.comments)
    return (
        declared_thread
        or names_a_thread(body)
        or voted_like_its_replies(body, outermost)
        or authored_like_its_replies(body, outermost, in_rail)
        or replies_shaped_like_the_post(body, outermost, COMMENT_NAMES)
        or (
            guard.holds_much_together(outermost, THREAD_SHARE)
            and not _article_body_apart(body, outermost)
        )
    )


def names_article_body(el: HtmlElement) -> bool:
    """Does the element name itself the article body (``ARTICLE_BODY_NAMES``, or schema.org's
    ``articleBody``)?"""
    return "articleBody" in (el.get("itemprop") or "") or bool(
        ARTICLE_BODY_NAMES.search(names_of(el))
    )


def _article_body_apart(body: HtmlElement, comments: list[HtmlElement]) -> bool:
    """Does the page mark one article body (none inside another), apart from its comments?"""
    marked = [el for el in body.iter() if isinstance(el.tag, str) and names_article_body(el)]
    outer = set(marked)
    marked = [el for el in marked if not any(a in outer for a in el.iterancestors())]
    if len(marked) != 1:
        return False
    return not any(is_within(marked[0], c) or is_within(c, marked[0]) for c in comments)


def in_rail(el: HtmlElement) -> bool:
    """Is ``el`` in a block beside the page's content: an aside, a navigation bar, a footer,
    or a block named as boilerplate (a sidebar of recent comments)?"""
    return any(
        above.tag in ("aside", "nav", "footer") or names_boilerplate(names_of(above))
        for above in el.iterancestors()
        if above.tag not in ("body", "html")  # (the page's layout: "has-main-menu")
    )


def names_a_comment_form(el: HtmlElement) -> bool:
    """Is a comment-named block the comment system's form (see ``COMMENT_FORM_NAMES``)?"""
    return bool(COMMENT_FORM_NAMES.search(names_of(el)))


def names_a_thread(body: HtmlElement) -> bool:
    """Does the page name itself a forum thread (see ``THREAD_PAGE_NAMES``)?"""
    marked = [body, *body.iterancestors(), *body.iter("main")]
    return any(THREAD_PAGE_NAMES.search(names_of(el)) for el in marked)


def drop_named_boilerplate(scan: PageScan, guard: Guard) -> Step:
    """Blocks whose class or id names boilerplate (share, related, newsletter, ad...)."""
    removal = Removal("boilerplate-names", "class/id names a share bar, related links, ad, ...")
    found = tuple(
        el
        for el in scan.boilerplate
        if not _holds_code(el) and not _named_in_passing(el) and not _prose_named_nav(el)
    )
    words = {el: _boilerplate_words(el) for el in found}
    page_words = _page_words(words, guard)
    found = tuple(el for el in found if not words[el] <= page_words)
    held = _page_blocks(found, guard)
    found = tuple(el for el in found if not any(el is b or is_within(el, b) for b in held))
    _take_guarded(removal, found, guard, NAME_GUARD_SHARE)
    return removal.step()


def _page_blocks(found: tuple[HtmlElement, ...], guard: Guard) -> list[HtmlElement]:
    """Blocks of one kind (tag and class) that together hold the page: at least two, none
    inside another, each with PAGE_BLOCK_MIN_CHARS of prose or more, holding more than
    NAME_GUARD_SHARE of the page's prose between them (a listing's sections, each a CMS
    "widget"). Each alone is too small for the guard that keeps a named block holding the
    page."""
    kinds: dict[tuple[str, str], list[HtmlElement]] = {}
    for el in _outermost(found):
        if guard.chars_of(el) >= PAGE_BLOCK_MIN_CHARS:
            kinds.setdefault((str(el.tag), el.get("class") or ""), []).append(el)
    return [
        el
        for (_, cls), blocks in kinds.items()
        if cls and len(blocks) >= 2 and guard.holds_much_together(blocks, NAME_GUARD_SHARE)
        for el in blocks
    ]


def _boilerplate_words(el: HtmlElement) -> frozenset[str]:
    """The boilerplate words the element's class and id hold ("widget", "nav")."""
    return _words_in_names(names_of(el))


@lru_cache(maxsize=8192)
def _words_in_names(names: str) -> frozenset[str]:
    found = BOILERPLATE_NAMES.finditer(BUILDER_WIDGETS.sub(" ", names))
    return frozenset(m.group(0).strip(" _-") for m in found)


def _page_words(words: dict[HtmlElement, frozenset[str]], guard: Guard) -> frozenset[str]:
    """The words whose blocks hold the page (see ``PAGE_WORD_SHARE``)."""
    by_word: dict[str, list[HtmlElement]] = {}
    for el, named in words.items():
        for word in named:
            by_word.setdefault(word, []).append(el)
    return frozenset(
        word
        for word, found in by_word.items()
        if guard.holds_much_together(_outermost(tuple(found)), PAGE_WORD_SHARE)
    )


def _holds_code(el: HtmlElement) -> bool:
    """A code block's wrapper (Prism's "code-toolbar"), whatever its name says."""
    if el.tag in ("pre", "code"):
        return True
    code = sum(len(text_content(pre)) for pre in el.iter("pre"))
    if not code:
        code = sum(len(text_content(c)) for c in el.iter("code") if "\n" in text_content(c))
    return code > 0 and code >= CODE_SHARE * len(text_content(el))


def _prose_named_nav(el: HtmlElement) -> bool:
    """Named only for navigation ("content-nav-section": a section the page's table of contents
    leads to) but reading as prose: paragraphs, few of its words in links. Navigation is links."""
    names = names_of(el)
    if not NAV_NAMES.search(names) or _any_boilerplate_token(NAV_NAMES.sub(" ", names)):
        return False
    paragraphs = [p for p in el.iter("p") if len(text_content(p).strip()) >= NAV_PROSE_CHARS]
    if len(paragraphs) < 2:
        return False
    text = len(text_content(el).strip())
    linked = sum(len(text_content(a).strip()) for a in el.iter("a"))
    return linked < NAV_PROSE_LINK_SHARE * text


def _named_in_passing(el: HtmlElement) -> bool:
    """Named only for cookies or consent, with text that is not a banner's ("cookie-step")."""
    names = names_of(el)
    if not CONSENT_NAMES.search(names) or _any_boilerplate_token(CONSENT_NAMES.sub(" ", names)):
        return False
    text = text_content(el)
    return bool(text.strip()) and not CONSENT_TEXT.search(text)


def drop_captions(scan: PageScan, guard: Guard) -> Step:
    """Captions with no picture to describe, galleries and hover cards."""
    removal = Removal("captions", "captions without a picture, galleries, hover cards")
    # a caption wrapper around the picture itself ("wp-caption") keeps the picture, and a
    # caption stays with the picture (or code, table, quote) it describes
    # (each is judged in turn: a gallery dropped before it is no picture to describe)
    for el in scan.captions:
        if not is_attached(el) or _wraps_picture(el) or _kept_caption(el):
            continue
        if _feature_block(el):
            continue
        if not guard.holds_much(el, NAME_GUARD_SHARE):
            removal.take(el)
    return removal.step()


def _feature_block(el: HtmlElement) -> bool:
    """Named like a gallery but holding one picture at most, no slides and paragraphs of text
    (see ``GALLERY_WORD``)."""
    names = names_of(el)
    if not GALLERY_WORD.search(names) or CAPTION_WORD.search(names):
        return False
    if el.tag == "li" or el.find(".//li") is not None or len(el.findall(".//img")) > 1:
        return False  # a slide of a list, or a list of slides
    return paragraph_chars(el) >= FEATURE_PROSE_CHARS


def _kept_caption(el: HtmlElement) -> bool:
    if el.tag == "figure":  # one picture of a gallery, shown in the article
        return len(el.findall(".//img")) == 1
    if el.tag != "figcaption" and not CAPTION_WORD.search(names_of(el)):
        return False  # a gallery, a slideshow or a hover card
    return describes_something(el)


def _wraps_picture(el: HtmlElement) -> bool:
    return el.tag != "figcaption" and "caption" in names_of(el) and el.find(".//img") is not None


def drop_forms(scan: PageScan, body: HtmlElement) -> Step:
    """Forms that are controls (search, sign-up, comment), not a wrapper around the page: a
    form with much text, or with most of the page's text (a short page in a WebForms
    ``<form>``), wraps the page."""
    removal = Removal("forms", "search, sign-up and comment forms")
    page = len(text_content(body).strip())
    for form in scan.forms:
        if not is_attached(form):
            continue
        held = len(text_content(form).strip())
        if held < FORM_WRAPPER_CHARS and held < FORM_WRAPPER_SHARE * page:
            removal.take(form)
    return removal.step()


def _outermost(found: tuple[HtmlElement, ...]) -> list[HtmlElement]:
    """The elements not inside another one of them (``found`` is in document order)."""
    kept: list[HtmlElement] = []
    for el in found:
        if not kept or not is_within(el, kept[-1]):
            kept.append(el)
    return kept


def _take_guarded(
    removal: Removal, found: tuple[HtmlElement, ...], guard: Guard, share: float
) -> None:
    """Drop each element still on the page unless it holds more than ``share`` of its prose."""
    for el in found:
        if is_attached(el) and not guard.holds_much(el, share):
            removal.take(el)
