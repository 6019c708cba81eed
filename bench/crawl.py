"""Crawl speed: pages/s of a full ``scrapy crawl tempo`` of a 2,000-article fake tempo.co with
every pipeline the project settings enable and PostgreSQL on, against the same crawl with no
pipeline, interleaved in one run.

The site is the test site (``tests/site``) with 2,000 more articles on today's index, served on
127.0.0.1; each crawl runs in its own process. What is measured is the crawler's own speed, so
politeness waits are off (AutoThrottle, download delay) and nothing is rendered; everything else
is the project's settings, without a feed export (``make crawl`` has none). The database is NEWSCRAWL_DATABASE_URL, else
NEWSCRAWL_TEST_DATABASE_URL, else the embedded server; each crawl writes into a fresh schema,
dropped afterwards.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from bench.timing import Row
from newscrawl import settings as project
from newscrawl.db.connection import database_url
from newscrawl.spiders.plan import today_in_jakarta
from tests.site.build import build_site
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

ARTICLES = 2_000
ROUNDS = 2
FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0.001",
    "NEWSCRAWL_RENDER": "never",
    "LOG_LEVEL": "WARNING",
}


@contextmanager
def _schema(url: str) -> Iterator[str]:
    name = f"bench_crawl_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    try:
        yield make_conninfo(url, options=f"-c search_path={name}")
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))


def _pages_per_second(result: Crawl, pipelines: bool) -> float:
    if result.returncode != 0 or result.stat("newscrawl/articles/emitted") < ARTICLES:
        raise RuntimeError(f"crawl failed (pipelines={pipelines}): {result.last_line}")
    if pipelines and result.stat("newscrawl/db/inserted") < ARTICLES:
        raise RuntimeError(f"the store wrote {result.stat('newscrawl/db/inserted')} articles, not {ARTICLES}")
    return result.stat("newscrawl/pages/fetched") / float(result.stats["elapsed_time_seconds"])


def run() -> list[Row]:
    url = os.environ.get("NEWSCRAWL_DATABASE_URL") or os.environ.get("NEWSCRAWL_TEST_DATABASE_URL")
    url = database_url(url, Path(project.NEWSCRAWL_PGDATA))
    site = build_site(today_in_jakarta(), bulk=ARTICLES)
    rates: dict[bool, list[float]] = {True: [], False: []}
    with SiteServer(site) as server, tempfile.TemporaryDirectory() as work:
        for round_ in range(ROUNDS):
            for pipelines in (False, True):
                workdir = Path(work) / f"{round_}-{pipelines}"
                with _schema(url) as schema_url:
                    settings = {
                        **FAST,
                        "NEWSCRAWL_DATABASE_URL": schema_url,
                        "NEWSCRAWL_SPOOL_DIR": str(workdir / "spool"),
                    }
                    result = crawl(server.url, workdir, settings=settings, pipelines=pipelines, feed=False)
                rates[pipelines].append(_pages_per_second(result, pipelines))
    return [
        Row(
            f"crawl: {ARTICLES:,}-article site, all pipelines + PostgreSQL",
            statistics.median(rates[True]),
            "same crawl, no pipeline",
            statistics.median(rates[False]),
            "pages/s",
            ">= 0.8x",
        )
    ]
