"""The store's process: a crawl's store work runs in a child process, which may die without losing
what it held, takes no part in the signals that stop a crawl, and ends with the crawl's process."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from scrapy.utils.test import get_crawler

from newscrawl.pipelines.store import StorePipeline
from newscrawl.store.migrate import lock_key
from tests.fix_db import ROOT, other_article, store_pipeline, store_settings

pytestmark = pytest.mark.db

_WRITE_LOCK = 2  # the purpose of the store's advisory lock (newscrawl.store.writer)


def _count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]


def _child(pipeline: StorePipeline) -> int:
    assert pipeline.process is not None
    assert pipeline.process.pid is not None
    return pipeline.process.pid


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie is gone too: only its parent's wait is left.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"


async def _waiting_for_the_lock(url: str) -> None:
    for _ in range(200):
        with psycopg.connect(url) as conn:
            found = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'newscrawl'"
                " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
            ).fetchone()
        if found and found[0]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the store's process never waited for its lock")


def test_a_store_process_killed_while_it_writes_loses_nothing(
    schema_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    spool = tmp_path / "spool"
    crawler, pipeline = store_pipeline(schema_url, spool, NEWSCRAWL_DB_BATCH_SIZE=3)
    seen: dict[str, Any] = {}

    async def crawl() -> None:
        await pipeline.open_spider()
        for number in range(1, 4):
            await pipeline.process_item(other_article(number))
        await pipeline.drain()
        first = _child(pipeline)
        # The store's write lock held here: the next batch waits for it in the store's process.
        with psycopg.connect(schema_url, autocommit=True) as holder:
            holder.execute("SELECT pg_advisory_lock(%s)", (lock_key(holder, _WRITE_LOCK),))
            for number in range(4, 7):
                await pipeline.process_item(other_article(number))
            await _waiting_for_the_lock(schema_url)
            os.kill(first, signal.SIGKILL)
            await pipeline.drain()
            seen["spooled"] = [
                json.loads(line)["item"]["article"]["article_id"]
                for path in sorted(spool.glob("batch-*.jsonl"))
                for line in path.read_text().splitlines()
            ]
        for _ in range(100):  # the retry starts another process, which writes the spool back
            await asyncio.sleep(0.1)
            if not list(spool.glob("batch-*.jsonl")):
                break
        seen["first"], seen["second"] = first, _child(pipeline)
        await pipeline.close_spider()
        await pipeline.spider_closed(None, "finished")

    with caplog.at_level(logging.INFO):
        asyncio.run(crawl())
    assert seen["spooled"] == [4, 5, 6]
    assert seen["second"] != seen["first"]
    assert _gone(seen["first"])
    assert _gone(seen["second"])
    assert _count(schema_url) == 6
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/spool/spooled"] == 3
    assert stats["newscrawl/spool/replayed"] == 3
    assert stats["newscrawl/spool/pending"] == 0
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [
        f"The store's process ended (killed by signal 9) before it answered: its 3 articles and 0 run "
        f"records are spooled in {spool}, for the next process"
    ]
    with psycopg.connect(schema_url) as conn:
        assert conn.execute("SELECT status FROM crawl_runs").fetchall() == [("finished",)]


def test_a_store_process_that_ended_between_batches_is_replaced(
    schema_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = get_crawler(settings_dict=store_settings(schema_url, tmp_path / "spool", NEWSCRAWL_DB_BATCH_SIZE=2))
    assert crawler.stats is not None
    pipeline = StorePipeline.from_crawler(crawler)

    async def crawl() -> None:
        await pipeline.open_spider()
        os.kill(_child(pipeline), signal.SIGKILL)
        while pipeline.process is not None and pipeline.process.pid is not None:  # until it is seen gone
            await asyncio.sleep(0.01)
        for number in range(1, 5):
            await pipeline.process_item(other_article(number))
        await pipeline.close_spider()
        await pipeline.spider_closed(None, "finished")

    with caplog.at_level(logging.INFO):
        asyncio.run(crawl())
    assert _count(schema_url) == 4
    assert "newscrawl/spool/spooled" not in crawler.stats.get_stats()
    assert any(
        r.levelno == logging.WARNING and r.getMessage().endswith("ended (killed by signal 9)") for r in caplog.records
    )


def test_the_store_process_ignores_the_signals_that_stop_a_crawl(schema_url: str, tmp_path: Path) -> None:
    # Ctrl-C in a terminal and a service manager's stop reach every process of the crawl; the
    # crawl's own shutdown then writes the last batches through the store's process.
    pipeline = StorePipeline.from_crawler(get_crawler(settings_dict=store_settings(schema_url, tmp_path / "spool")))
    seen: dict[str, int] = {}

    async def crawl() -> None:
        await pipeline.open_spider()
        seen["pid"] = _child(pipeline)
        for stop in (signal.SIGINT, signal.SIGTERM):
            os.kill(seen["pid"], stop)
        await asyncio.sleep(0.3)
        for number in range(1, 4):
            await pipeline.process_item(other_article(number))
        await pipeline.close_spider()
        seen["during"] = _child(pipeline)
        await pipeline.spider_closed(None, "shutdown")

    asyncio.run(crawl())
    assert seen["during"] == seen["pid"]
    assert _count(schema_url) == 3
    assert _gone(seen["pid"])


def test_the_store_process_ends_with_the_crawls_process(schema_url: str, tmp_path: Path) -> None:
    # A crawl killed with SIGKILL cannot close its store: the store's process reads the end of its
    # socket and exits by itself.
    program = f"""
import asyncio, os, signal, sys
from scrapy.utils.test import get_crawler
from newscrawl.pipelines.store import StorePipeline
from tests.fix_db import store_settings

async def crawl():
    pipeline = StorePipeline.from_crawler(get_crawler(settings_dict=store_settings({schema_url!r}, {str(tmp_path)!r})))
    await pipeline.open_spider()
    print(pipeline.process.pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

asyncio.run(crawl())
"""
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    child = int(done.stdout.split()[0])
    deadline = time.monotonic() + 10
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)
