"""Remove elements on behalf of a named step, and remember what went (the --explain record)."""

from __future__ import annotations

from lxml.html import HtmlElement

from extractor.dom import text_content
from extractor.records import Step

SAMPLE_COUNT = 3  # how many removed snippets a step keeps
SAMPLE_WORDS = 8  # how many words of each snippet
SAMPLE_CHARS = 300  # the snippet's words are read from this much of the removed text


class Removal:
    """One step's removals: ``take`` drops an element (keeping its tail text) and counts it."""

    def __init__(self, name: str, why: str) -> None:
        self.name = name
        self.why = why
        self.removed = 0
        self.samples: list[str] = []

    def take(self, el: HtmlElement) -> None:
        """Drop ``el`` if it is still on the page (not inside something dropped before)."""
        if not is_attached(el):
            return
        if len(self.samples) < SAMPLE_COUNT:
            words = text_content(el)[:SAMPLE_CHARS].split()[:SAMPLE_WORDS]
            if words:
                self.samples.append(" ".join(words))
        self.removed += 1
        el.drop_tree()

    def step(self) -> Step:
        return Step(self.name, self.why, self.removed, tuple(self.samples))


def is_attached(el: HtmlElement) -> bool:
    """Is the element still in its document (not inside a subtree that was dropped)?"""
    top = el
    for top in el.iterancestors():  # noqa: B007 - the last ancestor is what we want
        pass
    return top is not el and top is el.getroottree().getroot()
