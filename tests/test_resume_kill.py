"""A crawl killed with SIGKILL in the middle, started again with the same arguments: nothing
lost, nothing stored twice, nothing stored fetched again. Really killed, really restarted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from newscrawl import urls
from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_db import fresh_schema, rows
from tests.site import pages
from tests.site.build import JS_PAGE, Site, build_site, e3_index
from tests.site.run import ROOT, SCRAPY, Crawl, crawl, harness_settings
from tests.site.server import Hit, SiteServer

pytestmark = [pytest.mark.db, pytest.mark.slow]

BULK = 160
# The bulk stories are E3 pages, whose byline names no editor.
E3_COVERAGE = {"title": 0.99, "body": 0.95, "published_at": 0.95}
SOURCES = ["home", "nasional", "internasional", "rss", "sitemap"]


@pytest.fixture(scope="module")
def schema_url(server_url: str) -> Iterator[str]:
    yield from fresh_schema(server_url)


def _settings(schema_url: str, work: Path) -> dict[str, str]:
    return {
        "NEWSCRAWL_DATABASE_URL": schema_url,
        "NEWSCRAWL_SPOOL_DIR": str(work / "spool"),
        "NEWSCRAWL_RENDER": "never",
        "NEWSCRAWL_DB_BATCH_SIZE": "10",
        "NEWSCRAWL_DB_MAX_DELAY": "0.5",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
        "NEWSCRAWL_MONITOR_COVERAGE": json.dumps(E3_COVERAGE),
    }


def _article_keys(hits: list[Hit]) -> set[str]:
    """Articles whose page was served (200)."""
    return {
        key for hit in hits if hit.status == 200 and (key := urls.article_key(hit.url)) and urls.is_article_url(hit.url)
    }


def _stored(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {key for (key,) in rows(conn, "SELECT article_key FROM articles")}


@dataclass
class Resumed:
    expected: set[str]
    killed: int
    stored_at_kill: set[str]
    second: Crawl
    fetched_again: set[str]


@pytest.fixture(scope="module")
def resumed(schema_url: str, tmp_path_factory: pytest.TempPathFactory) -> Resumed:
    # JS_PAGE has no body in its static HTML: dropped with rendering off, never stored.
    site = build_site(today_in_jakarta(), bulk=BULK, javascript=True)
    expected = site.keys(site.expected([*SOURCES, f"e2:{site.today}", f"e3:{site.today}"], depth=1) - {JS_PAGE})
    work = tmp_path_factory.mktemp("resume")
    with SiteServer(site, delay=0.03) as server:
        killed = _crawl_until_killed(site, server, schema_url, work)
        stored_at_kill = _stored(schema_url)
        _rotate_index(site)
        start = len(server.hits)
        second = crawl(server.url, work / "second", settings=_settings(schema_url, work), pipelines=True, feed=False)
        second_hits = server.hits[start:]
    return Resumed(expected, killed, stored_at_kill, second, _article_keys(second_hits))


def _crawl_until_killed(site: Site, server: SiteServer, schema_url: str, work: Path) -> int:
    """Run the crawl in its own process group and SIGKILL it once every index page and at least
    60 articles were served, before it is done."""
    work.mkdir(parents=True, exist_ok=True)
    command = [str(SCRAPY), "crawl", "tempo"]
    for name, value in {**harness_settings(server.url, work / "first", True), **_settings(schema_url, work)}.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
    log = (work / "first.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
    last_index = e3_index(site.today, page=(BULK + 19) // 20)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if server.requested(last_index) and len(_article_keys(server.hits)) >= 60:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the crawl ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    log.close()
    return process.returncode


def _rotate_index(site: Site) -> None:
    """Between the two runs the day's index moves on: its first page now lists only its first
    cards, and no further pages; articles that were only on them are found in the saved frontier."""
    first = [site.card(n) for n in site.sources[f"e3:{site.today}"][:20]]
    site.add(e3_index(site.today), pages.e3_listing("Indeks", first))


def test_the_first_crawl_was_killed_in_the_middle(resumed: Resumed) -> None:
    assert resumed.killed == -signal.SIGKILL
    assert 0 < len(resumed.stored_at_kill) < len(resumed.expected)


def test_the_restarted_crawl_stores_every_article_exactly_once(resumed: Resumed, schema_url: str) -> None:
    assert resumed.second.returncode == 0, resumed.second.stderr[-3000:]
    assert _stored(schema_url) == resumed.expected
    with psycopg.connect(schema_url) as conn:
        twice = rows(conn, "SELECT article_pk FROM article_versions GROUP BY article_pk HAVING count(*) > 1")
    assert twice == []


def test_stored_articles_are_not_fetched_again(resumed: Resumed) -> None:
    assert not resumed.fetched_again & resumed.stored_at_kill
    # What was fetched but not yet written when the process died is fetched again, not lost.
    assert resumed.fetched_again


def test_articles_no_listing_shows_any_more_come_from_the_saved_frontier(resumed: Resumed) -> None:
    assert "Resuming" in resumed.second.stderr
    assert resumed.second.stat("newscrawl/resume/offered") > 0


def test_the_dead_run_is_marked_crashed(schema_url: str, resumed: Resumed) -> None:
    with psycopg.connect(schema_url) as conn:
        statuses = [status for (status,) in rows(conn, "SELECT status FROM crawl_runs ORDER BY started_at")]
    assert statuses == ["crashed", "finished"]
