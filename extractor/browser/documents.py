"""The main frame's documents while a page loads, watched from Playwright's events.

- Every document the main frame received keeps its server HTML: a client-side redirect chain
  (``location.replace``, a meta refresh, a challenge that reloads) has several, and each one has
  a static phase of its own.
- When a navigation away from a top document starts (the page's own script), the document hands its rendered view
  (its DOM as ``js/capture.js`` writes it, and the wall watcher's record) over a page binding
  (``js/keep.js``): if the next document fails (an unreachable host, Chromium's error page),
  this last good capture is kept. A document that went while it was still being parsed hands
  over nothing: the server's HTML is all there is of it.
"""

from __future__ import annotations

import asyncio
import json
import weakref
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Error as PlaywrightError

# The address of the document Chromium shows when a navigation fails.
ERROR_PAGE = "chrome-error://"
# Documents whose view is worth keeping (not about:blank, not Chromium's error page).
KEPT_SCHEMES = ("http:", "https:", "file:")
# The page binding through which a top document hands over its view as it goes.
BINDING = "__extractorKeep"


@dataclass(frozen=True)
class GoodCapture:
    """The rendered view of a document, taken just before a script navigated away from it."""

    url: str
    dom_html: str
    sightings: Any  # what the wall watcher returned, read by watcher.read_sightings


@dataclass(frozen=True)
class Served:
    """One main-frame document as the server sent it."""

    url: str
    status: int | None
    headers: dict[str, str]
    body: bytes | None


async def listen(context: Any) -> None:
    """Let every page of ``context`` hand over its view as a navigation away starts: one
    binding for the whole context, set before its pages open (a binding added to a page that
    is already open costs a round trip to each of its frames). What a page hands over goes to
    the ``Documents`` watching it; a page nobody watches is ignored."""
    await context.expose_binding(BINDING, _handed)


# The Documents watching each page, for the context's binding to find.
_WATCHING: weakref.WeakKeyDictionary[Any, Documents] = weakref.WeakKeyDictionary()


def _handed(source: Any, payload: Any) -> None:
    watching = _WATCHING.get(source.get("page")) if isinstance(source, dict) else None
    if watching is not None:
        watching.on_handed(payload)


class Documents:
    """Watches one page: the documents of its main frame, and the last good capture (handed
    over through the binding that ``listen`` set on the page's context)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.loaded = False  # set once the first document reached DOMContentLoaded
        self.last_good: GoodCapture | None = None
        self._served: list[tuple[str, int | None, dict[str, str], asyncio.Task[bytes | None]]] = []
        self._bodies: dict[Any, asyncio.Future[bytes | None]] = {}
        page.on("response", self._on_response)
        page.on("domcontentloaded", self._on_loaded)
        _WATCHING[page] = self

    def _on_loaded(self, _: Any) -> None:
        self.loaded = True

    def _is_main_document(self, request: Any) -> bool:
        try:
            return bool(request.is_navigation_request() and request.frame == self.page.main_frame)
        except PlaywrightError:
            return False

    def _on_response(self, response: Any) -> None:
        if not self._is_main_document(response.request) or 300 <= response.status < 400:
            return  # an HTTP redirect carries no document
        task = asyncio.ensure_future(_body(response))
        self._served.append((response.url, response.status, dict(response.headers), task))
        self._bodies[response] = task

    async def body(self, response: Any) -> bytes | None:
        """The body of ``response``: when it is a main-frame document of this page, the one
        already asked for (the body crosses from the browser once, not twice)."""
        task = self._bodies.get(response)
        if task is None:
            return await _body(response)
        return await asyncio.shield(task)

    def on_handed(self, payload: Any) -> None:
        """Keep the view a top document handed over as it went (``js/keep.js``)."""
        try:
            data = json.loads(str(payload))
            taken = GoodCapture(str(data["url"]), str(data["dom"]), data.get("sightings"))
        except (ValueError, KeyError, TypeError):
            return
        # a document still being parsed (a redirect in its head) has no view worth keeping
        if data.get("ready") != "loading" and taken.url.startswith(KEPT_SCHEMES):
            self.last_good = taken

    async def served(self, timeout_ms: int) -> list[Served]:
        """Every main-frame document received so far, in order, with its body.

        Chromium drops the body of a document replaced while it loaded (a script redirect in
        its head): that one is asked for again, once, in the page's context (its cookies)."""
        out: list[Served] = []
        for url, status, headers, task in self._served:
            body = None
            try:
                body = await asyncio.wait_for(asyncio.shield(task), max(timeout_ms, 1) / 1000)
            except (TimeoutError, PlaywrightError):
                body = None
            except asyncio.CancelledError:
                current = asyncio.current_task()
                if current is not None and current.cancelling():
                    raise  # the capture's time limit (or the caller) stops it: not a missing body
                body = None  # the body's own task was cancelled
            if body is None:
                body = await self._again(url, timeout_ms)
            out.append(Served(url, status, {k.lower(): v for k, v in headers.items()}, body))
        return out

    async def _again(self, url: str, timeout_ms: int) -> bytes | None:
        if not url.startswith(("http:", "https:")) or timeout_ms <= 0:
            return None
        try:
            answer = await self.page.context.request.get(
                url, timeout=timeout_ms, max_redirects=0, fail_on_status_code=False
            )
            body: bytes = await answer.body()
        except PlaywrightError:
            return None
        return body

    def close(self) -> None:
        _WATCHING.pop(self.page, None)
        for _, _, _, task in self._served:
            task.cancel()


async def _body(response: Any) -> bytes | None:
    try:
        body: bytes = await response.body()
    except PlaywrightError:
        return None
    return body
