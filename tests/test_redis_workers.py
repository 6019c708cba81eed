"""Two ``scrapy crawl tempo`` processes sharing one frontier on the real Redis server
(``NEWSCRAWL_TEST_REDIS_URL``, by default database 15 of 127.0.0.1:6379), against the fake
tempo.co and one PostgreSQL schema."""

from __future__ import annotations

import json
import os
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis

from newscrawl.distributed import RedisFrontier
from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_db import fresh_schema, rows
from tests.site.build import JS_PAGE, build_site
from tests.site.run import ROOT, SCRAPY, harness_settings
from tests.site.server import SiteServer

pytestmark = [pytest.mark.db]

E3_COVERAGE = {"title": 0.99, "body": 0.95, "published_at": 0.95}  # the bulk stories name no editor


@pytest.fixture(scope="module")
def redis_url() -> str:
    url = os.environ.get("NEWSCRAWL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and no Redis for the distributed tests at {url}: {exc}")
        pytest.skip(f"no Redis at {url}: {exc}")
    return url


@pytest.fixture
def server(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    yield client
    client.close()


def test_the_shared_frontier_fetches_an_article_once_at_its_shortest_depth(server: redis.Redis) -> None:
    prefix = f"newscrawl:test:{uuid.uuid4().hex}"
    one, two = RedisFrontier(server, prefix, max_depth=1), RedisFrontier(server, prefix, max_depth=1)
    try:
        assert one.offer("tempo:1", 1).fetch
        assert not two.offer("tempo:1", 1).fetch  # another worker has it
        assert two.offer("tempo:9", 2).beyond_depth
        one.parsed("tempo:1", ("https://www.tempo.co/a-2",))
        # Reached by a shorter path after it was parsed: its links come back, one hop further.
        assert two.offer("tempo:1", 0).again == ("https://www.tempo.co/a-2",)
        assert one.depth("tempo:1") == 0
        assert len(one) == 1
    finally:
        server.delete(f"{prefix}:depth", f"{prefix}:links")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "NEWSCRAWL_REDIS_URL=http://u:secret@queue/0",
            "NEWSCRAWL_REDIS_URL: 'http://u:***@queue/0' is not a redis://, rediss:// or unix:// URL",
        ),
        ("NEWSCRAWL_REDIS_JOB=a b", "NEWSCRAWL_REDIS_JOB: 'a b' may only hold letters, digits, '.', '_' and '-'"),
    ],
)
def test_a_bad_redis_setting_stops_the_command_before_any_request(setting: str, message: str) -> None:
    command = [str(SCRAPY), "crawl", "tempo", "-s", setting]
    if setting.startswith("NEWSCRAWL_REDIS_JOB"):  # the job name only matters with a queue
        command += ["-s", "NEWSCRAWL_REDIS_URL=redis://queue/0"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.strip() == f"scrapy crawl: error: {message}"


@dataclass
class Worker:
    returncode: int
    items: list[dict[str, Any]]
    stderr: str


@pytest.fixture(scope="module")
def schema_url(server_url: str) -> Iterator[str]:
    yield from fresh_schema(server_url)


@pytest.fixture(scope="module")
def crawl(redis_url: str, schema_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Both workers started together, each with the same command."""
    # Enough pages, served slowly enough, for both workers to be at work together: one alone
    # takes longer than the 5 s in which an idle Scrapy engine looks at its queue again.
    # JS_PAGE has no body in its static HTML: dropped with rendering off.
    site = build_site(today_in_jakarta(), bulk=120, javascript=True)
    job = uuid.uuid4().hex
    work = tmp_path_factory.mktemp("workers")
    with SiteServer(site, delay=0.2) as site_server:
        processes = [_start(site_server.url, work / f"w{n}", redis_url, schema_url, job) for n in (1, 2)]
        workers = []
        for process, n in zip(processes, (1, 2), strict=True):
            _, stderr = process.communicate(timeout=300)
            lines = (work / f"w{n}" / "items.jsonl").read_text(encoding="utf-8").splitlines()
            workers.append(Worker(process.returncode, [json.loads(line) for line in lines], stderr))
    sources = ["home", "nasional", "internasional", "rss", "sitemap", f"e2:{site.today}", f"e3:{site.today}"]
    return {
        "site": site,
        "workers": workers,
        "hits": site_server.hits,
        "expected": site.keys(site.expected(sources, depth=1) - {JS_PAGE}),
        "job": job,
    }


def _start(
    site: str, work: Path, redis_url: str, schema_url: str, job: str, arguments: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    work.mkdir(parents=True)
    settings = {
        **harness_settings(site, work, pipelines=True),
        "NEWSCRAWL_DATABASE_URL": schema_url,
        "NEWSCRAWL_SPOOL_DIR": str(work / "spool"),
        "NEWSCRAWL_RENDER": "never",
        "NEWSCRAWL_REDIS_URL": redis_url,
        "NEWSCRAWL_REDIS_JOB": job,
        "NEWSCRAWL_REDIS_IDLE_CLOSE": "2",
        "NEWSCRAWL_MONITOR_COVERAGE": json.dumps(E3_COVERAGE),
    }
    command = [str(SCRAPY), "crawl", "tempo", "-O", f"{work / 'items.jsonl'}:jsonlines"]
    for name, value in (arguments or {}).items():
        command += ["-a", f"{name}={value}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


@pytest.mark.slow
def test_both_workers_finish_and_share_the_work(crawl: dict[str, Any]) -> None:
    workers: list[Worker] = crawl["workers"]
    for worker in workers:
        assert worker.returncode == 0, worker.stderr[-3000:]
        assert worker.items  # each took part
    assert "first worker" in workers[0].stderr + workers[1].stderr
    assert "joining 1 other workers" in workers[0].stderr + workers[1].stderr


@pytest.mark.slow
def test_together_they_emit_every_article_once(crawl: dict[str, Any]) -> None:
    emitted = Counter(
        f"{'cekfakta' if 'cekfakta.' in item['article']['url'] else 'tempo'}:{item['article']['article_id']}"
        for worker in crawl["workers"]
        for item in worker.items
    )
    assert set(emitted) == crawl["expected"]
    assert max(emitted.values()) == 1


@pytest.mark.slow
def test_no_page_is_fetched_by_both(crawl: dict[str, Any]) -> None:
    # Each process reads robots.txt itself; a page that fails once is retried by the worker that had it.
    served = Counter(hit.url for hit in crawl["hits"] if hit.status == 200 and not hit.path.endswith("/robots.txt"))
    assert [url for url, count in served.items() if count > 1] == []


@pytest.mark.slow
def test_the_database_holds_no_duplicate(crawl: dict[str, Any], schema_url: str) -> None:
    with psycopg.connect(schema_url) as conn:
        keys = [key for (key,) in rows(conn, "SELECT article_key FROM articles")]
        (versions,) = rows(conn, "SELECT count(*) FROM article_versions")[0]
        runs = rows(conn, "SELECT status FROM crawl_runs")
    assert sorted(keys) == sorted(crawl["expected"])
    assert versions == len(keys)
    assert runs == [("finished",), ("finished",)]


@pytest.mark.slow
def test_the_last_worker_out_clears_the_shared_frontier(crawl: dict[str, Any], server: redis.Redis) -> None:
    assert list(server.scan_iter(match=f"newscrawl:tempo:{crawl['job']}:*")) == []


@pytest.mark.slow
def test_a_worker_that_finds_the_others_doing_the_whole_crawl_succeeds(
    redis_url: str, server_url: str, tmp_path: Path
) -> None:
    site = build_site(today_in_jakarta())
    story = next(story for story in site.stories.values() if story.emitted)
    job = uuid.uuid4().hex
    one_page = {"urls": story.url, "related_depth": "0"}
    with contextmanager(fresh_schema)(server_url) as schema, SiteServer(site, delay=4) as site_server:
        first = _start(site_server.url, tmp_path / "w1", redis_url, schema, job, one_page)
        deadline = time.monotonic() + 60
        while not site_server.requested(story.url) and time.monotonic() < deadline:
            time.sleep(0.1)  # the first worker has taken the crawl's only page, and waits for it
        second = _start(site_server.url, tmp_path / "w2", redis_url, schema, job, one_page)
        (_, first_log), (_, second_log) = first.communicate(timeout=120), second.communicate(timeout=120)
    assert first.returncode == 0, first_log[-3000:]
    assert second.returncode == 0, second_log[-3000:]
    assert "No page fetched: the other workers on the shared queue had the whole crawl" in second_log
    items = [(tmp_path / f"w{n}" / "items.jsonl").read_text(encoding="utf-8").count("\n") for n in (1, 2)]
    assert items == [1, 0]
