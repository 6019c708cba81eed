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

import json
import tempfile
from pathlib import Path

from bench import db
from bench.timing import Row
from newscrawl.spiders.plan import today_in_jakarta
from newscrawl.stats import ARTICLES_EMITTED, DB_INSERTED, PAGES_FETCHED
from tests.site.build import build_site
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

ARTICLES = 2_000
ROUNDS = 3
FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0.001",
    "NEWSCRAWL_RENDER": "never",
    "LOG_LEVEL": "WARNING",
    # The bulk stories name no editor: without this the editors-coverage monitor fails the crawl.
    "NEWSCRAWL_MONITOR_COVERAGE": json.dumps({"title": 0.99, "body": 0.95, "published_at": 0.95}),
}


def _pages_per_second(result: Crawl, pipelines: bool) -> float:
    if result.returncode != 0 or result.stat(ARTICLES_EMITTED) < ARTICLES:
        raise RuntimeError(f"crawl failed (pipelines={pipelines}): {result.last_line}")
    if pipelines and result.stat(DB_INSERTED) < ARTICLES:
        raise RuntimeError(f"the store wrote {result.stat(DB_INSERTED)} articles, not {ARTICLES}")
    return result.stat(PAGES_FETCHED) / float(result.stats["elapsed_time_seconds"])


def run() -> list[Row]:
    url = db.server_url()
    site = build_site(today_in_jakarta(), bulk=ARTICLES)
    rates: dict[bool, list[float]] = {True: [], False: []}
    with SiteServer(site) as server, tempfile.TemporaryDirectory() as work:
        for round_ in range(ROUNDS):
            for pipelines in (False, True):
                workdir = Path(work) / f"{round_}-{pipelines}"
                with db.schema(url, "bench_crawl") as schema_url:
                    settings = {
                        **FAST,
                        "NEWSCRAWL_DATABASE_URL": schema_url,
                        "NEWSCRAWL_SPOOL_DIR": str(workdir / "spool"),
                    }
                    result = crawl(server.url, workdir, settings=settings, pipelines=pipelines, feed=False)
                rates[pipelines].append(_pages_per_second(result, pipelines))
    # The best round of each, as in the store part: other work on the machine (this 2-core VM's
    # neighbours, autovacuum) only ever slows a round down, and moved the median of two rounds by a
    # fifth from run to run.
    return [
        Row(
            f"crawl: {ARTICLES:,}-article site, all pipelines + PostgreSQL",
            max(rates[True]),
            "same crawl, no pipeline",
            max(rates[False]),
            "pages/s",
            ">= 0.8x",
        )
    ]
