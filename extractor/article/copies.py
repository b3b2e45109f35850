"""Sections a page prints twice: the second copy goes.

Responsive templates write some sections once per layout and let style sheets show one of them
(a page builder's desktop and mobile variants, a theme's "small--hide" and "medium-up--hide"
feature rows, an accordion for phones beside the tabs for wide screens); a reader without those
style sheets sees every copy. Inside the region, a section (a container of several blocks) whose
text is, word for word, the text of a block before it, and not of a block around it (a wrapper
and its only child read alike), is such a copy. A paragraph or a list entry printed twice, or a
one-block container, is a repeat the page means (a notice under each part, an entry of a
reference under two headings), and stays whole.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from extractor.dom import fold, is_within, text_content
from extractor.records import Step
from extractor.removal import Removal

# A block this long is repeated by a layout only (a short line, "Add to cart" or a price,
# repeats legitimately).
MIN_COPY_CHARS = 80
# Where a repeat is content: a table's cells, code (a command shown in two tabs), quotes (a pull
# quote repeats a line of the text, and forums quote posts: see threads.py).
KEPT_TAGS = frozenset({"table", "pre", "code", "blockquote", "q"})
# A section holds at least this many of these blocks.
MIN_SECTION_BLOCKS = 2
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li"})


def drop_copies(region: HtmlElement) -> Step:
    """Every section of the region that repeats an earlier one's text (see the module)."""
    removal = Removal("repeated-blocks", "a second copy of a section (a layout's other version)")
    if not _repeats_a_block(region):
        return removal.step()  # (a copy of a section repeats its blocks' text: none does)
    chars, blocks = _measure(region)
    # a block with two copies in the region holds half its text at most (what is longer, a
    # wrapper around the copies, is only walked through)
    most = chars.get(region, 0) // 2
    seen: dict[str, HtmlElement] = {}
    copies: list[HtmlElement] = []
    walk = etree.iterwalk(region, events=("start",))
    for _, el in walk:
        if not isinstance(el.tag, str):
            continue
        if el.tag in KEPT_TAGS or chars[el] < MIN_COPY_CHARS or blocks[el] < MIN_SECTION_BLOCKS:
            walk.skip_subtree()  # (no section inside)
            continue
        if chars[el] > most:
            continue
        text = fold(text_content(el))
        first = seen.get(text)
        if first is None:
            seen[text] = el
        elif not is_within(el, first):
            walk.skip_subtree()  # (an entry of a list repeated on purpose is kept whole)
            if el.tag not in BLOCK_TAGS:
                copies.append(el)
    for el in copies:
        removal.take(el)
    return removal.step()


def _repeats_a_block(region: HtmlElement) -> bool:
    """Does the text of a block (``BLOCK_TAGS``) recur in another block of the region?"""
    seen: set[str] = set()
    for el in region.iter(*BLOCK_TAGS):
        text = " ".join(text_content(el).split())
        if text in seen:
            return True
        if text:
            seen.add(text)
    return False


def _measure(region: HtmlElement) -> tuple[dict[HtmlElement, int], dict[HtmlElement, int]]:
    """How many characters of text each element holds (its tail aside), and how many blocks
    (``BLOCK_TAGS``) below it, in one walk up the tree."""
    chars: dict[HtmlElement, int] = {}
    blocks: dict[HtmlElement, int] = {}
    for _, el in etree.iterwalk(region, events=("end",)):
        held = len(el.text or "") if isinstance(el.tag, str) else 0
        below = 0
        for child in el:
            held += chars.get(child, 0) + len(child.tail or "")
            below += blocks.get(child, 0) + (child.tag in BLOCK_TAGS)
        chars[el], blocks[el] = held, below
    return chars, blocks
