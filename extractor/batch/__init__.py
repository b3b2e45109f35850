"""Many pages in one run: bounded memory, retries, politeness, a manifest to resume from."""

from .manifest import Entry, Manifest
from .notes import NoteFolder, error_object, json_line
from .pool import BrowserPool, Engine, RecyclePolicy
from .retry import RetryPolicy
from .runner import BatchSettings, PageResult, run_batch

__all__ = [
    "BatchSettings",
    "BrowserPool",
    "Engine",
    "Entry",
    "Manifest",
    "NoteFolder",
    "PageResult",
    "RecyclePolicy",
    "RetryPolicy",
    "error_object",
    "json_line",
    "run_batch",
]
