"""Consent policy in the live page: optionally click reject or accept on common consent managers.

Policy "remove" does nothing here: consent overlays are taken out of the capture and recorded by
the detectors. "reject" and "accept" look for the consent manager's own button (known selectors
first, then the button texts of Google's and Yahoo's consent pages) in the page and its frames
(Sourcepoint shows its dialog in an iframe), click it, and say what was clicked.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from playwright.async_api import Error as PlaywrightError

if TYPE_CHECKING:
    from playwright.async_api import Frame, Locator, Page


WAIT_MS = 2500  # how long a consent manager gets to show its dialog
POLL_MS = 150
CLICK_MS = 2000  # the most one click may take
CLOSE_MS = 1500  # how long the dialog gets to go away after the click


@dataclass(frozen=True)
class ConsentButton:
    vendor: str
    reject: str  # CSS selector of the reject button
    accept: str  # CSS selector of the accept button


# known consent managers, by their own element ids and classes
BUTTONS: tuple[ConsentButton, ...] = (
    ConsentButton("OneTrust", "#onetrust-reject-all-handler", "#onetrust-accept-btn-handler"),
    ConsentButton(
        "Cookiebot",
        "#CybotCookiebotDialogBodyButtonDecline",
        "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll, "
        "#CybotCookiebotDialogBodyButtonAccept",
    ),
    ConsentButton("Didomi", "#didomi-notice-disagree-button", "#didomi-notice-agree-button"),
    ConsentButton(
        "Quantcast",
        ".qc-cmp2-summary-buttons button[mode='secondary']",
        ".qc-cmp2-summary-buttons button[mode='primary']",
    ),
    ConsentButton(
        "Sourcepoint",
        "button.sp_choice_type_13, button[title='Reject All'], button[title='Reject all']",
        "button.sp_choice_type_11, button[title='Accept All'], button[title='Accept all']",
    ),
    ConsentButton(
        "Yahoo",
        "button.reject-all, button[name='reject'], button[value='reject']",
        "button.accept-all, button[name='agree'], button[value='agree']",
    ),
)
# button texts of Google's consent page (consent.google.com), by language
GOOGLE_REJECT = ("Reject all", "Alle ablehnen", "Tout refuser", "Rechazar todo", "Rifiuta tutto")
GOOGLE_ACCEPT = ("Accept all", "Alle akzeptieren", "Tout accepter", "Aceptar todo", "Accetta tutto")


async def apply_policy(page: Page, policy: str, wait_ms: int = WAIT_MS) -> str | None:
    """Click the consent manager's reject/accept button when the policy asks for it.

    Returns what was clicked (for the record, e.g. "OneTrust: reject #onetrust-reject-all-handler"),
    or None. ``page`` is a Playwright async Page.
    """
    if policy not in ("reject", "accept"):
        return None
    deadline = time.monotonic() + wait_ms / 1000
    while True:
        for frame in [page.main_frame, *page.main_frame.child_frames]:
            clicked = await _try_frame(frame, policy)
            if clicked:
                return clicked
        if time.monotonic() >= deadline:
            return None
        await asyncio.sleep(POLL_MS / 1000)


async def _try_frame(frame: Frame, policy: str) -> str | None:
    for button in BUTTONS:
        selector = button.reject if policy == "reject" else button.accept
        if await _click(frame.locator(selector)):
            return f"{button.vendor}: {policy} {selector.split(',')[0]}"
    texts = GOOGLE_REJECT if policy == "reject" else GOOGLE_ACCEPT
    for text in texts:
        locator = frame.get_by_role("button", name=text, exact=True)
        if await _click(locator):
            return f"Google: {policy} button {text!r}"
    return None


async def _click(locator: Locator) -> bool:
    try:
        first = locator.first
        if await locator.count() == 0 or not await first.is_visible():
            return False
        await first.click(timeout=CLICK_MS)
    except PlaywrightError:  # a detached frame or a button that went away: not ours to fail on
        return False
    with contextlib.suppress(PlaywrightError):  # let the dialog close before the capture goes on
        await first.wait_for(state="hidden", timeout=CLOSE_MS)
    return True
