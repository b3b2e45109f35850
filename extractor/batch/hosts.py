"""Politeness per host: at most N pages of one host at once, a pause between them, and the
wait a ``Retry-After`` header asked for. Pages of other hosts go on meanwhile."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    """The host a URL is polite to (lower case, port kept; local files share one)."""
    parts = urlsplit(url)
    return (parts.netloc or parts.scheme or "local").lower()


class _Host:
    def __init__(self, per_host: int) -> None:
        self.slots = asyncio.Semaphore(per_host)
        self.lock = asyncio.Lock()
        self.not_before = 0.0  # monotonic time before which no page of this host starts
        self.users = 0


class HostGate:
    """``async with gate.slot(url):`` waits for a free slot of the URL's host and its pause."""

    def __init__(self, per_host: int = 0, delay_s: float = 0.0) -> None:
        self.per_host = per_host  # 0: no limit
        self.delay_s = max(0.0, delay_s)
        self._hosts: dict[str, _Host] = {}

    def defer(self, url: str, seconds: float) -> None:
        """The host asked (Retry-After) that nothing start for ``seconds``."""
        host = self._host(host_of(url))
        host.not_before = max(host.not_before, time.monotonic() + seconds)

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(self.per_host or 1_000_000)
        return host

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        name = host_of(url)
        host = self._host(name)
        host.users += 1
        try:
            async with host.slots:
                async with host.lock:  # starts of one host are spaced by the delay
                    wait = host.not_before - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    host.not_before = max(host.not_before, time.monotonic() + self.delay_s)
                yield
        finally:
            host.users -= 1
            if host.users == 0 and host.not_before <= time.monotonic():
                del self._hosts[name]  # a long batch keeps no record of hosts it is done with


__all__ = ["HostGate", "host_of"]
