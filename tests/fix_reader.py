"""Fixtures for the reading side (a pytest plugin): roles of the tests' own, dropped afterwards, the
seed articles stored, and the ``python -m newscrawl`` command run as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, LiteralString

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from newscrawl.items import CrawledArticle
from newscrawl.parsers import parse
from tests.conftest import SEEDS, load_cases
from tests.fix_db import ROOT, run_store, store_settings

READER_PASSWORD = "s3cret-Pa55-for-tests"  # noqa: S105 - a test's own throwaway role


# The reading side's tests count and rank Tempo's articles and the generic one; the other outlets'
# cases (2015-23 pages of other sites) would only crowd their searches and filters.
READER_OUTLETS = (None, "generic")


def fixture_articles() -> list[CrawledArticle]:
    """Every article case of Tempo and of the generic layout in ``seeds/`` read from its one HTML page,
    as a crawl would store it."""
    items = []
    for case in load_cases():
        inputs = case["inputs"]
        if case["kind"] != "article" or len(inputs) != 1 or not inputs[0]["file"].endswith(".html"):
            continue
        if case.get("outlet") not in READER_OUTLETS:
            continue
        article = parse(inputs[0]["url"], (SEEDS / inputs[0]["file"]).read_bytes())
        items.append(CrawledArticle(article, case["fetched_at"] or "2024-05-14T12:00:00+07:00"))
    return items


@pytest.fixture
def stored(schema_url: str, tmp_path: Path) -> str:
    """``schema_url`` with the fixture articles stored."""
    stats = run_store(store_settings(schema_url, tmp_path / "spool"), fixture_articles())
    assert stats.get("newscrawl/db/inserted"), stats
    return schema_url


RoleMaker = Callable[..., str]


@pytest.fixture
def make_role(server_url: str) -> Iterator[RoleMaker]:
    """``make_role(prefix, *options)`` creates a role of a unique name (``LOGIN`` and the given
    options); every role made is dropped at the end, with what it owns and was granted."""
    made: list[str] = []

    def make(prefix: str = "newscrawl_test_role", *options: LiteralString) -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(server_url, autocommit=True) as conn:
            attributes = sql.SQL(" ").join(map(sql.SQL, ("LOGIN", *options)))
            conn.execute(sql.SQL("CREATE ROLE {} {}").format(sql.Identifier(name), attributes))
        made.append(name)
        return name

    yield make
    drop_roles(server_url, made)


def drop_roles(server_url: str, names: list[str]) -> None:
    with psycopg.connect(server_url, autocommit=True) as conn:
        for name in names:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def as_role(url: str, role: str) -> str:
    """``url`` (its schema too) logged in as ``role``."""
    return make_conninfo(url, user=role)


def newscrawl(
    *args: str, url: str | None, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m newscrawl ARGS`` on the database at ``url`` (``None``: leave the environment's)."""
    environment = {**os.environ, **(env or {})}
    if url is not None:
        environment["NEWSCRAWL_DATABASE_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args],
        cwd=ROOT,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def grant_reader(url: str, name: str, password: str = READER_PASSWORD) -> subprocess.CompletedProcess[str]:
    return newscrawl("db", "grant-reader", name, url=url, env={"NEWSCRAWL_READER_PASSWORD": password})


@pytest.fixture
def reader(stored: str, server_url: str) -> Iterator[str]:
    """A URL of the stored articles' schema, logged in as a reader made by ``db grant-reader``."""
    name = f"newscrawl_test_reader_{uuid.uuid4().hex[:10]}"
    try:
        done = grant_reader(stored, name)
        assert done.returncode == 0, done.stderr
        yield as_role(stored, name)
    finally:
        drop_roles(server_url, [name])


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
