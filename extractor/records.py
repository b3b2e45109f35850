"""The records that flow through the pipeline: options in, rendered page, extraction out.

Everything here is a frozen dataclass of plain values, so a record can be compared, hashed,
stored as JSON and rebuilt from it (see ``to_dict`` / ``from_dict``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

WallKind = Literal["javascript", "bot-check", "paywall", "consent", "login", "geo-block"]
WallPhase = Literal["static", "rendered"]
Completeness = Literal["full", "teaser", "none"]
ConsentPolicy = Literal["remove", "reject", "accept"]

WALL_KINDS: tuple[str, ...] = (
    "javascript",
    "bot-check",
    "paywall",
    "consent",
    "login",
    "geo-block",
)


@dataclass(frozen=True)
class Options:
    """Every setting of one capture, shared by the CLI, the library and the snapshot tools."""

    # -- render: how long and how the page is allowed to settle
    timeout_ms: int = 30_000  # one hard cap on navigation + settling + scrolling + capture
    network_idle_ms: int = 5_000  # the most we wait for network idle after DOMContentLoaded
    quiet_ms: int = 500  # a DOM with no mutations for this long counts as settled
    quiet_cap_ms: int = 5_000  # the most we wait for that quiet window
    wait_for: str | None = None  # CSS selector that must appear before capture
    wall_wait_ms: int = 10_000  # the most we wait for a bot check or loading wall to clear
    scroll: bool = True  # scroll through the page so lazy content loads
    scroll_steps: int = 12  # at most this many viewport-high steps
    scroll_budget_ms: int = 4_000  # and at most this long
    viewport: tuple[int, int] = (1280, 900)
    locale: str = "en-US"
    timezone: str = "UTC"
    user_agent: str | None = None
    consent: ConsentPolicy = "remove"  # remove overlays, or click reject/accept first
    wall_screenshot_dir: str | None = None  # save a viewport PNG when a rendered wall stays
    allow_origins: tuple[str, ...] = ()  # when set, requests to any other origin are aborted
    # -- images: taken through the page's own session, for storing beside a note
    save_images: bool = False
    image_max_count: int = 200  # at most this many images per page
    image_max_bytes: int = 25_000_000  # an image larger than this is left remote
    block_unneeded: bool = True  # refuse web fonts, audio/video and trackers (browser/blocking.py)
    # -- browser: where it comes from
    browser_path: str | None = None
    cdp_endpoint: str | None = None
    # -- session: pages the user may read (never shown in a repr, never written anywhere)
    storage_state: str | None = None  # a storage state file (cookies, localStorage), as auth writes
    cookies_file: str | None = None  # a Netscape cookies.txt
    user_data_dir: str | None = None  # a persistent browser profile to run in
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # to the URL's origin only
    auth_user: str | None = None  # HTTP basic auth, to the URL's origin only
    auth_password: str | None = field(default=None, repr=False)
    # -- extraction
    include_comments: bool = False
    skip_steps: tuple[str, ...] = ()  # names of extraction steps to switch off (for bisecting)


@dataclass(frozen=True)
class Wait:
    """How the settle wait ended: which condition ended it and after how long."""

    # "quiet", "network-idle", "selector", "timeout", "load", "static", or "navigated-away" (the
    # page's scripts navigated to a failure; the last good DOM was captured)
    ended_by: str
    elapsed_ms: int


@dataclass(frozen=True)
class WallSighting:
    """One wall phrase the in-page watcher saw while the page loaded."""

    phrase_id: str  # the lexicon entry's id
    text: str  # the visible text of the element that held it
    first_seen_ms: int  # since navigation start
    cleared_ms: int | None  # None: still visible at capture


@dataclass(frozen=True)
class PageImage:
    """An image of the page as the browser could get it: its bytes, or why not."""

    url: str
    data: bytes | None = field(default=None, repr=False)
    error: str | None = None


@dataclass(frozen=True)
class ServedDocument:
    """A document the main frame showed before the final one (a client-side redirect chain)."""

    url: str
    status: int | None
    headers: dict[str, str]  # lower-case names
    html: str  # its server HTML


@dataclass(frozen=True)
class RenderedPage:
    """What a capture produces: both views of the page and how it got there."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int | None  # HTTP status of the main document, None for a local file
    headers: dict[str, str]  # main document response headers, lower-case names
    server_html: str | None  # the main document's response body (None when unavailable)
    dom_html: str  # the settled DOM, with shadow roots and iframes inlined, hidden nodes dropped
    wait: Wait
    sightings: tuple[WallSighting, ...] = ()
    content_type: str = "text/html"
    rendered: bool = True  # False when the DOM is the server HTML itself (no browser ran)
    timings: dict[str, int] = field(default_factory=dict)
    screenshot: bytes | None = field(default=None, compare=False, repr=False)
    session: bool = False  # captured with a session (storage state, cookies or a profile)
    images: tuple[PageImage, ...] = field(default=(), compare=False, repr=False)  # --save-images
    steps: tuple[Step, ...] = ()  # what the capture did to the page (expanders clicked)
    documents: tuple[ServedDocument, ...] = ()  # earlier documents of a redirect chain

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("screenshot")
        out.pop("images")
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RenderedPage:
        known = {f.name for f in fields(cls)}
        args = {k: v for k, v in data.items() if k in known}
        args["wait"] = Wait(**data["wait"])
        args["sightings"] = tuple(WallSighting(**s) for s in data.get("sightings", ()))
        args["steps"] = tuple(
            Step(**{**s, "samples": tuple(s.get("samples", ()))}) for s in data.get("steps", ())
        )
        args["documents"] = tuple(ServedDocument(**d) for d in data.get("documents", ()))
        return cls(**args)


@dataclass(frozen=True)
class Wall:
    """A wall found on the page: a finding, never an error."""

    kind: str  # one of WALL_KINDS
    phase: str  # "static" (server HTML, noscript included) or "rendered" (settled DOM)
    text: str  # what the wall said, whitespace-folded
    vendor: str | None = None  # "Cloudflare", "DataDome", ... when known
    evidence: tuple[str, ...] = ()  # "phrase:...", "selector:...", "header:...", "script:..."
    confidence: float = 1.0
    first_seen_ms: int | None = None  # rendered phase only
    cleared_ms: int | None = None  # rendered phase only; None means it stayed

    @property
    def cleared(self) -> bool:
        return self.cleared_ms is not None


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601
    site_name: str | None = None
    lang: str | None = None
    description: str | None = None
    image: str | None = None
    canonical_url: str | None = None


@dataclass(frozen=True)
class Step:
    """One extraction step that removed content, and why (the --explain record)."""

    name: str
    why: str
    removed: int  # how many nodes it removed
    samples: tuple[str, ...] = ()  # the first words of what it removed


@dataclass(frozen=True)
class Extraction:
    """The result: metadata, walls, the article as HTML and Markdown, and what was removed."""

    url: str
    final_url: str
    status: int | None
    metadata: Metadata
    walls: tuple[Wall, ...]
    article_html: str
    markdown: str
    completeness: str = "full"  # "full", "teaser" (paywall cut) or "none" (a wall, no article)
    steps: tuple[Step, ...] = ()
    wait: Wait | None = None
    rendered: bool = True
    session: bool = False  # a session was used (whether, never what it held)
    empty_reason: str | None = None  # why the Markdown is empty; None when it is not

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: flat metadata keys beside markdown, walls and wait."""
        meta = asdict(self.metadata)
        return {
            "url": self.url,
            "final_url": self.final_url,
            "status": self.status,
            **meta,
            "markdown": self.markdown,
            "completeness": self.completeness,
            "empty_reason": self.empty_reason,
            "walls": [_wall_dict(w) for w in self.walls],
            "wait": asdict(self.wait) if self.wait else None,
            "steps": [asdict(s) for s in self.steps],
            "session": self.session,
        }


def _wall_dict(wall: Wall) -> dict[str, Any]:
    out = asdict(wall)
    out["evidence"] = list(wall.evidence)
    return out
