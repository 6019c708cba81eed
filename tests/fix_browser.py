"""Chromium for the rendering tests (a pytest plugin): the ``browser`` marker, and the crawl
through Chromium that the tests of a rendered page's storage, archive, replay and re-parse share.

The browser is the one a crawl would use, found by the crawl's own lookup
(``newscrawl.browser``), so ``NEWSCRAWL_BROWSER_PATH=/nonexistent`` makes a run exactly like
one on a machine without Chromium. Without a browser the marked tests skip, all with one
reason that says how many they are and how to run them, except under ``CI=true``, where
they fail: a green CI must not hide them (as the database tests do, ``tests.fix_db``).
Tests that are not about rendering never need the browser, and are not marked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from newscrawl import settings as project
from newscrawl.browser import Browser, find_browser
from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_db import fresh_schema
from tests.site.build import JS_PAGE, Site, build_site
from tests.site.run import Crawl, crawl
from tests.site.server import Hit, SiteServer

MARKER = "browser"
_FOUND = pytest.StashKey[Browser]()
_COUNT = pytest.StashKey[int]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: renders pages in Chromium (skipped without one, fails if CI=true)")
    config.stash[_FOUND] = find_browser(project.NEWSCRAWL_BROWSER_PATH)


def pytest_report_header(config: pytest.Config) -> str:
    return f"browser: {config.stash[_FOUND]}"


def pytest_collection_finish(session: pytest.Session) -> None:
    session.config.stash[_COUNT] = sum(1 for item in session.items if item.get_closest_marker(MARKER))


@pytest.hookimpl(tryfirst=True)  # before any fixture: a test that cannot run starts no crawl
def pytest_runtest_setup(item: pytest.Item) -> None:
    found = item.config.stash[_FOUND]
    if found.path is not None or item.get_closest_marker(MARKER) is None:
        return
    reason = no_browser_reason(found, item.config.stash.get(_COUNT, 0))
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and no browser: {reason}", pytrace=False)
    pytest.skip(reason)


def no_browser_reason(found: Browser, count: int) -> str:
    """One line for every skipped rendering test: what is missing, how to run them."""
    reason = f"Chromium not found: apt-get install chromium to run the {count} rendering tests"
    if project.NEWSCRAWL_BROWSER_PATH:  # not "none installed" but a wrong path: say so
        reason += f" ({found.problem})"
    return reason


# --- the crawl the rendering tests share ----------------------------------------------

STATIC_PAGE = 1900004
"""An article whose static HTML has its text, crawled next to ``JS_PAGE``."""


@dataclass(frozen=True)
class Rendered:
    """``JS_PAGE`` and ``STATIC_PAGE`` of a site with a client-rendered page, crawled in the
    default mode (auto) through Chromium, stored in ``schema`` and recorded in ``warc``."""

    site: Site
    crawl: Crawl
    hits: list[Hit]
    """What the site served, the browser's requests included."""
    schema: str
    warc: Path


@pytest.fixture(scope="session")
def rendered(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    """Only for tests marked ``browser``: without Chromium it would not render."""
    site = build_site(today_in_jakarta(), javascript=True)
    workdir = tmp_path_factory.mktemp("rendered")
    with contextmanager(fresh_schema)(server_url) as schema:
        settings = {
            "NEWSCRAWL_DATABASE_URL": schema,
            "NEWSCRAWL_SPOOL_DIR": str(workdir / "spool"),
            "NEWSCRAWL_WARC_DIR": str(workdir / "warc"),
        }
        arguments = {"urls": ",".join(site.url(n) for n in (JS_PAGE, STATIC_PAGE)), "related_depth": "0"}
        with SiteServer(site) as server:
            result = crawl(server.url, workdir, arguments, settings, pipelines=True)
        assert result.returncode == 0, result.stderr[-3000:]
        yield Rendered(site, result, server.hits, schema, workdir / "warc")
