"""The last pipeline: every ``CrawledArticle`` into PostgreSQL, in batches, losing nothing.

Items are buffered and written ``NEWSCRAWL_DB_BATCH_SIZE`` at a time, or after
``NEWSCRAWL_DB_MAX_DELAY`` seconds, and on close. The store's work (checking the items, the
decisions, the database, the spool) runs in a worker process of the pipeline's own
(``store.outbox.OutboxService``, see ``store.process``), on another core than the crawl's,
which only hands each batch over. One batch is written while the next fills; ``process_item``
waits only when a full batch finds the previous one still being written, which slows the crawl
down when the database is slower than the crawl, so memory stays flat. What the database cannot
take goes to the spool (``outbox``) and is retried with backoff; the run is recorded in
``crawl_runs``. A batch whose process died before it answered is spooled here, and the next
call starts a new process.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.crawl.context import run_context
from newscrawl.items import CrawledArticle
from newscrawl.stats import (
    DB_ALIASED,
    DB_INSERTED,
    DB_LINKS_ADDED,
    DB_REJECTED,
    DB_UNCHANGED,
    DB_UPDATED,
    SPOOL_OTHER_TARGETS,
    SPOOL_PENDING,
    SPOOL_REPLAYED,
    SPOOL_SPOOLED,
    SPOOL_UNREACHABLE,
    db_outcome,
)
from newscrawl.store.config import StoreConfig
from newscrawl.store.connection import describe
from newscrawl.store.outbox import OutboxService, Report
from newscrawl.store.process import WorkerDied, WorkerProcess
from newscrawl.store.records import Pending, RunRecord
from newscrawl.store.spool import Spool
from newscrawl.store.target import Target, target_of

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, config: StoreConfig, stats: StatsCollector, run: RunRecord) -> None:
        self.config = config
        self.stats = stats
        self.target: Target = target_of(config.database_url, config.pgdata)
        self.spool = Spool(config.spool_dir, self.target)
        self.run = run
        self._buffer: list[Pending] = []
        self.process: WorkerProcess | None = None
        """The store's worker process, from ``open_spider`` to ``spider_closed``."""
        self._available = True
        """Whether the database took the last call (the outbox's own flag, as last reported)."""
        self._delay = config.retry_delay
        """Seconds until the next retry while unavailable (as last reported)."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._flush_timer: asyncio.TimerHandle | None = None
        self._retry_timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writing: asyncio.Future[None] | None = None
        self._spooling = asyncio.Lock()
        self._closing = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        config = StoreConfig.from_settings(crawler.settings)
        if not config.enabled:
            raise NotConfigured("NEWSCRAWL_STORE_ENABLED is off")
        assert crawler.stats is not None
        pipeline = cls(config, crawler.stats, run_context(crawler).record())
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    async def open_spider(self) -> None:
        self.spool.directory.mkdir(parents=True, exist_ok=True)  # an unusable spool fails the crawl now
        self._loop = asyncio.get_running_loop()
        self.process = WorkerProcess(OutboxService(self.config, self.target))
        logger.info("Storing articles in %s (spool: %s)", self._where(), self.spool.directory)
        self._apply(await self._call("start", self.run))

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, CrawledArticle):
            return item
        self._buffer.append(Pending(item, self.run.run_id))
        if len(self._buffer) >= self.config.batch_size:
            await self._flush()
        elif self._flush_timer is None and self._loop is not None and not self._closing:
            self._flush_timer = self._loop.call_later(self.config.max_delay, self._spawn, self._flush)
        return item

    async def drain(self) -> None:
        """Wait until every item handed over so far is written (or spooled, or rejected)."""
        await self._flush()
        while self._tasks:
            await asyncio.gather(*list(self._tasks))
        if self._writing is not None:
            await self._writing

    async def close_spider(self) -> None:
        self._closing = True
        await self.drain()
        if self._retry_timer is not None:
            self._retry_timer.cancel()
            self._retry_timer = None
        if self.spool.own_files():
            self._apply(await self._call("retry"))
        await self._count_waiting()

    async def _count_waiting(self) -> None:
        """What the spool still holds, in the stats before the end-of-crawl monitors read them:
        this database's articles (``pending``; with ``unreachable`` naming the database when
        there are any and it cannot be reached) and other databases' (``other_targets``,
        never written by this crawl)."""
        assert self._loop is not None
        waiting = await self._loop.run_in_executor(None, self.spool.waiting)
        pending = waiting.pop(self.target).articles if self.target in waiting else 0
        self.stats.set_value(SPOOL_PENDING, pending)
        if pending and not self._available:  # not a file another crawl is writing back
            self.stats.set_value(SPOOL_UNREACHABLE, str(self.target))
        others = sum(w.articles for w in waiting.values())
        if others:
            self.stats.set_value(SPOOL_OTHER_TARGETS, others)
            for target, found in waiting.items():
                logger.warning(
                    "%d articles in %s are spooled for %s, not for this crawl's database: "
                    "see python -m newscrawl db spool",
                    found.articles,
                    self.spool.directory,
                    target or "a database not recorded (spooled by an older version)",
                )

    async def spider_closed(self, spider: Spider | None = None, reason: str = "finished") -> None:
        """Record the finished run with the crawl's final stats, say what is left, release."""
        if self.process is None:
            return
        pending = int(self.stats.get_value(SPOOL_PENDING, 0))
        self.run.finished_at = datetime.now(UTC).isoformat()
        self.run.status = reason
        self.run.stats = self.stats.get_stats()
        self._apply(await self._call("send_run", self.run))
        get = self.stats.get_value
        logger.log(
            logging.WARNING if pending else logging.INFO,
            "Storage: %d inserted, %d updated, %d unchanged, %d aliased, %d rejected (%s); "
            "%d articles still spooled in %s for %s",
            get(DB_INSERTED, 0),
            get(DB_UPDATED, 0),
            get(DB_UNCHANGED, 0),
            get(DB_ALIASED, 0),
            get(DB_REJECTED, 0),
            self.spool.rejects_path,
            pending,
            self.spool.directory,
            self.target,
        )
        await self.process.close()
        self.process = None

    async def _flush(self) -> None:
        """Hand the buffer to the store's process. One batch is written while the next one fills:
        a full buffer waits only for the batch before it."""
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        batch, self._buffer = self._buffer, []
        if not batch:
            return
        # Handed over at once (the store's process checks it while it writes the one before),
        # then the wait for the one before: the buffer fills again only once it is written.
        before, self._writing = self._writing, asyncio.ensure_future(self._send(batch))
        if before is not None:
            await before

    async def _send(self, batch: list[Pending]) -> None:
        self._apply(await self._call("send", batch))

    async def _retry(self) -> None:
        self._retry_timer = None
        self._apply(await self._call("retry"))

    def _apply(self, report: Report) -> None:
        for outcome, count in report.outcomes.items():
            self.stats.inc_value(db_outcome(outcome), count)
        for name, count in (
            (DB_LINKS_ADDED, report.links_added),
            (DB_REJECTED, report.rejected),
            (SPOOL_SPOOLED, report.spooled),
            (SPOOL_REPLAYED, report.replayed),
        ):
            if count:
                self.stats.inc_value(name, count)
        if not report.available and self._retry_timer is None and self._loop is not None and not self._closing:
            self._retry_timer = self._loop.call_later(self._delay, self._spawn, self._retry)

    def _spawn(self, coroutine: Callable[[], Any]) -> None:
        task = asyncio.ensure_future(coroutine())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _where(self) -> str:
        return describe(self.config.database_url) if self.config.database_url else str(self.target)

    async def _call(self, name: str, *args: Any) -> Report:
        """``Outbox.<name>(*args)`` in the store's process. If the process dies first, what the call
        carried (a batch, a run record) is spooled here, where it is still held: the database may
        or may not have it, and writing it again is harmless (an unchanged article)."""
        assert self.process is not None
        try:
            answer: tuple[Report, bool, float] = await self.process.call(name, *args)
        except WorkerDied as exc:
            return await self._spool_unanswered(str(exc), list(args[0]) if name == "send" else list(args))
        report, self._available, self._delay = answer
        return report

    async def _spool_unanswered(self, how: str, records: list[Pending | RunRecord]) -> Report:
        assert self._loop is not None
        report = Report(available=False)
        self._available, self._delay = False, self.config.retry_delay
        if not records:
            return report
        async with self._spooling:  # one file after the other, in the order they were sent
            await self._loop.run_in_executor(None, self.spool.add, records)
        report.spooled = sum(isinstance(r, Pending) for r in records)
        logger.error(
            "The store's process ended (%s) before it answered: its %d articles and %d run records "
            "are spooled in %s, for the next process",
            how,
            report.spooled,
            len(records) - report.spooled,
            self.spool.directory,
        )
        return report
