"""``python -m newscrawl export --format jsonl|csv|parquet``: the reader view, one article per line
or row, under the view's column names (those of the ``Article`` contract, plus the row's own:
``id``, ``article_key``, ``version``, …; ``search`` left out).

The rows come through a server-side cursor, a few hundred at a time, and go out as they come
(Parquet: a row group every ``parquet.ROWS_PER_GROUP`` rows), so memory stays the same whatever
the size of the table (``make bench`` measures it). JSON lines and CSV give times in ISO 8601
with their offset; CSV gives lists and objects as JSON text. On a terminal a progress bar runs
on stderr; piped or redirected, nothing but the data is written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import IO, Any, Protocol

from psycopg import sql
from tqdm import tqdm

from newscrawl.store.connection import Connection
from newscrawl.store.view import VIEW, Filters, as_json, column_types, columns, select_list

FORMATS = ("jsonl", "csv", "parquet")
FETCH = 500
"""Rows the server-side cursor sends at a time."""


class Output(Protocol):
    def write(self, row: tuple[Any, ...]) -> None: ...
    def close(self) -> None: ...


class _Text:
    """UTF-8 text onto a binary sink, which stays open (standard output is one) when this closes."""

    def __init__(self, sink: IO[bytes]) -> None:
        self.text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)

    def close(self) -> None:
        self.text.flush()
        self.text.detach()


class JsonLines(_Text):
    def __init__(self, sink: IO[bytes], names: list[str]) -> None:
        super().__init__(sink)
        self.names = names

    def write(self, row: tuple[Any, ...]) -> None:
        self.text.write(json.dumps(as_json(dict(zip(self.names, row, strict=True))), ensure_ascii=False) + "\n")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


class Csv(_Text):
    def __init__(self, sink: IO[bytes], names: list[str]) -> None:
        super().__init__(sink)
        self.writer = csv.writer(self.text)
        self.writer.writerow(names)

    def write(self, row: tuple[Any, ...]) -> None:
        self.writer.writerow([_csv_value(value) for value in row])


def _size() -> tuple[int, int]:
    """The terminal's columns and lines; 80 x 24 where it says 0 x 0 (a terminal of unknown size,
    such as script's), where tqdm would draw nothing."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        return 80, 24
    return size.columns or 80, size.lines or 24


def export(
    conn: Connection,
    filters: Filters,
    open_output: Callable[[list[str], dict[str, str]], Output],
    *,
    progress: bool = False,
) -> int:
    """Write the matching rows of the view, oldest id first, to the output ``open_output`` makes
    for the columns and their SQL types; the number of rows."""
    filters.check(conn)
    names = columns(conn)
    where, params = filters.where()
    total = None
    if progress:
        counted = conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE {}").format(sql.Identifier(VIEW), where), params)
        total = int((counted.fetchone() or (0,))[0])
    query = sql.SQL("SELECT {} FROM {} WHERE {} ORDER BY id").format(select_list(names), sql.Identifier(VIEW), where)
    written = 0
    with conn.transaction(), conn.cursor(name="newscrawl_export") as cur:
        cur.itersize = FETCH
        cur.execute(query, params)
        output = open_output(names, column_types(conn))
        width, height = _size()
        bar = tqdm(cur, total=total, disable=not progress, file=sys.stderr, unit=" articles", ncols=width, nrows=height)
        for row in bar:
            output.write(row)
            written += 1
        bar.close()
        output.close()
    return written
