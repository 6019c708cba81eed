"""The database the benches write to: NEWSCRAWL_DATABASE_URL, else NEWSCRAWL_TEST_DATABASE_URL,
else the embedded server; each run in a fresh schema of its own, dropped afterwards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from newscrawl import settings as project
from newscrawl.store.connection import database_url
from tests.fix_db import fresh_schema


def server_url() -> str:
    url = os.environ.get("NEWSCRAWL_DATABASE_URL") or os.environ.get("NEWSCRAWL_TEST_DATABASE_URL")
    return database_url(url, project.NEWSCRAWL_PGDATA)


@contextmanager
def schema(url: str, prefix: str) -> Iterator[str]:
    """A URL of ``url``'s database whose search path is a new, empty schema, dropped afterwards."""
    yield from fresh_schema(url, prefix)
