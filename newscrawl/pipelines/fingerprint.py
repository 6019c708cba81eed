"""The second pipeline: every ``CrawledArticle``'s text normalized and its fingerprint fields
filled in (``store.fingerprint``: ``content_hash``, ``simhash``, ``word_count``)."""

from __future__ import annotations

from typing import Any

from newscrawl.items import CrawledArticle
from newscrawl.store.fingerprint import fingerprint


class FingerprintPipeline:
    """Normalizes every ``CrawledArticle``'s text and fills in its fingerprint fields."""

    def process_item(self, item: Any) -> Any:
        return fingerprint(item) if isinstance(item, CrawledArticle) else item
