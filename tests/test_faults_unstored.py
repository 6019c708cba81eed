"""A crawl whose database never answers: its articles wait in the spool for that database
alone, and the crawl says so with its own exit code instead of succeeding.

Two real crawls of the sample archive share one spool directory: the first to a database
that does not exist (its URL carries a password), the second to another database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from newscrawl.commands.crawl import EXIT_NOT_STORED
from newscrawl.store.connection import Connection
from newscrawl.store.target import target_of
from tests.fix_archive import Tripwire, offline_crawl
from tests.fix_db import ROOT, rows
from tests.site.run import Crawl

pytestmark = [pytest.mark.db, pytest.mark.slow]

SAMPLE = ROOT / "seeds" / "sample.warc.gz"
PASSWORD = "pw-Never-Shown"


@pytest.fixture
def missing_db(server_url: str) -> Iterator[str]:
    name = f"newscrawl_missing_{uuid.uuid4().hex[:10]}"
    yield make_conninfo(server_url, dbname=name, password=PASSWORD)
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def _replay(workdir: Path, url: str, spool: Path) -> Crawl:
    settings = {
        "NEWSCRAWL_DATABASE_URL": url,
        "NEWSCRAWL_SPOOL_DIR": str(spool),
        "NEWSCRAWL_DB_RETRY_DELAY": "0.1",
        "NEWSCRAWL_DB_RETRY_MAX_DELAY": "0.5",
        "NEWSCRAWL_DB_CONNECT_TIMEOUT": "2",
    }
    with Tripwire() as tripwire:
        return offline_crawl(workdir, tripwire, {"replay": str(SAMPLE)}, settings, pipelines=True)


def test_a_crawl_whose_database_never_answers_exits_3_and_keeps_its_articles_for_it(
    db: Connection, schema_url: str, missing_db: str, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    target = target_of(missing_db, "")

    unstored = _replay(tmp_path / "first", missing_db, spool)
    assert unstored.returncode == EXIT_NOT_STORED, unstored.stderr[-3000:]
    assert unstored.stat("newscrawl/spool/pending") == 25
    assert unstored.last_line == (
        f"scrapy crawl: crawl failed: database {target} unreachable: 25 articles wait in the spool,"
        " written when it is back (python -m newscrawl db spool lists them)"
    )
    assert "unreachable: 25 articles" in unstored.stats["newscrawl/monitors/failed"]
    assert PASSWORD not in unstored.stderr
    assert PASSWORD not in "".join(p.read_text() for p in spool.iterdir())

    stored = _replay(tmp_path / "second", schema_url, spool)
    assert stored.returncode == 0, stored.stderr[-3000:]
    assert stored.stat("newscrawl/spool/replayed") == 0
    assert stored.stat("newscrawl/spool/other_targets") == 25
    assert "; 25 more spooled for other databases (python -m newscrawl db spool)" in stored.stderr
    # The first crawl's articles and run record did not land here: only this crawl's run is recorded.
    assert rows(db, "SELECT count(*) FROM crawl_runs") == [(1,)]
    assert rows(db, "SELECT count(*) FROM articles") == [(25,)]
    assert sum(1 for p in spool.glob("batch-*.jsonl") for _ in p.open()) == 25 + 2  # two run records
