"""``CrawlStateMiddleware``: the incremental, resumable crawl, as a spider middleware.

Every article request the spider yields carries ``meta["newscrawl_article"]`` (its key, its
related-link depth, the sitemap ``lastmod`` of the link). The middleware takes the spider's
output one callback at a time and, in one query for the batch, asks PostgreSQL what is known
about those keys (``schedule.decide``): a stored article that is not due is dropped from the
output (``newscrawl/incremental/fresh``), a due one gets conditional-request headers, and
every request that goes on is written to ``crawl_urls`` as ``queued`` *before* the output
moves on, so the frontier outlives the process. Listings and feeds pass untouched: they are
fetched every run.

What each fetch taught us (status, ``ETag``, ``Last-Modified``; no article; item dropped) is
recorded in batches. When a crawl starts it marks runs that died (``crawl_runs.status =
'crashed'``) and offers again, through the spider's own gate, the unfinished frontier of
earlier runs with the same arguments: a crawl killed with SIGKILL and started again finishes
the work, without fetching again what was stored.

If the database is unreachable the crawl goes on without the state (everything is fetched;
the store deduplicates) and tries again after a pause.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import psycopg
from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object

from newscrawl import settings as defaults
from newscrawl import urls
from newscrawl.config import Read, SettingError
from newscrawl.crawl.context import RunContext, run_context
from newscrawl.crawl.contract import NewsSpider, require
from newscrawl.items import CrawledArticle
from newscrawl.spiders.frontier import ARTICLE_META
from newscrawl.state.schedule import Recheck, decide, recheck_from
from newscrawl.stats import INCREMENTAL, RESUME_OFFERED, SECTION_NOT_FETCHED, STATE_UNAVAILABLE
from newscrawl.store.connection import DatabaseUnavailable
from newscrawl.store.state import Outcome, StateDB

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)
T = TypeVar("T")

_OUTCOMES = {200: "fetched", 304: "not-modified", 404: "gone", 410: "gone"}
_PAUSE_AFTER_FAILURE = 5.0


@dataclass(frozen=True)
class StateConfig:
    """The ``NEWSCRAWL_*`` settings of the crawl state, read once."""

    database_url: str | None = None
    pgdata: str = defaults.NEWSCRAWL_PGDATA
    connect_timeout: float = defaults.NEWSCRAWL_DB_CONNECT_TIMEOUT
    recheck: Recheck = field(default_factory=Recheck)
    flush_interval: float = 2.0
    heartbeat_interval: float = 30.0
    stale_after: float = defaults.NEWSCRAWL_RUN_STALE_AFTER

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> StateConfig:
        """``NotConfigured`` when the state is off; ``SettingError`` for a value that cannot work."""
        read = Read(settings)
        if not read.flag("NEWSCRAWL_STATE_ENABLED", defaults.NEWSCRAWL_STATE_ENABLED):
            raise NotConfigured  # bare: with a message Scrapy logs a warning for a choice made on purpose
        # The state is about what is stored: without the store there is nothing to be incremental against.
        if not read.flag("NEWSCRAWL_STORE_ENABLED", defaults.NEWSCRAWL_STORE_ENABLED) or not _store_enabled(settings):
            raise NotConfigured
        return cls(
            database_url=read.text("NEWSCRAWL_DATABASE_URL"),
            pgdata=read.text("NEWSCRAWL_PGDATA") or defaults.NEWSCRAWL_PGDATA,
            connect_timeout=read.number(
                "NEWSCRAWL_DB_CONNECT_TIMEOUT", defaults.NEWSCRAWL_DB_CONNECT_TIMEOUT, above=True
            ),
            recheck=recheck_settings(settings),
            stale_after=read.number("NEWSCRAWL_RUN_STALE_AFTER", defaults.NEWSCRAWL_RUN_STALE_AFTER, above=True),
        )


def recheck_settings(settings: BaseSettings) -> Recheck:
    """The re-check schedule; ``SettingError`` naming a bad setting."""
    read = Read(settings)
    ages = read.words("NEWSCRAWL_RECHECK_AGES", defaults.NEWSCRAWL_RECHECK_AGES)
    hours = read.number("NEWSCRAWL_RECHECK_NOT_ARTICLE_HOURS", defaults.NEWSCRAWL_RECHECK_NOT_ARTICLE_HOURS)
    try:
        return recheck_from(ages, hours)
    except ValueError as exc:
        raise SettingError(str(exc)) from None


STORE_PIPELINE = "newscrawl.pipelines.store.StorePipeline"
"""What the crawl state needs among the item pipelines (named, not imported: pipelines are no
dependency of the crawl's components)."""


def _store_enabled(settings: BaseSettings) -> bool:
    for path, order in settings.getwithbase("ITEM_PIPELINES").items():
        classes = getattr(load_object(path), "__mro__", ()) if order is not None else ()
        if any(f"{c.__module__}.{c.__qualname__}" == STORE_PIPELINE for c in classes):
            return True
    return False


class CrawlStateMiddleware:
    def __init__(self, crawler: Crawler, config: StateConfig, spider: NewsSpider, run: RunContext) -> None:
        self.crawler = crawler
        self.config = config
        self.spider = spider
        self.run = run
        assert crawler.stats is not None
        self.stats = crawler.stats
        self.db = StateDB(config.database_url, config.pgdata, connect_timeout=config.connect_timeout)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscrawl-state")
        self._outcomes: list[Outcome] = []
        self._timer: asyncio.Task[None] | None = None
        self._down_until = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        config = StateConfig.from_settings(crawler.settings)
        spider = require(crawler.spider, "the crawl state (incremental re-checks and resume)")
        middleware = cls(crawler, config, spider, run_context(crawler))
        crawler.signals.connect(middleware.response_received, signal=signals.response_received)
        crawler.signals.connect(middleware.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    @property
    def refresh(self) -> bool:
        """``refresh=all``, or a replay: the archive, not the state, says what the crawl holds."""
        return self.spider.plan.refresh or self.spider.plan.replay is not None

    # -- the start: dead runs, and what they left -------------------------------------
    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        # Runs when the engine first asks for a start request: the store has opened by then.
        self._timer = asyncio.ensure_future(self._tick())
        for request in await self._gate(list(await self._resumed())):
            yield request
        async for item in start:
            for out in await self._gate([item]):
                yield out

    async def _resumed(self) -> Iterable[Any]:
        run = self.run
        crashed = await self._db(self.db.mark_crashed, [], run.run_id, run.hostname, self.config.stale_after)
        for dead in crashed:
            logger.warning("Crawl run %s died without finishing: marked crashed", dead)
        rows = await self._db(self.db.resumable, [], run.spider, dict(run.identity), run.run_id)
        if not rows:
            return []
        runs = sorted({dead for _, _, dead in rows})
        logger.info("Resuming %d unfinished article pages of %s", len(rows), ", ".join(runs))
        self.stats.set_value(RESUME_OFFERED, len(rows))
        return [request for url, depth, _ in rows for request in self.spider.offer(url, depth)]

    # -- the spider's output: the gate, and what the response taught us -------------------
    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        # The whole output first: its article requests are queued in the database before any of
        # it (the item that links to them included) moves on.
        output: list[Any] = []
        try:
            async for item in result:
                output.append(item)
        except Exception:  # a callback that raises still hands on what it yielded before
            for item in await self._gate(output):
                yield item
            raise
        self._settle(response, output)
        for item in await self._gate(output):
            yield item

    async def _gate(self, output: list[Any]) -> list[Any]:
        passed: list[Any] = []
        while output:
            kept, output = await self._gate_once(output)
            passed += kept
        return passed

    async def _gate_once(self, output: list[Any]) -> tuple[list[Any], list[Any]]:
        """The output without the article requests not to fetch, and the requests for the links
        of the stored articles among those: the crawl goes on through them as if fetched."""
        articles = [
            (index, item)
            for index, item in enumerate(output)
            if isinstance(item, Request) and ARTICLE_META in item.meta and not item.dont_filter
        ]
        if not articles:
            return output, []
        keys = sorted({request.meta[ARTICLE_META]["key"] for _, request in articles})
        known = await self._db(self.db.known, None, keys)
        if known is None:  # no state: fetch, unrecorded
            return output, []
        now = datetime.now(UTC)
        dropped: dict[int, str] = {}
        queued: list[tuple[str, str, int, datetime | None]] = []
        for index, request in articles:
            meta = request.meta[ARTICLE_META]
            lastmod = datetime.fromisoformat(meta["lastmod"]) if meta.get("lastmod") else None
            decision = decide(known.get(meta["key"]), now, self.config.recheck, refresh=self.refresh, lastmod=lastmod)
            self.stats.inc_value(INCREMENTAL(decision.reason))
            if not decision.fetch:
                dropped[index] = meta["key"]
                self.stats.inc_value(SECTION_NOT_FETCHED(urls.section_of(request.url) or "-"))
                logger.debug("Not fetched (%s): %s", decision.reason, request.url)
                continue
            if decision.headers:
                request.headers.update(decision.headers)
                request.meta["handle_httpstatus_list"] = [*request.meta.get("handle_httpstatus_list", ()), 304]
            queued.append((meta["key"], request.url, int(meta.get("depth", 0)), lastmod))
        await self._db(self.db.queue, None, self.run.run_id, queued)
        for index in dropped:
            # Never downloaded, as if the scheduler had dropped it: the spider must not wait for
            # its answer (a first start request is its probe of whether the site can be reached).
            self.crawler.signals.send_catch_log(
                signal=signals.request_dropped, request=output[index], spider=self.crawler.spider
            )
        kept = [item for index, item in enumerate(output) if index not in dropped]
        return kept, await self._links_of(dropped.values())

    async def _links_of(self, skipped: Iterable[str]) -> list[Any]:
        """Requests for the stored links of articles not fetched. The spider's frontier learns them
        too, as if parsed: reached later by a shorter path, it offers them again itself."""
        frontier = self.spider.frontier
        keys = sorted(set(skipped))
        if not keys:
            return []
        links = await self._db(self.db.links, {}, keys)
        requests = []
        for key, found in links.items():
            frontier.parsed(key, tuple(found))
            # Its depth now: a shorter path may have reached it while the links were looked up.
            depth = frontier.depth(key)
            if depth < frontier.max_depth:
                requests += [request for url in found for request in self.spider.offer(url, depth + 1)]
        return requests

    def _settle(self, response: Response, output: list[Any]) -> None:
        meta = response.meta.get(ARTICLE_META)
        if meta is None or response.status != 200:
            return
        if not any(isinstance(item, CrawledArticle | Request) for item in output):
            self._outcomes.append(Outcome(meta["key"], response.url, "skipped", reason="no article on the page"))

    def response_received(self, response: Response, request: Request) -> None:
        meta = request.meta.get(ARTICLE_META)
        if meta is None:
            return
        status = _OUTCOMES.get(response.status, "failed")
        headers = response.headers
        self._outcomes.append(
            Outcome(
                meta["key"],
                request.url,
                status,
                response.status,
                _header(headers.get("ETag")),
                _header(headers.get("Last-Modified")),
                None if response.status in (200, 304) else f"HTTP {response.status}",
            )
        )

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        if not isinstance(item, CrawledArticle):
            return
        article = item.article
        key = urls.article_key(article.canonical_url or article.url)
        if key and article.url:
            self._outcomes.append(Outcome(key, article.url, "dropped", reason=str(exception)[:200]))

    # -- background: outcomes in batches, the run's heartbeat -----------------------------
    async def _tick(self) -> None:
        last_beat = 0.0
        while True:
            await asyncio.sleep(self.config.flush_interval)
            await self._flush()
            if time.monotonic() - last_beat >= self.config.heartbeat_interval:
                last_beat = time.monotonic()
                await self._db(self.db.heartbeat, None, self.run.run_id)

    async def _flush(self) -> None:
        batch, self._outcomes = self._outcomes, []
        if batch and await self._db(self.db.record, False, batch) is False:
            self._outcomes[:0] = batch[-10_000:]  # kept for the next try, within bounds

    async def spider_closed(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._down_until = 0.0
        await self._flush()
        await asyncio.get_running_loop().run_in_executor(self._executor, self.db.close)
        self._executor.shutdown()

    async def _db(self, function: Callable[..., T], failed: Any, *args: Any) -> T | Any:
        """``function(*args)`` in the worker thread; ``failed`` if the database is unavailable."""
        if time.monotonic() < self._down_until:
            return failed
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)
        except (DatabaseUnavailable, psycopg.Error) as exc:
            message = str(exc) if isinstance(exc, DatabaseUnavailable) else self.db.error(exc)
            logger.warning("Crawl state unavailable (%s): fetching without it for now", message)
            self.stats.inc_value(STATE_UNAVAILABLE)
            self._down_until = time.monotonic() + _PAUSE_AFTER_FAILURE
            await asyncio.get_running_loop().run_in_executor(self._executor, self.db.close)
            return failed


def _header(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
