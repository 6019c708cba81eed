"""No database set up: the embedded PostgreSQL (pgserver), through ``python -m newscrawl db``
and through a crawl without ``NEWSCRAWL_DATABASE_URL``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.fix_db import ROOT, crawled, embedded_pgdata, run_store

pytestmark = [pytest.mark.db, pytest.mark.slow]


def _db(command: str, pgdata: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSCRAWL_DATABASE_URL"}
    env["NEWSCRAWL_PGDATA"] = str(pgdata)
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", "db", command],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def pgdata() -> Iterator[Path]:
    with embedded_pgdata() as path:
        yield path
        _db("stop", path)


@pytest.fixture(scope="module")
def url(pgdata: Path) -> str:
    done = _db("url", pgdata)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_db_url_starts_the_server_and_prints_a_url_other_programs_can_use(url: str, pgdata: Path) -> None:
    assert url.startswith("postgresql://")
    assert str(pgdata.resolve()) in url
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("newscrawl",)
    assert (pgdata / "PG_VERSION").exists()


def test_the_server_is_reused(url: str, pgdata: Path) -> None:
    assert _db("url", pgdata).stdout.strip() == url


def test_db_migrate_applies_the_schema_once(url: str, pgdata: Path) -> None:
    first = _db("migrate", pgdata)
    second = _db("migrate", pgdata)
    assert first.returncode == second.returncode == 0
    assert "applied 0001_articles" in first.stdout
    assert second.stdout.rstrip().endswith(": up to date")


def test_db_shell_opens_psql_on_it(url: str, pgdata: Path) -> None:
    done = _db("shell", pgdata, stdin="SELECT 'answer:' || (40 + 2);\n")
    assert done.returncode == 0, done.stderr
    assert "answer:42" in done.stdout


def test_a_crawl_without_a_database_url_stores_in_the_embedded_server(url: str, pgdata: Path, tmp_path: Path) -> None:
    settings = {"NEWSCRAWL_DATABASE_URL": None, "NEWSCRAWL_PGDATA": str(pgdata), "NEWSCRAWL_SPOOL_DIR": str(tmp_path)}
    stats = run_store(settings, [crawled()])
    assert stats["newscrawl/db/inserted"] == 1
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT article_key FROM articles_current").fetchall() == [("tempo:1831560",)]


def test_db_stop_stops_it(url: str, pgdata: Path) -> None:
    done = _db("stop", pgdata)
    assert done.stdout.startswith("stopped the server in ")
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
