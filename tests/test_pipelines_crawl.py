"""A real ``scrapy`` crawl with the project's pipelines: what its log, its stats and the
database show. The spider yields items built from the seeds, so nothing is downloaded."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.fix_db import ROOT, fresh_schema, rows

pytestmark = [pytest.mark.db, pytest.mark.slow]

SPIDER = """
import scrapy

from tests.fix_db import crawled, other_article


class SeedSpider(scrapy.Spider):
    name = "seeds"

    def __init__(self, **arguments):
        super().__init__(**arguments)
        self.arguments = arguments  # what names the crawl in crawl_runs

    async def start(self):
        yield crawled()
        yield other_article(9, body="Terlalu pendek untuk sebuah berita.")
        yield other_article(7)
        yield crawled(url="https://dunia.tempo.co/amp/1831560/kremlin-putin", fetched_at="2024-05-15T08:00:00+07:00")
"""


@pytest.fixture(scope="module")
def schema_url(server_url: str) -> Iterator[str]:
    """One schema for the module's one crawl."""
    yield from fresh_schema(server_url)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crawl")


@pytest.fixture(scope="module")
def crawl(schema_url: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    spider = workdir / "seed_spider.py"
    spider.write_text(SPIDER, encoding="utf-8")
    env = {**os.environ, "NEWSCRAWL_DATABASE_URL": schema_url, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "scrapy", "runspider", str(spider), "-a", "since=2024-05-01"]
    # No crawl state: this spider has no article gate to be incremental with (crawl.contract).
    settings = ("ADDONS={}", "EXTENSIONS={}", "NEWSCRAWL_STATE_ENABLED=False", "LOG_LEVEL=INFO")
    for setting in (*settings, f"NEWSCRAWL_SPOOL_DIR={workdir / 'spool'}"):
        command += ["-s", setting]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_a_crawl_stores_its_articles_and_records_itself(
    crawl: subprocess.CompletedProcess[str], schema_url: str
) -> None:
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    with psycopg.connect(schema_url) as conn:
        assert rows(conn, "SELECT article_key FROM articles_current ORDER BY article_key") == [
            ("tempo:1831560",),
            ("tempo:7",),
        ]
        ((spider, status, arguments, stats),) = rows(conn, "SELECT spider, status, arguments, stats FROM crawl_runs")
    assert (spider, status) == ("seeds", "finished")
    assert arguments["spider"] == {"since": "2024-05-01"}
    expected: dict[str, Any] = {
        "finish_reason": "finished",
        "item_scraped_count": 3,
        "item_dropped_count": 1,
        "newscrawl/dropped/short-body": 1,
        "newscrawl/db/inserted": 2,
        "newscrawl/db/unchanged": 1,
        "newscrawl/spool/pending": 0,
    }
    assert {key: stats.get(key) for key in expected} == expected


def test_a_dropped_item_is_logged_once_with_its_url(crawl: subprocess.CompletedProcess[str]) -> None:
    lines = [line for line in crawl.stderr.splitlines() if "/read/9/berita-nomor-9" in line]
    assert len(lines) == 1
    assert "Dropped: short-body: body of 35 characters, under 200 https://dunia.tempo.co/read/9/" in lines[0]
    assert "Terlalu pendek" not in crawl.stderr  # the item itself is not dumped into the log


def test_the_end_of_the_run_says_what_was_stored_and_what_is_still_spooled(
    crawl: subprocess.CompletedProcess[str], workdir: Path
) -> None:
    (line,) = [line for line in crawl.stderr.splitlines() if "Storage: " in line]
    assert "Storage: 2 inserted, 0 updated, 1 unchanged, 0 aliased, 0 rejected" in line
    assert f"0 articles still spooled in {workdir / 'spool'}" in line
