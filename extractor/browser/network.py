"""Record a page's network into a HAR, or replay a recording with nothing else reachable.

Recording uses Playwright's own HAR recorder (bodies as files beside the HAR); the raw HAR is
then cleaned by ``extractor.snapshot.recording`` (no secrets, stable names, sizes reported).
Replay puts three route handlers on the context; Playwright asks the last one added first:

  1. ``pace``     holds each response for as long as it took when recorded, so a slow API,
                  a late script and the walls they put up or take down come in the same order;
  2. the HAR      (``route_from_har``) answers what the recording holds, redirects included;
  3. ``missing``  aborts anything else at once and remembers its URL: the capture then fails
                  naming it (never a hang, never the live network).

Both modes pin what a page may read that changes between runs: its ``Date`` starts at the
recorded instant and runs on from there (``js/clock.js``; timers and ``performance.now`` stay
real, so settling and the wall watcher's timings behave as they did) and ``Math.random`` is a
seeded generator (``js/random.js``).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import NavigationError

# The longest a replayed response is held back (a recording of a request that hung).
MAX_PACE_MS = 5_000
# How a request missing from the recording is failed in the page.
MISSING_ABORT = "internetdisconnected"


@dataclass(frozen=True)
class Network:
    """What a capture does with the network: record it, or replay a recording."""

    record_to: Path | None = None  # the raw HAR file Playwright writes on context close
    replay_from: Path | None = None  # a cleaned recording (network.har)
    clock_ms: int | None = None  # epoch ms the page's clock starts at
    # replay: how long each response took when recorded (ms, in request order) by (method, URL)
    paces: tuple[tuple[tuple[str, str], tuple[float, ...]], ...] = ()
    # replay: requests that failed when recorded (aborted, blocked), failed again
    failed: frozenset[tuple[str, str]] = frozenset()


class NotRecordedError(NavigationError):
    """Replay met a request the recording does not hold."""


@dataclass
class Replay:
    """State of one replayed capture: the URLs the page asked for that were not recorded."""

    missing: list[str] = field(default_factory=list)

    def check(self, url: str) -> None:
        if self.missing:
            more = f" (and {len(self.missing) - 1} more)" if len(self.missing) > 1 else ""
            raise NotRecordedError(
                f"{url}: not in the recording: {self.missing[0]}{more}; record the page again"
            )


def context_settings(network: Network | None) -> dict[str, Any]:
    """Extra ``new_context`` settings: the HAR recorder when recording."""
    if network is None or network.record_to is None:
        return {}
    return {
        "record_har_path": str(network.record_to),
        "record_har_content": "attach",
        "record_har_mode": "full",
    }


async def prepare(context: Any, network: Network | None) -> Replay | None:
    """Pin the clock and Math.random; when replaying, route every request to the recording."""
    from extractor.browser.scripts import script

    if network is None:
        return None
    if network.clock_ms is not None:
        await context.add_init_script(script("clock.js").replace("START_MS", str(network.clock_ms)))
    await context.add_init_script(script("random.js"))
    if network.replay_from is None:
        return None
    replay = Replay()
    har = network.replay_from

    async def missing(route: Any) -> None:
        url = route.request.url
        if url not in replay.missing:
            replay.missing.append(url)
        await route.abort(MISSING_ABORT)

    await context.route("**/*", missing)
    await context.route_from_har(str(har), not_found="fallback")
    failed = network.failed
    paces = {key: list(times) for key, times in network.paces}

    async def pace(route: Any) -> None:
        key = (route.request.method, route.request.url)
        if key in failed:
            await route.abort("failed")  # it failed when recorded too
            return
        queue = paces.get(key)
        if queue:
            delay = queue.pop(0) if len(queue) > 1 else queue[0]
            await asyncio.sleep(min(delay, MAX_PACE_MS) / 1000)
        await route.fallback()

    await context.route("**/*", pace)
    return replay


__all__ = [
    "Network",
    "NotRecordedError",
    "Replay",
    "context_settings",
    "prepare",
]
