"""Find walls in the server HTML (static phase) and the settled DOM (rendered phase).

``find_walls`` reads like this, once per phase:
  1. collect signals: lexicon phrases where a wall shows them, vendor headers/URLs/markup,
     structure (short one-message body, empty app root, blocking overlay, cut-off paywalled body);
  2. score them per kind: a kind with two weak or one strong signal is a wall (``score_walls``);
  3. in the rendered phase, merge the watcher's sightings (a wall that flashed and cleared is
     recorded with ``cleared_ms``);
  4. take wall nodes, consent banners and widget notices out of the tree the article step reads,
     and report each removal as a Step.

Decisions worth knowing:
  - a cookie bar that does not block the page (no overlay with scrolling locked, not the whole
    page) is taken out of the article (Step "consent-banners") but is NOT a wall;
  - a widget's own notice (Disqus "enable JavaScript to view the comments", a video player's)
    is taken out (Step "widget-notices") and is not a wall either;
  - wall text inside the article (a republished article carrying its source's JavaScript and
    paywall lines) is a wall to remove, not text to keep; a quotation of it is text to keep.

``scrub`` removes wall text that still reached the Markdown; ``completeness`` says whether the
Markdown is the full article, a paywall teaser, or nothing (a wall stayed).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, get_args
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from extractor.dom import ATTR_OVERLAY, ATTR_SCROLL_LOCK, drop, fold, parse, text_content
from extractor.records import Options, RenderedPage, ServedDocument, Step, Wall
from extractor.walls.lexicon import WIDGET, Lexicon, load, normalize
from extractor.walls.phrases import phrase_signals
from extractor.walls.scan import Scan
from extractor.walls.scoring import score_walls
from extractor.walls.sightings import merge_sightings
from extractor.walls.signals import Signal
from extractor.walls.structure import (
    COVERS_EVIDENCE,
    OVERLAY_SIGHTING,
    SHORT_BODY_EVIDENCE,
    app_root_signals,
    login_form_signals,
    overlay_signals,
    paywall_signals,
    short_body_signals,
)
from extractor.walls.vendors import header_signals, markup_signals, status_signals, url_signals

WallStep = Literal["walls", "consent-banners", "widget-notices"]  # the removals, by Step name
STEPS: tuple[WallStep, ...] = get_args(WallStep)
# kinds that leave no article when they stay: the page shown is the wall
BLOCKING_KINDS = frozenset({"bot-check", "login", "geo-block"})
STUB_CHARS = 250  # Markdown with less text than this beside a wall that stayed is no article
# ...but a consent banner hides nothing: beside one, a brief of two sentences is an article, and
# only a line or two (a cookie wall's footer links) is not
CONSENT_STUB_CHARS = 120
SCRUB_MIN_CHARS = 8  # lines shorter than this are left alone by scrub
SCRUB_SHARE = 0.6  # a Markdown line that is at least this much wall phrase goes
SAMPLE_CHARS = 60  # how much of a removed node a Step shows
FOREIGN_EVIDENCE = "structure:links-to-another-site"  # a republished article's copied prompt
DOCUMENT_EVIDENCE = "document:"  # + the URL of the earlier document of a redirect chain
# a login or registration wall over this much article text leaves a teaser, not nothing; when it
# is a modal over the page (an overlay, scrolling locked), a sentence of text is enough
LOGIN_TEASER_CHARS = 250
MODAL_TEASER_CHARS = 40
# evidence that a wall sits over the page rather than being the page
OVER_CONTENT_EVIDENCE = (
    f"selector:[{ATTR_OVERLAY}]",
    f"selector:html[{ATTR_SCROLL_LOCK}]",
    COVERS_EVIDENCE,
    f"watcher:{OVERLAY_SIGHTING}",
)


@dataclass(frozen=True)
class WallFindings:
    walls: tuple[Wall, ...]
    steps: tuple[Step, ...]


@dataclass
class _Phase:
    walls: list[Wall] = field(default_factory=list)
    removals: list[tuple[WallStep, str, HtmlElement]] = field(
        default_factory=list
    )  # step, why, node


def find_walls(
    page: RenderedPage,
    doc: HtmlElement,
    server_doc: HtmlElement | None,
    *,
    options: Options | None = None,
) -> WallFindings:
    """Walls of both phases; removes wall nodes from ``doc`` and reports them as steps.

    A step named in ``options.skip_steps`` (one of ``STEPS``) leaves its nodes in the tree;
    the walls are found and recorded all the same.
    """
    skip = set(options.skip_steps) if options is not None else set()
    lexicon = load()
    walls: list[Wall] = []
    removals: list[tuple[WallStep, str, HtmlElement]] = []
    for earlier in page.documents:  # a redirect chain: each document has its static phase
        walls += _earlier_walls(page, earlier, lexicon)
    static_doc = server_doc if server_doc is not None else (None if page.rendered else doc)
    if static_doc is not None:
        static = _detect(static_doc, "static", page, lexicon)
        walls += static.walls
        if static_doc is doc:
            removals += static.removals
    if page.rendered:
        rendered = _detect(doc, "rendered", page, lexicon)
        walls += merge_sightings(rendered.walls, page.sightings, lexicon)
        removals += rendered.removals
    kept = [r for r in removals if r[0] not in skip]
    return WallFindings(walls=tuple(walls), steps=_remove(kept))


def _earlier_walls(page: RenderedPage, earlier: ServedDocument, lexicon: Lexicon) -> list[Wall]:
    """Static walls of a document the main frame showed before the final one."""
    served = replace(
        page,
        url=earlier.url,
        final_url=earlier.url,
        status=earlier.status,
        headers=earlier.headers,
        documents=(),
    )
    found = _detect(parse(earlier.html, base_url=earlier.url or None), "static", served, lexicon)
    return [
        replace(w, evidence=(*w.evidence, f"{DOCUMENT_EVIDENCE}{earlier.url}")) for w in found.walls
    ]


def _detect(doc: HtmlElement, phase: str, page: RenderedPage, lexicon: Lexicon) -> _Phase:
    static = phase == "static"
    scan = Scan(doc)
    signals: list[Signal] = []
    boosters = short_body_signals(scan, with_noscript=static)
    signals += boosters
    overlays: list[HtmlElement] = []
    if not static:
        overlay_found, overlays = overlay_signals(scan)
        signals += overlay_found
    found = phrase_signals(
        scan, lexicon, with_noscript=static, short=bool(boosters), overlays=overlays
    )
    signals += found.signals
    signals += app_root_signals(scan, with_noscript=static)
    signals += paywall_signals(scan, with_noscript=static)
    signals += login_form_signals(scan)
    signals += markup_signals(scan)
    signals += url_signals(page.final_url or page.url)
    if static:
        signals += header_signals(page.status, page.headers)
    elif not page.documents:  # the settled DOM is still the document the status came with
        signals += status_signals(page.status)
    walls, wall_nodes = score_walls(signals, phase)
    walls = [_mark_foreign(w, wall_nodes, page) for w in walls]
    out = _Phase(walls=walls)
    for kind, node in wall_nodes:
        out.removals.append(("walls", f"{kind} wall ({phase})", node))
    wall_kinds = {w.kind for w in walls}
    for sig in signals:  # consent overlays that did not make a wall still hide the page
        if sig.kind == "consent" and sig.node is not None and "consent" not in wall_kinds:
            out.removals.append(("consent-banners", "consent overlay, not blocking", sig.node))
    for node, entry_id in found.banners:
        out.removals.append(("consent-banners", f"cookie banner ({entry_id}), not a wall", node))
    for node, entry_id in found.widgets:
        out.removals.append(("widget-notices", f"widget notice ({entry_id})", node))
    for node, entry_id in found.hidden:
        out.removals.append(("walls", f"noscript wall text ({entry_id}), not shown", node))
    return out


def _mark_foreign(
    wall: Wall, wall_nodes: list[tuple[str, HtmlElement]], page: RenderedPage
) -> Wall:
    """A paywall prompt whose links all lead to another site was copied with a republished
    article: recorded, but it does not cut this page's article."""
    if wall.kind != "paywall":
        return wall
    hosts = {
        _site(a.get("href", ""))
        for kind, node in wall_nodes
        if kind == "paywall"
        for a in node.iter("a")
    }
    own = _site(page.final_url or page.url)
    if hosts and "" not in hosts and own not in hosts:
        label = ", ".join(sorted(hosts))
        return replace(wall, evidence=(*wall.evidence, f"{FOREIGN_EVIDENCE} ({label})"))
    return wall


def _site(url: str) -> str:
    """The last two labels of a URL's host ("" for a relative link)."""
    host = urlsplit(url).hostname or "" if "//" in url else ""
    return ".".join(host.removeprefix("www.").split(".")[-2:])


def _remove(removals: list[tuple[WallStep, str, HtmlElement]]) -> tuple[Step, ...]:
    """Drop the nodes (outermost first, each once) and group what went into Steps."""
    by_step: dict[str, tuple[list[str], list[str]]] = {}
    dropped: set[HtmlElement] = set()
    for name, why, node in removals:
        if node in dropped or _under_dropped(node, dropped) or node.getparent() is None:
            continue
        if node.tag in ("body", "html"):
            continue
        whys, samples = by_step.setdefault(name, ([], []))
        if why not in whys:
            whys.append(why)
        samples.append(fold(text_content(node))[:SAMPLE_CHARS])
        dropped.add(node)
        drop(node)
    return tuple(
        Step(name=name, why="; ".join(whys), removed=len(samples), samples=tuple(samples[:5]))
        for name, (whys, samples) in by_step.items()
    )


def _under_dropped(node: HtmlElement, dropped: set[HtmlElement]) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent in dropped:
            return True
        parent = parent.getparent()
    return False


def scrub(markdown: str, walls: tuple[Wall, ...]) -> str:
    """Remove Markdown lines that are wall text (a final guard after the article step)."""
    if not walls or not markdown:
        return markdown
    lexicon = load()
    kinds = {w.kind for w in walls} | {WIDGET}
    wall_texts = [normalize(w.text) for w in walls if w.text]
    kept: list[str] = []
    for line in markdown.split("\n"):
        if not _is_wall_line(line, kinds, wall_texts, lexicon):
            kept.append(line)
    out = "\n".join(kept)
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    return out.strip("\n") + "\n" if out.strip() else ""


def _is_wall_line(line: str, kinds: set[str], wall_texts: list[str], lexicon: Lexicon) -> bool:
    plain = normalize(_strip_markdown(line))
    if len(plain) < SCRUB_MIN_CHARS:
        return False
    covered = sum(h.length for h in lexicon.find(plain) if h.entry.kind in kinds)
    if covered >= SCRUB_SHARE * len(plain):
        return True
    return len(plain) >= 2 * SCRUB_MIN_CHARS and any(plain in text for text in wall_texts)


def _strip_markdown(line: str) -> str:
    out = line.strip().lstrip("#>*-+ ").strip()
    out = out.replace("**", "").replace("__", "")
    # [text](url) -> text
    while "](" in out and "[" in out:
        start = out.find("[")
        mid = out.find("](", start)
        end = out.find(")", mid)
        if start < 0 or mid < 0 or end < 0:
            break
        out = out[:start] + out[start + 1 : mid] + out[end + 1 :]
    return out.strip("*_ ")


def completeness(walls: tuple[Wall, ...], markdown: str, *, rendered: bool = False) -> str:
    """ "full", "teaser" (a paywall cut the article, or a login or registration wall is over the
    text shown) or "none" (a wall stayed; no article).

    Walls of the last phase count (rendered when a browser ran, else static), cleared ones not.
    A login wall that leaves article text (``LOGIN_TEASER_CHARS``, or ``MODAL_TEASER_CHARS`` when
    it is an overlay) is a modal over a post the reader can see: that text is kept, as a teaser.
    """
    last = "rendered" if rendered else "static"
    staying = {
        w.kind
        for w in walls
        if w.phase == last and not w.cleared and not _foreign(w) and not _earlier(w)
    }
    # the article's text is weighed only against a wall that stays (most pages have none)
    text = fold(_markdown_text(markdown)) if staying else ""
    if staying & (BLOCKING_KINDS - {"login"}):
        return "none"
    if "login" in staying:
        over = any(_over_content(w) for w in walls if w.phase == last and w.kind == "login")
        enough = MODAL_TEASER_CHARS if over else LOGIN_TEASER_CHARS
        return "teaser" if len(text) >= enough else "none"
    if "paywall" in staying:
        return "teaser" if text else "none"
    stub = CONSENT_STUB_CHARS if staying == {"consent"} else STUB_CHARS
    if staying and len(text) < stub:  # what is left beside the wall is no article
        return "none"
    if any(
        _page_is_wall(w) and not _over_content(w)
        for w in walls
        if w.phase == last and w.kind == "consent" and not w.cleared
    ):
        return "none"  # a consent page (Google's, Yahoo's), not a banner over an article
    return "full"


def without_stale(walls: tuple[Wall, ...], done: str) -> tuple[Wall, ...]:
    """Drop rendered-phase records of text that is no wall once the article came out whole.

    A "please enable JavaScript" line still shown by a page whose scripts ran and whose article
    is complete, or a paywall prompt copied from another site, is stale text: its nodes are
    removed all the same, and the static phase keeps the record of it.
    """
    if done != "full":
        return walls
    return tuple(
        w
        for w in walls
        if not (w.phase == "rendered" and not w.cleared and (w.kind == "javascript" or _foreign(w)))
    )


def _over_content(wall: Wall) -> bool:
    return any(e.startswith(OVER_CONTENT_EVIDENCE) for e in wall.evidence)


def _earlier(wall: Wall) -> bool:
    """The wall was on an earlier document of a redirect chain, not on the page shown."""
    return any(e.startswith(DOCUMENT_EVIDENCE) for e in wall.evidence)


def _foreign(wall: Wall) -> bool:
    return any(e.startswith(FOREIGN_EVIDENCE) for e in wall.evidence)


def _page_is_wall(wall: Wall) -> bool:
    """The wall was the whole page: a short one-message body (the consent page, a notice)."""
    return any(e.startswith(SHORT_BODY_EVIDENCE) for e in wall.evidence)


def _markdown_text(markdown: str) -> str:
    lines = [ln for ln in markdown.splitlines() if not ln.lstrip().startswith("# ")]
    return " ".join(_strip_markdown(ln) for ln in lines)
