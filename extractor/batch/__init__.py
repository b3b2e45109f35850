"""Many pages in one run: bounded memory, retries, politeness, a manifest to resume from."""

from .manifest import Entry, Manifest
from .pool import BrowserPool, Engine, RecyclePolicy
from .retry import RetryPolicy
from .runner import BatchSettings, PageResult, error_object, run_batch

__all__ = [
    "BatchSettings",
    "BrowserPool",
    "Engine",
    "Entry",
    "Manifest",
    "PageResult",
    "RecyclePolicy",
    "RetryPolicy",
    "error_object",
    "run_batch",
]
