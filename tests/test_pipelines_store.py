"""The store pipeline's own settings and timing: where the spool goes, when batches are written,
and the CI guard of the database tests."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from newscrawl.pipelines.store import StorePipeline
from newscrawl.store.config import StoreConfig
from tests.fix_db import ROOT, other_article, store_settings


def test_the_spool_goes_in_the_job_directory_unless_set() -> None:
    assert StoreConfig.from_settings(Settings({})).spool_dir == Path(".newscrawl/spool")
    assert StoreConfig.from_settings(Settings({"JOBDIR": "/jobs/x"})).spool_dir == Path("/jobs/x/newscrawl-spool")
    explicit = Settings({"JOBDIR": "/jobs/x", "NEWSCRAWL_SPOOL_DIR": "/var/spool/nc"})
    assert StoreConfig.from_settings(explicit).spool_dir == Path("/var/spool/nc")


def test_the_store_can_be_switched_off() -> None:
    with pytest.raises(NotConfigured):
        StorePipeline.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_STORE_ENABLED": False}))


def test_a_nonsensical_batch_size_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="NEWSCRAWL_DB_BATCH_SIZE"):
        StoreConfig.from_settings(Settings({"NEWSCRAWL_DB_BATCH_SIZE": 0}))


def _stored(url: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]


@pytest.mark.db
def test_a_partial_batch_is_written_after_the_max_delay(schema_url: str, tmp_path: Path) -> None:
    settings = store_settings(schema_url, tmp_path, NEWSCRAWL_DB_BATCH_SIZE=1000, NEWSCRAWL_DB_MAX_DELAY=0.2)
    pipeline = StorePipeline.from_crawler(get_crawler(settings_dict=settings))
    seen: list[int] = []

    async def crawl() -> None:
        await pipeline.open_spider()
        for number in range(1, 4):
            await pipeline.process_item(other_article(number))
        seen.append(_stored(schema_url))
        for _ in range(50):
            await asyncio.sleep(0.1)
            if _stored(schema_url):
                break
        seen.append(_stored(schema_url))
        await pipeline.close_spider()
        await pipeline.spider_closed(None, "finished")

    asyncio.run(crawl())
    assert seen == [0, 3]


@pytest.mark.db
def test_what_waits_for_its_batch_is_written_on_close(schema_url: str, tmp_path: Path) -> None:
    settings = store_settings(schema_url, tmp_path, NEWSCRAWL_DB_BATCH_SIZE=1000, NEWSCRAWL_DB_MAX_DELAY=600)
    pipeline = StorePipeline.from_crawler(get_crawler(settings_dict=settings))

    seen: list[int] = []

    async def crawl() -> None:
        await pipeline.open_spider()
        for number in range(1, 6):
            await pipeline.process_item(other_article(number))
        seen.append(_stored(schema_url))
        await pipeline.close_spider()
        seen.append(_stored(schema_url))
        await pipeline.spider_closed(None, "finished")

    asyncio.run(crawl())
    assert seen == [0, 5]


@pytest.mark.parametrize(("ci", "outcome"), [("true", "1 error"), ("", "1 skipped")])
def test_database_tests_fail_under_ci_when_there_is_no_database(ci: str, outcome: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CI": ci, "NEWSCRAWL_TEST_DATABASE_URL": f"postgresql://postgres@127.0.0.1:{port}/none"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "tests/test_db_schema.py::test_migrations_are_recorded_and_applied_once",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert outcome in done.stdout.splitlines()[-1]
    assert ("CI=true and no database for the storage tests" in done.stdout) is bool(ci)


@pytest.mark.db
def test_the_crawl_run_is_recorded_when_the_crawl_opens(schema_url: str, tmp_path: Path) -> None:
    pipeline = StorePipeline.from_crawler(get_crawler(settings_dict=store_settings(schema_url, tmp_path)))
    seen: list[object] = []

    async def crawl() -> None:
        await pipeline.open_spider()
        with psycopg.connect(schema_url) as conn:
            seen.extend(conn.execute("SELECT run_id::text, status, finished_at FROM crawl_runs").fetchall())
        await pipeline.close_spider()
        await pipeline.spider_closed(None, "shutdown")

    asyncio.run(crawl())
    assert seen == [(pipeline.run.run_id, "running", None)]
    with psycopg.connect(schema_url) as conn:
        assert conn.execute("SELECT status FROM crawl_runs").fetchall() == [("shutdown",)]
