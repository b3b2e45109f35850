"""Turn one phase's signals into walls: two weak or one strong signal of a kind make a wall."""

from __future__ import annotations

from collections.abc import Iterable

from lxml.html import HtmlElement

from extractor.dom import fold
from extractor.records import Wall
from extractor.walls.signals import BOOSTER_CAP, WALL_SCORE, Signal

TEXT_CHARS = 500  # a wall's recorded text is cut to this
# when both are present the page is one wall: a challenge that needs JavaScript is a bot check,
# and a prompt that offers a subscription or a sign-in is a paywall
ABSORBS = {"bot-check": ("javascript",), "paywall": ("login",)}
# vendor evidence first: headers, URLs and markup name the vendor more reliably than wording
_VENDOR_ORDER = ("header:", "url:", "script:", "selector:", "phrase:", "title:", "structure:")
PAGE_KINDS = frozenset({"bot-check", "login", "geo-block", "consent"})  # walls that replace pages
KIND_ORDER = ("bot-check", "geo-block", "login", "javascript", "paywall", "consent")


def score_walls(
    signals: list[Signal], phase: str
) -> tuple[list[Wall], list[tuple[str, HtmlElement]]]:
    """Walls of one phase, and the nodes that showed them (kind, node)."""
    boost = min(BOOSTER_CAP, sum(s.weight for s in signals if s.kind is None))
    booster_evidence = [s.evidence for s in signals if s.kind is None]
    short_text = next((s.text for s in signals if s.kind is None and s.text), "")
    by_kind: dict[str, list[Signal]] = {}
    for sig in signals:
        if sig.kind is not None:
            by_kind.setdefault(sig.kind, []).append(sig)
    winners = {k for k, sigs in by_kind.items() if _score(sigs, boost) >= WALL_SCORE}
    for kind, absorbed in ABSORBS.items():
        if kind in winners:
            for other in absorbed:
                if other in by_kind:
                    by_kind[kind] += by_kind.pop(other)
                    winners.discard(other)
    walls: list[Wall] = []
    nodes: list[tuple[str, HtmlElement]] = []
    for kind in sorted(winners, key=KIND_ORDER.index):
        sigs = by_kind[kind]
        score = _score(sigs, boost)
        texts = _wall_texts(sigs)
        # a wall that replaces the page says what the page says; other walls only their own text
        text = " / ".join(texts) or (short_text if kind in PAGE_KINDS else "")
        evidence = _unique([s.evidence for s in sigs] + (booster_evidence if score > 0 else []))
        walls.append(
            Wall(
                kind=kind,
                phase=phase,
                text=text[:TEXT_CHARS],
                vendor=_vendor(sigs),
                evidence=tuple(evidence),
                confidence=round(1 - 0.5**score, 2),
            )
        )
        nodes += [(kind, s.node) for s in sigs if s.node is not None]
    return walls, nodes


def _score(sigs: list[Signal], boost: int) -> int:
    own = sum(s.weight for s in sigs)
    return own + boost if own > 0 else 0


def _vendor(sigs: list[Signal]) -> str | None:
    named = [s for s in sigs if s.vendor]
    named.sort(key=lambda s: _rank(s.evidence))
    return named[0].vendor if named else None


def _rank(evidence: str) -> int:
    prefixes = [i for i, p in enumerate(_VENDOR_ORDER) if evidence.startswith(p)]
    return prefixes[0] if prefixes else len(_VENDOR_ORDER)


def _wall_texts(sigs: list[Signal]) -> list[str]:
    """The texts of the wall's elements in page order, each once (a text inside another goes)."""
    ordered = sorted(
        (s for s in sigs if s.text),
        key=lambda s: (s.node.sourceline or 0) if s.node is not None else 0,
    )
    texts = _unique(fold(s.text) for s in ordered)
    return [t for t in texts if not any(t != other and t in other for other in texts)]


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out
