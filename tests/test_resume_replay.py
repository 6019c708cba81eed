"""A replay killed with SIGKILL and started again resumes exactly what was left: the count of
"unfinished article pages" leaves out what the dead run stored, although the archive's fetch
times (2024) are older than the moment the pages were queued. Really killed, on the real server."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from bench.archive import write
from tests.fix_db import fresh_schema, rows
from tests.site.run import ROOT, SCRAPY

pytestmark = [pytest.mark.db, pytest.mark.slow]

STORIES = 600


@pytest.fixture(scope="module")
def schema_url(server_url: str) -> Iterator[str]:
    yield from fresh_schema(server_url)


def _command(archive: Path, url: str, work: Path) -> list[str]:
    settings = {
        "NEWSCRAWL_DATABASE_URL": url,
        "NEWSCRAWL_SPOOL_DIR": str(work / "spool"),
        "NEWSCRAWL_DB_BATCH_SIZE": "20",
        "NEWSCRAWL_DB_MAX_DELAY": "0.2",
        "NEWSCRAWL_MONITOR_MIN_SAMPLE": "100000",
        "CONCURRENT_REQUESTS": "4",
        "LOG_LEVEL": "INFO",
    }
    return [str(SCRAPY), "crawl", "tempo", "-a", f"replay={archive}", *(f"-s{k}={v}" for k, v in settings.items())]


def _count(url: str, query: str) -> int:
    with psycopg.connect(url) as conn:
        try:
            return int(rows(conn, query)[0][0])
        except psycopg.errors.UndefinedTable:  # not migrated yet
            return 0


def test_the_resumed_count_is_what_the_dead_replay_left(schema_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "site.warc.gz"
    write(archive, STORIES)
    env = {**os.environ, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
    with (tmp_path / "first.log").open("w") as log:
        first = subprocess.Popen(
            _command(archive, schema_url, tmp_path), cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and first.poll() is None:
            if _count(schema_url, "SELECT count(*) FROM articles") >= 150:
                break
            time.sleep(0.1)
        assert first.poll() is None, "the replay ended before it could be killed"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)

    # What the dead run left, from what is observable: the article pages it queued and had not
    # settled, minus the articles stored (this schema holds only the dead run's).
    with psycopg.connect(schema_url) as conn:
        queued = {
            k
            for (k,) in rows(conn, "SELECT article_key FROM crawl_urls WHERE status IN ('queued', 'fetched', 'failed')")
        }
        stored = {
            k for (k,) in rows(conn, "SELECT article_key FROM articles UNION SELECT alias_key FROM article_aliases")
        }
    left = queued - stored
    assert stored, "killed too early to tell"
    assert left, "killed too late to tell"
    assert queued & stored  # pages queued and stored by the dead run: the ones the old count added

    second = subprocess.run(
        _command(archive, schema_url, tmp_path), cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert second.returncode == 0, second.stderr[-3000:]
    resumed = re.search(r"Resuming (\d+) unfinished article pages of ", second.stderr)
    assert resumed is not None, second.stderr[-3000:]
    assert int(resumed[1]) == len(left)
    assert f"'newscrawl/resume/offered': {len(left)}," in second.stderr
    assert _count(schema_url, "SELECT count(*) FROM articles") == STORIES
