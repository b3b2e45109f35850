"""Forum threads: what the forum software itself marks as no part of a post.

- A reply on NodeBB opens with a preview of the post it answers: the parent's author and its
  whole text, clamped to one line on screen (``component="post/parent"`` holding
  ``component="post/parent/content"``). The parent is on the page as a post of its own, so the
  preview is a second copy of it. A parent shown only as its author's name ("@marta") has no
  content part and stays.
- Invision Community marks what a quote of a post leaves out (``data-excludequote``): the
  post's "Edited ... by" line and the like; and its members' signatures
  (``data-role="memberSignature"``), which it names only by layout classes.
- A reply quoting a post that is on the page above it repeats its words: the quote is a second copy
  (phpBB's and NodeBB's <blockquote>, XenForo's bbCodeBlock, Invision's ipsQuote, vBulletin's
  bbcode_quote, SMF's and Discourse's quote blocks). It goes with the line naming whom it
  quotes ("X said:", "Originally Posted by X"), and only a quote that names whom it quotes
  counts, and only when the words it quotes come before it (a post comes before the replies
  quoting it): an article's pull quote repeats its words too, named or not, and stays. A quote of a post that is
  not on the page (one on an earlier page of the thread, a news story) stays: nothing else
  carries its words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from lxml import etree
from lxml.html import HtmlElement

from extractor.records import Step
from extractor.removal import Removal

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


def drop_post_chrome(body: HtmlElement) -> Step:
    """What the forum marks as no part of a post (see the module's notes)."""
    removal = Removal("post-chrome", "what a forum marks as no part of a post")
    for el in _POST_CHROME(body):
        removal.take(el)
    return removal.step()


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
# Attributes holding the quoted post's author (XenForo, Discourse, Invision, SMF).
_QUOTED_AUTHOR = ("data-quote", "data-username", "data-ipsquote-username", "data-author")
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
        _is_attribution(el) or any(el.get(name) for name in _QUOTED_AUTHOR) for el in top.iter()
    )


def _is_attribution(el: HtmlElement) -> bool:
    if not isinstance(el.tag, str):
        return False
    return el.tag == "cite" or bool(_ATTRIBUTION.search((el.get("class") or "").lower()))


def _with_attribution(quote: HtmlElement, region: HtmlElement) -> HtmlElement:
    """The quote, or the wrapper around it that adds only a short line (whom it quotes)."""
    top = quote
    inner = len(quote.text_content().strip())
    for parent in quote.iterancestors():
        if parent is region or parent.tag in ("article", "li", "td", "main", "body"):
            break
        if len(parent.text_content().strip()) - inner > ATTRIBUTION_MAX_CHARS:
            break
        top = parent
    return top
