"""Titles without the site's name: "Story | Site", "Site: Story", a republisher's prefix."""

from __future__ import annotations

import re

from extractor.dom import fold

# what sites put between the story and their name
_SEPARATOR = re.compile(r"(?:\s+(?:[|\-–—·•»«/~]|::)|\s*:)\s+")
# the fewest words a part must keep to count as the story when the site is unknown
MIN_STORY_WORDS = 3
# a site name is short: more words than this is a story, not a name
MAX_SITE_WORDS = 6


def key(text: str | None) -> str:
    """A comparison key: case, punctuation and spacing folded away."""
    return re.sub(r"[\W_]+", "", fold(text).casefold())


def _is_site(part: str, sites: tuple[str, ...]) -> bool:
    part_key = key(part)
    if not part_key:
        return False
    for site in sites:
        site_key = key(site)
        if site_key and (part_key == site_key or part_key == "the" + site_key):
            return True
        short = len(part.split()) <= MAX_SITE_WORDS and len(part_key) <= len(site_key) + 8
        if site_key and short and site_key in part_key:
            return True  # "NYTimes.com" for "nytimes", "BBC News" for "BBC"
    return False


def strip_site(title: str, sites: tuple[str, ...]) -> str:
    """Take a known site name off either end of a title ("Story | Site", "Site: Story")."""
    title = fold(title)
    parts = _SEPARATOR.split(title)
    if len(parts) > 1:
        if _is_site(parts[-1], sites):
            return strip_site(_join_head(title, len(parts) - 1), sites)
        if _is_site(parts[0], sites):
            return strip_site(_SEPARATOR.split(title, maxsplit=1)[1], sites)
    return title


def _is_story(text: str) -> bool:
    return len(text.split()) >= MIN_STORY_WORDS


def _join_head(title: str, keep: int) -> str:
    """The first ``keep`` separator-delimited parts of a title, with their separators."""
    pieces = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    out = pieces[0]
    for sep, piece in zip(seps[: keep - 1], pieces[1:keep], strict=True):
        out += sep + piece
    return out


def strip_unknown_site(title: str) -> str:
    """Drop a trailing "| Something" part when the site name is not known (Readability's rule)."""
    title = fold(title)
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    head = _join_head(title, len(parts) - 1)
    last = parts[-1]
    if _is_story(head) and len(last.split()) <= MAX_SITE_WORDS:
        return head
    return title


def _part_of(heading: str | None, title: str) -> bool:
    """Whether an <h1> is the story part of a longer title (not a section name like "News")."""
    head, whole = key(heading), key(title)
    if not head or head == whole or len(fold(heading).split()) < 2:
        return False
    return (whole.startswith(head) or whole.endswith(head)) and len(head) >= 0.4 * len(whole)


def pick(
    stated: list[str],
    heading: str | None,
    document_title: str | None,
    sites: tuple[str, ...],
) -> str | None:
    """The article's title.

    ``stated`` are the titles the page declares for sharing (JSON-LD headline, og:title, ...),
    best first; ``heading`` is the page's first <h1>; ``document_title`` is <title>.
    """
    cleaned = [strip_site(t, sites) for t in stated if fold(t)]
    doc_title = strip_site(document_title, sites) if document_title else ""
    if cleaned:
        # a stated "Story | Unknown Site" whose story part is the <h1>: the <h1> is the title
        return fold(heading) if _part_of(heading, cleaned[0]) else cleaned[0]
    if heading and doc_title and (key(heading) == key(doc_title) or _part_of(heading, doc_title)):
        return fold(heading)
    if doc_title:
        return strip_unknown_site(doc_title)
    return fold(heading) or None
