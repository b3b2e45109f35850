"""Find walls in the server HTML (static phase) and the settled DOM (rendered phase)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from ..records import RenderedPage, Step, Wall


@dataclass(frozen=True)
class WallFindings:
    walls: tuple[Wall, ...]
    steps: tuple[Step, ...]


def find_walls(
    page: RenderedPage, doc: HtmlElement, server_doc: HtmlElement | None
) -> WallFindings:
    return WallFindings(walls=(), steps=())


def scrub(markdown: str, walls: tuple[Wall, ...]) -> str:
    return markdown


def completeness(walls: tuple[Wall, ...], markdown: str) -> str:
    return "full"
