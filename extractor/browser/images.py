"""Images taken through the rendering browser's own session, to be stored beside a note.

The bytes the page itself loaded are used while the browser still holds them (its cookies, its
Referer and its cache did the work); any other image is asked for through the same browser
context, so with the page's cookies, and with the page as Referer, as the page would ask.
Only http(s) URLs are followed (redirects included), only within the origin gate when one is
set, and within ``Options.image_max_count``, ``Options.image_max_bytes`` and a time budget.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError

from extractor.records import Options, PageImage

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Page, Response

FETCHABLE = ("http", "https")
# the most time the image requests of one page may take together, and one of them
IMAGES_BUDGET_MS = 20_000
REQUEST_TIMEOUT_MS = 10_000
MAX_REDIRECTS = 5


class Recorder:
    """Keeps the image responses a browser context sees, so that their bodies can be read."""

    def __init__(self) -> None:
        self.responses: dict[str, Response] = {}

    def seen(self, response: Response) -> None:
        url = response.url
        if response.request.resource_type == "image" and urlsplit(url).scheme in FETCHABLE:
            self.responses.setdefault(url, response)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


async def _loaded(response: Response | None, max_bytes: int) -> bytes | None:
    """The body of a response the page got, while the browser still holds it."""
    if response is None or not response.ok:
        return None
    with contextlib.suppress(PlaywrightError):
        body = await response.body()
        return body if len(body) <= max_bytes else None
    return None


async def _requested(
    context: BrowserContext, url: str, referer: str, max_bytes: int
) -> tuple[bytes | None, str | None]:
    """Ask for ``url`` from the context (its cookie jar), with the page as Referer."""
    try:
        response = await context.request.get(
            url,
            headers={"Referer": referer},
            timeout=REQUEST_TIMEOUT_MS,
            max_redirects=MAX_REDIRECTS,
            fail_on_status_code=False,
        )
    except PlaywrightError as exc:
        return None, (str(exc).splitlines() or ["request failed"])[0][:120]
    try:
        if not response.ok:
            return None, f"HTTP {response.status}"
        if urlsplit(response.url).scheme not in FETCHABLE:
            return None, "redirected away from http(s)"
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes:
            return None, f"larger than {max_bytes} bytes"
        body = await response.body()
        if len(body) > max_bytes:
            return None, f"larger than {max_bytes} bytes"
        return body, None
    finally:
        with contextlib.suppress(PlaywrightError):
            await response.dispose()


async def take_images(
    context: BrowserContext,
    page_url: str,
    urls: Sequence[str],
    recorder: Recorder,
    options: Options,
) -> tuple[PageImage, ...]:
    """The bytes of each http(s) image in ``urls`` (``data:`` URLs need no browser)."""
    allowed = {_origin(o) for o in options.allow_origins}
    wanted = [u for u in dict.fromkeys(urls) if not u.lower().startswith("data:")]
    got: list[PageImage] = []

    async def one(url: str) -> PageImage:
        if urlsplit(url).scheme.lower() not in FETCHABLE:
            return PageImage(url, error="not an http(s) URL")
        if allowed and _origin(url) not in allowed:
            return PageImage(url, error="outside the allowed origins")
        data = await _loaded(recorder.responses.get(url), options.image_max_bytes)
        if data is not None:
            return PageImage(url, data)
        data, error = await _requested(context, url, page_url, options.image_max_bytes)
        return PageImage(url, data, error)

    try:
        async with asyncio.timeout(IMAGES_BUDGET_MS / 1000):
            for index, url in enumerate(wanted):
                if index >= options.image_max_count:
                    got.append(PageImage(url, error=f"over {options.image_max_count} images"))
                    continue
                got.append(await one(url))
    except TimeoutError:
        done = {image.url for image in got}
        got += [PageImage(u, error="out of time") for u in wanted if u not in done]
    return tuple(got)


def listen(page: Page) -> Recorder:
    """Start keeping the image responses of ``page`` (and of its frames)."""
    recorder = Recorder()
    page.on("response", recorder.seen)
    return recorder


__all__ = ["Recorder", "listen", "take_images"]
