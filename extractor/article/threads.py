"""Forum threads: what the forum software itself marks as no part of a post.

- A reply on NodeBB opens with a preview of the post it answers: the parent's author and its
  whole text, clamped to one line on screen (``component="post/parent"`` holding
  ``component="post/parent/content"``). The parent is on the page as a post of its own, so the
  preview is a second copy of it. A parent shown only as its author's name ("@marta") has no
  content part and stays.
- Invision Community marks what a quote of a post leaves out (``data-excludequote``): the
  post's "Edited ... by" line and the like; and its members' signatures
  (``data-role="memberSignature"``), which it names only by layout classes.
- A post's vote box shows its score beside the arrows (Stack Exchange's "votecell", Lobsters'
  "voters"): a box named for votes that shows nothing but a number is chrome, not a line of
  the thread. A member's picture (an image named "avatar", as Gravatar, WordPress and forum
  software name it, or the one image of a box so named) goes with the link or frame that
  showed only it: its alt text ("@name") is not the post's.
- A reply quoting a post that is on the page above it repeats its words: the quote is a second copy
  (phpBB's and NodeBB's <blockquote>, XenForo's bbCodeBlock, Invision's ipsQuote, vBulletin's
  bbcode_quote, SMF's and Discourse's quote blocks). It goes with the line naming whom it
  quotes ("X said:", "Originally Posted by X"), and only a quote that names whom it quotes
  counts, and only when the words it quotes come before it (a post comes before the replies
  quoting it): an article's pull quote repeats its words too, named or not, and stays. A quote of a post that is
  not on the page (one on an earlier page of the thread, a news story) stays: nothing else
  carries its words.
- On a thread's page, every post repeats its author's stats by one template ("Join Date: Mar
  2009", "Posts: 1,234"; XenForo's "Joined" and "Messages" as terms of a <dl>), often in blocks
  named by layout alone: a short "Label: value" line whose label recurs at one place of the
  template in three posts or more is chrome (see ``drop_member_stats``), and so is the post's
  number beside its date ("#12", its permalink) repeated so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from lxml import etree
from lxml.html import HtmlElement

from extractor.dom import ancestor, is_within, text_content
from extractor.records import Step
from extractor.removal import Removal, is_attached

_POST_CHROME = etree.XPath(
    "descendant::*[@component or @data-excludequote or @data-role]["
    + " or ".join(
        (
            # NodeBB's reply preview, when it holds the parent post's text
            '(@component="post/parent" and .//*[@component="post/parent/content"])',
            # Invision's parts of a post that a quote of it leaves out, and its signature (a
            # plain box under the post, marked only by its role)
            "@data-excludequote",
            '@data-role="memberSignature"',
        )
    )
    + "]"  # one walk for the three (a union of paths walks the page once for each), and
    # the attributes' values compared only where one of them is present
)


# class/id words of a post's vote box (Stack Exchange's "votecell", Lobsters' "voters", the
# "vote" of Reddit's and Lemmy's themes): a box so named that shows only a number is the count.
_VOTE_NAMES = re.compile(r"vote|voting")
# A count as forums print it: "27", "-3", "1,204", "18.9k".
_COUNT = re.compile(r"[+\-\u2212]?\d[\d.,]*\s*[km]?", re.IGNORECASE)
# A reply is shaped like the opening post when this share of its class words (at least this
# many) are the post's (see ``replies_shaped_like_the_post``).
SHAPE_SHARE = 0.8
SHAPE_MIN_WORDS = 3
SHAPE_MIN_CHARS = 100
# class words of a member's picture (Gravatar's, WordPress's and every forum's "avatar").
_AVATAR_NAMES = re.compile(r"(?:^|[\s_-])avatars?(?:$|[\s_-])")
# Tags around a picture that go with it when it was all they showed (its link, its frame).
_PICTURE_HOLDERS = ("a", "div", "span")
# A letter avatar shows a member's initials: one or two letters.
LETTER_AVATAR_CHARS = 2


def drop_post_chrome(body: HtmlElement, marked: Iterable[HtmlElement] | None = None) -> Step:
    """What the forum marks as no part of a post (see the module's notes), posts' vote counts
    and their authors' pictures (among ``marked``, the elements ``names_a_post_mark`` picked in
    page order, when the caller has them)."""
    removal = Removal("post-chrome", "what a forum marks as no part of a post")
    for el in _POST_CHROME(body):
        removal.take(el)
    if marked is None:
        marked = [
            el
            for el in body.iter(etree.Element)
            if names_a_post_mark(el.tag, el.get("class") or "")
        ]
    for el in marked:
        if el.getparent() is None or not is_attached(el):
            continue
        names = (el.get("class") or "").lower()
        if el.tag == "img" and _AVATAR_NAMES.search(names):
            removal.take(_picture_holder(el))
        elif (picture := _avatar_picture(el, names)) is not None:
            removal.take(_picture_holder(picture))
        elif _is_letter_avatar(el, names) or (
            names and _VOTE_NAMES.search(names) and _shows_a_count(el)
        ):
            removal.take(el)
    return removal.step()


def names_a_post_mark(tag: str, cls: str) -> bool:
    """Is an element of this tag and class worth a look as a vote box or a member's picture (a
    class holding "vot", or an image's or a picture holder's holding "avatar", in any case; the
    patterns decide)?"""
    lowered = cls.lower()
    return "vot" in lowered or ((tag == "img" or tag in _PICTURE_HOLDERS) and "avatar" in lowered)


def _avatar_picture(el: HtmlElement, names: str) -> HtmlElement | None:
    """The one image a box named for avatars shows and nothing else (PyBBM's ``avatar`` box,
    a theme's ``author-avatar``: the member's picture in a plain <img>)."""
    if el.tag not in _PICTURE_HOLDERS or not _AVATAR_NAMES.search(names):
        return None
    pictures = el.findall(".//img")
    if len(pictures) != 1 or text_content(el).strip():
        return None
    return pictures[0]


def _is_letter_avatar(el: HtmlElement, names: str) -> bool:
    """A member's picture drawn as their initials on a colour (Spirit's and Discourse's letter
    avatars, Flarum's ``Avatar``): a box named for avatars showing at most LETTER_AVATAR_CHARS
    characters and no image."""
    if el.tag not in _PICTURE_HOLDERS or not _AVATAR_NAMES.search(names):
        return False
    text = text_content(el).strip()
    return 0 < len(text) <= LETTER_AVATAR_CHARS and el.find(".//img") is None


def voted_like_its_replies(body: HtmlElement, comments: list[HtmlElement]) -> bool:
    """Does the page's opening post carry the vote box its comment-named replies carry (a box
    named for votes that shows a number or nothing, see ``_shows_a_count``)? A story under which
    readers comment has no vote box of its own; the opening post of a thread in a voting
    community (Hacker News, Lobsters, Lemmy) has, above the replies, the one every reply has.
    ``comments`` are the page's outermost comment-named blocks, in page order."""
    if not comments:
        return False
    above = False  # (a vote box before the first comment block: outside them all)
    for el in body.iter():
        if el is comments[0] and not above:
            return False
        if not isinstance(el.tag, str):
            continue
        names = (el.get("class") or "").lower()
        if not names or not _VOTE_NAMES.search(names) or not _shows_a_count(el, in_tables=True):
            continue
        if not above:
            above = True
        elif any(is_within(el, c) for c in comments):
            return True
    return False


# A member's name: a short line of a link (see ``authored_like_its_replies``).
MEMBER_NAME_MAX_CHARS = 40
MEMBER_NAME_MAX_WORDS = 3
# ... carried by this many of the replies' links of one kind, naming more than one member.
MEMBER_LINKS_MIN = 2
_SITE_PATH = re.compile(r"^/[^/]")


def authored_like_its_replies(
    body: HtmlElement, comments: list[HtmlElement], outside: Callable[[HtmlElement], bool]
) -> bool:
    """Does the page's opening post name its author by the link its replies name theirs by:
    a link of the same tag and class words, to a member's page of the site (a path on it),
    reading as a name? A link aggregator's post and its comments (Lemmy's "person-listing")
    are written by members alike; a story's author is linked otherwise than its commenters
    (a commenter's own site, a name without a link). The replies' kind must be carried by
    MEMBER_LINKS_MIN links naming more than one member; a link for which ``outside`` says yes
    (a sidebar of recent comments) does not count above them. ``comments`` are the page's
    outermost comment-named blocks, in page order."""
    if not comments:
        return False
    names: dict[tuple[str, ...], set[str]] = {}
    counts: Counter[tuple[str, ...]] = Counter()
    for block in comments:
        for link in block.iter("a"):
            kind = _member_link(link)
            if kind is not None:
                counts[kind] += 1
                names.setdefault(kind, set()).add(" ".join(text_content(link).split()))
    kinds = {k for k, n in counts.items() if n >= MEMBER_LINKS_MIN and len(names[k]) > 1}
    if not kinds:
        return False
    for el in body.iter("a", comments[0].tag):
        if el is comments[0]:
            return False
        if el.tag == "a" and _member_link(el) in kinds and not outside(el):
            return True
    return False


def _member_link(link: HtmlElement) -> tuple[str, ...] | None:
    """The class words of a link to a member's page (a path of the site, a short name), or
    None."""
    cls = link.get("class")
    if not cls or not _SITE_PATH.match(link.get("href") or ""):
        return None
    text = " ".join(text_content(link).split())
    if not text or len(text) > MEMBER_NAME_MAX_CHARS or len(text.split()) > MEMBER_NAME_MAX_WORDS:
        return None
    return tuple(sorted(cls.split()))


def replies_shaped_like_the_post(
    body: HtmlElement, comments: list[HtmlElement], comment_word: re.Pattern[str]
) -> bool:
    """Is a comment-named reply of the same kind as a post before the comments that is not
    comment-named: the same tag, at least SHAPE_SHARE of the reply's other class words (at least
    SHAPE_MIN_WORDS) on it, and both holding SHAPE_MIN_CHARS of text? Forum software marks the
    opening post and its replies by one word ("lia-thread-topic", "lia-thread-reply") on blocks
    otherwise alike; a story's comments are blocks of their own kind (its comment box, a
    wrapper under the story, holds no reply's text)."""
    shapes: set[tuple[str, tuple[str, ...]]] = set()  # replies' tags, class words but comment ones
    for reply in comments:
        words = [
            w for w in (reply.get("class") or "").split() if not comment_word.search(w.lower())
        ]
        if len(words) >= SHAPE_MIN_WORDS and _holds_text(reply):
            shapes.add((reply.tag, tuple(words)))
    if not shapes:
        return False
    for el in body.iter():
        if el is comments[0]:
            return False
        names = el.get("class") if isinstance(el.tag, str) else None
        if not names:
            continue
        own = frozenset(names.split())
        for tag, kind in shapes:
            alike = sum(w in own for w in kind) >= SHAPE_SHARE * len(kind)
            if tag == el.tag and alike and _holds_text(el):
                return True
    return False


def _holds_text(el: HtmlElement) -> bool:
    return len(text_content(el).strip()) >= SHAPE_MIN_CHARS


def _shows_a_count(el: HtmlElement, *, in_tables: bool = False) -> bool:
    """A vote box: nothing but a number (or nothing: the arrows), and no table cell (an
    election's results table names its columns "votes") unless ``in_tables``."""
    if not in_tables and (
        el.tag in ("td", "th", "tr", "table") or ancestor(el, "table") is not None
    ):
        return False
    text = " ".join(text_content(el).split())
    return not text or _COUNT.fullmatch(text) is not None


def _picture_holder(img: HtmlElement) -> HtmlElement:
    """The picture, or the link or frame around it that shows nothing else."""
    top = img
    for parent in img.iterancestors(*_PICTURE_HOLDERS):
        if text_content(parent).strip() or len(parent.xpath(".//img")) > 1:
            break
        top = parent
    return top


# A member's stats as a post's template prints them beside every post: "Join Date: Mar 2009",
# "Posts: 1,234" (vBulletin, SMF, phpBB, MyBB, JForum), or as a term and its value in a <dl>
# (XenForo's "pairs", vBulletin 4's "userinfo_extra"): a label of one to three words...
_STAT_LABEL = r"[^\W\d_]{3,}(?:[ .'/-]{1,2}[^\W\d_]+){0,2}"
_STAT_LINE = re.compile(rf"({_STAT_LABEL})\s*:\s*(\S.*)")
_STAT_TERM = re.compile(rf"({_STAT_LABEL})\s*:?")
# ...and a short value, not itself holding a label (two lines run together are no line).
STAT_VALUE_MAX_CHARS = 40
_LABEL_IN_VALUE = re.compile(r"[^\W\d_]{2,}\s*:(?:\s|$)")
# A label whose lines sit at the same place of the page's template (the same tags and class
# words from the page down to them) in at least this many blocks is the posts' chrome...
STAT_MIN_POSTS = 3
# ...when the block holding each line is this short (a stats column, not a post's text).
STAT_BLOCK_MAX_CHARS = 300
# Tags that run inside a line, and tags that end one.
_INLINE = frozenset(
    {"a", "span", "strong", "b", "em", "i", "small", "font", "u", "abbr", "time", "label"}
)
_STAT_TAGS = frozenset({"div", "li", "dd", "p", "span", "td", "strong", "b", "small", "font"})
_LINE_ENDS = etree.XPath(
    "descendant::*[self::br or self::div or self::p or self::li or self::dd or self::dt"
    " or self::ul or self::ol or self::dl or self::table or self::tr or self::td]"
)
_COLON_TEXTS = etree.XPath("descendant::text()[contains(., ':') or contains(., '#')]")
# A post's number beside its date ("#12", a permalink: vBulletin, XenForo, MyBB), read as a line
# of the template as a stat is, its "label" this mark.
_POST_NUMBER = re.compile(r"#\s?\d{1,6}")
POST_NUMBER_LABEL = "#"
_TERMS = etree.XPath("descendant::dt[following-sibling::*[1][self::dd]]")
_DIGITS = re.compile(r"\d+")


def drop_member_stats(body: HtmlElement, *, thread: bool) -> Step:
    """On a thread's page, the stats every post repeats about its author: short "Label: value"
    lines (or <dt>/<dd> pairs) whose label recurs at one place of the posts' template in
    STAT_MIN_POSTS posts or more ("Join Date", "Posts", "Location"; "Joined", "Messages",
    "Reaction score"), and each post's number ("#12") repeated so. Forum software prints them
    by a template, often in blocks it names by layout alone (a vBulletin 3 table cell), so the
    repetition is the mark, not a name. A post's own "Label: value" lines are read from its
    text block, which is longer, and an article, a product's specifications or an FAQ are no
    thread: those stay."""
    removal = Removal("member-stats", "the stats each post repeats about its author")
    if not thread:
        return removal.step()
    places: dict[tuple[str, tuple[str, ...]], list[tuple[HtmlElement, ...]]] = {}
    for label, parts in _stat_lines(body):
        holder = parts[0].getparent()
        if holder is None or len(text_content(holder)) > STAT_BLOCK_MAX_CHARS:
            continue
        places.setdefault((label.lower(), template_place(parts[0], body)), []).append(parts)
    for found in places.values():
        if len({parts[0].getparent() for parts in found}) < STAT_MIN_POSTS:
            continue
        for parts in found:
            for el in parts:
                if el.tag in ("td", "th"):  # a table keeps its cells: the cell is emptied
                    el.text = None
                    for child in list(el):
                        removal.take(child)
                else:
                    removal.take(el)
    return removal.step()


def _stat_lines(body: HtmlElement) -> Iterator[tuple[str, tuple[HtmlElement, ...]]]:
    """The page's short "Label: value" lines (each its label and the elements printing it)."""
    seen: set[HtmlElement] = set()
    for text in _COLON_TEXTS(body):
        start = text.getparent()
        if start is None:
            continue
        if text.is_tail:
            start = start.getparent()
        line = _line_holding(start) if start is not None else None
        if line is None or line in seen:
            continue
        seen.add(line)
        if any(up.tag in ("pre", "code") for up in line.iterancestors()):
            continue  # (a line of a program or a config file quoted in posts)
        label = _stat_label(text_content(line))
        if label is not None:
            yield label, (line,)
    for term in _TERMS(body):
        value = term.getnext()
        found = _STAT_TERM.fullmatch(" ".join(text_content(term).split()))
        if found is None or value is None:
            continue
        shown = " ".join(text_content(value).split())
        if 0 < len(shown) <= STAT_VALUE_MAX_CHARS and not _LABEL_IN_VALUE.search(shown):
            yield found.group(1), (term, value)


def _line_holding(el: HtmlElement) -> HtmlElement | None:
    """The element printing a line of text alone: the block around the text (past the inline
    tags it runs in) when nothing in it breaks the line, or else the outermost inline tag
    holding the whole label line."""
    inline: list[HtmlElement] = []
    block: HtmlElement | None = el
    while block is not None and block.tag in _INLINE:
        inline.append(block)
        block = block.getparent()
    if block is not None and block.tag in _STAT_TAGS and _is_one_line(block):
        return block
    for candidate in reversed(inline):
        if candidate.tag in _STAT_TAGS and _is_one_line(candidate):
            return candidate
    return None


def _is_one_line(el: HtmlElement) -> bool:
    return len(text_content(el)) <= 3 * STAT_VALUE_MAX_CHARS and not _LINE_ENDS(el)


def _stat_label(text: str) -> str | None:
    line = " ".join(text.split())
    if _POST_NUMBER.fullmatch(line):
        return POST_NUMBER_LABEL
    found = _STAT_LINE.fullmatch(line)
    if found is None:
        return None
    value = found.group(2)
    if len(value) > STAT_VALUE_MAX_CHARS or _LABEL_IN_VALUE.search(value):
        return None
    return found.group(1)


def template_place(el: HtmlElement, body: HtmlElement) -> tuple[str, ...]:
    """Where the element sits in the page's template: the tags and class words (numbers left
    out: a post's id in its class) from the page down to it."""
    place = []
    for node in (el, *el.iterancestors()):
        place.append(f"{node.tag}.{_DIGITS.sub('', node.get('class') or '')}")
        if node is body:
            break
    return tuple(place)


# Quote blocks: <blockquote>, and the quote wrappers of forum software that does not use one
# (vBulletin's bbcode_quote).
_QUOTES = etree.XPath(
    "descendant::*[self::blockquote or (contains(@class, 'bbcode_quote')"
    " and contains(concat(' ', normalize-space(@class), ' '), ' bbcode_quote '))]"
)  # (one walk; the class normalised only where the name occurs at all)
# The line naming whom a quote quotes: its <cite>, or a part named so (XenForo's
# bbCodeBlock-title, Invision's ipsQuote_citation, vBulletin's bbcode_postedby, SMF's
# quoteheader); not the quote's words.
_ATTRIBUTION = re.compile(r"cite|citation|attribution|postedby|quoteheader|bbcodeblock-title")
# Attributes holding the quoted post's author (XenForo, Discourse, Invision, SMF); a quote
# box read as a callout (Discourse's <aside class="quote"> with its title line) keeps them.
QUOTED_AUTHOR = ("data-quote", "data-username", "data-ipsquote-username", "data-author")
# Words per window: a quote is a copy when this many words in a row recur elsewhere...
WINDOW_WORDS = 5
# ...for at least this share of its windows, and it holds at least this many words.
COPY_SHARE = 0.8
MIN_QUOTE_WORDS = 8
# A wrapper holding the quote and a few more words (the attribution line) goes with it.
ATTRIBUTION_MAX_CHARS = 80
_WORD = re.compile(r"\w+")


def drop_quoted_copies(region: HtmlElement) -> Step:
    """Quotes of posts that are on the page before them (see the module's notes)."""
    removal = Removal("quoted-copies", "quotes of posts that are on the page")
    words: list[str] = []
    starts: dict[HtmlElement, int] = {}  # each quote: how many words of the region precede it
    quotes = set(_QUOTES(region)) - {region}
    if not any(_names_whom(_with_attribution(quote, region)) for quote in quotes):
        # only a quote saying whom it quotes can go: without one, the words of the page are
        # not read (a documentation page's admonitions are quotes, none of a post)
        return removal.step()
    for el, text in _in_order(region):
        if el is not None and el in quotes:
            starts[el] = len(words)
            if len(starts) == len(quotes):
                break  # (the words after the last quote's start are before no quote)
        words += _words(text)
    first: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - WINDOW_WORDS + 1):
        first.setdefault(tuple(words[i : i + WINDOW_WORDS]), i)
    for quote, start in starts.items():
        own = _windows(_quoted_words(quote))
        if sum(own.values()) < MIN_QUOTE_WORDS - WINDOW_WORDS + 1:
            continue
        before = sum(n for w, n in own.items() if first.get(w, start) + WINDOW_WORDS <= start)
        if before < COPY_SHARE * sum(own.values()):
            continue
        top = _with_attribution(quote, region)
        if _names_whom(top):  # (a pull quote, a passage quoted twice: the article's own)
            removal.take(top)
    return removal.step()


def _in_order(
    root: HtmlElement, *, skip: Callable[[HtmlElement], bool] | None = None
) -> Iterator[tuple[HtmlElement | None, str]]:
    """The subtree's elements as they open and its text as it runs, in document order (without
    the subtrees ``skip`` names, their tails kept; a walk, not a recursion: a page's tree may
    nest deeper than Python's stack)."""
    skipping: HtmlElement | None = None
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if skipping is not None:
            if event == "end" and el is skipping:
                skipping = None
                yield None, el.tail or ""
            continue
        if event in ("comment", "pi"):
            yield None, el.tail or ""  # (its own text is not the page's)
        elif event == "start":
            if el is not root and skip is not None and skip(el):
                skipping = el
                continue
            yield el, el.text or ""
        elif el is not root:
            yield None, el.tail or ""


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _windows(words: list[str]) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + WINDOW_WORDS]) for i in range(len(words) - WINDOW_WORDS + 1))


def _quoted_words(quote: HtmlElement) -> list[str]:
    """The quote's words without the line naming whom it quotes."""
    return [w for _, text in _in_order(quote, skip=_is_attribution) for w in _words(text)]


def _names_whom(top: HtmlElement) -> bool:
    """Whether the quote (with its wrapper) says whom it quotes: a post's quote does."""
    return any(
        _is_attribution(el) or any(el.get(name) for name in QUOTED_AUTHOR) for el in top.iter()
    )


def _is_attribution(el: HtmlElement) -> bool:
    if not isinstance(el.tag, str):
        return False
    return el.tag == "cite" or bool(_ATTRIBUTION.search((el.get("class") or "").lower()))


def _with_attribution(quote: HtmlElement, region: HtmlElement) -> HtmlElement:
    """The quote, or the wrapper around it that adds only a short line (whom it quotes)."""
    top = quote
    inner = len(text_content(quote).strip())
    for parent in quote.iterancestors():
        if parent is region or parent.tag in ("article", "li", "td", "main", "body"):
            break
        if len(text_content(parent).strip()) - inner > ATTRIBUTION_MAX_CHARS:
            break
        top = parent
    return top
