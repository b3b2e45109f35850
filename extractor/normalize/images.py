"""Images in one shape: the real URL in ``src`` (lazy loaders undone), no pixels, no placeholders.

Lazy loaders keep the real address in ``data-src``, ``data-srcset``, ``data-lazy-src``, a
``<picture><source srcset>`` or a ``<noscript>`` copy, and put a grey ``data:`` URI or a
``blank.gif`` in ``src``. Each step here is a pure function of the region that reports what it
removed.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote

from lxml import html
from lxml.html import HtmlElement

from extractor.records import Step
from extractor.removal import Removal

# attributes that hold the real image URL, best first
LAZY_SRC_ATTRS = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-orig-file",
)
# attributes that hold a srcset ("a.jpg 480w, b.jpg 1024w")
SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "srcset")
# a src that is only a stand-in until the script swaps in the real one
# (These three are handed to the capture script too, which writes the chosen URL into src.)
PLACEHOLDER = re.compile(
    r"^data:|^about:blank|(?:^|/)(?:blank|spacer|pixel|transparent|empty|grey|gray|1x1|"
    r"placeholder|lazy[-_]?load\w*|loading|loader)\.(?:gif|png|svg|jpe?g|webp)(?:$|\?)",
    re.IGNORECASE,
)
# a data: image URI at least this long is the picture itself: a lazy loader's stand-in (a 1x1 GIF,
# an empty SVG of the right size) is far shorter
INLINE_IMAGE_MIN_CHARS = 400
# ...and its base64 is not mostly one character (a blank image compresses to runs of "A")
BLANK_SHARE = 0.2
_SVG_DRAWS = re.compile(
    r"<(?:path|rect|circle|ellipse|line|polyline|polygon|text|image|use)\b", re.IGNORECASE
)
# tracking pixels and beacons, known by where they point
_TRACKER = re.compile(
    r"doubleclick\.net|google-analytics\.com|googletagmanager\.com|scorecardresearch\.com|"
    r"facebook\.com/tr|quantserve\.com|chartbeat\.net|bat\.bing\.com|pixel\.wp\.com|"
    r"amazon-adsystem\.com|/pixel(?:\.gif|\.png)?(?:$|\?)|/beacon|/b/ss/",
    re.IGNORECASE,
)
# an image this small (width or height, CSS pixels) is a pixel, not a picture
PIXEL_MAX = 2
# attributes left over once the real URL is in src
_SPENT_ATTRS = (*LAZY_SRC_ATTRS, *SRCSET_ATTRS, "sizes", "loading", "decoding", "data-sizes")


def _is_real(url: str | None) -> bool:
    url = (url or "").strip()
    if url[:11].lower() == "data:image/":
        return is_inline_picture(url)
    return bool(url) and not PLACEHOLDER.search(url)


def is_inline_picture(url: str) -> bool:
    """Whether a ``data:image/`` URI is a picture the page embeds (a chart, a map) rather than a
    lazy loader's stand-in: long enough, and not blank (a blank PNG's base64 is mostly "A"s; an
    empty SVG draws nothing)."""
    if len(url) < INLINE_IMAGE_MIN_CHARS:
        return False
    head, _, payload = url.partition(",")
    if head.lower().endswith(";base64"):
        payload = re.sub(r"\s+|%0[aAdD]", "", payload)
        top = Counter(payload).most_common(1)
        return bool(top) and top[0][1] / len(payload) < BLANK_SHARE
    return bool(_SVG_DRAWS.search(unquote(payload)))


def best_of_srcset(srcset: str | None) -> str | None:
    """The largest candidate of a srcset (by width, then density; the last one on a tie)."""
    best: tuple[float, str] | None = None
    for part in re.split(r",\s+|,(?=https?:|/)", srcset or ""):
        pieces = part.strip().split()
        if not pieces or not _is_real(pieces[0]):
            continue
        size = 1.0
        if len(pieces) > 1:
            found = re.match(r"^(\d+(?:\.\d+)?)([wx])$", pieces[1])
            if found:
                size = float(found[1]) * (1 if found[2] == "w" else 1000)
        if best is None or size >= best[0]:
            best = (size, pieces[0])
    return best[1] if best else None


def _picture_of(img: HtmlElement) -> HtmlElement | None:
    # lxml's parser does not know <source> is empty, so the <img> may sit inside it
    for ancestor in img.iterancestors():
        if ancestor.tag == "picture":
            return ancestor
        if ancestor.tag != "source":
            return None
    return None


def _sources(img: HtmlElement) -> list[str]:
    """srcset values of the <source> siblings in a <picture>."""
    picture = _picture_of(img)
    if picture is None:
        return []
    found = []
    for source in picture.iter("source"):
        for attr in SRCSET_ATTRS:
            if source.get(attr):
                found.append(source.get(attr, ""))
    return found


def _noscript_src(img: HtmlElement) -> str | None:
    """The src of the <img> in a <noscript> right after a lazy image."""
    after = img.getnext()
    if after is None or after.tag != "noscript":
        picture = _picture_of(img)
        after = picture.getnext() if picture is not None else None
    if after is None or after.tag != "noscript":
        return None
    found = _noscript_images(after)
    return str(found[0].get("src", "")) if found else None


def _noscript_images(noscript: HtmlElement) -> list[HtmlElement]:
    images = list(noscript.iter("img"))
    if images or "<img" not in (noscript.text or ""):
        return images
    # a DOM captured with scripting on serialises <noscript> content as text
    try:
        fragment = html.fragment_fromstring(noscript.text or "", create_parent="div")
    except (ValueError, TypeError):
        return []
    return list(fragment.iter("img"))


def _real_url(img: HtmlElement) -> str | None:
    for srcset in [*(img.get(a) for a in SRCSET_ATTRS), *_sources(img)]:
        best = best_of_srcset(srcset)
        if best:
            return best
    for attr in (*LAZY_SRC_ATTRS, "src"):
        if _is_real(img.get(attr)):
            return str(img.get(attr, "")).strip()
    found = _noscript_src(img)
    return found if _is_real(found) else None


def resolve_lazy(region: HtmlElement) -> Step:
    """Put each image's best real URL into src; drop images that have none."""
    removal = Removal("placeholder-images", "images with no real URL (lazy-load stand-ins)")
    for img in list(region.iter("img")):
        url = _real_url(img)
        if url is None:
            removal.take(img)
            continue
        img.set("src", url)
        for attr in _SPENT_ATTRS:
            img.attrib.pop(attr, None)
    for picture in list(region.iter("picture")):
        for source in list(picture.iter("source")):
            source.drop_tag()  # an <img> parsed inside it stays
    return removal.step()


def unwrap_noscript(region: HtmlElement) -> Step:
    """<noscript>: a lazy image's copy is already used; a lone image stays; the rest goes."""
    removal = Removal("noscript", "fallback content for clients without JavaScript")
    for noscript in list(region.iter("noscript")):
        previous = noscript.getprevious()
        follows_image = previous is not None and (
            previous.tag == "img" or previous.find(".//img") is not None
        )
        images = [] if follows_image else _noscript_images(noscript)
        if images:
            for img in images:
                noscript.addprevious(_plain_image(img))
        removal.take(noscript)
    return removal.step()


def _plain_image(img: HtmlElement) -> HtmlElement:
    copy = html.Element("img", src=img.get("src", ""))
    if img.get("alt"):
        copy.set("alt", img.get("alt", ""))
    return copy


def _is_pixel(img: HtmlElement) -> bool:
    """A beacon by its URL, or an image with a stated size of a pixel or two: a 1x1 pixel, or a
    spacer a pixel high that indents or rules a table layout (a stated size of 0 beside a real
    one is a picture whose height the page sets once laid out)."""
    sizes = [re.match(r"^\s*(\d+)", img.get(attr) or "") for attr in ("width", "height")]
    stated = [int(found[1]) for found in sizes if found]
    if stated and (max(stated) <= PIXEL_MAX or 0 < min(stated) <= PIXEL_MAX):
        return True
    return bool(_TRACKER.search(img.get("src") or ""))


def drop_pixels(region: HtmlElement) -> Step:
    """Tracking pixels and beacons (1x1 images, analytics URLs)."""
    removal = Removal("tracking-pixels", "1x1 images and analytics beacons")
    for img in list(region.iter("img")):
        if _is_pixel(img):
            removal.take(img)
    return removal.step()
