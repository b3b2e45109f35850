"""The in-page scripts of ``js/``, and what the capture script is handed from Python."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from extractor.article.boilerplate import (
    DISCLOSED_MAX_LINKED,
    DISCLOSED_NAMES,
    DISCLOSED_TEXT_CHARS,
)
from extractor.article.tabs import TAB_NAMES
from extractor.browser.documents import BINDING
from extractor.normalize import images as lazy

# A fixed/sticky box covering at least this share of the viewport is marked as an overlay.
OVERLAY_MIN_SHARE = 0.3
# What capture.js is handed: the overlay threshold, the lazy-image vocabulary the pure
# normalisation uses, so the page script and Python choose an image's URL the same way, and the
# class names of a tab strip and of a panel a reader opens in place, so that both keep the same
# hidden panels.
CAPTURE_SETTINGS = {
    "overlayMinShare": OVERLAY_MIN_SHARE,
    "lazySrc": list(lazy.LAZY_SRC_ATTRS),
    "lazySrcset": list(lazy.SRCSET_ATTRS),
    "placeholder": lazy.PLACEHOLDER.pattern,  # written in the syntax JavaScript shares
    "tabNames": TAB_NAMES.pattern,  # the same
    "disclosedNames": DISCLOSED_NAMES.pattern,  # the same
    # a panel that a disclosure control opens reads as text: this much outside links, and no
    # more than this share of it in links
    "disclosedTextChars": DISCLOSED_TEXT_CHARS,
    "disclosedMaxLinked": DISCLOSED_MAX_LINKED,
}


@cache
def script(name: str) -> str:
    """An in-page script from extractor/js/, loaded once."""
    return (resources.files("extractor.browser") / "js" / name).read_text(encoding="utf-8")


@cache
def keep_script() -> str:
    """``js/keep.js`` with the capture script and its options built in."""
    source = script("keep.js").replace("__BINDING__", BINDING)
    source = source.replace("__OPTIONS__", json.dumps(CAPTURE_SETTINGS), 1)
    return source.replace("__CAPTURE__", script("capture.js").strip(), 1)


__all__ = ["CAPTURE_SETTINGS", "OVERLAY_MIN_SHARE", "keep_script", "script"]
