"""An item pipeline that writes each item as a note into ``EXTRACTOR_OUT_DIR``, with the same
file names, front matter and manifest as ``extractor --out-dir``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.exceptions import NotConfigured

from extractor.batch.manifest import page_status
from extractor.batch.notes import NoteFolder, extraction_from_contract


class NotesPipeline:
    def __init__(self, folder: Path, fmt: str) -> None:
        self.notes = NoteFolder(folder, fmt)

    @classmethod
    def from_crawler(cls, crawler: Any) -> NotesPipeline:
        folder = crawler.settings.get("EXTRACTOR_OUT_DIR")
        if not folder:
            raise NotConfigured("EXTRACTOR_OUT_DIR is not set")
        return cls(Path(folder), crawler.settings.get("EXTRACTOR_FORMAT", "markdown"))

    def process_item(self, item: dict[str, Any], spider: Any = None) -> dict[str, Any]:
        if "error" in item:
            self.notes.add(-1, item["url"], None, item["error"], "failed", 0.0)
            return item
        result = extraction_from_contract(item)
        self.notes.add(-1, item["url"], result, None, page_status(result), 0.0)
        return item

    def close_spider(self, spider: Any = None) -> None:
        self.notes.close()


__all__ = ["NotesPipeline"]
