"""The first pipeline: an article without a URL, title or body worth storing goes no further."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem

from newscrawl import settings as defaults
from newscrawl.items import CrawledArticle
from newscrawl.stats import DROPPED

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


def problem(item: CrawledArticle, min_body_chars: int) -> tuple[str, str] | None:
    """``(reason, detail)`` when the item must be dropped, else ``None``."""
    article = item.article
    if not article.url:
        return "missing-url", "no URL"
    try:
        parts = urlsplit(article.url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        usable = False
    if not usable:
        return "bad-url", "not an http(s) URL"
    if not article.title.strip():
        return "missing-title", "no title"
    body = article.body.strip()
    if not body:
        return "missing-body", "no body"
    if len(body) < min_body_chars:
        return "short-body", f"body of {len(body)} characters, under {min_body_chars}"
    try:
        fetched = datetime.fromisoformat(item.fetched_at)
    except (TypeError, ValueError):
        return "bad-fetched-at", f"fetched_at {item.fetched_at!r} is not ISO 8601"
    if fetched.tzinfo is None:
        return "bad-fetched-at", f"fetched_at {item.fetched_at!r} has no UTC offset"
    return None


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
        return cls(
            crawler.stats, crawler.settings.getint("NEWSCRAWL_MIN_BODY_CHARS", defaults.NEWSCRAWL_MIN_BODY_CHARS)
        )

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, CrawledArticle):
            return item
        found = problem(item, self.min_body_chars)
        if found is None:
            return item
        reason, detail = found
        self.stats.inc_value(DROPPED(reason))
        raise DropItem(f"{reason}: {detail} {item.article.url or '(no URL)'}")
