"""Figures in one shape: ``<figure><img ...>...<figcaption>caption credit</figcaption></figure>``.

Sites wrap a picture and its caption in many ways (``<figure>``, WordPress's ``div.wp-caption``
with ``p.wp-caption-text``, a ``div`` with ``span.caption`` and ``span.credit``, a caption
right after the picture, or only the image's ``title`` on a picture standing alone in its
block); the Markdown converter only has to know the one shape this step leaves. A caption is kept only with what it describes: ``describes_something`` is the one test
the article step and this step share, and a caption left without its picture goes.
"""

from __future__ import annotations

import re

from lxml import html
from lxml.html import HtmlElement

from extractor.dom import ancestor, fold, previous_element, text_of
from extractor.markdown.escaping import is_junk_alt
from extractor.records import Step
from extractor.removal import Removal

# class names of caption and credit parts
_CAPTION_NAME = re.compile(r"caption|credit|legend|attribution", re.IGNORECASE)
# class names of containers that pair one picture with its caption
_FIGURE_NAME = re.compile(
    r"wp-caption|(?:^|[\s_-])(?:figure|image|img|photo|media)(?:$|[\s_-])", re.I
)
# a caption longer than this is article text next to a picture, not a caption
CAPTION_MAX_CHARS = 400
# what a figure without a picture may show under its caption
CAPTIONED_BLOCKS = ("pre", "table", "blockquote")
# an element holding the picture a caption follows has at most this much text of its own
IMAGE_HOLDER_MAX_CHARS = 20
# class names of pictures that decorate (a member's badge, an icon, an avatar): their title is
# a tooltip, not a caption
_DECORATION_NAME = re.compile(
    r"(?:^|[\s_-])(?:badge|icon|avatar|emoji|logo)s?(?:$|[\s_-])", re.IGNORECASE
)
_WORDS = re.compile(r"[^\W_]+")


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


def _image_holder(el: HtmlElement | None) -> bool:
    """An image, or an element holding one image and (almost) no text (a link, a <picture>)."""
    if el is None or not isinstance(el.tag, str):
        return False
    if el.tag == "img":
        return True
    return len(el.findall(".//img")) == 1 and len(text_of(el)) <= IMAGE_HOLDER_MAX_CHARS


def follows_image(caption: HtmlElement) -> HtmlElement | None:
    """The picture right before a caption outside <figure> ("class*=caption" under an image)."""
    before = previous_element(caption, adjacent=True)
    if _image_holder(before):
        return before
    parent = caption.getparent()
    # <div class=photo><img></div><p class=caption> nested one level down: the caption first
    if parent is not None and before is None and not (parent.text or "").strip():
        outer = previous_element(parent, adjacent=True)
        if _image_holder(outer) and len(text_of(parent)) == len(text_of(caption)):
            return outer
    return None


def describes_something(caption: HtmlElement) -> bool:
    """Does a caption belong to a picture (or a code block, table or quote) it stays with?"""
    for above in caption.iterancestors():
        if above.tag == "figure":
            return above.find(".//img") is not None or any(
                above.find(f".//{tag}") is not None for tag in CAPTIONED_BLOCKS
            )
        if above.tag in ("div", "p", "span", "section") and _figure_like(above):
            return True
    if len(text_of(caption)) > CAPTION_MAX_CHARS:
        return False
    return follows_image(caption) is not None


def _wrap_loose(caption: HtmlElement, holder: HtmlElement) -> None:
    """Put a picture and the caption after it into one <figure>."""
    figure = html.Element("figure")
    figure.tail = caption.tail
    caption.tail = None
    holder.addprevious(figure)
    parent = caption.getparent()
    figure.append(holder)
    figure.append(caption)
    if parent is not None and parent is not holder and not len(parent) and not text_of(parent):
        parent.drop_tree()  # the wrapper the caption sat in, now empty
    _rebuild(figure)


# elements that may hold a picture standing alone in its block (a link to the full size)
_IMAGE_WRAPPERS = ("a", "picture", "span")


# inline elements: beside one, a picture sits in a line of text
_INLINE = frozenset(
    {"a", "span", "em", "strong", "b", "i", "u", "code", "img", "sub", "sup", "small", "abbr"}
)


def _own_line(el: HtmlElement) -> bool:
    """Nothing inline touches ``el``: no text, no inline element before or after it."""
    parent = el.getparent()
    prev, nxt = el.getprevious(), el.getnext()
    before = (
        parent.text
        if prev is None and parent is not None
        else (prev.tail if prev is not None else "")
    )
    if (before or "").strip() or (el.tail or "").strip():
        return False
    return not any(n is not None and n.tag in _INLINE for n in (prev, nxt))


def _lone_image_holder(img: HtmlElement) -> HtmlElement | None:
    """The image, or the link or <picture> around it, when it stands on a line of its own."""
    holder = img
    parent = img.getparent()
    while parent is not None and parent.tag in _IMAGE_WRAPPERS and not text_of(parent):
        holder, parent = parent, parent.getparent()
    if parent is None or len(holder.findall(".//img")) + (holder.tag == "img") != 1:
        return None
    return holder if _own_line(holder) else None


def _title_caption(img: HtmlElement, seen: str) -> str:
    """An image's title when it says what its alt does not (the caption a reader never sees),
    and is a caption: not the file's name (WordPress titles an upload after its file), not a
    line the reader already sees beside the picture (``seen``: the region's text, case-folded)."""
    title = fold(img.get("title"))
    if not title or len(title) > CAPTION_MAX_CHARS or is_junk_alt(title):
        return ""
    folded = title.casefold()
    if folded == fold(img.get("alt")).casefold() or _says_again(folded, seen):
        return ""
    return "" if _names_the_file(title, img.get("src") or "") else title


def _says_again(words: str, seen: str) -> bool:
    """Do these words stand, as words, in the text already seen?"""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", seen) is not None


def _names_the_file(title: str, src: str) -> bool:
    """Is the title the image file's name ("Screen Shot 2012-10-17 at 12.04.43 PM" for
    ``Screen-Shot-2012-10-17-at-12.04.43-PM.png``): every word of it in the file's name?"""
    stem = src.split("?")[0].rsplit("/", 1)[-1]
    in_file = set(_WORDS.findall(stem.casefold()))
    words = _WORDS.findall(title.casefold())
    return bool(words) and all(word in in_file for word in words)


def _decoration(img: HtmlElement, holder: HtmlElement) -> bool:
    """A badge, icon or avatar by its own class or its holder's or their parent's."""
    around = [img, holder, holder.getparent()]
    return any(el is not None and _DECORATION_NAME.search(el.get("class") or "") for el in around)


def _caption_titles(region: HtmlElement) -> int:
    """A picture alone in its block whose only caption is its title: into a <figure>."""
    count = 0
    seen = ""
    for img in list(region.iter("img")):
        if not img.get("title") or any(a.tag == "figure" for a in img.iterancestors()):
            continue
        seen = seen or text_of(region).casefold()
        caption = _title_caption(img, seen)
        holder = _lone_image_holder(img) if caption else None
        if holder is None or _decoration(img, holder):
            continue
        figure = html.Element("figure")
        figure.tail, holder.tail = holder.tail, None
        holder.addprevious(figure)
        figure.append(holder)
        figcaption = html.Element("figcaption")
        figcaption.text = caption
        figure.append(figcaption)
        _rebuild(figure)
        count += 1
    return count


def _drop_orphans(region: HtmlElement, removal: Removal) -> None:
    """Captions with nothing left to describe (the picture went: a placeholder, a video)."""
    for caption in list(region.iter("figcaption")):
        if not describes_something(caption):
            removal.take(caption)


def normalize_figures(region: HtmlElement) -> Step:
    """Rebuild every picture-with-caption as one <figure>; captions without one go."""
    removal = Removal("orphan-captions", "captions whose picture is gone")
    count = 0
    for figure in list(region.iter("figure")):
        if figure.find(".//img") is not None:
            _rebuild(figure)
            count += 1
    for el in list(region.iter("div", "p", "span", "section")):
        if el is region or el.getparent() is None or el.find(".//figure") is not None:
            continue
        if ancestor(el, "figure") is not None:
            continue
        if _figure_like(el):
            _rebuild(el)
            count += 1
    for el in list(region.iter("div", "p", "span")):
        if el.getparent() is None or not _is_caption(el) or not text_of(el):
            continue
        if ancestor(el, "figure") is not None:
            continue
        holder = follows_image(el) if len(text_of(el)) <= CAPTION_MAX_CHARS else None
        if holder is not None:
            _wrap_loose(el, holder)
            count += 1
    count += _caption_titles(region)
    _drop_orphans(region, removal)
    for caption in region.iter("figcaption"):
        if caption.text and not len(caption):
            caption.text = fold(caption.text)
    return removal.step()
