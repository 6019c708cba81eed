"""Nothing accepted is lost: the spool when the database goes away, the rejects file when
PostgreSQL refuses a row. The server here is a throwaway one, stopped and started for real."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import string
from pathlib import Path
from typing import Any

import psycopg
import pytest

from newscrawl.store.connection import Connection
from newscrawl.store.records import Pending
from newscrawl.store.spool import Spool
from newscrawl.store.target import Target, target_of
from tests.fix_db import ThrowawayServer, crawled, other_article, rows, run_store, store_pipeline, store_settings

pytestmark = [pytest.mark.db, pytest.mark.slow]


def _count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]


def _spooled_lines(spool: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for path in sorted(spool.glob("batch-*.jsonl")) for line in path.read_text().splitlines()]


def test_a_server_stopped_mid_run_loses_nothing(
    throwaway_server: ThrowawayServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    spool = tmp_path / "spool"
    crawler, pipeline = store_pipeline(throwaway_server.url, spool, NEWSCRAWL_DB_BATCH_SIZE=3)
    seen: dict[str, Any] = {}

    async def crawl() -> None:
        await pipeline.open_spider()
        for number in range(1, 4):
            await pipeline.process_item(other_article(number))
        await pipeline.drain()
        seen["before"] = _count(throwaway_server.url)
        throwaway_server.stop()
        for number in range(4, 10):
            await pipeline.process_item(other_article(number))
        await pipeline.drain()
        seen["spooled"] = _spooled_lines(spool)
        throwaway_server.start()
        for _ in range(100):  # the pipeline retries by itself, with backoff
            await asyncio.sleep(0.1)
            if not list(spool.glob("batch-*.jsonl")):
                break
        seen["after"] = _count(throwaway_server.url)
        await pipeline.close_spider()
        await pipeline.spider_closed(None, "finished")

    with caplog.at_level(logging.INFO):
        asyncio.run(crawl())
    assert seen["before"] == 3
    assert [line["item"]["article"]["article_id"] for line in seen["spooled"]] == list(range(4, 10))
    assert seen["after"] == 9
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/spool/spooled"] == 6
    assert stats["newscrawl/spool/replayed"] == 6
    assert stats["newscrawl/db/inserted"] == 9
    assert any("Database unavailable" in r.getMessage() for r in caplog.records)
    assert "0 articles still spooled" in caplog.records[-1].getMessage()


def test_what_is_still_spooled_at_the_end_is_replayed_at_the_next_start(
    throwaway_server: ThrowawayServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    spool = tmp_path / "spool"
    settings = store_settings(throwaway_server.url, spool, NEWSCRAWL_DB_BATCH_SIZE=2)
    throwaway_server.stop()
    with caplog.at_level(logging.INFO):
        stats = run_store(settings, [other_article(n) for n in range(1, 6)])
    assert stats["newscrawl/spool/pending"] == 5
    assert "5 articles still spooled in " + str(spool) in caplog.records[-1].getMessage()
    assert caplog.records[-1].levelno == logging.WARNING
    # the crawl_runs rows of the failed run wait in the spool too
    assert {line["kind"] for path in spool.glob("batch-*.jsonl") for line in map(json.loads, path.open())} == {
        "article",
        "run",
    }

    throwaway_server.start()
    stats = run_store(settings, [other_article(6)])
    assert stats["newscrawl/spool/replayed"] == 5
    assert stats["newscrawl/spool/pending"] == 0
    assert not list(spool.glob("batch-*.jsonl"))
    with psycopg.connect(throwaway_server.url) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (6,)
        assert conn.execute("SELECT status FROM crawl_runs ORDER BY started_at").fetchall() == [
            ("finished",),
            ("finished",),
        ]


def test_rows_postgresql_refuses_go_to_the_rejects_file(
    db: Connection, schema_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    spool = tmp_path / "spool"
    nul = other_article(2, body="Teks dengan bita NUL \x00 di tengah.")
    # A slug of 12,000 random letters: over the btree index row limit even compressed.
    long_url = "https://www.tempo.co/read/3/" + "".join(random.Random(3).choices(string.ascii_lowercase, k=12000))
    too_long = other_article(3, url=long_url, canonical_url=long_url)
    bad_date = other_article(4, published_at="2024-13-45T99:00:00+07:00")
    items = [other_article(1), nul, too_long, bad_date, other_article(5)]
    with caplog.at_level(logging.INFO):
        stats = run_store(store_settings(schema_url, spool), items)
    assert rows(db, "SELECT article_id FROM articles ORDER BY article_id") == [(1,), (5,)]
    assert stats["newscrawl/db/inserted"] == 2
    assert stats["newscrawl/db/rejected"] == 3
    rejects = [json.loads(line) for line in (spool / "rejects.jsonl").read_text().splitlines()]
    assert [r["item"]["article"]["article_id"] for r in rejects] == [2, 3, 4]
    assert all(r["error"] and r["rejected_at"] for r in rejects)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    for item in (nul, too_long, bad_date):
        assert sum(str(item.article.url) in message for message in warnings) == 1


def test_a_fixed_rejects_file_replays_like_a_spool_file(db: Connection, schema_url: str, tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    run_store(store_settings(schema_url, spool), [other_article(4, published_at="2024-13-45T99:00:00+07:00")])
    fixed = (spool / "rejects.jsonl").read_text().replace("2024-13-45T99:00", "2024-12-05T09:00")
    (spool / "batch-fixed.jsonl").write_text(fixed)
    run_store(store_settings(schema_url, spool), [])
    assert rows(db, "SELECT article_id, published_at::date::text FROM articles") == [(4, "2024-12-05")]


def test_spool_lines_keep_the_key_points_and_older_lines_without_them_replay(
    db: Connection, schema_url: str, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    target = target_of(schema_url, "")
    Spool(spool, target).add([Pending(other_article(1, highlights=("Satu.", "Dua.")))])
    older = json.loads(Pending(other_article(2)).to_json(target))
    del older["item"]["article"]["highlights"]  # written by a version before the field
    (spool / "batch-older.jsonl").write_text(json.dumps(older) + "\n")
    run_store(store_settings(schema_url, spool), [])
    assert rows(db, "SELECT article_id, highlights FROM articles ORDER BY article_id") == [
        (1, ["Satu.", "Dua."]),
        (2, []),
    ]


def test_spool_lines_written_before_articles_had_an_outlet_replay_as_tempos(
    db: Connection, schema_url: str, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    target = target_of(schema_url, "")
    older = json.loads(Pending(other_article(3)).to_json(target))
    del older["item"]["article"]["outlet"]  # written by a version before the field
    spool.mkdir()
    (spool / "batch-older.jsonl").write_text(json.dumps(older) + "\n")
    run_store(store_settings(schema_url, spool), [])
    assert rows(db, "SELECT article_id, outlet FROM articles_current") == [(3, "tempo")]


def test_an_unreadable_spool_line_is_moved_to_the_rejects_file(db: Connection, schema_url: str, tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    target = target_of(schema_url, "")
    Spool(spool, target).add([Pending(other_article(1))])
    path = next(spool.glob("batch-*.jsonl"))
    path.write_text(
        path.read_text() + '{"kind": "article", "target": ' + json.dumps(target.as_dict()) + ', "item": {"trunc\n'
    )
    run_store(store_settings(schema_url, spool), [])
    assert rows(db, "SELECT article_id FROM articles") == [(1,)]
    (reject,) = [json.loads(line) for line in (spool / "rejects.jsonl").read_text().splitlines()]
    assert reject["kind"] == "unreadable"
    assert reject["line"].startswith('{"kind": "article"')


def test_a_spool_file_another_process_is_replaying_is_left_alone(tmp_path: Path) -> None:
    import fcntl

    spool = Spool(tmp_path, Target(host="h", port="5432", dbname="d"))
    path = spool.add([Pending(crawled())])
    with path.open() as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with spool.claim(path) as records:
            assert records is None
    with spool.claim(path) as records:
        assert records is not None
        assert len(records) == 1
    assert not path.exists()
