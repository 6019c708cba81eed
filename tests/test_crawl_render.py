"""``NEWSCRAWL_RENDER``: JavaScript pages through scrapy-playwright and Chromium, and a crawl
that has no browser. Tests marked ``browser`` need Chromium (``tests.fix_crawls``)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from newscrawl import settings as project
from newscrawl.browser import find_browser
from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_crawls import STATIC_PAGE, Shared
from tests.site.build import JS_PAGE, Site, build_site
from tests.site.pages import paragraphs
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

pytestmark = pytest.mark.slow

USER_AGENT = "newscrawl/0.1.0 (+crawler-tests@example.org)"


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(today_in_jakarta(), javascript=True)


def _crawl(site: Site, workdir: Path, render: str, pages: list[int], **settings: str) -> Crawl:
    with SiteServer(site) as server:
        urls = ",".join(site.url(n) for n in pages)
        result = crawl(
            server.url, workdir, {"urls": urls, "related_depth": "0"}, {"NEWSCRAWL_RENDER": render, **settings}
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _js_body(site: Site) -> str:
    return "\n\n".join(paragraphs(site.stories[JS_PAGE].title, JS_PAGE))


@pytest.mark.browser
@pytest.mark.db
def test_auto_renders_only_the_page_whose_body_needs_javascript(rendered: Shared) -> None:
    result, site = rendered.crawl, rendered.site
    js, static = result.by_id(JS_PAGE), result.by_id(STATIC_PAGE)
    assert js["rendered"] is True
    assert js["article"]["body"] == _js_body(site)
    assert static["rendered"] is False
    assert result.stat("newscrawl/render/requested") == 1
    assert result.stat("newscrawl/articles/rendered") == 1
    assert result.stat("playwright/page_count") == result.stat("playwright/page_count/closed") == 1
    assert result.stat("playwright/request_count/aborted") >= 1  # the ad script
    (said,) = [line for line in result.stderr.splitlines() if "Rendering:" in line]
    assert said.endswith(f"[newscrawl.rendering] INFO: Rendering: {find_browser(project.NEWSCRAWL_BROWSER_PATH)}")
    # The static HTML, then the browser's navigation; it names the contact like every other request.
    assert rendered.requested(site.url(JS_PAGE)) == [200, 200]
    assert {hit.user_agent for hit in rendered.hits} == {USER_AGENT}


@pytest.mark.browser
@pytest.mark.db
def test_the_rendered_page_is_stored_with_its_full_body(rendered: Shared) -> None:
    assert rendered.crawl.stat("newscrawl/db/inserted") == 2
    with psycopg.connect(rendered.schema) as conn:
        row = conn.execute("SELECT body, rendered FROM articles WHERE article_id = %s", (JS_PAGE,)).fetchone()
    assert row == (_js_body(rendered.site), True)


def test_never_leaves_the_browser_out(site: Site, tmp_path: Path) -> None:
    result = _crawl(site, tmp_path, "never", [JS_PAGE, 1900004])
    assert not [key for key in result.stats if key.startswith("playwright/")]
    assert "scrapy-playwright" not in result.stderr  # the download handler is not even installed
    assert [item["article"]["article_id"] for item in result.items] == [1900004]
    assert result.stat("newscrawl/skipped/no-body") == 1  # an article has a body: no empty row is stored


@pytest.mark.browser
def test_always_renders_every_article_page(site: Site, tmp_path: Path) -> None:
    result = _crawl(site, tmp_path, "always", [1900004, 1900014])
    assert [item["rendered"] for item in result.items] == [True, True]
    assert result.by_id(1900014)["article"]["pages"] == 2
    assert result.stat("playwright/page_count") == result.stat("playwright/page_count/closed") == 3
    assert not result.stat("newscrawl/render/requested")


def test_a_browser_that_cannot_start_drops_the_bodyless_page_with_its_reason(site: Site, tmp_path: Path) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'chromium: cannot open display' >&2\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    result = _crawl(site, tmp_path, "auto", [JS_PAGE], NEWSCRAWL_BROWSER_PATH=str(broken))
    assert result.items == []
    assert result.stat("newscrawl/render/failed") == 1
    assert result.stat("newscrawl/skipped/no-body") == 1
    assert "the page has no body without it" in result.stderr


@pytest.mark.parametrize("render", ["auto", "always"])
def test_without_a_browser_the_crawl_runs_and_says_which_pages_it_could_not_read(
    site: Site, tmp_path: Path, render: str
) -> None:
    missing = tmp_path / "no-chromium"
    result = _crawl(site, tmp_path, render, [JS_PAGE, 1900004], NEWSCRAWL_BROWSER_PATH=str(missing))
    said = f"[newscrawl.rendering] WARNING: Rendering: no Chromium: NEWSCRAWL_BROWSER_PATH={missing} is not an"
    said += " executable file (no other browser is looked for); JavaScript pages stay unrendered (to render them:"
    said += " point NEWSCRAWL_BROWSER_PATH at Chromium, or unset it)"
    (line,) = [line for line in result.stderr.splitlines() if "Rendering:" in line]
    assert line.endswith(said)
    assert f"Not rendered (no browser): {site.url(JS_PAGE)}" in result.stderr
    # Without its body the JavaScript page is no article; a static page reads as ever.
    assert [(item["article"]["article_id"], item["rendered"]) for item in result.items] == [(1900004, False)]
    assert result.by_id(1900004)["article"]["body"]
    assert result.stat("newscrawl/render/unavailable") == result.stat("newscrawl/skipped/no-body") == 1
    assert not result.stat("newscrawl/render/requested")
    assert not [key for key in result.stats if key.startswith("playwright/")]
    assert "  not rendered: 1 pages that need JavaScript (no browser, see the log)" in result.stderr.splitlines()
