"""The reader view ``articles_current`` as the reading commands (``watch``, ``search``, ``export``)
see it: its columns, a row as JSON, and the filters they share.

They read only the view, so they work for a member of ``newscrawl_reader`` as well as for the
crawler. A row is given with every column of the view but ``search`` (a ``tsvector``, of no use
outside PostgreSQL), under the view's names, which are the ``Article`` field names; a column a
later migration adds to the view comes along without a change here. Times are given with the
offset of Jakarta, as the ``Article`` contract writes them (``2024-02-08T20:36:00+07:00``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
from psycopg import sql

from newscrawl.store.connection import Connection, DatabaseUnavailable, connect

VIEW = "articles_current"
CHANNEL = "newscrawl_articles"
"""The change feed's channel (the writer's ``statements.NOTIFY_CHANGES``)."""
TIMEZONE = "Asia/Jakarta"
WIB = ZoneInfo(TIMEZONE)
_HIDDEN = {"search"}


class BadInput(Exception):
    """A value the user gave that cannot be used; the message is one line that says why."""


def open_reading(url: str, *, autocommit: bool = True, name: str = "newscrawl") -> Connection:
    """A connection for reading: Jakarta time, and ``name`` as its application name."""
    conn = connect(url, autocommit=autocommit)
    try:
        conn.execute(
            "SELECT set_config('TimeZone', %s, false), set_config('application_name', %s, false)", (TIMEZONE, name)
        )
        if not autocommit:
            conn.commit()
    except psycopg.Error as exc:
        conn.close()
        raise DatabaseUnavailable(f"cannot prepare the connection: {exc}") from None
    return conn


def columns(conn: Connection) -> list[str]:
    """The view's columns in their order, ``search`` left out."""
    found = conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped"
        " ORDER BY attnum",
        (VIEW,),
    ).fetchall()
    if not found:
        raise BadInput(f"no {VIEW} view in this database (or schema): nothing is stored here yet")
    return [str(name) for (name,) in found if name not in _HIDDEN]


def select_list(names: list[str], alias: str | None = None) -> sql.Composed:
    if alias is None:
        return sql.SQL(", ").join(map(sql.Identifier, names))
    return sql.SQL(", ").join(sql.Identifier(alias, name) for name in names)


def jsonable(value: Any) -> Any:
    """A column value as JSON takes it: times in ISO 8601 with their offset."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def as_json(row: dict[str, Any]) -> dict[str, Any]:
    return {name: jsonable(value) for name, value in row.items()}


def parse_time(option: str, text: str, *, end: bool = False) -> datetime:
    """``--since``/``--until`` values: a day (``2024-05-01``: its start, or with ``end`` the start of
    the next day) or an ISO 8601 date-time; without an offset, the time is Jakarta's (WIB)."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            start = datetime(day.year, day.month, day.day, tzinfo=WIB)
            return start + timedelta(days=1) if end else start
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadInput(
            f"{option}: not a date: {text!r} (use YYYY-MM-DD or an ISO 8601 date-time; without an offset it is WIB)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=WIB)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which articles: published from ``since`` and before ``before``, of ``section``."""

    since: datetime | None = None
    before: datetime | None = None
    section: str | None = None

    @classmethod
    def parse(cls, since: str | None, until: str | None, section: str | None) -> Filters:
        start = parse_time("--since", since) if since else None
        # An --until day includes the whole day; an --until time includes that very moment.
        before = parse_time("--until", until, end=True) if until else None
        if before is not None and until and len(until) != 10:
            before += timedelta(microseconds=1)  # PostgreSQL keeps microseconds: the next instant
        if start is not None and before is not None and start >= before:
            raise BadInput(f"--since {since} is not before --until {until}")
        return cls(start, before, section.strip().lower() if section is not None else None)

    def where(self) -> tuple[sql.Composed, list[Any]]:
        """The SQL condition (``TRUE`` without filters) and its parameters."""
        parts: list[sql.Composable] = [sql.SQL("TRUE")]
        params: list[Any] = []
        for column, operator, value in (
            ("published_at", ">=", self.since),
            ("published_at", "<", self.before),
            ("section", "=", self.section),
        ):
            if value is not None:
                parts.append(sql.SQL("{} {} %s").format(sql.Identifier(column), sql.SQL(operator)))
                params.append(value)
        return sql.SQL(" AND ").join(parts), params

    def check(self, conn: Connection) -> None:
        """``BadInput`` for a section no stored article has, naming those that exist."""
        if self.section is None:
            return
        if conn.execute("SELECT 1 FROM articles_current WHERE section = %s LIMIT 1", (self.section,)).fetchone():
            return
        known = sections(conn)
        listed = ", ".join(known[:30]) + (", …" if len(known) > 30 else "") if known else "none stored yet"
        raise BadInput(f"unknown section {self.section!r} (sections: {listed})")


def sections(conn: Connection) -> list[str]:
    """Every section of the stored articles, one index probe each (a loose index scan)."""
    found = conn.execute(
        """
        WITH RECURSIVE s(section) AS (
            (SELECT section FROM articles_current WHERE section IS NOT NULL ORDER BY section LIMIT 1)
            UNION ALL
            SELECT (SELECT a.section FROM articles_current a WHERE a.section > s.section ORDER BY a.section LIMIT 1)
            FROM s WHERE s.section IS NOT NULL
        )
        SELECT section FROM s WHERE section IS NOT NULL
        """
    ).fetchall()
    return [str(section) for (section,) in found]


def one_line(text: str) -> str:
    """A message of several lines (libpq's) as one."""
    return " ".join(text.split())


def on_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty()) and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def column_types(conn: Connection) -> dict[str, str]:
    """Each view column's SQL type as PostgreSQL writes it: ``text[]``, ``timestamp with time zone``."""
    found = conn.execute(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
        " WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped",
        (VIEW,),
    ).fetchall()
    return {str(name): str(kind) for name, kind in found}
