"""The pure pipeline: a rendered page in, an Extraction out. No browser, no I/O.

Steps, in order (each can report what it removed, see Step):
  1. parse the settled DOM (and the server HTML, when it differs) once;
  2. find walls in both views and take the wall nodes out of the DOM;
  3. read metadata from the untouched head (JSON-LD, OpenGraph, meta, then the DOM);
  4. find the article region and drop what surrounds it;
  5. normalise it (URLs, lazy images, figures, code) and convert it to Markdown;
  6. when the page's scripts replaced the article that the server view holds (an error notice, a
     failed data fetch) and no wall explains it, take the article from the server view. The server
     view is extracted for this only when a cheap scan finds that much of its text is gone from the
     rendered view (``lost_text_chars``), or when the rendered view gave no article at all (an
     app that never started, over the copy it serves in <noscript>, which the scan does not read);
     otherwise nothing can have been lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from lxml.html import HtmlElement

from extractor import article, dom, markdown, metadata, normalize
from extractor.article.region import STEPS as ARTICLE_STEPS
from extractor.normalize.core import STEPS as NORMALIZE_STEPS
from extractor.records import Extraction, Options, RenderedPage, Step, Wait, Wall
from extractor.walls import detect as walls

DEFAULT_OPTIONS = Options()
# The server view's article is taken instead when it has at least this many characters of
# Markdown and the rendered view's article is less than this share of it.
FALLBACK_MIN_CHARS = 1_000
FALLBACK_SHARE = 0.25
# The server view is extracted for that comparison only when at least this many characters of
# its text are missing from the rendered view (an article of FALLBACK_MIN_CHARS of Markdown holds
# far more text than this; a page whose scripts only added to it loses none).
FALLBACK_LOST_CHARS = 250
# Text inside these is not shown as text, so it is not compared.
_SHOWN_TEXT = (
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::template"
    " or ancestor::noscript)]"
)
# The capture's one step (browser/settle.py): clicking "Read more" controls.
EXPANDERS = "expanders"
# Every step ``Options.skip_steps`` can name, in order: the one registry of step names.
STEP_NAMES: tuple[str, ...] = (
    EXPANDERS,
    *walls.STEPS,
    *ARTICLE_STEPS,
    *NORMALIZE_STEPS,
    "server-view",
)


def unknown_steps(names: Iterable[str]) -> list[str]:
    """The names that are not steps of the pipeline (see ``STEP_NAMES``), in the order given."""
    return [name for name in names if name not in STEP_NAMES]


def extract_page(page: RenderedPage, options: Options = DEFAULT_OPTIONS) -> Extraction:
    """Extract the article, metadata and walls of a captured page."""
    base = page.final_url or page.url
    doc = dom.parse(page.dom_html, base_url=base or None)
    server_doc = None
    if page.server_html is not None and (page.rendered or page.server_html != page.dom_html):
        server_doc = dom.parse(page.server_html, base_url=base or None)
    elif not page.rendered:
        server_doc = doc

    lost = 0
    if page.rendered and server_doc is not None and "server-view" not in options.skip_steps:
        lost = lost_text_chars(server_doc, doc)  # before the steps below take nodes out
    found = walls.find_walls(page, doc, server_doc, options=options)
    steps: list[Step] = [*page.steps, *found.steps]
    meta = metadata.read_metadata(doc, base, server_doc=server_doc)
    region, region_steps = article.find_article(doc, meta, options, rendered=page.rendered)
    steps += region_steps
    steps += normalize.normalize(region, base, skip=options.skip_steps)
    body = markdown.to_markdown(region)
    body = walls.scrub(body, found.walls)
    done = walls.completeness(found.walls, body, rendered=page.rendered)
    if done == "none":  # a wall stayed: never dress the wall page up as an article
        body, region = "", dom.parse("<div></div>").find(".//div")
    found_walls = walls.without_stale(found.walls, done)
    result = Extraction(
        url=page.url,
        final_url=page.final_url,
        status=page.status,
        metadata=meta,
        walls=found_walls,
        article_html=dom.to_html(region),
        markdown=body,
        completeness=done,
        steps=tuple(s for s in steps if s.removed),
        wait=page.wait,
        rendered=page.rendered,
        session=page.session,
        empty_reason=None if body.strip() else _why_empty(page, found_walls),
    )
    if lost < FALLBACK_LOST_CHARS and body.strip():
        return result  # (an empty article is checked anyway: the scan does not read <noscript>)
    return _server_view_if_lost(page, result, options)


def _text_pieces(doc: HtmlElement) -> Iterator[str]:
    for piece in doc.xpath(_SHOWN_TEXT):
        folded = " ".join(str(piece).split())
        if folded:
            yield folded


def lost_text_chars(server_doc: HtmlElement, rendered_doc: HtmlElement) -> int:
    """Characters of the server view's shown text whose text nodes the rendered view no longer
    has: a cheap scan (no extraction) telling whether rendering can have lost an article."""
    kept = set(_text_pieces(rendered_doc))
    return sum(len(piece) for piece in _text_pieces(server_doc) if piece not in kept)


def _why_empty(page: RenderedPage, found: tuple[Wall, ...]) -> str:
    """One sentence on why a page gave no article text (said on stderr and in the JSON)."""
    # a blocking wall explains it best; a consent notice only when it is all there is
    stayed = min(
        (w for w in found if not w.cleared), key=lambda w: w.kind == "consent", default=None
    )
    if stayed is not None:
        wall = stayed.kind if stayed.kind.endswith("wall") else f"{stayed.kind} wall"
        where = "in the rendered page" if stayed.phase == "rendered" else "in the page as served"
        return f"a {wall} stayed {where}; the page shown is the wall"
    chars = len(dom.text_of(dom.body_of(dom.parse(page.dom_html))))
    if not chars:
        return "the page has no text"
    return f"none of the page's {chars} characters of text was taken as article (see steps)"


def _server_view_if_lost(page: RenderedPage, result: Extraction, options: Options) -> Extraction:
    """The rendered article, unless rendering lost the article the server view holds."""
    if "server-view" in options.skip_steps:
        return result
    if not page.rendered or page.server_html is None or result.completeness != "full":
        return result
    if any(w.phase == "rendered" and not w.cleared for w in result.walls):
        return result
    served = extract_page(
        replace(page, dom_html=page.server_html, rendered=False, documents=()), options
    )
    lost = len(served.markdown) >= FALLBACK_MIN_CHARS and len(
        result.markdown
    ) < FALLBACK_SHARE * len(served.markdown)
    if not lost or served.completeness != "full":
        return result
    note = Step(
        name="server-view",
        why="the rendered page lost the article the server HTML holds; it was taken from there",
        removed=1,
        samples=(result.markdown.strip()[:60],) if result.markdown.strip() else (),
    )
    return replace(
        result,
        article_html=served.article_html,
        markdown=served.markdown,
        empty_reason=None,
        steps=(*result.steps, note),
    )


def extract_html(
    html: str,
    url: str = "",
    *,
    server_html: str | None = None,
    options: Options = DEFAULT_OPTIONS,
) -> Extraction:
    """Extract from HTML you already have, without a browser.

    With ``server_html`` the two are treated as a capture (``html`` is the settled DOM); without
    it, ``html`` is what a client without JavaScript gets, and walls are looked for in that phase.
    """
    rendered = server_html is not None
    page = RenderedPage(
        url=url,
        final_url=url,
        status=None,
        headers={},
        server_html=server_html if rendered else html,
        dom_html=html,
        wait=Wait(ended_by="static", elapsed_ms=0),
        rendered=rendered,
    )
    return extract_page(page, options)
