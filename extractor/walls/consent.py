"""Consent policy in the live page: optionally click reject or accept on common consent managers."""

from __future__ import annotations

from typing import Any


async def apply_policy(page: Any, policy: str) -> str | None:
    """Click the consent manager's reject/accept button when the policy asks for it.

    Returns what was clicked (for the record), or None. ``page`` is a Playwright async Page.
    """
    return None
