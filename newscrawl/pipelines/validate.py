"""The first pipeline: an article without a URL, title or body worth storing goes no further.

NUL characters, which PostgreSQL text cannot hold, are settled here, for items of any spider:
in a URL (the article's, its image's, a link's) a NUL makes the item invalid (``bad-url``: the
URL names no page, and dropping the NUL would name another one); in text it is dropped, with a
warning on the article and the count in ``stats.TEXT_NUL``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from newscrawl import settings as defaults
from newscrawl.config import Read
from newscrawl.items import CrawledArticle
from newscrawl.stats import DROPPED, TEXT_NUL
from newscrawl.store.checks import problem, without_nul

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector


def min_body_chars(settings: BaseSettings) -> int:
    """``NEWSCRAWL_MIN_BODY_CHARS``; ``SettingError`` for a value that cannot work."""
    return Read(settings).whole("NEWSCRAWL_MIN_BODY_CHARS", defaults.NEWSCRAWL_MIN_BODY_CHARS)


class ValidatePipeline:
    """Drops (``DropItem``) a ``CrawledArticle`` with no URL, title or body, or a body shorter than
    ``NEWSCRAWL_MIN_BODY_CHARS``. Each drop counts in ``newscrawl/dropped/<reason>`` and is logged
    once, by Scrapy, as ``Dropped: <reason>: <detail> <url>``."""

    def __init__(self, stats: StatsCollector, min_body_chars: int = defaults.NEWSCRAWL_MIN_BODY_CHARS) -> None:
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, min_body_chars(crawler.settings))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, CrawledArticle):
            return item
        item = self._text_without_nul(item)
        found = problem(item, self.min_body_chars)
        if found is None:
            return item
        reason, detail = found
        self.stats.inc_value(DROPPED(reason))
        raise DropItem(f"{reason}: {detail} {item.article.url or '(no URL)'}")

    def _text_without_nul(self, item: CrawledArticle) -> CrawledArticle:
        article, dropped = without_nul(item.article)
        if not dropped:
            return item
        self.stats.inc_value(TEXT_NUL, dropped)
        warning = f"text: {dropped} NUL characters dropped (PostgreSQL text cannot hold them)"
        return dataclasses.replace(item, article=dataclasses.replace(article, warnings=(*article.warnings, warning)))
