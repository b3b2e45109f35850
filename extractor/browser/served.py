"""The main document as the server sent it: status, headers, content type, its decoded body,
and the documents of a client-side redirect chain."""

from __future__ import annotations

import asyncio
import mimetypes
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

from playwright.async_api import Error as PlaywrightError

from extractor.browser.documents import Served
from extractor.records import ServedDocument

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from playwright.async_api import Response

# Content types the pipeline can read; anything else is refused with NotHtmlError.
HTML_TYPES = ("text/html", "application/xhtml+xml")


def chain(
    first_html: str | None, served: list[Served], final_url: str
) -> tuple[str | None, tuple[ServedDocument, ...]]:
    """The final document's server HTML, and the documents shown before it (a redirect chain).

    ``first_html`` is the first document's, read when navigation committed (or from disk)."""
    if len(served) < 2:
        return first_html or (_decoded(served[0]) if served else None), ()
    last = len(served) - 1
    while last > 0 and served[last].url != final_url and served[last].body is None:
        last -= 1
    htmls = [first_html or _decoded(served[0])] + [_decoded(s) for s in served[1:]]
    earlier = tuple(
        ServedDocument(url=s.url, status=s.status, headers=s.headers, html=html)
        for s, html in zip(served[:last], htmls[:last], strict=True)
        if html is not None
    )
    return htmls[last], earlier


def _decoded(served: Served) -> str | None:
    if served.body is None:
        return None
    return decode_html(served.body, served.headers.get("content-type", ""))


def response_facts(
    response: Response | None, target: str
) -> tuple[int | None, dict[str, str], str | None]:
    """Status, lower-cased headers and the bare content type of the main document."""
    if target.startswith("file:"):
        guessed = mimetypes.guess_type(target)[0]
        return None, {}, guessed or "text/html"
    if response is None:
        return None, {}, None
    headers = {k.lower(): v for k, v in response.headers.items()}
    raw = headers.get("content-type", "")
    content_type = raw.split(";")[0].strip().lower() or None
    return response.status, headers, content_type


async def server_html(
    response: Response | None,
    target: str,
    timeout_ms: int,
    body_of: Callable[[Response], Awaitable[bytes | None]] | None = None,
) -> str | None:
    """The main document's HTML as the server sent it (a local file's, read from disk); its
    body read with ``body_of`` when given (one that may already be on its way)."""
    if target.startswith("file:"):
        try:
            body = Path(url2pathname(urlsplit(target).path)).read_bytes()
        except OSError:
            return None
        return decode_html(body, "")
    if response is None:
        return None
    try:
        reading: Awaitable[bytes | None] = (
            body_of(response) if body_of is not None else response.body()
        )
        sent = await asyncio.wait_for(reading, max(timeout_ms, 1) / 1000)
    except (PlaywrightError, TimeoutError):
        return None  # the body never finished (or was evicted): no server view
    if sent is None:
        return None
    return decode_html(sent, response.headers.get("content-type", ""))


def decode_html(body: bytes, content_type: str) -> str:
    """Decode with the header's charset, else a <meta charset> near the top, else UTF-8."""
    charset = "utf-8"
    declared = _CHARSET.search(content_type.encode("ascii", "replace")) or _CHARSET.search(
        body[:4096]
    )
    if declared:
        charset = declared.group(1).decode("ascii")
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


__all__ = ["HTML_TYPES", "chain", "decode_html", "response_facts", "server_html"]
