"""The database side of the store: one transaction per batch, and the ``crawl_runs`` rows.

A batch transaction takes the store's advisory lock (one per schema), reads what the database
holds about the batch (``decisions.Snapshot``), lets ``decisions.plan`` decide, and writes the plan
(``tables.write_plan``: rows it knows to be new copied straight into their tables, the others
upserted from a staging table filled by ``COPY``). The lock serializes writers
only for the few milliseconds of a batch; it is what makes "is this new?" and the insert
that follows one atomic step when several crawler processes share the database.

A batch that PostgreSQL rejects because of one row's data (a NUL byte, a bad date, an
over-long value: SQLSTATE classes 22, 23, 54) is retried row by row, and the bad rows come
back as ``rejected``. Any other failure (server down, connection lost, disk full) leaves
the items ``unwritten`` for the spool. ``write`` never raises.

Sync psycopg, deliberately: the store pipeline runs this class in a process of its own
(``store.worker``), so the connection never blocks Scrapy's event loop, and the same code
serves the command line, the benchmark and the tests without an event loop.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from newscrawl.store import decisions, statements, tables
from newscrawl.store.connection import Connection, DatabaseUnavailable
from newscrawl.store.migrate import lock_key
from newscrawl.store.reconnect import Reconnecting, error_text
from newscrawl.store.records import Pending, RunRecord

logger = logging.getLogger(__name__)

_ROW_ERROR_CLASSES = ("22", "23", "54")  # data exception, integrity violation, program limit exceeded
_WRITE_LOCK = 2


@dataclass(slots=True)
class Result:
    outcomes: Counter[str] = field(default_factory=Counter)
    """Per item: inserted, updated, unchanged, stale, aliased (and near_duplicate, among inserted)."""
    links_added: int = 0
    rejected: list[tuple[Pending, str]] = field(default_factory=list)
    unwritten: list[Pending] = field(default_factory=list)
    error: str | None = None
    """Why ``unwritten`` could not be written."""


def is_row_error(exc: BaseException) -> bool:
    """A failure caused by one row's data, which retrying the same row cannot fix."""
    if isinstance(exc, UnicodeError):
        return True
    if isinstance(exc, psycopg.Error):
        if exc.sqlstate is None:  # raised by psycopg itself while sending a value
            return isinstance(exc, psycopg.DataError)
        return exc.sqlstate[:2] in _ROW_ERROR_CLASSES
    return False


class ArticleWriter:
    """Writes batches of ``Pending`` items and ``RunRecord``s to the database at ``url``
    (``None``: the embedded server in ``pgdata``), connecting on first use and after a failure."""

    def __init__(self, url: str | None, pgdata: str | Path, *, connect_timeout: float = 10.0) -> None:
        self._db = Reconnecting(url, pgdata, connect_timeout=connect_timeout, prepare=self._prepare)
        self._lock_key = 0

    @property
    def url(self) -> str | None:
        """The URL in use, once known (for redaction; never log it as it is)."""
        return self._db.url

    def open(self) -> Connection:
        """The live connection, made ready (migrated, staging tables) if it is new."""
        return self._db.get()

    def _prepare(self, conn: Connection) -> None:
        with conn.transaction():
            self._lock_key = lock_key(conn, _WRITE_LOCK)
            for table in statements.STAGED_TABLES:
                conn.execute(
                    sql.SQL(
                        "CREATE TEMP TABLE IF NOT EXISTS {} (LIKE {} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
                    ).format(statements.stage(table), sql.Identifier(table))
                )

    def close(self) -> None:
        self._db.close()

    def record_run(self, run: RunRecord) -> str | None:
        """Insert or finish a ``crawl_runs`` row; the error text if it could not be written."""
        params = asdict(run)
        params["arguments"] = json.dumps(run.arguments, default=str)
        params["stats"] = json.dumps(run.stats, default=str) if run.stats is not None else None
        try:
            conn = self.open()
            with conn.transaction():
                conn.execute(statements.UPSERT_RUN, params)
        except DatabaseUnavailable as exc:
            return str(exc)
        except psycopg.Error as exc:
            return error_text(exc, self.url)
        return None

    def write(self, batch: list[Pending]) -> Result:
        """Write ``batch`` in one transaction (row by row if one row's data is refused)."""
        result = Result()
        ready: list[decisions.Ready] = []
        for pending in batch:
            checked = decisions.ready(pending)
            if isinstance(checked, str):
                result.rejected.append((pending, checked))
            else:
                ready.append(checked)
        if not ready:
            return result
        try:
            self._write_once(ready, result)
        except Exception as exc:  # the boundary: nothing may escape, every failure is sorted below
            if not is_row_error(exc):
                return self._unwritten(result, ready, exc)
            logger.info(
                "A row of a batch of %d was refused (%s); writing them one by one",
                len(ready),
                error_text(exc, self.url),
            )
            for index, entry in enumerate(ready):
                try:
                    self._write_once([entry], result)
                except Exception as row_exc:  # same boundary, one row
                    if not is_row_error(row_exc):
                        return self._unwritten(result, ready[index:], row_exc)
                    result.rejected.append((entry.pending, error_text(row_exc, self.url)))
        return result

    def _unwritten(self, result: Result, items: list[decisions.Ready], exc: BaseException) -> Result:
        result.unwritten.extend(entry.pending for entry in items)
        result.error = str(exc) if isinstance(exc, DatabaseUnavailable) else error_text(exc, self.url)
        if not isinstance(exc, (DatabaseUnavailable, psycopg.OperationalError, psycopg.InterfaceError)):
            logger.error("Writing a batch failed unexpectedly: %s", result.error)
        if self._db.broken:
            self.close()
        return result

    def _write_once(self, batch: list[decisions.Ready], result: Result) -> None:
        for attempt in (1, 2):
            conn = self.open()
            try:
                with conn.transaction():
                    outcomes, links_added = self._transaction(conn, batch)
            except tables.PlanConflict as exc:
                if attempt == 2:
                    raise
                logger.warning("Retrying a batch: %s", exc)
                continue
            result.outcomes.update(outcomes)
            result.links_added += links_added
            return

    def _transaction(self, conn: Connection, batch: list[decisions.Ready]) -> tuple[Counter[str], int]:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock_key,))
        snapshot = self._snapshot(conn, batch)
        fresh = len({entry.identity.key for entry in batch} - snapshot.articles.keys())
        ids: Iterator[int] = iter([r[0] for r in conn.execute(statements.NEW_IDS, (fresh,))] if fresh else [])
        plan = decisions.plan(batch, snapshot, ids)
        with conn.cursor() as cur:
            links_added = tables.write_plan(cur, plan)
        return plan.outcomes, links_added

    @staticmethod
    def _snapshot(conn: Connection, batch: list[decisions.Ready]) -> decisions.Snapshot:
        keys = sorted({entry.identity.key for entry in batch})
        hashes = sorted({entry.content_hash for entry in batch})
        simhashes = sorted({entry.simhash for entry in batch})
        with conn.pipeline():
            curs = [
                conn.execute(statements.SNAPSHOT_ARTICLES, (keys,)),
                conn.execute(statements.SNAPSHOT_ALIASES, (keys,)),
                conn.execute(statements.SNAPSHOT_HASHES, (hashes,)),
                conn.execute(statements.SNAPSHOT_NEAR, (simhashes, decisions.NEAR_DISTANCE)),
            ]
        articles, aliases, owners, near = (c.fetchall() for c in curs)
        return decisions.Snapshot(
            articles={
                k: decisions.Stored(i, h, changed, v, set(hs or ()), row_v)
                for k, i, h, changed, v, hs, row_v in articles
            },
            aliases={k: decisions.Alias(i, h) for k, i, h in aliases},
            hash_owners={h: min(i for h2, i in owners if h2 == h) for h, _ in owners},
            near=[decisions.Near(i, s, root) for i, s, root in near],
        )
