"""The spider's pure parts: its arguments, the start URLs of each era, and the frontier."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date
from pathlib import Path

import pytest
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from newscrawl.spiders import sources
from newscrawl.spiders.frontier import Frontier, Offer
from newscrawl.spiders.plan import CrawlConfig, CrawlPlan
from newscrawl.spiders.tempo import TempoSpider

TODAY = date(2024, 5, 14)


def plan(**arguments: str) -> CrawlPlan:
    return CrawlPlan.from_arguments(arguments, today=TODAY)


def test_no_argument_is_the_latest_news_crawl() -> None:
    assert plan() == CrawlPlan(related_depth=1)
    assert not plan().backfill


def test_backfill_days_run_from_since_to_until() -> None:
    days = plan(since="2024-02-28", until="2024-03-01").days()
    assert days == [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]


def test_backfill_until_defaults_to_today_in_jakarta() -> None:
    assert plan(since="2024-05-13").until == TODAY


def test_sections_and_depth() -> None:
    crawl = plan(sections=" Nasional,dunia,,nasional ", related_depth="0")
    assert crawl.sections == ("nasional", "dunia")
    assert crawl.related_depth == 0
    assert crawl.wants_section("dunia")
    assert not crawl.wants_section("bisnis")
    assert crawl.wants_section(None)  # a URL that does not say: decided after the fetch


def test_urls_and_urls_file_are_merged_in_order(tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text("# comment\nhttps://www.tempo.co/politik/a-1234567\n\nhttps://nasional.tempo.co/read/1/b\n")
    crawl = plan(urls="https://nasional.tempo.co/read/1/b", urls_file=str(listed))
    assert crawl.urls == ("https://nasional.tempo.co/read/1/b", "https://www.tempo.co/politik/a-1234567")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"since": "14-05-2024"}, "since: '14-05-2024' is not a date"),
        ({"since": "2024-02-30"}, "since: '2024-02-30' is not a date"),
        ({"until": "2024-05-01"}, "until: needs since"),
        ({"since": "2024-05-02", "until": "2024-05-01"}, "since: 2024-05-02 is after until"),
        ({"related_depth": "one"}, "related_depth: 'one'"),
        ({"urls": "ftp://www.tempo.co/x"}, "urls: 'ftp://www.tempo.co/x' is not"),
        ({"urls": "https://tempo.co.evil.com/x"}, "is not an http(s) URL on tempo.co"),
        ({"urls": "https://www.tempo.co/a-1234567", "since": "2024-05-01"}, "urls: cannot be combined"),
        ({"section": "dunia"}, "unknown argument 'section'"),
    ],
)
def test_bad_arguments_are_usage_errors(arguments: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")) as raised:
        CrawlPlan.from_arguments(arguments, today=TODAY)
    assert raised.value.print_help is False


def test_config_reads_the_settings_once() -> None:
    config = CrawlConfig.from_settings(
        Settings({"NEWSCRAWL_RENDER": "Never", "NEWSCRAWL_SECTIONS": "dunia,bisnis", "NEWSCRAWL_LATEST_DAYS": 3})
    )
    assert (config.render, config.sections, config.latest_days) == ("never", ("dunia", "bisnis"), 3)


def test_section_pages_of_each_era() -> None:
    assert sources.section_pages("dunia") == ["https://dunia.tempo.co/"]
    assert sources.section_pages("internasional") == ["https://www.tempo.co/internasional"]
    assert sources.section_pages("otomotif") == ["https://otomotif.tempo.co/", "https://www.tempo.co/otomotif"]
    assert sources.section_pages("kuliner") == ["https://www.tempo.co/kuliner"]  # unknown: the current site


def test_daily_indexes_in_both_forms() -> None:
    assert sources.daily_indexes(TODAY) == [
        "https://www.tempo.co/indeks/2024-05-14",
        "https://www.tempo.co/indeks?page=1&category=date&start_date=2024-05-14&end_date=2024-05-14",
    ]
    assert sources.daily_indexes(TODAY, ("nasional", "hukum")) == [
        "https://www.tempo.co/indeks/2024-05-14/nasional",
        "https://www.tempo.co/indeks?page=1&category=date&start_date=2024-05-14&end_date=2024-05-14&rubric_slug=hukum",
    ]


def test_feeds_include_the_free_rubric_feeds_of_chosen_sections() -> None:
    assert sources.feeds(()) == ["https://www.tempo.co/rss"]
    assert sources.feeds(("hukum", "dunia")) == [
        "https://www.tempo.co/rss",
        "https://www.tempo.co/api/gateway/rss/free/hukum",
    ]


def test_listing_pages_share_a_series() -> None:
    first = "https://www.tempo.co/indeks?page=1&category=date&start_date=2024-05-14&end_date=2024-05-14"
    third = sources.with_page(first, 3)
    assert third == "https://www.tempo.co/indeks?page=3&category=date&start_date=2024-05-14&end_date=2024-05-14"
    assert sources.series(first) == sources.series(third)
    assert (
        sources.with_page("https://www.tempo.co/indeks/2024-05-14", 2)
        == "https://www.tempo.co/indeks/2024-05-14?page=2"
    )


def test_frontier_fetches_each_key_once() -> None:
    frontier = Frontier(max_depth=1)
    assert frontier.offer("tempo:1", 0) == Offer(fetch=True)
    assert frontier.offer("tempo:1", 0) == Offer()
    assert frontier.offer("tempo:2", 1) == Offer(fetch=True)
    assert frontier.offer("tempo:3", 2) == Offer(beyond_depth=True)
    assert len(frontier) == 2


def test_frontier_uses_the_shortest_depth_seen_before_parsing() -> None:
    frontier = Frontier(max_depth=1)
    frontier.offer("tempo:1", 1)
    assert frontier.offer("tempo:1", 0) == Offer()  # no second fetch
    assert frontier.depth("tempo:1") == 0


def test_frontier_offers_links_again_when_a_parsed_article_is_reached_sooner() -> None:
    frontier = Frontier(max_depth=1)
    frontier.offer("tempo:1", 1)
    frontier.parsed("tempo:1", ("https://www.tempo.co/a-2222222",))  # its links were beyond the depth
    assert frontier.offer("tempo:1", 0) == Offer(again=("https://www.tempo.co/a-2222222",))
    assert frontier.offer("tempo:1", 0) == Offer()


def test_frontier_with_depth_zero_never_offers_links_again() -> None:
    frontier = Frontier(max_depth=0)
    frontier.offer("tempo:1", 0)
    frontier.parsed("tempo:1", ("https://www.tempo.co/a-2222222",))
    assert frontier.offer("tempo:1", 0) == Offer()


def test_the_latest_news_crawl_starts_from_home_sections_feeds_sitemap_and_today() -> None:
    pages = sources.start_pages(plan(), ("dunia", "hukum"), TODAY)
    assert pages == [
        ("listing", "https://www.tempo.co/"),
        ("listing", "https://dunia.tempo.co/"),
        ("listing", "https://www.tempo.co/hukum"),
        ("feed", "https://www.tempo.co/rss"),
        ("feed", "https://www.tempo.co/api/gateway/rss/free/hukum"),
        ("feed", "https://www.tempo.co/sitemap.xml"),
        ("index", "https://www.tempo.co/indeks/2024-05-14"),
        ("index", "https://www.tempo.co/indeks?page=1&category=date&start_date=2024-05-14&end_date=2024-05-14"),
    ]


def test_a_backfill_starts_from_the_daily_indexes_only() -> None:
    pages = sources.start_pages(plan(since="2024-05-12", until="2024-05-13", sections="dunia"), ("hukum",), TODAY)
    assert pages == [
        ("index", "https://www.tempo.co/indeks/2024-05-12/dunia"),
        ("index", "https://www.tempo.co/indeks/2024-05-13/dunia"),
    ]


def test_given_urls_are_read_by_their_kind() -> None:
    given = [
        "https://www.tempo.co/politik/a-1234567",
        "https://www.tempo.co/sitemap-news.xml",
        "https://www.tempo.co/rss",
        "https://www.tempo.co/indeks?page=1&category=date&start_date=2024-05-14&end_date=2024-05-14",
        "https://www.tempo.co/politik",
    ]
    kinds = [kind for kind, _ in sources.start_pages(plan(urls=",".join(given)), (), TODAY)]
    assert kinds == ["article", "feed", "feed", "index", "listing"]


async def _first_two_start_requests(config: CrawlConfig) -> list[str]:
    """The URLs ``start()`` gives without waiting for the first one's answer."""
    starts = TempoSpider(config=config).start()
    given = [(await anext(starts)).url]
    with contextlib.suppress(TimeoutError):  # still waiting for the probe's answer
        given.append((await asyncio.wait_for(anext(starts), 1)).url)
    return given  # asyncio.run closes the generator


def test_a_lone_crawler_probes_the_site_first_a_worker_on_a_shared_queue_does_not() -> None:
    # On a shared queue another worker may take the probe: this one would wait for an
    # answer that never comes (NEWSCRAWL_NO_PAGE_TIMEOUT would then fail it).
    shared = CrawlConfig.from_settings(Settings({"NEWSCRAWL_REDIS_URL": "redis://127.0.0.1:6379/15"}))
    assert shared.shared_queue
    assert len(asyncio.run(_first_two_start_requests(CrawlConfig()))) == 1
    first, second = asyncio.run(_first_two_start_requests(shared))
    assert first != second
