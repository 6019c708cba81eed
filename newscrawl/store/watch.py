"""``python -m newscrawl watch [--since-id N]``: each new or updated article, as one JSON line of the
reader view, as soon as the batch that stored it commits.

The store sends ``NOTIFY newscrawl_articles`` in the transaction of each batch (see
``statements.NOTIFY_CHANGES``), so a notification means a committed row. The watcher takes it as
a hint only: what it prints is always read from the view, so a notification sent by anyone else
(any role may NOTIFY) prints nothing that is not stored, and one of another schema is ignored.

Exactly once, across reconnections: the watcher listens first and reads second. New rows are
read by id, after the highest id printed (``--since-id`` at the start, else the highest stored
when it starts): ids are taken under the store's write lock, so they commit in order and "after
the last id" misses none. An updated row is printed when its version is newer than the one
printed (only versions above 1 are remembered: an update is version 2 or more). A lost
connection is opened again with a growing delay, and the new rows stored meanwhile are read by
id; an edit of an older row made while the connection was down is not replayed (its ``version``
and ``last_changed_at`` in the view tell it).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, TextIO

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from newscrawl.store.connection import Connection, DatabaseUnavailable
from newscrawl.store.view import CHANNEL, VIEW, as_json, columns, one_line, open_reading, select_list

PAGE = 500
"""Rows read at a time when catching up."""


class Watcher:
    def __init__(
        self,
        url: str,
        out: TextIO,
        since_id: int | None = None,
        *,
        heartbeat: float = 30.0,
        reconnect_delay: float = 1.0,
        max_delay: float = 30.0,
        log: TextIO = sys.stderr,
    ) -> None:
        self.url = url
        self.out = out
        self.last_id = since_id
        """The highest id printed, or the one the watcher started after."""
        self.versions: dict[int, int] = {}
        """Versions above 1 printed, per id."""
        self.heartbeat = heartbeat
        self.reconnect_delay = reconnect_delay
        self.max_delay = max_delay
        self.log = log
        self.sessions = 0
        self._delay = reconnect_delay

    def run(self) -> None:
        """Print until interrupted. A database that cannot be reached at the start raises
        ``DatabaseUnavailable``; once watching, a lost connection is made again, forever."""
        while True:
            try:
                with open_reading(self.url, name="newscrawl watch") as conn:
                    self._session(conn)
            except (DatabaseUnavailable, psycopg.OperationalError, psycopg.InterfaceError) as exc:
                if self.sessions == 0:
                    raise DatabaseUnavailable(one_line(str(exc))) from None
                self._say(f"connection lost ({one_line(str(exc))}); trying again in {self._delay:g} s")
                time.sleep(self._delay)
                self._delay = min(self._delay * 2, self.max_delay)

    def _session(self, conn: Connection) -> None:
        names = columns(conn)
        schema = str(_value(conn, "SELECT current_schema()"))
        if self.last_id is None:
            self.last_id = int(
                _value(conn, sql.SQL("SELECT coalesce(max(id), 0) FROM {}").format(sql.Identifier(VIEW)))
            )
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))
        self.sessions += 1
        self._delay = self.reconnect_delay
        self._say(
            f"{'listening' if self.sessions == 1 else 'listening again'} on {CHANNEL} (schema {schema});"
            f" articles after id {self.last_id}"
        )
        self._catch_up(conn, names)
        while True:
            # No query may run while notifies() iterates (it holds the connection): collect, then read.
            received = list(conn.notifies(timeout=self.heartbeat, stop_after=1))
            received += conn.notifies(timeout=0)
            for notify in received:
                self._handle(conn, names, schema, notify.payload)
            if not received:
                # A quiet spell: a query proves the connection is alive, and reads anything missed.
                self._catch_up(conn, names)

    def _handle(self, conn: Connection, names: list[str], schema: str, payload: str) -> None:
        try:
            note = json.loads(payload)
            row_id, version, change = int(note["id"]), int(note["version"]), str(note["change"])
        except (ValueError, KeyError, TypeError):
            return  # not the store's: someone else's NOTIFY on the channel
        if note.get("schema") != schema:
            return
        assert self.last_id is not None
        if row_id > self.last_id:
            self._catch_up(conn, names)
        elif change == "updated" and version > self.versions.get(row_id, 1):
            query = sql.SQL("SELECT {} FROM {} WHERE id = %s").format(select_list(names), sql.Identifier(VIEW))
            with conn.cursor(row_factory=dict_row) as cur:
                row = cur.execute(query, (row_id,)).fetchone()
            if row is not None and int(row["version"]) > self.versions.get(row_id, 1):
                self._print(row)

    def _catch_up(self, conn: Connection, names: list[str]) -> None:
        query = sql.SQL("SELECT {} FROM {} WHERE id > %s ORDER BY id LIMIT %s").format(
            select_list(names), sql.Identifier(VIEW)
        )
        while True:
            with conn.cursor(row_factory=dict_row) as cur:
                rows = cur.execute(query, (self.last_id, PAGE)).fetchall()
            for row in rows:
                self._print(row)
            if len(rows) < PAGE:
                return

    def _print(self, row: dict[str, Any]) -> None:
        self.out.write(json.dumps(as_json(row), ensure_ascii=False) + "\n")
        self.out.flush()
        row_id, version = int(row["id"]), int(row["version"])
        assert self.last_id is not None
        self.last_id = max(self.last_id, row_id)
        if version > 1:
            self.versions[row_id] = version

    def _say(self, message: str) -> None:
        print(f"newscrawl watch: {message}", file=self.log, flush=True)


def _value(conn: Connection, query: str | sql.Composed) -> Any:
    row = conn.execute(query.encode() if isinstance(query, str) else query).fetchone()
    return row[0] if row else None
