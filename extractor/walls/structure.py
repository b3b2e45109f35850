"""Structural wall signals that catch wording the lexicon has never seen.

- a short body that is one message (booster);
- an app root that stays empty, with a noscript message beside it (javascript);
- a fixed overlay covering the viewport while scrolling is locked (booster; its class names can
  tell the kind: consent, paywall, login, captcha);
- JSON-LD ``isAccessibleForFree: false`` with a body that is visibly cut off (paywall);
- a short paywall prompt container (class names such as ``paywall``, ``piano-``); a registration
  wall (``regwall``: a free account is asked for) is named for a login wall;
- a password field in the content, outside the page's header and sidebars (login).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from extractor.dom import ATTR_OVERLAY, ATTR_SCROLL_LOCK, ancestor, body_of, fold, text_content
from extractor.metadata import jsonld
from extractor.walls.scan import Scan
from extractor.walls.signals import WEAK_WEIGHT, Signal

SHORT_BODY = 1500  # characters of visible text: below this a page may be a wall page
ONE_MESSAGE = 400  # below this a page is one message whatever its shape
MAX_PARAGRAPHS = 2  # or it has at most this many paragraphs of PARAGRAPH_CHARS or more
PARAGRAPH_CHARS = 100
EMPTY_ROOT_BODY = 200  # an empty app root counts only when the rest of the page says this little
CUT_OFF_BODY = 1200  # an article body shorter than this, with a paywall flag, is cut off
PROMPT_MAX = 600  # a paywall prompt is short; a long ".paywall" element holds the article itself

SHORT_BODY_EVIDENCE = "structure:short-body"
COVERS_PAGE = 90  # an overlay over this percentage of the viewport or more covers the page
COVERS_EVIDENCE = "structure:overlay-covers-viewport"
OVERLAY_SIGHTING = "structure:overlay-"  # the watcher's id for a blocking overlay, + its kind

APP_ROOT_IDS = frozenset(
    {"root", "app", "__next", "__nuxt", "___gatsby", "app-root", "svelte", "main-app", "react-root"}
)
# class/id words that name an overlay's purpose
OVERLAY_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("consent", re.compile(r"cookie|consent|gdpr|\bcmp\b|onetrust|didomi|cybot|qc-cmp|sp_message")),
    ("paywall", re.compile(r"paywall|piano|tp-modal|metered|subscribe|premium")),
    # a registration wall asks for a free account, not a subscription: a login wall
    ("login", re.compile(r"login|log-in|signin|sign-in|authwall|auth-wall|regwall|register")),
    ("bot-check", re.compile(r"captcha|challenge")),
)
PAYWALL_WORDS = ("paywall", "piano-", "tp-container", "subscriber-only")
PAYWALL_PROMPT = re.compile("|".join(PAYWALL_WORDS))  # plain words: no regex syntax in them
NOT_WALL_NAMES = re.compile(r"newsletter|signup-box|share|social")  # tokens naming other boxes
CHROME_TAGS = frozenset({"header", "nav", "footer", "aside"})  # page chrome, not content
# elements the capture marked as overlays
_MARKED_OVERLAYS = etree.XPath(f"descendant-or-self::*[@{ATTR_OVERLAY}]")
_BLOCKS = ("p", "div", "section", "article", "main", "li", "td", "h1", "h2", "h3", "blockquote")


def short_body_signals(scan: Scan, *, with_noscript: bool) -> list[Signal]:
    """Booster: the whole visible page is one short message."""
    text = scan.visible(scan.body, with_noscript=with_noscript)
    if not text or len(text) >= SHORT_BODY:
        return []
    if len(text) < ONE_MESSAGE or _paragraphs(scan, with_noscript) <= MAX_PARAGRAPHS:
        evidence = f"{SHORT_BODY_EVIDENCE} ({len(text)} chars)"
        return [Signal(None, WEAK_WEIGHT, evidence, text=text)]
    return []


def app_root_signals(scan: Scan, *, with_noscript: bool) -> list[Signal]:
    """An app root with nothing in it, on a page that says almost nothing else."""
    body = scan.body
    rest = scan.visible(body, with_noscript=False)
    if len(rest) >= EMPTY_ROOT_BODY:
        return []
    out: list[Signal] = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if (el.get("id") in APP_ROOT_IDS or el.tag == "app-root") and not fold(text_content(el)):
            out.append(
                Signal("javascript", WEAK_WEIGHT, f"structure:empty-app-root #{el.get('id')}")
            )
            break
    if with_noscript:
        for el in body.iter("noscript"):
            said = scan.visible(el, with_noscript=True)
            if len(said) >= 10:
                out.append(
                    Signal("javascript", WEAK_WEIGHT, "structure:noscript-message", None, said, el)
                )
                break
    return out


def overlay_signals(scan: Scan) -> tuple[list[Signal], list[HtmlElement]]:
    """Overlays the capture marked; with scrolling locked they block the page.

    Returns booster/kind signals and the overlay elements (phrases inside them count as shown in a
    wall's own element).
    """
    overlays = [el for el in _MARKED_OVERLAYS(scan.doc) if _is_overlay(el)]
    if not overlays:
        return [], []
    locked = scan.doc.get(ATTR_SCROLL_LOCK) == "1" or scan.body.get(ATTR_SCROLL_LOCK) == "1"
    out: list[Signal] = []
    for el in overlays:
        names = wall_names(el)
        text = scan.visible(el, with_noscript=False)
        for kind, words in OVERLAY_KINDS:
            if words.search(names):
                out.append(
                    Signal(kind, WEAK_WEIGHT, f"selector:[{ATTR_OVERLAY}].{kind}", None, text, el)
                )
                break
    if locked:
        out.append(Signal(None, WEAK_WEIGHT, f"selector:html[{ATTR_SCROLL_LOCK}]"))
    elif any(_share(el) >= COVERS_PAGE for el in overlays):
        # a page too short to scroll cannot be locked; an overlay over all of it blocks it as well
        out.append(Signal(None, WEAK_WEIGHT, COVERS_EVIDENCE))
    return out, overlays


def paywall_signals(scan: Scan, *, with_noscript: bool) -> list[Signal]:
    """JSON-LD says the article is not free and the body is cut; or a short paywall prompt."""
    out: list[Signal] = []
    doc = scan.doc
    flagged, selectors = _jsonld_paywall(scan.scripts)
    if flagged:
        body_len = len(scan.visible(_article_or_body(doc), with_noscript=with_noscript))
        hidden_part_empty = bool(selectors) and all(
            _selector_text_len(doc, sel) == 0 for sel in selectors
        )
        if body_len < CUT_OFF_BODY or hidden_part_empty:
            out.append(Signal("paywall", WEAK_WEIGHT, "structure:jsonld-isAccessibleForFree=false"))
            out.append(Signal("paywall", WEAK_WEIGHT, f"structure:cut-off-body ({body_len} chars)"))
    if not (_mentions_paywall(scan.attributes) and _mentions_paywall(scan.names)):
        return out  # no id or class names a paywall prompt (``attributes`` is the cheaper test)
    for el in scan.body.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "body", "html"):
            continue
        names = wall_names(el)
        if names.strip() and PAYWALL_PROMPT.search(names) and not _holds_story(el):
            text = scan.visible(el, with_noscript=with_noscript)
            if 0 < len(text) <= PROMPT_MAX:
                out.append(
                    Signal(
                        "paywall", WEAK_WEIGHT, f"selector:.{_first_match(names)}", None, text, el
                    )
                )
                break
    return out


def _mentions_paywall(text: str) -> bool:
    """``PAYWALL_PROMPT.search`` as substring tests, several times faster on long text."""
    return any(word in text for word in PAYWALL_WORDS)


def _share(el: HtmlElement) -> float:
    try:
        return float(el.get(ATTR_OVERLAY) or 0)
    except ValueError:
        return 0.0


def _is_overlay(el: HtmlElement) -> bool:
    """The capture writes the share of the viewport covered (percent); "1" also marks one."""
    value = el.get(ATTR_OVERLAY)
    if not value:
        return False
    try:
        return float(value) > 0
    except ValueError:
        return False


def wall_names(el: HtmlElement) -> str:
    """The element's id and class tokens, lower-cased, minus tokens naming non-wall boxes
    (a "newsletter-subscribe" modal is not a paywall)."""
    tokens = f"{el.get('id', '')} {el.get('class', '')}".lower().split()
    return " ".join(t for t in tokens if not NOT_WALL_NAMES.search(t))


def login_form_signals(scan: Scan) -> list[Signal]:
    """A password field in the page's content (not a header or sidebar sign-in box)."""
    for field in scan.inputs:
        if (field.get("type") or "").lower() != "password":
            continue
        if ancestor(field, *CHROME_TAGS) is not None:
            continue
        return [Signal("login", WEAK_WEIGHT, "selector:input[type=password]")]
    return []


def _holds_story(el: HtmlElement) -> bool:
    return el.tag in ("article", "main") or any(
        True for _ in el.iterdescendants("h1", "article", "main")
    )


def _paragraphs(scan: Scan, with_noscript: bool) -> int:
    """How many leaf blocks (blocks holding no other block) read like a paragraph."""
    count = 0
    body = scan.body
    for el in body.iter(*_BLOCKS):
        if el is body or any(True for _ in el.iterdescendants(*_BLOCKS)):
            continue
        if len(scan.visible(el, with_noscript=with_noscript)) >= PARAGRAPH_CHARS:
            count += 1
    return count


def _article_or_body(doc: HtmlElement) -> HtmlElement:
    for path in ("//article", "//main", "//*[@role='main']"):
        found = doc.xpath(path)
        if found:
            el: HtmlElement = found[0]
            return el
    return body_of(doc)


def _jsonld_paywall(scripts: list[HtmlElement]) -> tuple[bool, list[str]]:
    flagged = False
    selectors: list[str] = []
    for script in scripts:
        if not jsonld.is_jsonld(script) or not script.text:
            continue
        for node in _walk(jsonld.loads(script.text)):
            if _is_false(node.get("isAccessibleForFree")):
                flagged = True
                selector = node.get("cssSelector")
                if isinstance(selector, str):
                    selectors.append(selector)
    return flagged, selectors


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in the data, outermost first."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            yield value
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))


def _is_false(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def _selector_text_len(doc: HtmlElement, selector: str) -> int:
    """Text length under a simple ``.class`` or ``#id`` selector (others count as present)."""
    match = re.fullmatch(r"\s*([.#])([\w-]+)\s*", selector)
    if not match:
        return 1
    attr = "class" if match.group(1) == "." else "id"
    name = match.group(2)
    total = 0
    for el in doc.iter():
        if isinstance(el.tag, str) and name in (el.get(attr) or "").split():
            total += len(fold(text_content(el)))
    return total


def _first_match(names: str) -> str:
    found = PAYWALL_PROMPT.search(names)
    return found.group(0).rstrip("-") if found else "paywall"
