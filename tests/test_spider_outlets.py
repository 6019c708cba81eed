"""One spider per outlet, named after it, on one base: every outlet with a package has its spider, and
its start pages come from its declared sources (a made-up outlet here; Tempo's in test_spider_plan.py)."""

from __future__ import annotations

from datetime import date

import pytest
from scrapy.exceptions import UsageError
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newscrawl.crawl.contract import missing
from newscrawl.outlets import OUTLETS, by_name
from newscrawl.outlets._template import OUTLET as CONTOH
from newscrawl.outlets.base import Outlet
from newscrawl.outlets.rules import Source
from newscrawl.spiders.base import OutletSpider
from newscrawl.spiders.plan import CrawlPlan
from newscrawl.spiders.sources import StartPages
from newscrawl.spiders.tempo import TempoSpider
from tests.doc_tables import code, page, section, table

TODAY = date(2024, 5, 14)
KANALS = frozenset(("news", "bisnis"))


class Paged(Outlet):
    """An outlet with a dated index of the whole site, kanal indexes of the latest news only and
    dated sitemaps."""

    name = "paged"
    hosts = ("paged.id",)
    sources = (
        Source("home", "https://www.paged.id/"),
        Source("section", "https://{section}.paged.id/", KANALS),
        Source("feed", "https://{section}.paged.id/rss", KANALS),
        Source("sitemap", "https://www.paged.id/sitemap/{day:%Y%m%d}.xml"),
        Source("index", "https://indeks.paged.id/?date={day:%Y-%m-%d}&p={page}"),
        Source("index", "https://indeks.paged.id/?site={section}&p={page}", KANALS),
    )


PAGED = StartPages(Paged())


def plan(**arguments: str) -> CrawlPlan:
    return CrawlPlan.from_arguments(arguments, today=TODAY, outlet=Paged())


def test_every_outlet_has_a_spider_named_after_it() -> None:
    loader = SpiderLoader.from_settings(get_project_settings())
    assert sorted(loader.list()) == sorted(outlet.name for outlet in OUTLETS)
    for outlet in OUTLETS:
        spider = loader.load(outlet.name)
        assert issubclass(spider, OutletSpider)
        assert spider.outlet is outlet
        assert spider.allowed_domains == list(outlet.hosts)


def test_the_tempo_spider_is_the_base_with_tempo_s_name() -> None:
    assert TempoSpider.__mro__[1] is OutletSpider
    assert TempoSpider.outlet.name == "tempo"


def test_an_outlet_s_spider_provides_the_contract() -> None:
    class ContohSpider(OutletSpider):
        name = "contoh"
        outlet = CONTOH

    spider = ContohSpider(sections="news")
    assert missing(spider) == []
    assert spider.plan.sections == ("news",)
    assert [url for _, url in ContohSpider.discovery.start_pages(spider.plan, (), TODAY)] == [
        "https://www.contoh.co.id/",
        "https://news.contoh.co.id/",
        "https://www.contoh.co.id/rss",
        "https://www.contoh.co.id/sitemap_news.xml",
        "https://www.contoh.co.id/indeks?date=05/14/2024&page=1",
    ]


def test_the_latest_news_starts_from_home_the_sections_it_has_feeds_sitemaps_and_today() -> None:
    # Of the default sections, those the outlet has: "dunia" is none of its kanals.
    assert PAGED.start_pages(plan(), ("dunia", "bisnis"), TODAY) == [
        ("listing", "https://www.paged.id/"),
        ("listing", "https://bisnis.paged.id/"),
        ("feed", "https://bisnis.paged.id/rss"),
        ("feed", "https://www.paged.id/sitemap/20240514.xml"),
        ("index", "https://indeks.paged.id/?date=2024-05-14&p=1"),
    ]


def test_a_crawl_of_sections_reads_their_own_indexes_and_the_whole_index_for_one_without() -> None:
    pages = PAGED.start_pages(plan(sections="news,olahraga"), (), TODAY)
    assert [page for page in pages if page[0] == "index"] == [
        ("index", "https://indeks.paged.id/?site=news&p=1"),
        ("index", "https://indeks.paged.id/?date=2024-05-14&p=1"),
    ]


def test_a_backfill_walks_the_dated_indexes_and_sitemaps_only() -> None:
    pages = PAGED.start_pages(plan(since="2024-05-12", until="2024-05-13", sections="news"), (), TODAY)
    assert pages == [
        ("feed", "https://www.paged.id/sitemap/20240512.xml"),
        ("index", "https://indeks.paged.id/?date=2024-05-12&p=1"),
        ("feed", "https://www.paged.id/sitemap/20240513.xml"),
        ("index", "https://indeks.paged.id/?date=2024-05-13&p=1"),
    ]


class Kanals(Outlet):
    """An outlet that indexes by kanal only (as detik does)."""

    name = "kanals"
    hosts = ("kanals.id",)
    sources = (
        Source("home", "https://www.kanals.id/"),
        Source("index", "https://{section}.kanals.id/indeks?date={day:%m/%d/%Y}&page={page}", KANALS),
    )


def test_an_outlet_with_none_of_the_default_sections_starts_from_all_it_lists() -> None:
    kanals = StartPages(Kanals())
    assert kanals.default_sections(("nasional", "dunia")) == ("bisnis", "news")
    assert kanals.default_sections(("news", "dunia")) == ("news",)
    assert kanals.start_pages(plan(), ("nasional",), TODAY) == [
        ("listing", "https://www.kanals.id/"),
        ("index", "https://bisnis.kanals.id/indeks?date=05/14/2024&page=1"),
        ("index", "https://news.kanals.id/indeks?date=05/14/2024&page=1"),
    ]


def test_a_backfill_of_an_outlet_that_indexes_by_section_only_walks_its_sections_indexes() -> None:
    pages = StartPages(Kanals()).start_pages(plan(since="2024-05-13", until="2024-05-13"), ("news",), TODAY)
    assert pages == [("index", "https://news.kanals.id/indeks?date=05/13/2024&page=1")]


def test_given_pages_are_read_by_the_templates_they_match() -> None:
    given = {
        "https://indeks.paged.id/?date=2024-05-14&p=3": "index",
        "https://indeks.paged.id/?site=news&p=2": "index",
        "https://www.paged.id/sitemap/20240514.xml": "feed",
        "https://news.paged.id/rss": "feed",
        "https://www.paged.id/": "listing",
        "https://news.paged.id/": "listing",
    }
    assert {url: PAGED.kind_of(url) for url in given} == given


def test_index_pages_are_numbered_by_the_parameter_the_template_names() -> None:
    first = "https://indeks.paged.id/?date=2024-05-14&p=1"
    assert PAGED.with_page(first, 2) == "https://indeks.paged.id/?p=2&date=2024-05-14"
    assert PAGED.series(first) == PAGED.series(PAGED.with_page(first, 2))


def test_a_backfill_of_an_outlet_without_dated_sources_is_refused() -> None:
    class Undated(Outlet):
        name = "undated"
        hosts = ("undated.id",)
        sources = (Source("home", "https://undated.id/"), Source("index", "https://undated.id/indeks?page={page}"))

    class UndatedSpider(OutletSpider):
        name = "undated"
        outlet = Undated()

    with pytest.raises(UsageError, match="since: undated has no dated index or sitemap"):
        UndatedSpider.check_arguments({"since": "2024-05-01"})
    UndatedSpider.check_arguments({"sections": "news"})


def test_docs_crawling_md_has_a_row_for_every_outlet_s_spider() -> None:
    rows = table(section(page("crawling.md"), "## One spider per outlet"), "spider")
    documented = {code(row["spider"])[0]: row for row in rows}
    assert set(documented) == {outlet.name for outlet in OUTLETS}, "docs/crawling.md: the spiders table"
    for outlet in OUTLETS:
        assert code(documented[outlet.name]["hosts"]) == list(outlet.hosts), outlet.name
        assert bool(code(documented[outlet.name]["a backfill walks"])) == StartPages(outlet).backfills, outlet.name
        if not any(source.any_section for source in outlet.sources):  # Tempo's take any slug
            assert set(StartPages(outlet).listed_sections) <= set(code(documented[outlet.name]["sections"])), (
                outlet.name
            )


def test_index_pages_numbered_in_the_path_are_paged_there() -> None:
    class PathPaged(Outlet):
        name = "pathpaged"
        hosts = ("pathpaged.id",)
        sources = (Source("index", "https://{section}.pathpaged.id/indeks/{page}?date={day:%m/%d/%Y}", KANALS),)

    pages = StartPages(PathPaged())
    first = "https://news.pathpaged.id/indeks/1?date=05/14/2024"
    assert pages.kind_of(first) == "index"
    assert pages.with_page(first, 3) == "https://news.pathpaged.id/indeks/3?date=05/14/2024"
    assert (
        pages.series(first) == pages.series(pages.with_page(first, 3)) != pages.series(first.replace("news", "bisnis"))
    )


def test_without_a_sections_list_each_outlet_starts_from_its_own_default_sections() -> None:
    tempo, kompas = StartPages(by_name("tempo")), StartPages(by_name("kompas"))
    assert tempo.default_sections(()) == by_name("tempo").default_sections
    assert "cekfakta" in tempo.default_sections(())
    assert "arsip" not in tempo.default_sections(())
    # no default_sections declared: every kanal its sources list
    assert set(kompas.default_sections(())) == {
        "nasional",
        "regional",
        "internasional",
        "money",
        "bola",
        "tekno",
        "otomotif",
        "health",
    }
    # a list made for another outlet: the sections of it the outlet has, else its own
    assert kompas.default_sections(("nasional", "dunia", "bisnis")) == ("nasional",)
    assert kompas.default_sections(("dunia",)) == kompas.default_sections(())
