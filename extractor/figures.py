"""Figures in one shape: ``<figure><img ...>...<figcaption>caption credit</figcaption></figure>``.

Sites wrap a picture and its caption in many ways (``<figure>``, WordPress's ``div.wp-caption``
with ``p.wp-caption-text``, a ``div`` with ``span.caption`` and ``span.credit``); the Markdown
converter only has to know the one shape this step leaves.
"""

from __future__ import annotations

import re

from lxml import html
from lxml.html import HtmlElement

from .dom import fold, text_of

# class names of caption and credit parts
_CAPTION_NAME = re.compile(r"caption|credit|legend|attribution", re.IGNORECASE)
# class names of containers that pair one picture with its caption
_FIGURE_NAME = re.compile(
    r"wp-caption|(?:^|[\s_-])(?:figure|image|img|photo|media)(?:$|[\s_-])", re.I
)
# a caption longer than this is article text next to a picture, not a caption
CAPTION_MAX_CHARS = 400


def _is_caption(el: HtmlElement) -> bool:
    if el.tag == "figcaption":
        return True
    names = f"{el.get('class', '')} {el.get('id', '')}"
    return bool(_CAPTION_NAME.search(names)) and el.find(".//img") is None


def _caption_parts(figure: HtmlElement) -> list[HtmlElement]:
    """The outermost caption and credit elements of a figure."""
    parts: list[HtmlElement] = []
    for el in figure.iterdescendants():
        if not isinstance(el.tag, str) or any(p in parts for p in el.iterancestors()):
            continue
        if _is_caption(el) and text_of(el):
            parts.append(el)
    return parts


def _rebuild(figure: HtmlElement) -> None:
    images = list(figure.iter("img"))
    parts = _caption_parts(figure)
    tail = figure.tail
    for child in list(figure):
        figure.remove(child)
    figure.text = None
    figure.attrib.clear()
    figure.tag = "figure"
    figure.tail = tail
    for img in images:
        img.tail = None
        figure.append(img)
    if not parts:
        return
    if len(parts) == 1:
        caption = parts[0]
        caption.tag = "figcaption"
        caption.attrib.clear()
        caption.tail = None
    else:
        caption = html.Element("figcaption")
        caption.text = " ".join(text_of(p) for p in parts)
    figure.append(caption)


def _figure_like(el: HtmlElement) -> bool:
    """A container (not <figure>) that holds exactly one picture and a short caption."""
    if el.tag not in ("div", "p", "span", "section") or len(el.findall(".//img")) != 1:
        return False
    if not _FIGURE_NAME.search(el.get("class", "")):
        return False
    parts = _caption_parts(el)
    caption_chars = sum(len(text_of(p)) for p in parts)
    # nothing but the picture and its caption inside
    return (
        bool(parts) and caption_chars <= CAPTION_MAX_CHARS and len(text_of(el)) <= caption_chars + 2
    )


def normalize_figures(region: HtmlElement) -> int:
    """Rebuild every picture-with-caption as one <figure>; returns how many were rebuilt."""
    count = 0
    for figure in list(region.iter("figure")):
        if figure.find(".//img") is not None:
            _rebuild(figure)
            count += 1
    for el in list(region.iter("div", "p", "span", "section")):
        if el is region or el.getparent() is None or el.find(".//figure") is not None:
            continue
        if any(a.tag == "figure" for a in el.iterancestors()):
            continue
        if _figure_like(el):
            _rebuild(el)
            count += 1
    for caption in region.iter("figcaption"):
        if caption.text and not len(caption):
            caption.text = fold(caption.text)
    return count
