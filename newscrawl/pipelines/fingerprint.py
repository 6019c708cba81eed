"""The second pipeline: every ``CrawledArticle``'s text normalized and its fingerprint fields
filled in (``store.fingerprint``: ``content_hash``, ``simhash``, ``word_count``).

While a crawl runs (``open_spider`` to ``close_spider``) the work is done by a worker process of
the pipeline's own (``store.process``), on another core than the crawl's: the crawl's one core
only sends the texts and applies the answer, the same ``fingerprint_of`` as here. Called
without a crawl (a test, a script), ``process_item`` fingerprints the item itself and returns it.
"""

from __future__ import annotations

import logging
from typing import Any

from newscrawl.items import CrawledArticle
from newscrawl.store.fingerprint import Fingerprint, FingerprintService, fingerprint, with_fingerprint
from newscrawl.store.process import WorkerDied, WorkerError, WorkerProcess

logger = logging.getLogger(__name__)


class FingerprintPipeline:
    """Normalizes every ``CrawledArticle``'s text and fills in its fingerprint fields."""

    def __init__(self) -> None:
        self.process: WorkerProcess | None = None
        """The worker process, from ``open_spider`` to ``close_spider``."""

    async def open_spider(self) -> None:
        self.process = WorkerProcess(FingerprintService())
        try:
            await self.process.start()
        except WorkerDied as exc:  # the items are fingerprinted here until a worker starts
            logger.warning("No fingerprint worker process (%s): fingerprints are made in the crawl's", exc)

    def process_item(self, item: Any) -> Any:
        """The item fingerprinted, or, while a crawl runs, an awaitable of it (Scrapy awaits it)."""
        if not isinstance(item, CrawledArticle):
            return item
        if self.process is None:
            return fingerprint(item)
        return self._in_process(item, self.process)

    async def close_spider(self) -> None:
        if self.process is not None:
            await self.process.close()
            self.process = None

    @staticmethod
    async def _in_process(item: CrawledArticle, process: WorkerProcess) -> CrawledArticle:
        article = item.article
        try:
            found: Fingerprint = await process.call("fingerprint", article.title, article.subtitle, article.body)
        except (WorkerDied, WorkerError):
            # Done here instead: the same result, or the same exception, as in the worker.
            return fingerprint(item)
        return with_fingerprint(item, found)
