"""Many pages in one run: bounded memory, retries, politeness, a manifest to resume from."""

from extractor.batch.manifest import Entry, Manifest
from extractor.batch.notes import NoteFolder, error_object, json_line
from extractor.batch.pool import BrowserPool, Engine, RecyclePolicy
from extractor.batch.retry import RetryPolicy
from extractor.batch.runner import BatchSettings, PageResult, run_batch

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
