"""The database the benches write to: NEWSCRAWL_DATABASE_URL, else NEWSCRAWL_TEST_DATABASE_URL,
else the embedded server; each run in a fresh schema of its own, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from newscrawl import settings as project
from newscrawl.db.connection import database_url


def server_url() -> str:
    url = os.environ.get("NEWSCRAWL_DATABASE_URL") or os.environ.get("NEWSCRAWL_TEST_DATABASE_URL")
    return database_url(url, project.NEWSCRAWL_PGDATA)


@contextmanager
def schema(url: str, prefix: str) -> Iterator[str]:
    """A URL of ``url``'s database whose search path is a new, empty schema."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    try:
        yield make_conninfo(url, options=f"-c search_path={name}")
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))
