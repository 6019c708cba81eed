"""Write or spool: the policy that makes an accepted item either stored, rejected (with its
reason, in the rejects file) or waiting in the spool, never lost.

While the database is unavailable, batches go straight to the spool; ``retry`` (called by
the store pipeline after ``delay`` seconds, which doubles up to a cap after each failed try)
replays the spool oldest first, and so does every write before its own batch, so that an
article's fetches reach the database in the order they were made. Plain and synchronous:
the store pipeline calls it in its worker process (``OutboxService``), one call at a time.
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newscrawl.store import decisions
from newscrawl.store.connection import DatabaseUnavailable
from newscrawl.store.records import Pending, RunRecord
from newscrawl.store.spool import Spool
from newscrawl.store.writer import ArticleWriter, Result

if TYPE_CHECKING:
    from newscrawl.store.config import StoreConfig
    from newscrawl.store.target import Target

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Report:
    """What one call did, for the crawl's stats."""

    outcomes: Counter[str] = field(default_factory=Counter)
    links_added: int = 0
    rejected: int = 0
    spooled: int = 0
    replayed: int = 0
    available: bool = True

    def add(self, result: Result) -> None:
        self.outcomes.update(result.outcomes)
        self.links_added += result.links_added
        self.rejected += len(result.rejected)


class Outbox:
    def __init__(
        self, writer: ArticleWriter, spool: Spool, *, batch_size: int, retry_delay: float, retry_max_delay: float
    ) -> None:
        self.writer = writer
        self.spool = spool
        self.batch_size = batch_size
        self._first_delay = retry_delay
        self._max_delay = retry_max_delay
        self.delay = retry_delay
        """Seconds until the next ``retry`` should run, while unavailable."""
        self.available = True
        self._replay_due = True
        """Whether the spool may hold records of this target: set when a batch is spooled, cleared
        when a replay leaves none (files of other targets are not read for every batch)."""

    def start(self, run: RunRecord | None = None) -> Report:
        """Connect (starting the embedded server, migrating), replay what earlier runs spooled,
        and record the start of ``run``."""
        report = Report()
        if self._reconnect(report):
            self._replay(report)
        if run is not None:
            self.send_run(run, report)
        return report

    def send(self, batch: list[Pending]) -> Report:
        report = Report(available=self.available)
        if self.available and self._replay_due:
            self._replay(report)
        unwritten = self._write(batch, report) if self.available else batch
        if unwritten:
            self._spool(unwritten, report)
        return report

    def send_run(self, run: RunRecord, report: Report | None = None) -> Report:
        report = report or Report(available=self.available)
        error = self.writer.record_run(run) if self.available else "database unavailable"
        if error:
            self._spool([run], report)
        return report

    def retry(self) -> Report:
        """Try the database again and replay the spool; doubles ``delay`` if it is still down."""
        report = Report()
        if self._reconnect(report):
            self._replay(report)
        if self.available:
            self.delay = self._first_delay
            if report.replayed:
                logger.info("Database reachable again: %d spooled articles written", report.replayed)
        else:
            self.delay = min(self.delay * 2, self._max_delay)
            logger.info("Database still unavailable; next try in %.0f s", self.delay)
        return report

    def _reconnect(self, report: Report) -> bool:
        try:
            self.writer.open()
        except DatabaseUnavailable as exc:
            self._went_down(str(exc), report)
            return False
        self.available = report.available = True
        return True

    def _write(self, batch: list[Pending], report: Report) -> list[Pending]:
        """Write ``batch``, refused rows to the rejects file; return what could not be written."""
        result = self.writer.write(batch)
        report.add(result)
        for pending, error in result.rejected:
            logger.warning("Rejected, kept in %s: %s (%s)", self.spool.rejects_path, pending.url, error)
            self.spool.reject(pending, error)
        if result.unwritten:
            self._went_down(result.error or "unknown error", report)
        return result.unwritten

    def _replay(self, report: Report) -> None:
        """Write back this target's spool files, oldest first, until the database goes away."""
        for path in self.spool.own_files():
            with self.spool.claim(path) as records:
                if records is None:
                    continue
                remaining = self._replay_records(records, report)
                if remaining:
                    self.spool.add(remaining, replacing=path)
                    return
        self._replay_due = False

    def _replay_records(self, records: list[Pending | RunRecord], report: Report) -> list[Pending | RunRecord]:
        """Write ``records`` in order; return those left when the database went away."""
        index = 0
        while index < len(records):
            record = records[index]
            if isinstance(record, RunRecord):
                error = self.writer.record_run(record)
                if error:
                    self._went_down(error, report)
                    return records[index:]
                index += 1
                continue
            batch: list[Pending] = []
            while index < len(records) and len(batch) < self.batch_size:
                next_record = records[index]
                if not isinstance(next_record, Pending):
                    break
                batch.append(next_record)
                index += 1
            unwritten = self._write(batch, report)
            report.replayed += len(batch) - len(unwritten)
            if unwritten:
                return [*unwritten, *records[index:]]
        return []

    def _spool(self, records: Sequence[Pending | RunRecord], report: Report) -> None:
        path = self.spool.add(list(records))
        self._replay_due = True
        articles = sum(isinstance(r, Pending) for r in records)
        report.spooled += articles
        logger.debug("%d records (%d articles) spooled to %s", len(records), articles, path)

    def _went_down(self, error: str, report: Report) -> None:
        if self.available:
            logger.warning(
                "Database unavailable (%s): articles go to the spool in %s and are retried, first in %.0f s",
                error,
                self.spool.directory,
                self.delay,
            )
        self.available = report.available = False


@dataclass(frozen=True, slots=True)
class OutboxService:
    """The outbox of a store pipeline, as the service of its worker process (``store.worker``).

    Each call answers with the outbox's state after it: ``(report, available, delay)``."""

    config: StoreConfig
    target: Target

    def open(self) -> dict[str, Callable[..., Any]]:
        config = self.config
        writer = ArticleWriter(config.database_url, config.pgdata, connect_timeout=config.connect_timeout)
        outbox = Outbox(
            writer,
            Spool(config.spool_dir, self.target),
            batch_size=config.batch_size,
            retry_delay=config.retry_delay,
            retry_max_delay=config.retry_max_delay,
        )

        def answer(method: Callable[..., Report]) -> Callable[..., tuple[Report, bool, float]]:
            return lambda *args: (method(*args), outbox.available, outbox.delay)

        calls: dict[str, Callable[..., Report]] = {
            "start": outbox.start,
            "send": outbox.send,
            "send_run": outbox.send_run,
            "retry": outbox.retry,
        }
        return {**{name: answer(method) for name, method in calls.items()}, "close": writer.close}

    def prepare(self, name: str, args: tuple[Any, ...]) -> None:
        if name != "send":
            return
        for pending in args[0]:
            # Checked as it arrives, while the database writes the batch before; an item that
            # raises here raises again when the writer checks it, in its call.
            with contextlib.suppress(Exception):
                decisions.ready(pending)
