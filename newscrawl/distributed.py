"""Many crawler processes, one frontier: scrapy-redis, switched on by ``NEWSCRAWL_REDIS_URL``.

``RedisAddon`` replaces the scheduler and the duplicate filter with scrapy-redis' when the
setting is given, so every ``scrapy crawl <outlet>`` of one spider started with the same URL (on any machine)
pushes the requests it finds into one Redis queue and takes its next request from it. The
scrapy-redis spider classes are not used: they read start URLs from a Redis list through
``start_requests``, which Scrapy 2.13+ replaced with ``async def start()``; the project's
spider keeps its own ``start()``, and every worker yields the same start pages, which the
shared filter lets through once.

``RedisFrontier`` takes the place of the spider's in-memory ``Frontier`` (one fetch per
article key, ``tempo:1831560``, at its shortest related-link depth) in every worker, so the
forms of one story found by two workers are fetched once, and its related links are followed
as far as its shortest path allows, whichever worker found it first. Other requests (listings,
feeds, next pages) are deduplicated by scrapy-redis' shared URL fingerprint filter.

``SharedFrontier`` is what scrapy-redis leaves to the spider: when to stop. A worker with
nothing to do stays while another worker is busy (it may find more), and closes once the
shared queue has been empty, with every worker idle, for ``NEWSCRAWL_REDIS_IDLE_CLOSE``
seconds. Workers announce themselves with expiring heartbeat keys, so a killed worker
stops counting within seconds. The first worker of a crawl clears what a dead crawl left
in Redis (PostgreSQL's frontier is what a crawl resumes from); the last one out clears the
queue and the filter, so the next run fetches the listings again.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.connection import get_redis_from_settings

from newscrawl import settings as defaults
from newscrawl.config import Read, SettingError
from newscrawl.crawl.contract import NewsSpider, require
from newscrawl.spiders.frontier import Offer
from newscrawl.stats import REDIS_OTHERS_BUSY, REDIS_WORKERS_AT_START
from newscrawl.store.connection import redact

if TYPE_CHECKING:
    from typing import Self

    from redis import Redis
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings, Settings

logger = logging.getLogger(__name__)

HEARTBEAT = 1.0
"""Seconds between a worker's heartbeats; its key lives ``HEARTBEAT_TTL`` seconds."""
HEARTBEAT_TTL = 10
_JOB = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class RedisConfig:
    """The shared frontier's settings, read once; ``url`` ``None``: no shared frontier."""

    url: str | None = None
    job: str = defaults.NEWSCRAWL_REDIS_JOB
    idle_close: float = defaults.NEWSCRAWL_REDIS_IDLE_CLOSE

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RedisConfig:
        """``SettingError`` for a value that cannot work."""
        read = Read(settings)
        url = read.text("NEWSCRAWL_REDIS_URL")
        if url and not url.startswith(("redis://", "rediss://", "unix://")):
            raise SettingError(f"NEWSCRAWL_REDIS_URL: {redact(url)!r} is not a redis://, rediss:// or unix:// URL")
        job = read.text("NEWSCRAWL_REDIS_JOB") or defaults.NEWSCRAWL_REDIS_JOB
        if not _JOB.match(job):
            raise SettingError(f"NEWSCRAWL_REDIS_JOB: {job!r} may only hold letters, digits, '.', '_' and '-'")
        idle_close = read.number("NEWSCRAWL_REDIS_IDLE_CLOSE", defaults.NEWSCRAWL_REDIS_IDLE_CLOSE)
        return cls(url, job, idle_close)

    def prefix(self, spider: str) -> str:
        """Where the crawl's keys live in Redis: ``newscrawl:<spider>:<job>``."""
        return f"newscrawl:{spider}:{self.job}"


class RedisAddon:
    """Switches the scheduler and the duplicate filter to scrapy-redis when ``NEWSCRAWL_REDIS_URL`` is set."""

    def update_settings(self, settings: Settings) -> None:
        config = RedisConfig.from_settings(settings)
        url = config.url
        if not url:
            return
        prefix = config.prefix("%(spider)s")
        for name, value in {
            "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "REDIS_URL": url,
            "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
            # Not scrapy-redis' flush on close: the first worker to finish would empty the queue
            # under the others. SharedFrontier clears it when the last one leaves.
            "SCHEDULER_PERSIST": True,
        }.items():
            settings.set(name, value, priority="addon")


# One atomic step of the spider's Frontier.offer, shared: the first worker to reach an article
# within the depth limit fetches it; one reaching it later by a shorter path lowers its depth
# and, if its links are known already, gets them to offer one hop further.
_OFFER = """
local old = redis.call('HGET', KEYS[1], ARGV[1])
local depth, max_depth = tonumber(ARGV[2]), tonumber(ARGV[3])
if not old then
    if depth > max_depth then return {'beyond'} end
    redis.call('HSET', KEYS[1], ARGV[1], depth)
    return {'fetch'}
end
if depth >= tonumber(old) then return {'seen'} end
redis.call('HSET', KEYS[1], ARGV[1], depth)
local links = redis.call('HGET', KEYS[2], ARGV[1])
if (not links) or depth >= max_depth then return {'seen'} end
return {'again', links}
"""


class RedisFrontier:
    """The spider's ``Frontier`` (one fetch per article key, shortest related-link depth), kept in
    Redis hashes so that every worker of a crawl shares it."""

    def __init__(self, server: Redis, prefix: str, max_depth: int) -> None:
        self.server = server
        self.max_depth = max_depth
        self._depths = f"{prefix}:depth"
        self._links = f"{prefix}:links"
        self._offer = server.register_script(_OFFER)

    def __len__(self) -> int:
        return int(self.server.hlen(self._depths))

    def offer(self, key: str, depth: int) -> Offer:
        answer = [
            _text(part) for part in self._offer(keys=[self._depths, self._links], args=[key, depth, self.max_depth])
        ]
        if answer[0] == "fetch":
            return Offer(fetch=True)
        if answer[0] == "beyond":
            return Offer(beyond_depth=True)
        if answer[0] == "again":
            return Offer(again=tuple(json.loads(answer[1])))
        return Offer()

    def parsed(self, key: str, links: tuple[str, ...]) -> None:
        self.server.hset(self._links, key, json.dumps(links))

    def depth(self, key: str) -> int:
        value = self.server.hget(self._depths, key)
        return int(value) if value is not None else 0


class SharedFrontier:
    def __init__(self, crawler: Crawler, spider: NewsSpider, server: Redis, config: RedisConfig) -> None:
        self.crawler = crawler
        self.spider = spider
        self.server = server
        self.config = config
        self.idle_close = config.idle_close
        self.worker = uuid.uuid4().hex
        self.prefix = ""
        self._busy = True
        self._empty_since: float | None = None
        self._last_beat = 0.0
        self._task: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        config = RedisConfig.from_settings(settings)
        if not config.url:
            raise NotConfigured  # bare: with a message Scrapy logs a warning; one process is the usual case
        spider = require(crawler.spider, "a shared frontier on Redis (NEWSCRAWL_REDIS_URL)")
        extension = cls(crawler, spider, get_redis_from_settings(settings), config)
        for handler, signal in (
            (extension.spider_opened, signals.spider_opened),
            (extension.spider_idle, signals.spider_idle),
            (extension.request_reached_downloader, signals.request_reached_downloader),
            (extension.response_received, signals.response_received),
            (extension.spider_closed, signals.spider_closed),
        ):
            crawler.signals.connect(handler, signal=signal)
        return extension

    @property
    def _queue(self) -> str:
        return f"{self.prefix}:requests"

    @property
    def _shared(self) -> tuple[str, ...]:
        """Every key of the crawl but the workers' heartbeats."""
        return tuple(f"{self.prefix}:{name}" for name in ("requests", "dupefilter", "depth", "links"))

    def _workers(self) -> dict[str, str]:
        """Live workers (their heartbeat has not expired) and what they said: ``busy`` or ``idle``."""
        found: dict[str, str] = {}
        for name in self.server.scan_iter(match=f"{self.prefix}:worker:*", count=100):
            state = self.server.get(name)
            if state is not None:
                found[_text(name).rsplit(":", 1)[-1]] = _text(state)
        return found

    def _beat(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_beat >= HEARTBEAT:
            self._last_beat = now
            state = "busy" if self._busy else "idle"
            self.server.set(f"{self.prefix}:worker:{self.worker}", state, ex=HEARTBEAT_TTL)

    async def _heartbeat(self) -> None:
        # Also while a slow download keeps the worker quiet: an expired key means a dead worker.
        while True:
            await asyncio.sleep(HEARTBEAT)
            self._beat(force=True)

    def spider_opened(self, spider: Spider) -> None:
        self.prefix = self.config.prefix(spider.name)
        # One worker at a time decides whether it starts the crawl or joins it.
        with self.server.lock(f"{self.prefix}:join", timeout=30, blocking_timeout=60):
            others = self._workers()
            if not others:
                stale = self.server.delete(*self._shared)
                logger.info(
                    "Shared frontier %s: first worker%s",
                    self.prefix,
                    " (cleared what a dead crawl left)" if stale else "",
                )
            else:
                logger.info("Shared frontier %s: joining %d other workers", self.prefix, len(others))
            self._beat(force=True)
        self._task = asyncio.ensure_future(self._heartbeat())
        self.spider.use_frontier(RedisFrontier(self.server, self.prefix, self.spider.frontier.max_depth))
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(REDIS_WORKERS_AT_START, len(others) + 1)

    def request_reached_downloader(self) -> None:
        self._set_busy(True)

    def response_received(self) -> None:
        self._beat()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self._beat(force=True)
        else:
            self._beat()

    def spider_idle(self) -> None:
        """Nothing queued for this worker and nothing in progress: stop only when the whole crawl is."""
        self._set_busy(False)
        others_busy = any(state == "busy" for worker, state in self._workers().items() if worker != self.worker)
        if others_busy:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value(REDIS_OTHERS_BUSY, 1)  # if it fetched nothing, it did not fail
        if others_busy or self.server.zcard(self._queue):
            self._empty_since = None
            raise DontCloseSpider
        now = time.monotonic()
        if self._empty_since is None:
            self._empty_since = now
        if now - self._empty_since < self.idle_close:
            raise DontCloseSpider
        logger.info(
            "Shared frontier %s: empty for %.0f s with every worker idle, closing", self.prefix, self.idle_close
        )

    def spider_closed(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.server.delete(f"{self.prefix}:worker:{self.worker}")
        with self.server.lock(f"{self.prefix}:join", timeout=30, blocking_timeout=60):
            if not self._workers() and not self.server.zcard(self._queue):
                self.server.delete(*self._shared)
                logger.info("Shared frontier %s: last worker out, queue and filter cleared", self.prefix)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
