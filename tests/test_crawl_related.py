"""``related_depth=`` and ``urls=`` / ``urls_file=`` on the fake tempo.co."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_crawls import Shared
from tests.site.build import JS_PAGE, SEED_ID, SEED_URL, Site, build_site
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

pytestmark = pytest.mark.slow

DEFAULT = ["home", "nasional", "internasional", "rss", "sitemap"]


@pytest.fixture(scope="module")
def site() -> Site:
    # JS_PAGE has no body in its static HTML: no article with rendering off.
    return build_site(today_in_jakarta(), javascript=True)


def _crawl(site: Site, workdir: Path, **arguments: str) -> tuple[SiteServer, Crawl]:
    with SiteServer(site) as server:
        result = crawl(server.url, workdir, arguments, {"NEWSCRAWL_RENDER": "never"})
    assert result.returncode == 0, result.stderr[-2000:]
    return server, result


def _sources(site: Site) -> list[str]:
    return [*DEFAULT, f"e2:{site.today}", f"e3:{site.today}"]


def test_related_depth_zero_follows_no_related_link(site: Site, tmp_path: Path) -> None:
    server, result = _crawl(site, tmp_path, related_depth="0")
    assert sorted(result.ids) == sorted(site.expected(_sources(site), depth=0) - {JS_PAGE})
    for only_related in (1900301, 1900401, 1831402):
        assert not server.requested(site.url(only_related))
    # Not fetched, still recorded: the seed's ten "Berita terkait" cards and its "Pilihan Editor".
    seed = result.by_id(SEED_ID)["article"]
    assert len(seed["related"]) == 10
    assert seed["editor_pick"]["url"] == site.url(1831402)


def test_related_depth_two_goes_one_hop_further(site: Site, tmp_path: Path) -> None:
    server, result = _crawl(site, tmp_path, related_depth="2")
    expected = site.expected(_sources(site), depth=2) - {JS_PAGE}
    assert {1900302, 1900201} <= expected
    assert sorted(result.ids) == sorted(expected)
    for three_hops in (1900303, 1900202):
        assert not server.requested(site.url(three_hops))


def test_urls_crawls_the_given_pages_and_their_related_links(site: Site, tmp_path: Path) -> None:
    given = [site.url(1900301), SEED_URL.replace("/read/", "/amp/") + "?utm_source=x"]
    server, result = _crawl(site, tmp_path, urls=",".join(given))
    assert sorted(result.ids) == sorted({1900301, 1900302, SEED_ID, *site.stories[SEED_ID].related, 1831402})
    assert not server.requested("https://www.tempo.co/")  # no discovery
    assert result.by_id(SEED_ID)["article"]["pages"] == 2


def test_urls_file_lists_pages_one_per_line(site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# two pages\n{site.url(1900004)}\n\nhttps://www.tempo.co/internasional\n", encoding="utf-8")
    _, result = _crawl(site, tmp_path, urls_file=str(listing), related_depth="0")
    assert sorted(result.ids) == sorted({1900004, *site.sources["internasional"]} - {JS_PAGE})


def test_a_crawl_with_jobdir_pauses_safely(tmp_path: Path) -> None:
    # Requests must pickle for JOBDIR's disk queue: callbacks are spider methods, data goes in
    # cb_kwargs (pages read so far). A site whose pages need no browser; the request sent to the
    # browser: below.
    site = build_site(today_in_jakarta())
    with SiteServer(site) as server:
        result = crawl(server.url, tmp_path / "run", settings={"JOBDIR": str(tmp_path / "job")})
    assert result.returncode == 0, result.stderr[-2000:]
    assert sorted(result.ids) == sorted(site.expected(_sources(site), depth=1))
    assert result.stat("scheduler/enqueued/disk") > 0
    assert not result.stat("scheduler/unserializable")


@pytest.mark.browser
@pytest.mark.db
def test_a_crawl_with_jobdir_pauses_safely_while_the_browser_renders(rendered: Shared) -> None:
    """The request that sends a page to the browser pickles too (the static page's record in its
    cb_kwargs): the shared crawl through Chromium runs with a JOBDIR."""
    assert rendered.crawl.by_id(JS_PAGE)["rendered"] is True
    assert rendered.crawl.stat("newscrawl/render/requested") == 1
    assert rendered.crawl.stat("scheduler/enqueued/disk") > 0
    assert not rendered.crawl.stat("scheduler/unserializable")
