"""extractor: render a web page in headless Chromium and turn its article into clean Markdown.

    >>> from extractor import extract_html
    >>> extract_html("<article><h1>Hi</h1><p>Text.</p></article>").markdown

``extract(url)`` renders with a browser; ``extract_async`` is its twin for asyncio code;
``extract_html`` needs no browser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractor.errors import (
    ExtractorError,
    NavigationError,
    NoBrowserError,
    NotHtmlError,
    OutputError,
    PageTimeoutError,
    SnapshotMismatch,
    UsageError,
    WallError,
)
from extractor.records import Extraction, Metadata, Options, RenderedPage, Step, Wait, Wall

if TYPE_CHECKING:
    from extractor.api import (
        capture,
        capture_async,
        extract,
        extract_async,
        extract_many,
        extract_many_async,
        open_session,
    )
    from extractor.pipeline import extract_html, extract_page

__version__ = "0.1.0"

_BROWSER_API = (
    "capture",
    "capture_async",
    "extract",
    "extract_async",
    "extract_many",
    "extract_many_async",
    "open_session",
)


def __getattr__(name: str) -> object:
    # Imported when first asked for: the browser side loads Playwright, the pipeline lxml and
    # markdownify, and `import extractor` (which every command starts with) stays quick.
    if name in _BROWSER_API:
        from extractor import api

        return getattr(api, name)
    if name in ("extract_html", "extract_page"):
        from extractor import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)


__all__ = [
    "Extraction",
    "ExtractorError",
    "Metadata",
    "NavigationError",
    "NoBrowserError",
    "NotHtmlError",
    "Options",
    "OutputError",
    "PageTimeoutError",
    "RenderedPage",
    "SnapshotMismatch",
    "Step",
    "UsageError",
    "Wait",
    "Wall",
    "WallError",
    "__version__",
    "capture",
    "capture_async",
    "extract",
    "extract_async",
    "extract_html",
    "extract_many",
    "extract_many_async",
    "extract_page",
    "open_session",
]
