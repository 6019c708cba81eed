"""Spooled records reach the database they were accepted for, and no other.

Every database URL shares one spool directory by default; each record names its target
(host, port, database, schema — never the password), a crawl writes back only its own, and
the rest stay on disk, counted, for ``python -m newscrawl db spool``. On the real server."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from newscrawl.store.connection import Connection
from newscrawl.store.records import Pending
from newscrawl.store.spool import Spool
from newscrawl.store.target import Target, target_of
from tests.fix_db import ROOT, other_article, rows, run_store, store_settings

pytestmark = [pytest.mark.db, pytest.mark.slow]


@pytest.fixture
def missing_db(server_url: str) -> Iterator[str]:
    """A URL of a database that does not exist yet on the test server (with a password in it,
    which the trust-authenticated server ignores and no output may show); dropped afterwards."""
    name = f"newscrawl_missing_{uuid.uuid4().hex[:10]}"
    yield make_conninfo(server_url, dbname=name, password="s3cret-Pw")
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def _create(server_url: str, url: str) -> None:
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(str(name))))


def _lines(spool: Path) -> list[dict[str, object]]:
    return [json.loads(line) for path in sorted(spool.glob("batch-*.jsonl")) for line in path.open()]


def test_articles_spooled_for_one_database_are_not_written_to_another(
    db: Connection, schema_url: str, server_url: str, missing_db: str, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    first = run_store(store_settings(missing_db, spool), [other_article(n) for n in range(1, 6)])
    assert first["newscrawl/spool/pending"] == 5
    assert first["newscrawl/spool/unreachable"] == str(target_of(missing_db, ""))
    lines = _lines(spool)
    assert {json.dumps(line["target"], sort_keys=True) for line in lines} == {
        json.dumps(target_of(missing_db, "").as_dict(), sort_keys=True)
    }
    assert "s3cret-Pw" not in "".join(path.read_text() for path in spool.iterdir())

    # Another crawl, another database, the same spool directory: nothing of the first lands here.
    second = run_store(store_settings(schema_url, spool), [other_article(6)])
    assert rows(db, "SELECT article_id FROM articles") == [(6,)]
    assert rows(db, "SELECT count(*) FROM crawl_runs") == [(1,)]
    assert second["newscrawl/spool/pending"] == 0
    assert second["newscrawl/spool/other_targets"] == 5
    assert "newscrawl/spool/unreachable" not in second
    assert len(_lines(spool)) == len(lines)

    # Once the first database exists, a crawl writing to it writes them back.
    _create(server_url, missing_db)
    third = run_store(store_settings(missing_db, spool), [])
    assert third["newscrawl/spool/replayed"] == 5
    assert third["newscrawl/spool/pending"] == 0
    with psycopg.connect(missing_db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (5,)
        assert conn.execute("SELECT count(*) FROM crawl_runs").fetchone() == (2,)
    assert not list(spool.glob("batch-*.jsonl"))


def test_two_schemas_of_one_database_are_two_targets(server_url: str, tmp_path: Path) -> None:
    url_a = make_conninfo(server_url, options="-c search_path=a_schema")
    url_b = make_conninfo(server_url, options="-csearch_path=b_schema")
    assert target_of(url_a, "") != target_of(url_b, "")
    assert target_of(url_a, "").schema == "a_schema"
    assert target_of(url_a, "") == target_of(make_conninfo(url_a, password="other", user="someone"), "")


def test_the_environment_completes_a_target_as_libpq_would(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGHOST", "db.internal")
    monkeypatch.setenv("PGPORT", "6543")
    monkeypatch.setenv("PGDATABASE", "news")
    assert target_of("postgresql://", "") == Target(host="db.internal", port="6543", dbname="news")
    assert str(target_of("postgresql://", "")) == "db.internal:6543/news"
    assert target_of(None, "pgdata") == Target(embedded=str(Path("pgdata").resolve()))


def test_a_file_of_two_targets_gives_each_crawl_only_its_own(db: Connection, schema_url: str, tmp_path: Path) -> None:
    """A rejects file copied back by hand may hold records of several databases."""
    spool = tmp_path / "spool"
    elsewhere = Spool(spool, Target(host="elsewhere.example", port="5432", dbname="news"))
    mine = Spool(spool, target_of(schema_url, ""))
    mixed = [Pending(other_article(1)).to_json(elsewhere.target), Pending(other_article(2)).to_json(mine.target)]
    spool.mkdir()
    (spool / "batch-fixed.jsonl").write_text("\n".join(mixed) + "\n")
    stats = run_store(store_settings(schema_url, spool), [])
    assert stats["newscrawl/spool/replayed"] == 1
    assert rows(db, "SELECT article_id FROM articles") == [(2,)]
    (left,) = _lines(spool)
    assert left["target"] == elsewhere.target.as_dict()


def _db_spool(spool: Path, *arguments: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {"NEWSCRAWL_DATABASE_URL": url, "NEWSCRAWL_SPOOL_DIR": str(spool), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", "db", "spool", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def test_db_spool_lists_discards_and_adopts(db: Connection, schema_url: str, missing_db: str, tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    run_store(store_settings(missing_db, spool), [other_article(n) for n in range(1, 4)])
    old = next(spool.glob("batch-*.jsonl"))
    legacy = spool / "batch-0-legacy.jsonl"  # written before records named their database
    legacy.write_text(json.dumps({"kind": "article", "run_id": None, "item": other_article(9).to_dict()}) + "\n")
    missing = target_of(missing_db, "")

    listing = _db_spool(spool, url=schema_url)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert any(line.split()[:3] == [missing.id, "3", "3"] and str(missing) in line for line in lines), lines
    assert any(line.split()[:3] == ["unknown", "1", "1"] and "older newscrawl" in line for line in lines), lines
    assert "s3cret-Pw" not in listing.stdout

    refused = _db_spool(spool, "--discard", missing.id, url=schema_url)
    assert refused.returncode == 1
    assert "add --yes" in refused.stderr
    assert old.exists()

    discarded = _db_spool(spool, "--discard", missing.id, "--yes", url=schema_url)
    assert discarded.returncode == 0, discarded.stderr
    assert discarded.stdout.startswith("discarded 3 articles and 2 crawl-run records")
    assert [line["item"]["article"]["article_id"] for line in _lines(spool)] == [9]  # type: ignore[index]

    adopted = _db_spool(spool, "--adopt", "unknown", "--yes", url=schema_url)
    assert adopted.returncode == 0, adopted.stderr
    stats = run_store(store_settings(schema_url, spool), [])
    assert stats["newscrawl/spool/replayed"] == 1
    assert rows(db, "SELECT article_id FROM articles") == [(9,)]

    assert _db_spool(spool, "--discard", "deadbeef", "--yes", url=schema_url).returncode == 1
