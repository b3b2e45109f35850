"""On CI nothing writes snapshots unless asked explicitly.

A snapshot written by CI and passed is a baseline nobody reviewed. With ``CI`` set (every
major CI service sets it), ``update``, ``accept``, ``review``, ``record`` and pytest's
``--snapshot-update`` refuse with one line that says how to force them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from extractor.errors import UsageError

CI_ENV = "CI"
# Values of CI that mean "not on CI" (a developer exporting CI=false locally).
OFF_VALUES = ("", "0", "false", "no", "off")
CLI_FORCE = "--allow-ci"
PYTEST_FORCE = "--snapshot-allow-ci"


def on_ci(environ: Mapping[str, str] | None = None) -> bool:
    value = (os.environ if environ is None else environ).get(CI_ENV, "")
    return value.strip().lower() not in OFF_VALUES


def refusal(what: str, force_flag: str) -> str:
    """The one line a refused write prints."""
    return (
        f"CI is set: {what} does not write snapshots on CI; pass {force_flag} to write them anyway"
    )


def refuse_on_ci(what: str, allowed: bool, environ: Mapping[str, str] | None = None) -> None:
    """Raise UsageError when on CI and the write was not explicitly allowed."""
    if on_ci(environ) and not allowed:
        raise UsageError(refusal(what, CLI_FORCE))


__all__ = ["CI_ENV", "CLI_FORCE", "PYTEST_FORCE", "on_ci", "refusal", "refuse_on_ci"]
