"""Crawls several test modules read (a pytest plugin), each run once per session: the default
crawl of the fake tempo.co, and a crawl through Chromium of a page that needs it.

A crawl is a subprocess of a few seconds; modules that check different things of the same
crawl (what it fetched, what it recorded, what it stored) share it rather than each
running its own. Tests only read them; the one that re-parses the rendered crawl's rows with
the same parser changes none of their content (only the store's clock, ``stored_at``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_db import fresh_schema
from tests.site.build import JS_PAGE, Site, build_site
from tests.site.run import Crawl, crawl
from tests.site.server import Hit, SiteServer, requested


@dataclass(frozen=True)
class Shared:
    """A crawl of ``site``: its result, what the site served, the schema it stored into and
    the directory it recorded its WARC files in."""

    site: Site
    crawl: Crawl
    hits: list[Hit]
    schema: str
    warc: Path

    def requested(self, url: str) -> list[int]:
        """Statuses served for ``url`` (host, path and query as given), in order."""
        return requested(self.hits, url)


def _crawl(site: Site, workdir: Path, schema: str, arguments: dict[str, str] | None = None, **more: str) -> Shared:
    settings = {
        "NEWSCRAWL_DATABASE_URL": schema,
        "NEWSCRAWL_SPOOL_DIR": str(workdir / "spool"),
        "NEWSCRAWL_WARC_DIR": str(workdir / "warc"),
        **more,
    }
    with SiteServer(site) as server:
        result = crawl(server.url, workdir, arguments, settings, pipelines=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return Shared(site, result, server.hits, schema, workdir / "warc")


@pytest.fixture(scope="session")
def default_crawl(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    """``scrapy crawl tempo`` (latest news) of the fake tempo.co with the project's settings,
    recording on and storing into a schema of its own. Every page has its text in the HTML."""
    with contextmanager(fresh_schema)(server_url) as schema:
        yield _crawl(build_site(today_in_jakarta()), tmp_path_factory.mktemp("default"), schema)


STATIC_PAGE = 1900004
"""An article whose static HTML has its text, crawled next to ``JS_PAGE``."""


@pytest.fixture(scope="session")
def rendered(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    """``JS_PAGE`` and ``STATIC_PAGE`` of a site with a client-rendered page, crawled in the default
    mode (auto) through Chromium, stored, recorded, and with a ``JOBDIR`` (its requests, the one
    sent to the browser included, go through the disk queue). Only for tests marked ``browser``:
    without Chromium it would not render."""
    site = build_site(today_in_jakarta(), javascript=True)
    arguments = {"urls": ",".join(site.url(n) for n in (JS_PAGE, STATIC_PAGE)), "related_depth": "0"}
    workdir = tmp_path_factory.mktemp("rendered")
    with contextmanager(fresh_schema)(server_url) as schema:
        yield _crawl(site, workdir, schema, arguments, JOBDIR=str(workdir / "job"))
