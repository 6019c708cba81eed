"""A crawl that fetched nothing must fail loudly: the ``FetchGuard`` extension.

``newscrawl/pages/fetched`` counts responses that reached a spider callback. If it is
still 0 after ``NEWSCRAWL_NO_PAGE_TIMEOUT`` seconds the crawl is closed (no network,
DNS failure, everything blocked: waiting longer fetches nothing either). At the
end, a crawl with no page fetched (unless every article it found was up to date), or
one stopped because the site blocked it, gets a one-line reason in ``newscrawl/failure``
(logged as an error); the project's ``crawl`` command turns that into a non-zero exit code.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotConfigured,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.asyncio import CallLaterResult, call_later
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import error

from newscrawl import settings as defaults
from newscrawl.config import Read
from newscrawl.stats import BLOCKED, BLOCKED_HOST, FAILED, FAILURE, INCREMENTAL_FRESH, PAGES_FETCHED, REDIS_OTHERS_BUSY

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

_NETWORK = {
    "dns": "DNS lookup failed (no network, or the name does not resolve)",
    "connection": "could not connect (no network, or the site is down)",
    "timeout": "every request timed out",
    "blocked": "blocked: the site answered 403 Forbidden",
    "robots": "robots.txt forbids every page the crawl started from",
}


def failure_kind(failure: Failure) -> str:
    """A stats-friendly slug for why a request failed: ``http-404``, ``dns``, ``robots``..."""
    value = failure.value
    if isinstance(value, HttpError):
        status = value.response.status
        return "blocked" if status == 403 else f"http-{status}"
    if isinstance(value, CannotResolveHostError | error.DNSLookupError):
        return "dns"
    if isinstance(value, DownloadTimeoutError | error.TimeoutError | error.TCPTimedOutError):
        return "timeout"
    if isinstance(value, _CONNECTION_ERRORS):
        return "connection"
    if isinstance(value, IgnoreRequest):
        message = str(value)
        if "not in the archive" in message:  # a replay (newscrawl.archive.replay.NotArchived)
            return "not-archived"
        if "max redirections" in message:  # RedirectMiddleware's REDIRECT_MAX_TIMES
            return "too-many-redirects"
        return "robots" if "robots.txt" in message else "offsite" if "offsite" in message else "ignored"
    name = type(value).__name__
    return "connection" if "Connection" in name or "NeverReceived" in name else name.lower()


_CONNECTION_ERRORS = (
    DownloadConnectionRefusedError,
    DownloadFailedError,
    ResponseDataLossError,
    error.ConnectError,
    error.ConnectionLost,
    error.ConnectionDone,
)
NETWORK_KINDS = frozenset({"dns", "connection", "timeout"})
"""Failures that say nothing reached the site (as opposed to the site refusing or missing a page)."""


def failure_reason(stats: dict[str, Any]) -> str | None:
    """Why the crawl failed, in one line, or ``None`` when it did not."""
    if stats.get("finish_reason") == "blocked":
        return f"blocked: stopped after repeated 403 Forbidden from {stats.get(BLOCKED_HOST, 'the site')}"
    if stats.get(PAGES_FETCHED, 0):
        return None
    kinds = FAILED.values(stats)
    if stats.get(BLOCKED):
        kinds["blocked"] = max(kinds.get("blocked", 0), stats[BLOCKED])
    if not kinds:
        if stats.get(INCREMENTAL_FRESH):  # every article it found is stored and not due: nothing to fetch
            return None
        if stats.get(REDIS_OTHERS_BUSY):  # a worker on a shared queue: the others had the whole crawl
            return None
        if stats.get("finish_reason") == "no_page_fetched":
            return "no page could be fetched: no response at all before the timeout (no network?)"
        return "no page could be fetched: no request reached the site"
    kind, count = max(kinds.items(), key=lambda item: item[1])
    what = _NETWORK.get(kind) or (f"the site answered HTTP {kind[5:]}" if kind.startswith("http-") else kind)
    total = sum(kinds.values())
    return f"no page could be fetched: {what} ({count} of {total} failed requests)"


def no_page_timeout(settings: BaseSettings) -> float:
    """``NEWSCRAWL_NO_PAGE_TIMEOUT`` (0: no timer); ``SettingError`` for a value that cannot work."""
    return Read(settings).number("NEWSCRAWL_NO_PAGE_TIMEOUT", defaults.NEWSCRAWL_NO_PAGE_TIMEOUT)


class FetchGuard:
    def __init__(self, crawler: Crawler, timeout: float) -> None:
        if timeout <= 0:
            raise NotConfigured
        self.crawler = crawler
        self.timeout = timeout
        self._timer: CallLaterResult | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, no_page_timeout(crawler.settings))

    def spider_opened(self) -> None:
        self._timer = call_later(self.timeout, self._check)

    def _check(self) -> None:
        assert self.crawler.stats is not None
        stats = self.crawler.stats
        if stats.get_value(PAGES_FETCHED, 0) or stats.get_value(REDIS_OTHERS_BUSY) or self.crawler.engine is None:
            return
        logger.error("No page fetched in %.0f s: closing the crawl", self.timeout)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="no_page_fetched"))

    def spider_closed(self, reason: str) -> None:
        if self._timer is not None:
            self._timer.cancel()
        assert self.crawler.stats is not None
        # finish_reason is only recorded after spider_closed has run.
        stats = {**self.crawler.stats.get_stats(), "finish_reason": reason}
        failure = failure_reason(stats)
        if failure:
            self.crawler.stats.set_value(FAILURE, failure)
            logger.error("Crawl failed: %s", failure)
        elif not stats.get(PAGES_FETCHED) and stats.get(REDIS_OTHERS_BUSY):
            logger.info("No page fetched: the other workers on the shared queue had the whole crawl")
