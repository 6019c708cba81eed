"""Which database a crawl writes to, as an identity a spooled record can carry.

A record that waits in the spool must reach the database it was accepted for, and no
other: the spool directory is shared by every database URL (``.newscrawl/spool``), and the
next crawl may write somewhere else. A ``Target`` names the database by what makes it
that database — host, port, database name and the schema a URL's ``options`` put first
on the search path, or the data directory of the embedded server — and never by the
user or the password. Unset parts are filled in as libpq would (``PGHOST``, ``PGPORT``,
``PGDATABASE``…), so a URL and the environment that completes it name the same target.

Hosts are compared as written: ``localhost`` and ``127.0.0.1`` are two targets. Records
for a target that never comes back stay on disk; ``python -m newscrawl db spool`` lists
them and can hand them to the configured database or discard them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.pq import Conninfo

_SEARCH_PATH = re.compile(r"(?:-c\s*|--)search_path\s*=\s*(?P<value>(?:\\.|[^\s\\])+)")


@dataclass(frozen=True, slots=True)
class Target:
    """A database, without credentials: a server's (``host``, ``port``, ``dbname``, ``schema``)
    or the embedded server's data directory (``embedded``)."""

    host: str | None = None
    port: str | None = None
    dbname: str | None = None
    schema: str | None = None
    embedded: str | None = None

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: Any) -> Target | None:
        """The target a spool line names; ``None`` for lines written before targets were recorded."""
        if not isinstance(data, dict) or not data:
            return None
        return cls(**{k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__})

    @property
    def id(self) -> str:
        """A short, stable name for the command line (``db spool --discard ID``)."""
        return hashlib.sha256(json.dumps(self.as_dict(), sort_keys=True).encode()).hexdigest()[:8]

    def __str__(self) -> str:
        if self.embedded:
            return f"the embedded PostgreSQL in {self.embedded}"
        where = f"{self.host}:{self.port}/{self.dbname}"
        return f"{where} (schema {self.schema})" if self.schema else where


def target_of(url: str | None, pgdata: str | Path) -> Target:
    """The target a crawl configured with ``url`` (``None``: the embedded server in ``pgdata``) writes to."""
    if not url:
        return Target(embedded=str(Path(pgdata).resolve()))
    try:
        given = {k: str(v) for k, v in conninfo_to_dict(url).items() if v not in (None, "")}
    except psycopg.Error:
        # Never written to: connect() refuses the URL. A target of its own keeps its records apart.
        return Target(host="(unparsable database URL)")
    defaults = {
        option.keyword.decode(): option.val.decode() for option in Conninfo.get_defaults() if option.val is not None
    }

    def value(name: str) -> str | None:
        return given.get(name) or defaults.get(name) or None

    host = value("host") or value("hostaddr") or "localhost"
    user = value("user")
    schema = _SEARCH_PATH.search(value("options") or "")
    return Target(
        host=host,
        port=value("port") or "5432",
        dbname=value("dbname") or user,
        schema=schema["value"].replace("\\", "") if schema else None,
    )
