"""A featured post printed in an <aside> above a listing joins the listing.

Some blog themes print a listing's newest post apart, in full, in an ``<aside>`` above the
list of the others ("featured"; Pelican's default theme does so on its home, category, tag and
author pages). Asides go as chrome, so that post, the listing's first card and often most of
its text, was lost. An aside that holds nothing but one post headed by a link to that post is
set apart before the region is chosen (its prose would otherwise outweigh the list it heads)
and joins the region, before it, when the region is a listing of posts headed the same way and
the aside stood right before it. Elsewhere (a sidebar's "popular post" beside an article) it
stays out.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from extractor.article.boilerplate import HEADING_TAGS
from extractor.dom import fold, is_within, text_content
from extractor.normalize.core import leads_nowhere
from extractor.records import Step
from extractor.removal import is_attached

# The post holds at least this share of the aside's text (the aside is a frame for the post,
# not a rail holding one post among other widgets).
MIN_POST_SHARE = 0.9
# A listing of posts: at least this many posts headed like the featured one.
MIN_LISTED_POSTS = 2


@dataclass
class Featured:
    """A post set apart from its aside, and the element that followed the aside."""

    post: HtmlElement
    before: HtmlElement | None


def find_featured(body: HtmlElement) -> list[HtmlElement]:
    """The asides that frame a single post headed by a link to it."""
    found = []
    for aside in body.iter("aside"):
        posts = list(aside.iter("article"))
        if len(posts) != 1 or _post_heading(posts[0]) is None:
            continue
        chars = len(fold(text_content(aside)))
        if chars and len(fold(text_content(posts[0]))) >= MIN_POST_SHARE * chars:
            found.append(aside)
    return found


def set_apart(asides: list[HtmlElement]) -> list[Featured]:
    """Take each featured aside still in the page out of it (the text after it stays), noting
    the element that followed it."""
    apart = []
    for aside in asides:
        if not is_attached(aside):
            continue
        after = aside.getnext()
        while after is not None and not isinstance(after.tag, str):
            after = after.getnext()  # (a comment)
        apart.append(Featured(next(aside.iter("article")), after))
        aside.drop_tree()
    return apart


def join_featured(region: HtmlElement, apart: list[Featured]) -> tuple[HtmlElement, Step]:
    """The region with the featured post that stood right before it joined in front of it,
    when the region lists posts headed as that one is; else the region itself."""
    step = Step("featured-post", "a listing's featured post printed apart in an aside", 0)
    for featured in apart:
        heading = _post_heading(featured.post)
        after = featured.before
        if heading is None or after is None or not _lists_posts(region, heading.tag):
            continue
        post = featured.post
        post.tail = None
        if after is not region and is_within(after, region):
            after.addprevious(post)
        elif after is region or is_within(region, after):
            joined = region.makeelement("div", {})
            region.addprevious(joined)
            region.tail = None
            joined.extend([post, region])
            region = joined
        else:
            continue
        sample = " ".join(fold(text_content(heading)).split()[:8])
        return region, Step(step.name, step.why, 1, (sample,))
    return region, step


def _post_heading(post: HtmlElement) -> HtmlElement | None:
    """The post's first heading when it is a link to a page of its own (a card's title)."""
    heading = next(post.iter(*HEADING_TAGS), None)
    if heading is None:
        return None
    links = [a for a in heading.iter("a") if a.get("href") and not leads_nowhere(a)]
    said = fold(text_content(heading))
    if not said or len(links) != 1 or fold(text_content(links[0])) != said:
        return None
    return heading


def _lists_posts(region: HtmlElement, tag: str) -> bool:
    """Does the region hold posts whose first heading is a link, of the same level as ``tag``?"""
    listed = 0
    for post in region.iter("article"):
        heading = _post_heading(post)
        if heading is not None and heading.tag == tag:
            listed += 1
            if listed >= MIN_LISTED_POSTS:
                return True
    return False
