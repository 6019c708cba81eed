"""Parquet for ``export``: a typed column per view column, written one row group at a time.

Types follow PostgreSQL's: ``timestamptz`` is a timestamp with time zone (UTC), ``text[]`` a list
of strings, integers and booleans stay so. The JSON columns that hold the ``Article`` contract's
links get the contract's shape, from ``newscrawl.items`` itself: ``editor_pick`` a struct
``{title, url}``, ``related`` a list of ``{title, url, summary, published_raw, published_at}``,
``read_also`` a list of ``{title, url}`` (their times stay the ISO text the contract gives them).
Any other JSON column is kept as JSON text.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscrawl.items import Article

ROWS_PER_GROUP = 2000
"""Rows held before they are written: the export's memory does not grow with the table."""

_SCALARS = {
    "text": pa.string(),
    "character varying": pa.string(),
    "bigint": pa.int64(),
    "integer": pa.int32(),
    "smallint": pa.int16(),
    "boolean": pa.bool_(),
    "double precision": pa.float64(),
    "real": pa.float32(),
    "timestamp with time zone": pa.timestamp("us", tz="UTC"),
    "timestamp without time zone": pa.timestamp("us"),
    "date": pa.date32(),
}
_PYTHON = {str: pa.string(), int: pa.int64(), bool: pa.bool_(), float: pa.float64()}


def _from_hint(hint: Any) -> pa.DataType:
    """The Arrow type of a contract field's Python type."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _from_hint(args[0])
    if origin is tuple:
        return pa.list_(_from_hint(args[0]))
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return pa.struct([pa.field(f.name, _from_hint(hints[f.name])) for f in dataclasses.fields(hint)])
    if hint in _PYTHON:
        return _PYTHON[hint]
    raise TypeError(f"no Arrow type for {hint!r}")


def arrow_type(name: str, sql_type: str) -> pa.DataType:
    if sql_type in _SCALARS:
        return _SCALARS[sql_type]
    if sql_type.endswith("[]") and sql_type[:-2] in _SCALARS:
        return pa.list_(_SCALARS[sql_type[:-2]])
    if sql_type in ("jsonb", "json") and name in Article.__dataclass_fields__:
        return _from_hint(typing.get_type_hints(Article)[name])
    return pa.string()  # JSON text, or the text form of any other type


def _converter(sql_type: str, kind: pa.DataType) -> Callable[[Any], Any] | None:
    if sql_type in ("jsonb", "json") and pa.types.is_string(kind):
        return lambda value: None if value is None else json.dumps(value, ensure_ascii=False)
    if pa.types.is_string(kind) and sql_type not in ("text", "character varying"):
        return lambda value: None if value is None else str(value)
    return None


class ParquetOut:
    def __init__(self, sink: IO[bytes], names: list[str], sql_types: dict[str, str]) -> None:
        fields = [pa.field(name, arrow_type(name, sql_types[name])) for name in names]
        self.schema = pa.schema(fields)
        self._convert = [_converter(sql_types[f.name], f.type) for f in fields]
        self._writer = pq.ParquetWriter(sink, self.schema, compression="zstd")
        self._columns: list[list[Any]] = [[] for _ in names]

    def write(self, row: tuple[Any, ...]) -> None:
        for column, convert, value in zip(self._columns, self._convert, row, strict=True):
            column.append(convert(value) if convert is not None else value)
        if len(self._columns[0]) >= ROWS_PER_GROUP:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        if not self._columns[0]:
            return
        arrays = [pa.array(values, type=f.type) for values, f in zip(self._columns, self.schema, strict=True)]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self._columns = [[] for _ in self._columns]
