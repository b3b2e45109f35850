"""Lexicon phrases found in the page's visible text, kept only where a wall would show them.

A phrase counts on a short page (the page is the message), or inside the wall's own element: a
block that is mostly wall text, a noscript message (static phase), a marked overlay, or a short
container whose class names say what it is. A phrase inside a quotation or a code sample, or one
sentence inside a long paragraph, is an article talking about walls, not a wall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from extractor.dom import text_content
from extractor.walls.lexicon import WIDGET, Entry, Lexicon, normalize
from extractor.walls.scan import Scan
from extractor.walls.signals import STRONG_WEIGHT, WEAK_WEIGHT, Signal, in_tag, is_quoted
from extractor.walls.structure import OVERLAY_KINDS, PAYWALL_PROMPT, PROMPT_MAX, wall_names

_QUOTES = "\"'"  # typographic quotes are folded to these by normalize
ANSWER = re.compile(r"^(accept|agree|allow|ok|got it|i agree|reject|decline)\b")  # banner links
CONSENT_PAGE_REST = 200  # a consent page says at most this much besides its consent dialog
OWN_ELEMENT_SHARE = 0.5  # wall phrases make up at least this share of the block's text
BLOCK_MAX = 1200  # a block longer than this is article text, whatever it quotes
BLOCK_TAGS = frozenset(
    {"p", "div", "section", "li", "td", "dialog", "aside", "form", "header", "footer", "article",
     "main", "noscript", "body", "center", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "figure"}
)  # fmt: skip


@dataclass
class PhraseFindings:
    signals: list[Signal] = field(default_factory=list)  # wall evidence
    widgets: list[tuple[HtmlElement, str]] = field(default_factory=list)  # (node, entry id)
    banners: list[tuple[HtmlElement, str]] = field(default_factory=list)  # non-blocking consent
    hidden: list[tuple[HtmlElement, str]] = field(default_factory=list)  # noscript, rendered phase


def phrase_signals(
    scan: Scan,
    lexicon: Lexicon,
    *,
    with_noscript: bool,
    short: bool,
    overlays: list[HtmlElement],
) -> PhraseFindings:
    found = PhraseFindings()
    body = scan.body
    texts = scan  # normalised visible text per element, noscript included
    candidates: dict[HtmlElement, list[Entry]] = {}  # cookie banners, if they prove to be
    hits = lexicon.find(texts.norm(body))
    hits.sort(key=lambda h: h.entry.kind != WIDGET)  # widgets first: their notices are theirs
    for hit in hits:
        entry = hit.entry
        for holder in _holders(body, entry.regex(), texts):
            block = _block_of(holder)
            if is_quoted(holder) or _in_quotation_marks(texts.norm(block)):
                continue
            if _inside(holder, [node for node, _ in found.widgets]) is not None:
                continue
            noscript = in_tag(holder, "noscript")
            if entry.kind == WIDGET:
                found.widgets.append((noscript if noscript is not None else block, entry.id))
                continue
            if noscript is not None and not with_noscript:
                found.hidden.append((noscript, entry.id))
                continue
            overlay = _inside(holder, overlays)
            # on a long page a weak phrase needs a wall's container, not just a short block
            own = _own_element(block, lexicon, texts, by_share=entry.strong)
            if not (short or overlay is not None or own):
                continue
            if entry.kind == "consent" and overlay is None:
                banner = _banner_of(block)
                # consent blocks the page only as an overlay, or as the whole page
                rest = len(texts.norm(body)) - len(texts.norm(banner))
                if not (short and rest < CONSENT_PAGE_REST):
                    candidates.setdefault(banner, []).append(entry)
                    continue
            node = _wall_node(holder, block, noscript, own, texts)
            weight = STRONG_WEIGHT if entry.strong else WEAK_WEIGHT
            text = texts.visible(node, with_noscript=True) if node is not None else ""
            found.signals.append(
                Signal(entry.kind, weight, f"phrase:{entry.id}", entry.vendor, text, node)
            )
    found.banners += [
        (banner, entries[0].id)
        for banner, entries in candidates.items()
        if _is_banner(banner, entries)
    ]
    if short:
        found.signals += _title_signals(scan.doc, lexicon)
    return found


def _is_banner(node: HtmlElement, entries: list[Entry]) -> bool:
    """A cookie banner says more than "we use cookies": a strong consent line, two different
    ones, or buttons to answer it (a recipe that mentions cookies says none of these)."""
    if any(e.strong for e in entries) or len({e.id for e in entries}) >= 2:
        return True
    if any(True for _ in node.iter("button")) or node.xpath(".//*[@role='button']"):
        return True
    return any(ANSWER.search(normalize(text_content(a))) for a in node.iter("a"))


def _holders(el: HtmlElement, regex: re.Pattern[str], texts: Scan) -> list[HtmlElement]:
    """The smallest elements whose text holds a match (one per separate occurrence)."""
    out: list[HtmlElement] = []
    stack = [el]
    while stack:
        node = stack.pop()
        inner = [
            c
            for c in node
            if isinstance(c.tag, str)
            and c.tag not in ("script", "style", "template")
            and regex.search(texts.norm(c))
        ]
        if inner:
            stack.extend(reversed(inner))
        else:
            out.append(node)
    return out


def _wall_node(
    holder: HtmlElement,
    block: HtmlElement,
    noscript: HtmlElement | None,
    own: bool,
    texts: Scan,
) -> HtmlElement | None:
    """What to take out: the wall's own block, else the phrase's own element if it is short."""
    if noscript is not None:
        return noscript
    if (own or len(texts.norm(block)) <= PROMPT_MAX) and not _holds_story(block):
        return block
    if len(texts.norm(holder)) <= PROMPT_MAX and not _holds_story(holder):
        return holder
    return None


def _holds_story(el: HtmlElement) -> bool:
    """An element that holds the article's heading or its container is never a wall node."""
    return el.tag in ("article", "main", "body") or any(
        True for _ in el.iterdescendants("h1", "article", "main")
    )


def _block_of(el: HtmlElement) -> HtmlElement:
    node: HtmlElement | None = el
    while node is not None:
        if node.tag in BLOCK_TAGS:
            return node
        node = node.getparent()
    return el


def _own_element(block: HtmlElement, lexicon: Lexicon, texts: Scan, *, by_share: bool) -> bool:
    """The block is the wall's own: mostly wall text, or a short container named for a wall."""
    text = texts.norm(block)
    if not text or len(text) > BLOCK_MAX:
        return False
    if block.tag == "noscript":
        return True
    if len(text) <= PROMPT_MAX and _named_for_wall(block):
        return True
    if not by_share:
        return False
    spans = sorted((h.start, h.end) for h in lexicon.find(text) if h.entry.kind != WIDGET)
    covered, last = 0, 0
    for start, end in spans:
        start = max(start, last)
        if end > start:
            covered += end - start
            last = end
    return covered >= OWN_ELEMENT_SHARE * len(text)


def _in_quotation_marks(text: str) -> bool:
    """A block that is one quotation ("...") reports what a wall said."""
    end = text.rstrip(".!?,;: ")
    return len(end) > 2 and end[0] in _QUOTES and end[-1] in _QUOTES


def _named_for_wall(el: HtmlElement) -> bool:
    node: HtmlElement | None = el
    for _ in range(4):  # the block or a close ancestor
        if node is None:
            return False
        names = wall_names(node)
        if names.strip() and (
            PAYWALL_PROMPT.search(names) or any(p.search(names) for _, p in OVERLAY_KINDS)
        ):
            return True
        node = node.getparent()
    return False


def _inside(el: HtmlElement, containers: list[HtmlElement]) -> HtmlElement | None:
    if not containers:
        return None
    node: HtmlElement | None = el
    while node is not None:
        if node in containers:
            return node
        node = node.getparent()
    return None


def _banner_of(block: HtmlElement) -> HtmlElement:
    """Widen a consent phrase's block to the banner that holds its buttons."""
    node = block
    for _ in range(3):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html", "article", "main"):
            break
        names = wall_names(parent)
        if OVERLAY_KINDS[0][1].search(names) or len(text_content(parent)) <= PROMPT_MAX:
            node = parent
        else:
            break
    return node


def _title_signals(doc: HtmlElement, lexicon: Lexicon) -> list[Signal]:
    title = doc.find(".//title")
    if title is None or not title.text:
        return []
    return [
        Signal(
            h.entry.kind,
            STRONG_WEIGHT if h.entry.strong else WEAK_WEIGHT,
            f"title:{h.entry.id}",
            h.entry.vendor,
        )
        for h in lexicon.match(title.text)
        if h.entry.kind != WIDGET
    ]
