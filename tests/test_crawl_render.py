"""``NEWSCRAWL_RENDER``: JavaScript pages through scrapy-playwright and the system Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from newscrawl import settings as project
from newscrawl.spiders.plan import today_in_jakarta
from tests.site.build import Site, build_site
from tests.site.pages import paragraphs
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

pytestmark = pytest.mark.slow

JS_PAGE = 1900015


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(today_in_jakarta())


def _crawl(site: Site, workdir: Path, render: str, pages: list[int], **settings: str) -> Crawl:
    with SiteServer(site) as server:
        urls = ",".join(site.url(n) for n in pages)
        result = crawl(
            server.url, workdir, {"urls": urls, "related_depth": "0"}, {"NEWSCRAWL_RENDER": render, **settings}
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def test_auto_renders_only_the_page_whose_body_needs_javascript(site: Site, tmp_path: Path) -> None:
    result = _crawl(site, tmp_path, "auto", [JS_PAGE, 1900004])
    js, static = result.by_id(JS_PAGE), result.by_id(1900004)
    assert js["rendered"] is True
    assert js["article"]["body"] == "\n\n".join(paragraphs(site.stories[JS_PAGE].title, JS_PAGE))
    assert static["rendered"] is False
    assert result.stat("playwright/page_count") == result.stat("playwright/page_count/closed") == 1


def test_never_leaves_the_browser_out(site: Site, tmp_path: Path) -> None:
    result = _crawl(site, tmp_path, "never", [JS_PAGE, 1900004])
    assert not [key for key in result.stats if key.startswith("playwright/")]
    assert "scrapy-playwright" not in result.stderr  # the download handler is not even installed
    assert [item["article"]["article_id"] for item in result.items] == [1900004]
    assert result.stat("newscrawl/skipped/no-body") == 1  # an article has a body: no empty row is stored


def test_always_renders_every_article_page(site: Site, tmp_path: Path) -> None:
    result = _crawl(site, tmp_path, "always", [1900004, 1900014])
    assert [item["rendered"] for item in result.items] == [True, True]
    assert result.by_id(1900014)["article"]["pages"] == 2
    assert result.stat("playwright/page_count") == result.stat("playwright/page_count/closed") == 3
    assert not result.stat("newscrawl/render/requested")


def test_a_browser_that_cannot_start_drops_the_bodyless_page_with_its_reason(site: Site, tmp_path: Path) -> None:
    options = {**project.PLAYWRIGHT_LAUNCH_OPTIONS, "executable_path": str(tmp_path / "no-chromium")}
    result = _crawl(site, tmp_path, "auto", [JS_PAGE], PLAYWRIGHT_LAUNCH_OPTIONS=json.dumps(options))
    assert result.items == []
    assert result.stat("newscrawl/render/failed") == 1
    assert result.stat("newscrawl/skipped/no-body") == 1
    assert "the page has no body without it" in result.stderr


@pytest.mark.db
def test_the_rendered_page_is_stored_with_its_full_body(site: Site, tmp_path: Path, schema_url: str) -> None:
    settings = {"NEWSCRAWL_DATABASE_URL": schema_url, "NEWSCRAWL_SPOOL_DIR": str(tmp_path / "spool")}
    with SiteServer(site) as server:
        result = crawl(server.url, tmp_path, {"urls": site.url(JS_PAGE)}, settings, pipelines=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stat("newscrawl/db/inserted") == 1
    with psycopg.connect(schema_url) as conn:
        row = conn.execute("SELECT body, rendered FROM articles WHERE article_id = %s", (JS_PAGE,)).fetchone()
    assert row == ("\n\n".join(paragraphs(site.stories[JS_PAGE].title, JS_PAGE)), True)
