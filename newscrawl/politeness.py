"""Politeness beyond Scrapy's defaults: a User-Agent with a contact, retries that back off,
and 403 treated as "blocked" (counted, never retried, and the crawl stops if it persists)."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import sleep
from scrapy.utils.defer import deferred_from_coro

from newscrawl import settings as defaults
from newscrawl import urls
from newscrawl.config import Read
from newscrawl.stats import BLOCKED, BLOCKED_BY_HOST, BLOCKED_HOST

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings, Settings

logger = logging.getLogger(__name__)

VERSION = "0.1.0"
MIN_DOWNLOAD_DELAY = 0.001


def user_agent(contact: str) -> str:
    """``newscrawl/0.1.0 (+contact)``: who is crawling and how to reach them."""
    return f"newscrawl/{VERSION} (+{contact})" if contact else f"newscrawl/{VERSION}"


@dataclass(frozen=True)
class PolitenessConfig:
    """The politeness settings, read once."""

    contact: str = defaults.NEWSCRAWL_CONTACT
    blocked_limit: int = defaults.NEWSCRAWL_BLOCKED_LIMIT
    backoff_base: float = defaults.NEWSCRAWL_RETRY_BACKOFF_BASE
    backoff_max: float = defaults.NEWSCRAWL_RETRY_BACKOFF_MAX

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> PolitenessConfig:
        """``SettingError`` for a value that cannot work."""
        read = Read(settings)
        return cls(
            contact=read.text("NEWSCRAWL_CONTACT") or "",
            # Below 0: never stop for 403s.
            blocked_limit=read.whole("NEWSCRAWL_BLOCKED_LIMIT", defaults.NEWSCRAWL_BLOCKED_LIMIT, minimum=-1),
            backoff_base=read.number("NEWSCRAWL_RETRY_BACKOFF_BASE", defaults.NEWSCRAWL_RETRY_BACKOFF_BASE),
            backoff_max=read.number("NEWSCRAWL_RETRY_BACKOFF_MAX", defaults.NEWSCRAWL_RETRY_BACKOFF_MAX),
        )


class PolitenessAddon:
    """Builds ``USER_AGENT`` from ``NEWSCRAWL_CONTACT`` unless ``USER_AGENT`` is set explicitly,
    and keeps ``DOWNLOAD_DELAY`` above zero.

    With no delay at all, Scrapy 2.19's downloader starts every request queued for a
    host at once (its slot counts a request as transferring only when the download
    task runs), so ``CONCURRENT_REQUESTS_PER_DOMAIN`` stops being a limit. Any delay,
    however small, makes it start them one at a time.
    """

    def update_settings(self, settings: Settings) -> None:
        contact = PolitenessConfig.from_settings(settings).contact
        if not contact:
            logger.warning("NEWSCRAWL_CONTACT is not set: the User-Agent tells the sites no way to reach you")
        settings.set("USER_AGENT", user_agent(contact), priority="addon")
        if settings.getfloat("DOWNLOAD_DELAY") < MIN_DOWNLOAD_DELAY:
            logger.warning(
                "DOWNLOAD_DELAY raised to %s s: below it Scrapy exceeds the per-host limit", MIN_DOWNLOAD_DELAY
            )
            settings.set("DOWNLOAD_DELAY", MIN_DOWNLOAD_DELAY, priority=settings.getpriority("DOWNLOAD_DELAY") or 0)


def backoff_delay(attempt: int, base: float, cap: float, retry_after: str | None = None) -> float:
    """Seconds to wait before retry number ``attempt`` (1, 2, ...).

    The server's ``Retry-After`` (seconds or an HTTP date) wins when present;
    otherwise ``base * 2 ** (attempt - 1)`` with up to 25 % jitter, so that
    requests failing together do not come back together. Never more than ``cap``.
    """
    wanted = _retry_after_seconds(retry_after)
    if wanted is None:
        wanted = base * 2 ** (attempt - 1) * (1 + random.random() / 4)  # noqa: S311 - jitter, not crypto
    return max(0.0, min(wanted, cap))


def _retry_after_seconds(value: str | None) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - datetime.now(UTC)).total_seconds()


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware (same settings, stats and give-up rules), plus a pause
    before each retry: ``NEWSCRAWL_RETRY_BACKOFF_BASE`` doubling per attempt, capped at
    ``NEWSCRAWL_RETRY_BACKOFF_MAX``, or the server's ``Retry-After``."""

    def __init__(self, settings: BaseSettings, base: float = 1.0, cap: float = 30.0) -> None:
        super().__init__(settings)
        self.base = base
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        config = PolitenessConfig.from_settings(crawler.settings)
        middleware = cls(crawler.settings, base=config.backoff_base, cap=config.backoff_max)
        middleware.crawler = crawler
        return middleware

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if result is not response:
            retry_after = response.headers.get("Retry-After") or b""
            await self._pause(result, retry_after.decode("latin-1"))
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        result = super().process_exception(request, exception)
        if result is not None:
            await self._pause(result, None)
        return result

    async def _pause(self, retry: Request | Response, retry_after: str | None) -> None:
        delay = backoff_delay(int(retry.meta.get("retry_times", 1)), self.base, self.cap, retry_after)
        if delay > 0:
            await sleep(delay)


class BlockedMiddleware:
    """HTTP 403 means the site refuses us: count it (``newscrawl/blocked``, per host too),
    let it fail without retry, and stop the crawl after ``NEWSCRAWL_BLOCKED_LIMIT``
    consecutive 403s from one host rather than keep knocking."""

    def __init__(self, crawler: Crawler, limit: int) -> None:
        if limit < 0:
            raise NotConfigured
        self.crawler = crawler
        self.limit = limit
        self._streak: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, PolitenessConfig.from_settings(crawler.settings).blocked_limit)

    def process_response(self, request: Request, response: Response) -> Response:
        host = urls.host_of(response.url) or "?"
        if response.status != 403:
            self._streak.pop(host, None)
            return response
        stats = self.crawler.stats
        stats.inc_value(BLOCKED)
        stats.inc_value(BLOCKED_BY_HOST(host))
        self._streak[host] = streak = self._streak.get(host, 0) + 1
        if streak == 1:
            logger.warning("Blocked: %s answered 403 Forbidden for %s (counted, not retried)", host, response.url)
        if self.limit and streak == self.limit and self.crawler.engine is not None:
            logger.error("Blocked: %d consecutive 403 responses from %s, stopping the crawl", streak, host)
            stats.set_value(BLOCKED_HOST, host)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="blocked"))
        return response


class HostSlotMiddleware:
    """Every request counts against the concurrency and delay of the host it goes to.

    Scrapy's RedirectMiddleware copies the source request's meta, ``download_slot``
    included, so a redirect from ``m.tempo.co`` or an old URL form to another host
    would be throttled as the first host and escape the second host's limit."""

    def process_request(self, request: Request) -> None:
        slot = request.meta.get("download_slot")
        if slot is not None and slot != urls.host_of(request.url):
            del request.meta["download_slot"]
