"""A thread's posts keep their author and date: one line above each post.

Forum software prints each post's author and date in a header or a side panel that the
chrome steps remove with the rest of the panel (the member's picture, title and stats, the
permalink, the buttons). A reader of the thread needs them: without them the posts run
together and nobody said anything. So, before those steps run, each post's author and date
are read, and once the page is known to be a thread (or the region chosen holds three posts
or more, of more than one member) they come back as one line at the top of the post's text
("**marta** · 8 Oct 2024").

What a post is, is found from its author:
- an author is a short name in an element the software marks as one: a class word such as
  "username", "author", "poster", "creator" or "membername" (Discourse's ``creator``,
  XenForo's and vBulletin's ``username``, Invision's ``cAuthorPane_author``, phpBB's
  ``username``, Flarum's ``PostUser-name``), or microdata's ``itemprop="author"``; a name
  the element marks inside itself (``itemprop="name"``) is the name;
- the posts are the authors at one place of the page's template (tags and class words from
  the page down), each with its unit: the highest element above it holding no other author
  of that place. The place whose units are posts wins: two or more units holding a post's
  text (POST_MIN_CHARS), the author before it, and more than one name among them (a series
  naming one is a "Logged" line, a badge or a role). A list of members who liked a post, a
  sidebar of latest posts, a quote's author: their units hold no post;
- the post's text is the unit's largest part, followed down while one part holds most of it;
- its date is the last date before the text: a <time> or an element named for a date, short,
  with a digit (a member's join date in a side panel comes before the post's own date, a
  post's "Last edited" line after its text). A date the page hides (a machine-readable copy)
  is not read.
A post whose author comes after its text (Stack Exchange's signature card under an answer)
gets no line: the page shows no header there. When it does (django-machina prints the side
panel after the text, and "By: <a>name</a> on <date>" above it, the link to the same profile),
that header line is the author's, and its date the post's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from extractor.article.boilerplate import HEADING_TAGS, HIDDEN_NAMES, names_of
from extractor.article.datelines import JOINING_WORDS, is_date_line
from extractor.dom import DATE_NAMES, ancestor, fold, is_within, text_content
from extractor.metadata.dates import to_iso
from extractor.normalize.core import is_permalink_text
from extractor.records import Step
from extractor.removal import Removal, is_attached

# class words of a post's author (Discourse's "creator", XenForo's and vBulletin's "username",
# phpBB's "username", Invision's "cAuthorPane_author", Flarum's "PostUser-name", MyBB's
# "author_information" holds more than a name and is not read: its text is too long).
AUTHOR_NAMES = re.compile(r"user-?name|user_name|author|poster|creator|member-?name")
AUTHOR_PROPS = frozenset({"author", "creator"})
AUTHOR_MAX_CHARS = 40
AUTHOR_MAX_WORDS = 4
DATE_MAX_CHARS = 40
# A date keeps up to this many words its line prints before it ("Posted", "posted on").
DATE_LEAD_WORDS = 2
_DIGIT = re.compile(r"\d")
# Direction marks some engines put around a date ("\u200e12-02-2026"), unseen by a reader.
_MARKS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_DIGITS = re.compile(r"\d+")
# A unit is a post when its text holds this many characters besides its author and date.
POST_MIN_CHARS = 80
# ...and the thread needs this many such posts; on a page not known as a thread, the region
# must hold this many of them.
MIN_POSTS = 2
UNNAMED_MIN_POSTS = 3
# An author's place in the template: its class words and the tags of this many elements above.
PLACE_LEVELS = 6
# A date told relative to now ("2 years ago", "Today at 3:43 AM").
_RELATIVE_DATE = re.compile(r"\b(?:ago|today|yesterday)\b", re.IGNORECASE)
# A post's text is followed down into a part holding more than this share of it.
TEXT_SHARE = 0.5
# Containers a post's text is followed into; other tags are the text itself.
_CONTAINERS = frozenset({"div", "section", "article", "main", "td", "tr", "tbody", "table"})
_SCRIPTS = ("script", "style", "template")
_INLINE = frozenset({"a", "span", "strong", "b", "em", "i", "small", "abbr", "font", "br"})
# Parts of a table a line cannot be put in.
_TABLE_PARTS = frozenset({"tr", "tbody", "table"})
# A header holding its author and date and at most this much more, with at most one word
# besides the name again (the display name repeated, a post's number "#12", "commented",
# "wrote"), goes with them when the line replaces it; a header saying more (a rating "Rated 2
# out of 5", a subject) keeps what it says.
HEADER_EXTRA_CHARS = 30
HEADER_EXTRA_WORDS = 1
_LETTER = re.compile(r"[^\W\d_]")
SEPARATOR = " · "
BYLINE_MARK = "data-post-byline"


@dataclass(frozen=True)
class PostByline:
    """One post's author and date, and where they were found."""

    unit: HtmlElement  # the post's element, header and text
    text: HtmlElement  # the post's text (the line goes at its top)
    author: str
    author_el: HtmlElement
    date: str | None
    date_el: HtmlElement | None


def find_post_bylines(body: HtmlElement) -> list[PostByline]:
    """Each post's author and date, read before the chrome that holds them goes (see the
    module's notes); empty when the page shows no posts with authors."""
    candidates = [
        el
        for el in body.iter(etree.Element)
        if (
            ((cls := el.get("class")) and AUTHOR_NAMES.search(cls.lower()))
            or el.get("itemprop") in AUTHOR_PROPS
            or el.get("rel") == "author"
        )
        and _author_text(el) is not None
    ]
    # one candidate per name: the outermost (a "username" link around a styled "username--style"
    # span, a wrapper around the name and the member's role, whose one link is the name)
    marked = set(candidates)
    places: dict[tuple[str, ...], list[HtmlElement]] = {}
    for el in candidates:
        parent = el.getparent()
        if parent is None or any(above in marked for above in el.iterancestors()):
            continue
        # by its class words and the tags above it: one engine prints a member's name as a
        # link and a guest's as a <span> of the same class, and marks a post by its author's
        # role or its being read ("Role_Moderator", "new")
        words = " ".join(
            sorted(
                word
                for word in _DIGITS.sub("", el.get("class") or "").lower().split()
                if AUTHOR_NAMES.search(word)  # (not "online"/"offline", a member's state)
            )
        )
        places.setdefault((words, *_tags_above(el, body)), []).append(el)
    best: list[PostByline] = []
    sizes: dict[HtmlElement, int] = {}  # (the page does not change while it is read)
    for authors in sorted(places.values(), key=len, reverse=True):
        if len(authors) < MIN_POSTS or len(authors) <= len(best):
            break  # (largest first: no smaller place can give more posts)
        found = _posts_of(authors, sizes)
        if len(found) > len(best):
            best = found
    return best


def place_post_bylines(bylines: list[PostByline], region: HtmlElement) -> Step:
    """Each post of the region gets its author and date as one line at the top of its text;
    what is left of the header they came from goes (a display name, the post's number)."""
    removal = Removal("post-bylines", "each post's author and date, as one line above it")
    for found in bylines:
        if not is_attached(found.text):
            continue
        if found.text is not region and not is_within(found.text, region):
            continue
        _drop_header(found, removal)
        line = found.text.makeelement("p", {BYLINE_MARK: ""})
        name = etree.SubElement(line, "strong")
        name.text = found.author
        if found.date:
            name.tail = SEPARATOR + found.date
        _put_first(line, found.text)
    return removal.step()


def holds_posts(bylines: list[PostByline], region: HtmlElement) -> bool:
    """Does the region hold the text of UNNAMED_MIN_POSTS or more of the posts, each dated and
    none a listing's card (a thread on a page that does not name itself one: the posts are what
    the region was chosen for; an article's author boxes show no date)?"""
    held = [
        found
        for found in bylines
        if found.date
        and (found.text is region or is_within(found.text, region))
        and _chars(found.text) >= POST_MIN_CHARS
        and not _titled_card(found)
    ]
    return len(held) >= UNNAMED_MIN_POSTS and len({found.author for found in held}) > 1


def _titled_card(found: PostByline) -> bool:
    """Is the unit a listing's card: a heading linking to another page (the story it
    teases) above its text? A post's subject links to its own place on the page, or nowhere."""
    for heading in found.unit.iter(*HEADING_TAGS):
        if heading is found.text or is_within(heading, found.text):
            continue
        for link in heading.iter("a"):
            href = link.get("href") or ""
            if href and "#" not in href:
                return True
    return False


def is_post_byline(el: HtmlElement) -> bool:
    """Is the element a post's line put by ``place_post_bylines``?"""
    return el.get(BYLINE_MARK) is not None


_BYLINES = etree.XPath(f"descendant::*[@{BYLINE_MARK}]")


def posts_holding_bylines(region: HtmlElement) -> set[HtmlElement]:
    """The elements of the region holding a post's line (the posts and what holds them)."""
    return {above for line in _BYLINES(region) for above in line.iterancestors()}


def _author_text(el: HtmlElement) -> str | None:
    if el.tag == "time" or el.find(".//time") is not None or ancestor(el, "blockquote") is not None:
        return None
    named = next(
        (found for found in el.iterfind(".//*[@itemprop='name']") if found.tag != "meta"), None
    )
    if named is None:
        # a name beside the member's title ("lindqvist Junior Member"): the name is the link
        links = [a for a in el.iter("a") if _line(a)]
        named = links[0] if len(links) == 1 and el.tag != "a" else None
    text = _line(named if named is not None else el)
    if not text or len(text) > AUTHOR_MAX_CHARS or len(text.split()) > AUTHOR_MAX_WORDS:
        return None
    if _DIGITS.fullmatch(text.replace(",", "").replace(".", "")):
        return None
    return text


def _tags_above(el: HtmlElement, body: HtmlElement) -> tuple[str, ...]:
    """The tags of the PLACE_LEVELS elements above (a thread's first post may sit in a block of
    its own further up, its replies in a list: the same template near the name)."""
    tags = []
    for above in el.iterancestors():
        tags.append(above.tag)
        if above is body or len(tags) == PLACE_LEVELS:
            break
    return tuple(tags)


def _posts_of(authors: list[HtmlElement], sizes: dict[HtmlElement, int]) -> list[PostByline]:
    """The posts of one place's authors (see the module's notes): every unit whose author
    comes before its text, once MIN_POSTS of them hold a post's text (POST_MIN_CHARS; a
    one-line reply among them gets its line too)."""
    held: Counter[HtmlElement] = Counter()
    for el in authors:
        held.update(el.iterancestors())
    units: list[tuple[HtmlElement, HtmlElement, HtmlElement | None]] = []
    paths: Counter[tuple[tuple[str, str], ...]] = Counter()
    for el in authors:
        unit = el
        for above in el.iterancestors():
            if held[above] > 1:
                break
            unit = above
        text = _text_of(unit, sizes)
        if text is not None and _size(text, sizes) >= POST_MIN_CHARS and not is_within(el, text):
            paths[_path(unit, text)] += 1
            units.append((el, unit, text))
        else:
            units.append((el, unit, None))
    if sum(paths.values()) < MIN_POSTS:
        return []
    # a short post's text is where the long posts of its kind hold theirs (its author's pane
    # may outweigh a one-line reply)
    usual = paths.most_common(1)[0][0]
    found: list[PostByline] = []
    for el, unit, text in units:
        if text is None:
            text = _follow(unit, usual)
        author = _author_text(el)
        if text is None or author is None or is_within(el, text):
            continue
        date: str | None = None
        if not _comes_before(el, text, unit):
            header = _header_name(el, author, text, unit)
            if header is None:
                continue
            el, date = header
        date_el = _date_before(unit, text, el)
        if date_el is not None:
            date = _absolute(_shown_date(date_el, unit, author), date_el)
        found.append(PostByline(unit, text, author, el, date, date_el))
    # a thread is written by more than one member: a series naming one (a "Logged" line, a
    # "Topic Author" badge, a role) is no series of authors
    return found if len({post.author for post in found}) > 1 else []


def _header_name(
    el: HtmlElement, author: str, text: HtmlElement, unit: HtmlElement
) -> tuple[HtmlElement, str | None] | None:
    """The post's header line that names the author whose panel comes after the text (a side
    panel printed after it, as django-machina does): a line before the text holding a link to
    the same profile under the same name, and besides it at most a lead ("By:") and a date
    ("By: <a>marta</a> on March 13, 2024, 9 a.m."). The line and its date, or None (Stack
    Exchange's signature card under an answer has no such line)."""
    profiles = {a.get("href") for a in el.iter("a") if a.get("href")}
    if not profiles:
        return None
    for node in unit.iter(etree.Element):
        if node is text:
            return None
        if node.tag != "a" or node.get("href") not in profiles or _line(node) != author:
            continue
        # the line: up from the link through the inline elements it sits in, then through
        # the blocks that hold that line alone
        line = node
        while line.tag in _INLINE and line.getparent() is not unit:
            line = line.getparent()
        while line.getparent() is not unit and _line(line.getparent()) == _line(line):
            line = line.getparent()
        if is_within(text, line):
            return None
        after = _line(line)
        lead, _, rest = after.partition(author)
        if len(lead.split()) > DATE_LEAD_WORDS or _DIGIT.search(lead):
            return None
        words = rest.split()
        while words and words[0].lower() in JOINING_WORDS:
            words.pop(0)
        date = " ".join(words)
        if date and not is_date_line(date):
            return None
        return line, date or None
    return None


def _path(unit: HtmlElement, text: HtmlElement) -> tuple[tuple[str, str], ...]:
    """The tags and class words from the unit down to its text."""
    steps = []
    for above in (text, *text.iterancestors()):
        if above is unit:
            break
        steps.append((above.tag, _DIGITS.sub("", above.get("class") or "")))
    return tuple(reversed(steps))


def _follow(unit: HtmlElement, path: tuple[tuple[str, str], ...]) -> HtmlElement | None:
    current = unit
    for tag, cls in path:
        current = next(
            (
                child
                for child in current
                if child.tag == tag and _DIGITS.sub("", child.get("class") or "") == cls
            ),
            None,
        )
        if current is None:
            return None
    return current


def _text_of(unit: HtmlElement, sizes: dict[HtmlElement, int]) -> HtmlElement | None:
    """The unit's text: its largest part, followed down while one part holds most of it."""
    current = unit
    size = _size(current, sizes)
    while current.tag in _CONTAINERS or (current is unit and current.tag == "li"):
        parts = [(_size(child, sizes), child) for child in current if isinstance(child.tag, str)]
        if not parts:
            break
        chars, largest = max(parts, key=lambda part: part[0])
        if chars <= TEXT_SHARE * size or largest.tag not in _CONTAINERS:
            break
        current, size = largest, chars
    return None if current is unit or current.tag in _TABLE_PARTS else current


def _size(el: HtmlElement, sizes: dict[HtmlElement, int]) -> int:
    """``_chars``, each element's counted once per reading of the page."""
    if el not in sizes:
        sizes[el] = _chars(el)
    return sizes[el]


def _chars(el: HtmlElement) -> int:
    """The element's characters, white space and scripts aside (templates indent deeply)."""
    return sum(len(word) for word in text_content(el).split()) - sum(
        len(word) for script in el.iter(*_SCRIPTS) for word in (script.text or "").split()
    )


def _comes_before(el: HtmlElement, text: HtmlElement, unit: HtmlElement) -> bool:
    for node in unit.iter(etree.Element):
        if node is el:
            return True
        if node is text:
            return False
    return False


def _date_before(unit: HtmlElement, text: HtmlElement, author: HtmlElement) -> HtmlElement | None:
    """The last date the unit shows before its text (see the module's notes): a <time>, or an
    element named for a date whose line reads as one ("11-29-2024, 09:03 AM", "2 years ago";
    not a "reading-time" of "1 min read"); the last <time> when there is one."""
    dated: HtmlElement | None = None
    timed: HtmlElement | None = None
    for node in unit.iter(etree.Element):
        if node is text:
            break
        if (dated is not None and is_within(node, dated)) or (
            timed is not None and is_within(node, timed)
        ):
            continue
        is_time = node.tag == "time"
        if not is_time and not DATE_NAMES.search((node.get("class") or "").lower()):
            continue
        if _hidden(node) or ancestor(node, "blockquote") is not None or is_within(node, author):
            continue
        shown = _line(node)
        if not shown or len(shown) > DATE_MAX_CHARS or not _DIGIT.search(shown):
            continue
        if is_time:
            timed = node
        elif is_date_line(fold(shown)) or _RELATIVE_DATE.search(shown):
            dated = node
    return timed if timed is not None else dated


def _line(el: HtmlElement) -> str:
    """The element's text on one line, white space folded and direction marks aside."""
    return " ".join(text_content(el).translate(_MARKS).split())


def _shown_date(el: HtmlElement, unit: HtmlElement, author: str) -> str:
    """The date as the post shows it, with the word its line puts before it ("Posted",
    "posted on"): the line above the date while it adds at most DATE_LEAD_WORDS words, no
    digit and not the author's name in front of it."""
    shown = _line(el)
    branch = el
    for above in el.iterancestors():
        if above is unit or any(
            isinstance(sibling.tag, str) and sibling.tag not in _INLINE
            for sibling in branch.itersiblings(preceding=True)
        ):
            break  # (a word of the line, not a block before it: a member's "Members" badge)
        branch = above
        line = _line(above)
        lead = line[: len(line) - len(shown)].strip()
        if (
            not line.endswith(shown)
            or len(lead.split()) > DATE_LEAD_WORDS
            or _DIGIT.search(lead)
            or (lead and not any(ch.isalpha() for ch in lead))  # a permalink's "#", no word
            or author in lead
        ):
            break
        shown = line
    return shown


def _absolute(shown: str, el: HtmlElement) -> str:
    """A relative date ("Yesterday at 4:25 AM", "posted 6 years ago") as the absolute one the
    page gives with it: its title as written, when it reads as a date ("Dec 19, 2025 at 4:25
    AM", what a pointer over it shows), else its machine-readable date (``datetime``, or a
    title such as "2026-11-28 10:41:09 -0600") as "2026-11-28 10:41". A note keeps the post's
    line, and "yesterday" is wrong the day after."""
    if not _RELATIVE_DATE.search(shown):
        return shown
    for node in el.iter(etree.Element):
        relative = _line(node)
        if not relative or relative not in shown or not _RELATIVE_DATE.search(relative):
            continue
        title = fold(node.get("title"))
        if title and is_date_line(title):
            return shown.replace(relative, title, 1)
        iso = to_iso(node.get("datetime") or title)
        if iso:
            written = iso[:10] + (" " + iso[11:16] if "T" in iso else "")
            return shown.replace(relative, written, 1)
    return shown


def _hidden(el: HtmlElement) -> bool:
    return bool(HIDDEN_NAMES.search(names_of(el))) or "hidden" in el.attrib


def _drop_header(found: PostByline, removal: Removal) -> None:
    """Take the author and date where they still stand: with their header when it holds
    little more (HEADER_EXTRA_CHARS) and not the post's text, else each alone."""
    shown = [el for el in (found.author_el, found.date_el) if el is not None and is_attached(el)]
    if not shown:
        return
    header = shown[0]
    if len(shown) == 2:
        header = next(
            (above for above in shown[0].iterancestors() if is_within(shown[1], above)),
            found.unit,
        )
    if header is found.unit or is_within(found.text, header):
        for el in shown:
            if not is_within(found.text, el):
                _take_with_leftovers(el, found, removal)
        return
    extra = _line(header)
    for el in shown:
        extra = extra.replace(_line(el), " ", 1)
    extra = extra.replace(found.author, " ")
    words = [word for word in extra.split() if _LETTER.search(word)]
    if len("".join(extra.split())) <= HEADER_EXTRA_CHARS and len(words) <= HEADER_EXTRA_WORDS:
        removal.take(header)
    else:
        for el in shown:
            _take_with_leftovers(el, found, removal)


def _take_with_leftovers(el: HtmlElement, found: PostByline, removal: Removal) -> None:
    """Take the author or the date, and the blocks around it that showed nothing else but a
    permalink's mark ("#", "¶"): PyBBM's header cell of a "#" and the date, a name's box once
    the name went. A block showing a picture or any word stays, and so does the post."""
    holder = el.getparent()
    removal.take(el)
    while holder is not None and holder is not found.unit and not is_within(found.text, holder):
        left = "".join(text_content(holder).split())
        if (left and not is_permalink_text(left)) or holder.find(".//img") is not None:
            break
        above = holder.getparent()
        removal.take(holder)
        holder = above


def _put_first(line: HtmlElement, text: HtmlElement) -> None:
    """Put the line at the top of the post's text: inside a container, before its first
    child and any loose text; before a paragraph-like block."""
    if text.tag in _CONTAINERS:
        line.tail = text.text
        text.text = None
        text.insert(0, line)
    else:
        text.addprevious(line)
