"""The third pipeline: every ``CrawledArticle`` gets its identity (``store.decisions.identity``), the
key and canonical URL the store files it under. Whether it is new, an edit or a copy is decided
by the store, in the transaction that writes it (``store.decisions``)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from newscrawl.items import CrawledArticle
from newscrawl.stats import DROPPED_NO_IDENTITY
from newscrawl.store.decisions import identity

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class DeduplicatePipeline:
    """Gives every ``CrawledArticle`` its identity: the canonical URL that goes with its key
    (an item without a usable URL is dropped as ``newscrawl/dropped/no-identity``). The
    decisions against stored articles are taken by the store, see the module docstring."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DeduplicatePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, CrawledArticle):
            return item
        ident = identity(item.article)
        if ident is None:
            self.stats.inc_value(DROPPED_NO_IDENTITY)
            raise DropItem(f"no-identity: no usable URL {item.article.url or '(no URL)'}")
        if ident.canonical_url == item.article.canonical_url:
            return item
        return replace(item, article=replace(item.article, canonical_url=ident.canonical_url))
