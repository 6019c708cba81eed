"""One connection to the store's database, made when first needed and again after it broke.

The store writer and the crawl-state middleware both hold one: the URL is resolved on first
use (starting the embedded server when none is set), the schema is migrated, and a broken
connection is replaced on the next call instead of failing every call after it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg

from newscrawl.store.connection import Connection, DatabaseUnavailable, connect, database_url, redact
from newscrawl.store.migrate import migrate


def error_text(exc: BaseException, url: str | None = None) -> str:
    """One redacted line for a log: the class and the primary message."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return redact(f"{type(exc).__name__}: {message}" if message else type(exc).__name__, url)


class Reconnecting:
    """``get()`` gives the live connection; ``prepare`` runs on each new one, after the migration."""

    def __init__(
        self,
        url: str | None,
        pgdata: str | Path,
        *,
        connect_timeout: float = 10.0,
        prepare: Callable[[Connection], None] | None = None,
    ) -> None:
        self._setting = url
        self._pgdata = pgdata
        self._connect_timeout = connect_timeout
        self._prepare = prepare
        self._url: str | None = None
        self._conn: Connection | None = None

    @property
    def url(self) -> str | None:
        """The URL in use, once known (for redaction; never log it as it is)."""
        return self._url or self._setting

    @property
    def broken(self) -> bool:
        return self._conn is not None and (self._conn.broken or self._conn.closed)

    def get(self) -> Connection:
        if self._conn is not None and not self.broken:
            return self._conn
        self.close()
        self._url = database_url(self._setting, self._pgdata)
        conn = connect(self._url, timeout=self._connect_timeout, autocommit=True)
        try:
            # Our queries are short; JIT compiling them (their estimates can pass jit_above_cost
            # on a table without statistics yet) cost more than running them.
            conn.execute("SET jit = off")
            migrate(conn)
            if self._prepare is not None:
                self._prepare(conn)
        except psycopg.Error as exc:
            conn.close()
            raise DatabaseUnavailable(f"cannot prepare the database: {error_text(exc, self._url)}") from None
        self._conn = conn
        return conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
