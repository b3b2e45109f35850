from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from extractor.browser.launch import launch_args
from tests.livebrowser import Browser
from tests.pageserver import serve_pages


@pytest.fixture(scope="session")
def pages_url() -> Iterator[str]:
    """Base URL of the fixture page server (http://127.0.0.1:PORT/)."""
    with serve_pages() as url:
        yield url


@pytest.fixture(scope="session")
def live() -> Iterator[Browser]:
    """The one browser the in-process browser tests share (see tests/livebrowser.py)."""
    shared = Browser()
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Point pytest-playwright at the browser the product itself would find."""
    return {**browser_type_launch_args, **launch_args()}
