"""Find the article region and drop what surrounds it.

Steps, in order; each is named, reports what it removed, and can be switched off with
``Options.skip_steps`` (``choose-region`` off keeps the whole body as the region):
  noscript-views     (a page read without scripts) long <noscript> content joins the page;
  streamed-parts     (a page read without scripts) the parts a React server streams to the
                     page's end go where its instructions put them (see streaming.py);
  callouts           admonitions as callouts (see callouts.py), before asides go;
  tabs               every tab panel shown under its label (see tabs.py), before hidden
                     panels and the tabs' radio buttons go;
  non-content        scripts, styles, embeds, form controls (a code block's language is read
                     first from the page's Markdown source when a script carries it, docs.py);
  chrome             navigation, asides, footers (by tag; not footnotes written as asides);
  hidden             elements the page hides;
  chrome-roles       banners, menus, search boxes, dialogs (by ARIA role);
  comments           comment sections and forms (kept with ``include_comments``, and on a
                     thread's page: see boilerplate.drop_comments);
  post-chrome        what a forum marks as no part of a post (see threads.py);
  member-stats       on a thread's page, the stats each post repeats about its author
                     ("Join Date: ...", "Posts: ...": see threads.py);
  boilerplate-names  blocks named share/related/newsletter/ad/cookie...;
  captions           picture captions, galleries, hover cards;
  forms              search and sign-up forms;
  product-reviews    on a product page, the customers' reviews (see products.py);
  choose-region      the best container by paragraph scores (see scoring.py);
  product-main       on a product page, the page's <main> around the region is the region
                     (see products.py);
  product-summary    on a product page without one, the summary beside the gallery joins the
                     region (see products.py);
  ledes              opening paragraphs printed above the body join the region (see ledes.py);
  hero               a grid of cards takes the hero above it: the page's title and tagline
                     (see ledes.py);
  featured-post      a listing's newest post, printed apart in an <aside> before it, joins it
                     (set apart before the region is chosen; see featured.py);
  post-bylines       on a thread's page (or one whose region holds three posts or more),
                     each post in the region gets its author and date, read before the chrome
                     around them went, as one line above it (see posts.py);
  quoted-copies      quotes of posts that are on the page (see threads.py);
  repeated-blocks    a second copy of a section (a layout's other version; see copies.py);
  link-lists, related-links, junk-lines, jump-links, edit-links, title-duplicate,
  byline-duplicate   inside the region (see cleanup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from lxml.html import HtmlElement

from extractor.article import (
    boilerplate,
    callouts,
    cleanup,
    copies,
    docs,
    featured,
    ledes,
    posts,
    products,
    streaming,
    tabs,
    threads,
)
from extractor.article.scoring import best_region
from extractor.dom import body_of, is_within
from extractor.metadata.jsonld import declared_types
from extractor.records import Metadata, Options, Step
from extractor.removal import is_attached

ArticleStep = Literal[
    "noscript-views",
    "streamed-parts",
    "callouts",
    "tabs",
    "non-content",
    "chrome",
    "hidden",
    "chrome-roles",
    "comments",
    "post-chrome",
    "member-stats",
    "boilerplate-names",
    "captions",
    "forms",
    "product-reviews",
    "choose-region",
    "product-main",
    "product-summary",
    "ledes",
    "hero",
    "featured-post",
    "post-bylines",
    "quoted-copies",
    "repeated-blocks",
    "link-lists",
    "related-links",
    "junk-lines",
    "jump-links",
    "edit-links",
    "title-duplicate",
    "byline-duplicate",
]
STEPS: tuple[ArticleStep, ...] = get_args(ArticleStep)


def find_article(
    doc: HtmlElement, meta: Metadata, options: Options, *, rendered: bool = True
) -> tuple[HtmlElement, list[Step]]:
    """The element holding the article (``doc`` is mutated) and the steps that cleaned it.

    ``rendered`` says the DOM was settled by a browser running the page's scripts; otherwise it
    is what a client without scripts gets, <noscript> content included."""
    body = body_of(doc)
    steps: list[Step] = []
    skip = set(options.skip_steps)

    def run(name: ArticleStep, step: Callable[[], Step]) -> None:
        if name not in skip:
            steps.append(step())

    if not rendered:
        run("noscript-views", lambda: boilerplate.open_noscript_views(body))
        run("streamed-parts", lambda: streaming.place_streamed_parts(doc))
    run("callouts", lambda: callouts.mark_callouts(body))
    run("tabs", lambda: tabs.lay_out_tabs(body))
    # (read before the chrome holding them goes; placed once the page reads as a thread)
    bylines = [] if "post-bylines" in skip else posts.find_post_bylines(body)
    opened = boilerplate.opened_in_place(body)
    docs.label_code_from_source(body)  # (reads the page's scripts, before they go)
    docs.keep_footnote_asides(body)  # (before asides go)
    declared = declared_types(doc)  # (reads JSON-LD, before scripts go)
    product = not skip.issuperset(("product-reviews", "product-main", "product-summary")) and (
        products.is_product_page(doc, declared)
    )
    thread = bool(boilerplate.THREAD_TYPES & declared)
    run("non-content", lambda: boilerplate.drop_non_content(body))
    featuring = [] if "featured-post" in skip else featured.find_featured(body)
    run("chrome", lambda: boilerplate.drop_chrome_tags(body, featuring))
    scan = boilerplate.scan_page(body)
    run("hidden", lambda: boilerplate.drop_hidden(scan, opened))
    guard = boilerplate.prose_guard(body)
    run("chrome-roles", lambda: boilerplate.drop_chrome(body, scan))
    thread_page = boilerplate.is_a_thread(scan, guard, body, declared_thread=thread)
    if not options.include_comments:
        run(
            "comments",
            lambda: boilerplate.drop_comments(scan, guard, body, thread=thread_page),
        )
    run("post-chrome", lambda: threads.drop_post_chrome(body, scan.post_marks))
    run("member-stats", lambda: threads.drop_member_stats(body, thread=thread_page))
    run("boilerplate-names", lambda: boilerplate.drop_named_boilerplate(scan, guard))
    run("captions", lambda: boilerplate.drop_captions(scan, guard))
    run("forms", lambda: boilerplate.drop_forms(scan, body))
    if product:
        run("product-reviews", lambda: products.drop_reviews(body))
    apart = featured.set_apart(featuring)
    region = body if "choose-region" in skip else best_region(body)
    if product and "product-main" not in skip:
        region, widened = products.widen_to_main(region, body)
        steps.append(widened)
    if product and "product-summary" not in skip:
        region, joined = products.join_summary(region, body)
        steps.append(joined)
    if "ledes" not in skip and "choose-region" not in skip:
        region, joined = ledes.join_lede(region, body)
        steps.append(joined)
    if "hero" not in skip and "choose-region" not in skip:
        region, joined = ledes.join_hero(region, body)
        steps.append(joined)
    if apart:
        region, joined = featured.join_featured(region, apart)
        steps.append(joined)
    if options.include_comments:
        _append_comments(region, scan.comments)
    if bylines and (thread_page or posts.holds_posts(bylines, region)):
        run("post-bylines", lambda: posts.place_post_bylines(bylines, region))
    run("quoted-copies", lambda: threads.drop_quoted_copies(region))
    run("repeated-blocks", lambda: copies.drop_copies(region))
    run("link-lists", lambda: cleanup.drop_link_lists(region))
    run("related-links", lambda: cleanup.drop_related_links(region))
    run("junk-lines", lambda: cleanup.drop_junk_lines(region, product=product))
    run("jump-links", lambda: cleanup.drop_jump_links(region))
    run("edit-links", lambda: cleanup.drop_edit_links(region))
    run(
        "title-duplicate",
        lambda: cleanup.drop_title(region, meta.title, meta.canonical_url, meta.site_name),
    )
    run("byline-duplicate", lambda: cleanup.drop_bylines(region, meta.byline))
    return region, steps


def _append_comments(region: HtmlElement, found: tuple[HtmlElement, ...]) -> None:
    """Move the comment sections that sit outside the region to its end, in page order."""
    lineage = {region, *region.iterancestors()}
    for el in found:
        if el in lineage or not is_attached(el):
            continue
        if is_within(el, region):
            continue  # already inside (or moved in with an outer section)
        el.tail = None
        region.append(el)
