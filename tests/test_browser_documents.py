"""The main frame's documents: a body crosses from the browser once."""

from __future__ import annotations

import asyncio
from typing import Any

from extractor.browser import served
from extractor.browser.documents import Documents


class FakeRequest:
    def __init__(self, frame: object) -> None:
        self.frame = frame

    def is_navigation_request(self) -> bool:
        return True


class FakeResponse:
    def __init__(self, frame: object, body: bytes) -> None:
        self.request = FakeRequest(frame)
        self.url = "https://pages.test/a"
        self.status = 200
        self.headers = {"content-type": "text/html; charset=utf-8"}
        self._body = body
        self.reads = 0

    async def body(self) -> bytes:
        self.reads += 1
        await asyncio.sleep(0)
        return self._body


class FakePage:
    def __init__(self) -> None:
        self.main_frame = object()
        self.handlers: dict[str, Any] = {}

    def on(self, event: str, handler: Any) -> None:
        self.handlers[event] = handler


def test_the_server_view_and_the_served_documents_share_one_read_of_the_body() -> None:
    async def run() -> tuple[str | None, list[bytes | None], int]:
        page = FakePage()
        watching = Documents(page)
        response = FakeResponse(page.main_frame, "<p>caf\u00e9</p>".encode())
        page.handlers["response"](response)
        html = await served.server_html(response, response.url, 1_000, watching.body)  # type: ignore[arg-type]
        documents = await watching.served(1_000)
        watching.close()
        return html, [d.body for d in documents], response.reads

    html, bodies, reads = asyncio.run(run())
    assert html == "<p>caf\u00e9</p>"
    assert bodies == ["<p>caf\u00e9</p>".encode()]
    assert reads == 1


def test_a_response_not_watched_is_read_on_its_own() -> None:
    async def run() -> tuple[str | None, int]:
        page = FakePage()
        watching = Documents(page)
        other = FakeResponse(object(), b"<p>frame</p>")  # a response of another frame
        page.handlers["response"](other)
        html = await served.server_html(other, other.url, 1_000, watching.body)  # type: ignore[arg-type]
        watching.close()
        return html, other.reads

    assert asyncio.run(run()) == ("<p>frame</p>", 1)
