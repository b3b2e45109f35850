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
# the separators between a page's own title and its site's name, spaced on both sides (not a
# colon: "Rust: a language" is one title)
_SITE_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»«/~]|::)\s+")
# characters no reader sees: zero-width spaces and joiners, a soft hyphen, a byte-order mark
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


# what a page is called that names its place in the site rather than its document ("JSDoc: Home",
# "Home | Acme"): compared by ``key``
_PLACE_NAMES = frozenset({"home", "homepage", "index", "startpage", "untitled", "mainpage"})


def names_a_place(text: str | None) -> bool:
    """Is the text the name of a page's place in its site ("Home", "Index"), not a title?"""
    return key(text) in _PLACE_NAMES


def readable(text: str | None) -> str:
    """The text as a reader sees it: invisible characters out, white space folded."""
    return fold(_INVISIBLE.sub("", text)) if text else ""


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


def _titled_with_site(heading: str | None, title: str) -> bool:
    """Whether a title is the <h1> followed by a short name: "cookie | Packages", "cookie —
    Packages documentation" (a documentation page's title is its heading, however short). Not
    the <h1> after the story ("Story - Football"): there it is a section's name."""
    head = key(heading)
    first, *rest = _SITE_SEPARATOR.split(fold(title))
    return (
        bool(head and rest) and key(first) == head and len(" ".join(rest).split()) <= MAX_SITE_WORDS
    )


def title_tail(title: str | None) -> str | None:
    """The last part of a <title> in parts ("Cookie - Packages": "Packages"), where a site
    names itself on every page; None for a title of one part."""
    parts = _SITE_SEPARATOR.split(fold(title)) if title else []
    return parts[-1] if len(parts) >= 2 and key(parts[-1]) else None


def _headed_part(title: str, subheadings: tuple[str, ...], sites: tuple[str, ...]) -> str | None:
    """The first part of a title in parts, when a heading of the page below <h1> says it and
    it does not name the site (see ``pick``)."""
    parts = _SITE_SEPARATOR.split(title)  # (not at a colon: "Bug #12: Glaze log ...")
    if len(parts) < 2 or not key(parts[0]) or key(parts[0]) not in {key(h) for h in subheadings}:
        return None
    part = key(parts[0])
    if _is_site(parts[0], sites) or any(part in key(site) for site in sites):
        return None  # ("Git - git-commit Documentation" on git-scm.com)
    return readable(parts[0])


def pick(
    stated: list[str],
    heading: str | None,
    document_title: str | None,
    sites: tuple[str, ...],
    site_heading: str | None = None,
    placed: bool = False,
    title_names_home: bool = False,
    subheadings: tuple[str, ...] = (),
) -> str | None:
    """The article's title.

    ``stated`` are the titles the page declares for sharing (JSON-LD headline, og:title, ...),
    best first; ``heading`` is the page's first <h1> that does not name the site;
    ``document_title`` is <title>; ``site_heading``, an <h1> naming the site (its logo, a
    banner linking home), is the title only when nothing else is. ``placed``: the page has an
    <h1> that names its place in the site ("Home", see ``names_a_place``); when <title> names
    it too, the page is the site's name for a place, and ``heading`` is the document's title.
    ``title_names_home``: <title> is, word for word, a link to the site's home (its logo): it
    names the site, and ``heading`` is the page's title. ``subheadings``: the page's <h2>s and <h3>s;
    the first part of a <title> in parts that one of them says is the title (a tracker's "Topic
    - Project", the topic an <h2> under the project's <h1>), unless that part names the site.
    """
    heading = readable(heading)
    cleaned = [strip_site(t, sites) for t in stated if fold(t)]
    doc_title = strip_site(document_title, sites) if document_title else ""
    if cleaned:
        # a stated "Story | Unknown Site" whose story part is the <h1>: the <h1> is the title
        if _part_of(heading, cleaned[0]) or _titled_with_site(heading, cleaned[0]):
            return heading
        return cleaned[0]
    if (
        heading
        and doc_title
        and (
            key(heading) == key(doc_title)
            or _part_of(heading, doc_title)
            or _titled_with_site(heading, doc_title)
        )
    ):
        return heading
    if (
        placed
        and heading
        and doc_title
        and any(names_a_place(p) for p in _SEPARATOR.split(doc_title))
    ):
        return heading  # "JSDoc: Home" over <h1>Home</h1>, then the README's own heading
    if heading and title_names_home:
        return heading  # <title>Packages</title> and the logo's "Packages" over <h1>fastify</h1>
    if doc_title and (found := _headed_part(doc_title, subheadings, sites)):
        return found
    if doc_title:
        return strip_unknown_site(doc_title)
    return heading or readable(site_heading) or None
