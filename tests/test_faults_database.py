"""PostgreSQL stopped for 10 s in the middle of a crawl and started again: every article ends in the
database exactly once, through the spool, and the crawl's summary says so. The server is a
throwaway one of the test's own, stopped and started for real; the crawl is ``scrapy crawl tempo``
against the fake tempo.co."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_db import ThrowawayServer, rows
from tests.hostile.process import BackgroundCrawl, Finished
from tests.site.build import JS_PAGE, build_site
from tests.site.server import SiteServer

pytestmark = [pytest.mark.db, pytest.mark.slow]

OUTAGE = 10.0
BULK = 200
# Pages served slowly enough (two at a time, 0.2 s each) for the crawl to outlast the outage.
DELAY = 0.2
SOURCES = ["home", "nasional", "internasional", "rss", "sitemap"]
E3_COVERAGE = {"title": 0.99, "body": 0.95, "published_at": 0.95}  # the bulk stories name no editor


@dataclass
class Outage:
    expected: set[str]
    stored_before: int
    running_at_restart: bool
    done: Finished
    spool: Path
    url: str


def _count(url: str) -> int:
    """Articles stored so far; 0 before the schema exists or while the server is down."""
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
    except psycopg.Error:
        return 0


def _wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.fixture(scope="module")
def database() -> Iterator[ThrowawayServer]:
    server = ThrowawayServer()
    server.start()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="module")
def outage(database: ThrowawayServer, tmp_path_factory: pytest.TempPathFactory) -> Outage:
    # JS_PAGE has no body in its static HTML: dropped with rendering off, never stored.
    site = build_site(today_in_jakarta(), bulk=BULK, javascript=True)
    expected = site.keys(site.expected([*SOURCES, f"e2:{site.today}", f"e3:{site.today}"], depth=1) - {JS_PAGE})
    work = tmp_path_factory.mktemp("outage")
    settings = {
        "NEWSCRAWL_DATABASE_URL": database.url,
        "NEWSCRAWL_SPOOL_DIR": str(work / "spool"),
        "NEWSCRAWL_RENDER": "never",
        "NEWSCRAWL_DB_BATCH_SIZE": "10",
        "NEWSCRAWL_DB_MAX_DELAY": "0.5",
        "NEWSCRAWL_DB_RETRY_DELAY": "0.5",
        "NEWSCRAWL_DB_RETRY_MAX_DELAY": "2",
        "NEWSCRAWL_DB_CONNECT_TIMEOUT": "2",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
        "NEWSCRAWL_MONITOR_COVERAGE": json.dumps(E3_COVERAGE),
    }
    with SiteServer(site, delay=DELAY) as web, BackgroundCrawl(web.url, work, settings=settings) as crawl:
        _wait_for(lambda: _count(database.url) >= 10 or not crawl.running(), timeout=120)
        assert crawl.running(), "the crawl ended before the database could be stopped"
        stored_before = _count(database.url)
        database.stop()
        time.sleep(OUTAGE)
        running_at_restart = crawl.running()
        database.start()
        done = crawl.wait(timeout=300)
    return Outage(expected, stored_before, running_at_restart, done, work / "spool", database.url)


def test_the_database_was_away_in_the_middle_of_the_crawl(outage: Outage) -> None:
    assert outage.done.returncode == 0, outage.done.log[-3000:]
    assert 0 < outage.stored_before < len(outage.expected)
    assert outage.running_at_restart
    assert "Database unavailable (" in outage.done.log


def test_every_article_is_stored_exactly_once(outage: Outage) -> None:
    with psycopg.connect(outage.url) as conn:
        stored = [key for (key,) in rows(conn, "SELECT article_key FROM articles")]
        versions = rows(conn, "SELECT article_pk, count(*) FROM article_versions GROUP BY 1 HAVING count(*) > 1")
    assert sorted(stored) == sorted(outage.expected)
    assert versions == []


def test_what_was_spooled_during_the_outage_was_written_back(outage: Outage) -> None:
    done = outage.done
    assert done.stat("newscrawl/spool/spooled") > 0
    assert done.stat("newscrawl/spool/replayed") == done.stat("newscrawl/spool/spooled")
    assert done.stat("newscrawl/spool/pending") == 0
    assert done.stat("newscrawl/db/inserted") == len(outage.expected)
    assert not list(outage.spool.glob("batch-*.jsonl"))
    assert not (outage.spool / "rejects.jsonl").exists()


def test_the_summary_reports_the_spool(outage: Outage) -> None:
    spooled = outage.done.stat("newscrawl/spool/spooled")
    assert f"  left: 0 queued, 0 articles spooled ({spooled} spooled during the crawl, {spooled} written back" in (
        outage.done.summary
    )
    assert "Database reachable again: " in outage.done.log
    assert "; 0 articles still spooled in " in outage.done.log


def test_the_run_is_recorded_as_finished(outage: Outage) -> None:
    with psycopg.connect(outage.url) as conn:
        assert rows(conn, "SELECT status FROM crawl_runs") == [("finished",)]
