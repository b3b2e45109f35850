"""Scrapy integration: render requests through the product's capture, yield the JSON contract
as items, write notes like ``--out-dir``, and share a queue between machines through Redis.

In a Scrapy project's settings::

    TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
    DOWNLOAD_HANDLERS = {
        "http": "extractor.scrapy.handler.ExtractorDownloadHandler",
        "https": "extractor.scrapy.handler.ExtractorDownloadHandler",
    }
    ITEM_PIPELINES = {"extractor.scrapy.pipelines.NotesPipeline": 300}
    EXTRACTOR_OUT_DIR = "notes"

Needs the ``scrapy`` extra (``pip install 'extractor[scrapy]'``).
"""

from extractor.scrapy.crawl import crawl_settings, run_worker

__all__ = ["crawl_settings", "run_worker"]
