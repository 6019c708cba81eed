"""A crawl killed with SIGKILL in the middle, started again with the same arguments: nothing
lost, nothing stored twice, nothing stored fetched again. Really killed, really restarted, in
the three ways a crawl is started: ``scrapy crawl``; scrapyd's own runner, which gives each job
an argument of its own (``_job=<id>``); and ``CrawlerProcess`` from a Python program, whose
command line is not the crawl's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from newscrawl import outlets
from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_db import fresh_schema, rows
from tests.site import pages
from tests.site.build import JS_PAGE, Site, build_site, e3_index
from tests.site.run import ROOT, SCRAPY, Crawl, harness_settings
from tests.site.server import Hit, SiteServer

pytestmark = [pytest.mark.db, pytest.mark.slow]

BULK = 160
# The bulk stories are E3 pages, whose byline names no editor.
E3_COVERAGE = {"title": 0.99, "body": 0.95, "published_at": 0.95}
SOURCES = ["home", "nasional", "internasional", "rss", "sitemap"]


LAUNCHERS = ("scrapy crawl", "scrapyd job", "CrawlerProcess")
# A Python program that starts the crawl itself: its own command line is two JSON documents.
PROGRAM = """
import json, sys
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings
settings = get_project_settings()
settings.setdict(json.loads(sys.argv[1]), priority="cmdline")
process = CrawlerProcess(settings)
process.crawl("tempo", **json.loads(sys.argv[2]))
process.start()
"""


@pytest.fixture(scope="module", params=LAUNCHERS)
def launcher(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def schema_url(launcher: str, server_url: str) -> Iterator[str]:
    """A schema of its own for each way of starting the crawl."""
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


def _command(launcher: str, settings: dict[str, str], job: str) -> list[str]:
    """The crawl's command line as ``launcher`` starts it; every way, the spider's only argument is
    ``related_depth=1`` (scrapyd adds its job id)."""
    if launcher == "CrawlerProcess":
        return [sys.executable, "-c", PROGRAM, json.dumps(settings), json.dumps({"related_depth": "1"})]
    options = [option for name, value in settings.items() for option in ("-s", f"{name}={value}")]
    if launcher == "scrapyd job":  # what scrapyd 1.6 starts for a job (SCRAPY_PROJECT names the project)
        return [
            sys.executable,
            "-m",
            "scrapyd.runner",
            "crawl",
            "tempo",
            "-a",
            f"_job={job}",
            "-a",
            "related_depth=1",
            *options,
        ]
    return [str(SCRAPY), "crawl", "tempo", "-a", "related_depth=1", *options]


def _env(launcher: str) -> dict[str, str]:
    env = {**os.environ, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
    if launcher == "scrapyd job":  # scrapyd names each job's project; scrapy.cfg maps it to the settings
        env["SCRAPY_PROJECT"] = "newscrawl"
    return env


def _article_keys(hits: list[Hit]) -> set[str]:
    """Articles whose page was served (200)."""
    return {
        key
        for hit in hits
        if hit.status == 200 and (key := outlets.article_key(hit.url)) and outlets.is_article_url(hit.url)
    }


def _stored(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {key for (key,) in rows(conn, "SELECT article_key FROM articles")}


@dataclass
class Resumed:
    launcher: str
    expected: set[str]
    killed: int
    stored_at_kill: set[str]
    second: Crawl
    fetched_again: set[str]


@pytest.fixture(scope="module")
def resumed(launcher: str, schema_url: str, tmp_path_factory: pytest.TempPathFactory) -> Resumed:
    # JS_PAGE has no body in its static HTML: dropped with rendering off, never stored.
    site = build_site(today_in_jakarta(), bulk=BULK, javascript=True)
    expected = site.keys(site.expected([*SOURCES, f"e2:{site.today}", f"e3:{site.today}"], depth=1) - {JS_PAGE})
    work = tmp_path_factory.mktemp("resume")
    with SiteServer(site, delay=0.03) as server:
        killed = _crawl_until_killed(launcher, site, server, schema_url, work)
        stored_at_kill = _stored(schema_url)
        _rotate_index(site)
        start = len(server.hits)
        second = _crawl(launcher, server, schema_url, work)
        second_hits = server.hits[start:]
    return Resumed(launcher, expected, killed, stored_at_kill, second, _article_keys(second_hits))


def _crawl_until_killed(launcher: str, site: Site, server: SiteServer, schema_url: str, work: Path) -> int:
    """Run the crawl in its own process group and SIGKILL it once every index page and at least
    60 articles were served, before it is done."""
    work.mkdir(parents=True, exist_ok=True)
    settings = {**harness_settings(server.url, work / "first", True), **_settings(schema_url, work)}
    log = (work / "first.log").open("w")
    process = subprocess.Popen(
        _command(launcher, settings, "job-1"),
        cwd=ROOT,
        env=_env(launcher),
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
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


def _crawl(launcher: str, server: SiteServer, schema_url: str, work: Path) -> Crawl:
    """The second run, started the same way (another scrapyd job: another job id)."""
    second = work / "second"
    second.mkdir(parents=True, exist_ok=True)
    settings = {**harness_settings(server.url, second, True), **_settings(schema_url, work)}
    done = subprocess.run(
        _command(launcher, settings, "job-2"), cwd=ROOT, env=_env(launcher), capture_output=True, text=True, timeout=300
    )
    stats_file = second / "stats.json"
    stats = json.loads(stats_file.read_text(encoding="utf-8")) if stats_file.exists() else {}
    return Crawl(done.returncode, [], stats, done.stderr)


def _rotate_index(site: Site) -> None:
    """Between the two runs the day's index moves on: its first page now lists only its first
    cards, and no further pages; articles that were only on them are found in the saved frontier."""
    first = [site.card(n) for n in site.sources[f"e3:{site.today}"][:20]]
    site.add(e3_index(site.today), pages.e3_listing("Indeks", first))


def test_the_first_crawl_was_killed_in_the_middle(resumed: Resumed) -> None:
    assert resumed.killed == -signal.SIGKILL
    assert 0 < len(resumed.stored_at_kill) < len(resumed.expected)


def test_the_restarted_crawl_stores_every_article_exactly_once(resumed: Resumed, schema_url: str) -> None:
    # A CrawlerProcess program has no exit codes of its own (those are the `crawl` command's).
    assert resumed.second.returncode == 0, resumed.second.stderr[-3000:]
    assert resumed.second.stats["finish_reason"] == "finished"
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


def test_the_dead_run_is_marked_crashed_and_both_runs_are_the_same_crawl(schema_url: str, resumed: Resumed) -> None:
    with psycopg.connect(schema_url) as conn:
        runs = rows(conn, "SELECT status, arguments->'spider', job_id FROM crawl_runs ORDER BY started_at")
    jobs = ("job-1", "job-2") if resumed.launcher == "scrapyd job" else (None, None)
    # The crawl's identity is its spider's arguments, never the host program's command line or the job id.
    assert runs == [("crashed", {"related_depth": "1"}, jobs[0]), ("finished", {"related_depth": "1"}, jobs[1])]
