"""One short log line per dropped item, and no per-page or per-item records nobody sees.

Scrapy's default drop message is followed by the item's repr: for an article, its whole body
on one line. The pipelines' drop messages already name the reason and the URL, so that is
all this formatter logs.

Scrapy logs every page fetched ("Crawled …") and every item scraped ("Scraped from …") at DEBUG,
and its root handler, not the loggers, drops them when ``LOG_LEVEL`` is higher: each one still
builds a log record first, a measurable share of a crawl's one thread. Above DEBUG they are not
asked for at all.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.logformatter import LogFormatterResult
    from twisted.python.failure import Failure


class DropLogFormatter(LogFormatter):
    def __init__(self, debug: bool = True) -> None:
        self.debug = debug
        """Whether DEBUG records are logged (``LOG_LEVEL``)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        level = crawler.settings.get("LOG_LEVEL", "DEBUG")
        number = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
        return cls(debug=not isinstance(number, int) or number <= logging.DEBUG)

    def crawled(self, request: Request, response: Response, spider: Spider) -> LogFormatterResult | None:  # type: ignore[override]
        return super().crawled(request, response, spider) if self.debug else None

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult | None:  # type: ignore[override]
        return super().scraped(item, response, spider) if self.debug else None

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        return {**result, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}
