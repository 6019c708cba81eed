"""Backfill (``since=`` / ``until=``) and ``sections=`` on the fake tempo.co: the daily
indexes in both forms, all their pages and never one past the last."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newscrawl.spiders.plan import today_in_jakarta
from tests.site.build import Site, build_site, e3_index
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(today_in_jakarta())


def _crawl(site: Site, tmp_path_factory: pytest.TempPathFactory, **arguments: str) -> tuple[SiteServer, Crawl]:
    with SiteServer(site) as server:
        result = crawl(server.url, tmp_path_factory.mktemp("backfill"), arguments)
    assert result.returncode == 0, result.stderr[-2000:]
    return server, result


@pytest.fixture(scope="module")
def two_days(site: Site, tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteServer, Crawl]:
    yesterday, before = site.today - timedelta(days=1), site.today - timedelta(days=2)
    return _crawl(site, tmp_path_factory, since=str(before), until=str(yesterday), related_depth="0")


def test_backfill_emits_the_articles_of_every_index_page(site: Site, two_days: tuple[SiteServer, Crawl]) -> None:
    yesterday, before = site.today - timedelta(days=1), site.today - timedelta(days=2)
    days = [f"{form}:{day}" for day in (yesterday, before) for form in ("e2", "e3")]
    expected = site.expected(days, depth=0)
    assert expected == {
        1900501,
        1900502,
        1900503,
        1900504,
        1900505,
        1900506,
        1900507,
        1900511,
        1900512,
        1900513,
        1900514,
    }
    assert sorted(two_days[1].ids) == sorted(expected)


def test_backfill_reads_the_last_page_and_never_goes_past_it(site: Site, two_days: tuple[SiteServer, Crawl]) -> None:
    server = two_days[0]
    yesterday = site.today - timedelta(days=1)
    assert server.requested(e3_index(yesterday)) == [200]
    assert server.requested(e3_index(yesterday, page=2)) == [200]
    assert not server.requested(e3_index(yesterday, page=3))
    assert not server.requested(site.url(1900599))


def test_backfill_walks_only_the_given_days(site: Site, two_days: tuple[SiteServer, Crawl]) -> None:
    server, result = two_days
    listings = {hit.path for hit in server.hits if hit.path.startswith("/indeks")}
    assert not [path for path in listings if str(site.today) in path]
    assert not server.requested("https://www.tempo.co/")
    assert not server.requested("https://www.tempo.co/sitemap.xml")
    assert result.stat("newscrawl/pages/listing") == 5  # two days, two forms, one of them two pages long


def test_backfill_follows_related_links_too(site: Site, tmp_path_factory: pytest.TempPathFactory) -> None:
    yesterday = str(site.today - timedelta(days=1))
    _, result = _crawl(site, tmp_path_factory, since=yesterday, until=yesterday)
    expected = site.expected([f"e2:{yesterday}", f"e3:{yesterday}"], depth=1)
    assert 1900001 in expected  # a related link of yesterday's 1900503, listed on another day
    assert sorted(result.ids) == sorted(expected)


def test_sections_restrict_the_indexes_and_the_articles(site: Site, tmp_path_factory: pytest.TempPathFactory) -> None:
    yesterday = str(site.today - timedelta(days=1))
    server, result = _crawl(site, tmp_path_factory, since=yesterday, sections="nasional")
    assert server.requested(f"https://www.tempo.co/indeks/{yesterday}/nasional") == [200]
    assert not server.requested(f"https://www.tempo.co/indeks/{yesterday}")
    assert not [hit for hit in server.hits if "category=date" in hit.path]  # nasional is no E3 rubric
    # The nasional index lists 1900501, whose related link goes to 1900502, a dunia story.
    assert result.ids == [1900501]
    assert result.stat("newscrawl/links/other-section") == 1
    assert not server.requested(site.url(1900502))


def test_sections_restrict_the_default_crawl(site: Site, tmp_path_factory: pytest.TempPathFactory) -> None:
    server, result = _crawl(site, tmp_path_factory, sections="internasional")
    expected = site.expected(["home", "sections=internasional", "rss", "sitemap"], 1, ("internasional",))
    assert sorted(result.ids) == sorted(expected)
    assert {item["section"] for item in result.articles} == {"internasional"}
    assert not server.requested("https://nasional.tempo.co/")
    assert server.requested("https://www.tempo.co/internasional") == [200]
