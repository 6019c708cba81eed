"""The default crawl (``scrapy crawl tempo``, latest news) of the fake tempo.co, run once
through Scrapy's engine with the project's settings (``tests.fix_crawls``: shared with the
recording and round-trip tests); each test checks one thing users see. The site serves every
page with its text in the HTML, so the crawl needs no browser; what the default (auto) mode
does with a page that needs one is in ``test_crawl_render``."""

from __future__ import annotations

from collections import Counter

import pytest

from newscrawl import outlets, urls
from tests.fix_crawls import Shared
from tests.site.build import CEKFAKTA_URL, E3_TWIN, OFFSITE, SEED_ID, SEED_URL, Site
from tests.site.pages import paragraphs
from tests.site.run import Crawl

pytestmark = [pytest.mark.db, pytest.mark.slow]  # the shared crawl stores its articles

PAGE_TWO_MISSING = 1900026


def default_sources(site: Site) -> list[str]:
    return ["home", "nasional", "internasional", "rss", "sitemap", f"e2:{site.today}", f"e3:{site.today}"]


@pytest.fixture(scope="module")
def site(default_crawl: Shared) -> Site:
    return default_crawl.site


@pytest.fixture(scope="module")
def server(default_crawl: Shared) -> Shared:
    """What the site served (``hits``, ``requested(url)``)."""
    return default_crawl


@pytest.fixture(scope="module")
def result(default_crawl: Shared) -> Crawl:
    return default_crawl.crawl


def test_the_crawl_succeeds(result: Crawl) -> None:
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stats["finish_reason"] == "finished"
    assert "newscrawl/failure" not in result.stats


def test_every_reachable_article_is_emitted_exactly_once(site: Site, result: Crawl) -> None:
    expected = site.expected(default_sources(site), depth=1)
    assert len(expected) >= 30
    assert sorted(result.ids) == sorted(expected)
    assert Counter(result.ids).most_common(1)[0][1] == 1


def test_items_carry_the_fetch_facts(result: Crawl) -> None:
    for item in result.items:
        assert item["fetched_at"][-6:] == "+00:00"
        assert item["article"]["title"]
        assert item["rendered"] is False
    # Every page has its text in the HTML: nothing asks for the browser.
    assert not result.stat("newscrawl/render/requested")
    assert not [key for key in result.stats if key.startswith("playwright/")]


def test_each_article_page_is_fetched_once(site: Site, server: Shared, result: Crawl) -> None:
    served = Counter(outlets.article_key(hit.url) for hit in server.hits if hit.status == 200)
    for number in result.ids:
        story = site.stories[number]
        # Multi-page articles: one fetch per page.
        wanted = 1 if number == PAGE_TWO_MISSING else story.pages
        assert served[story.key] == wanted, story.url


def test_other_url_forms_of_an_article_are_not_fetched(site: Site, server: Shared) -> None:
    paths = [hit.url for hit in server.hits]
    assert not [p for p in paths if "/amp/" in p or "utm_" in p or "m.tempo.co" in p]
    # One article linked both as /read/1900013/... (old) and /internasional/...-1900013 (E3):
    old = f"https://www.tempo.co/read/1900013/{site.url(1900013).rsplit('/', 1)[1].rsplit('-', 1)[0]}"
    assert server.requested(site.url(1900013)) == [200]
    assert len(server.requested(old)) <= 1


def test_one_story_at_two_addresses_is_fetched_once(site: Site, server: Shared, result: Crawl) -> None:
    e2, e3 = server.requested(site.url(1900027)), server.requested(E3_TWIN)
    assert sorted([*e2, *e3]) == [200]  # whichever came first; the other is the same key
    assert result.ids.count(1900027) == 1


def test_mobile_link_reaches_the_article_through_its_redirect(site: Site, server: Shared, result: Crawl) -> None:
    assert server.requested(site.url(1900012).replace("nasional.", "www.")) == [301]
    assert result.by_id(1900012)["article"]["url"] == site.url(1900012)


def test_multi_page_articles_are_merged_into_one_item(site: Site, server: Shared, result: Crawl) -> None:
    seed = result.by_id(SEED_ID)["article"]
    assert seed["pages"] == 2
    assert seed["url"] == SEED_URL
    assert server.requested(SEED_URL + "?page_num=2") == [200]
    assert seed["body"].startswith("TEMPO.CO, Jakarta - Presiden Rusia")
    assert seed["body"].endswith("campur tangan kekuatan eksternal dalam urusan dalam negeri mereka.")
    e3 = result.by_id(1900014)["article"]
    assert e3["pages"] == 2
    for text in paragraphs(site.stories[1900014].title, 1900014, 2):
        assert text in e3["body"]
    assert result.stat("newscrawl/articles/multipage") == 2
    assert not [item for item in result.articles if "page" in item["url"].split("?")[-1]]


def test_an_article_whose_next_page_fails_keeps_the_pages_read(site: Site, server: Shared, result: Crawl) -> None:
    assert server.requested(site.url(PAGE_TWO_MISSING) + "?page=2") == [404]
    article = result.by_id(PAGE_TWO_MISSING)["article"]
    assert article["pages"] == 1
    assert "pages: page 2 not fetched (http-404)" in article["warnings"]
    assert result.stat("newscrawl/articles/incomplete") == 1


def test_related_links_are_followed_one_hop(site: Site, server: Shared, result: Crawl) -> None:
    emitted = set(result.ids)
    assert {1900301, 1900401, 1831402, 1867611} <= emitted  # reachable only by a related/"Pilihan Editor" link
    assert 1900011 in emitted  # related to an article that is also listed: one hop from depth 0
    for beyond in (1900302, 1900201):
        assert not server.requested(site.url(beyond))
    assert result.stat("newscrawl/links/beyond-depth") >= 2


def test_links_beyond_the_depth_stay_recorded_on_the_item(site: Site, result: Crawl) -> None:
    related = [card["url"] for card in result.by_id(1900301)["article"]["related"]]
    assert site.url(1900302) in related


def test_cycles_of_related_links_do_not_refetch(site: Site, server: Shared) -> None:
    for number in (1900001, 1900002, 1867804, 1867702, SEED_ID):
        assert server.requested(site.url(number)) == [200]


def test_robots_txt_is_obeyed(site: Site, server: Shared, result: Crawl) -> None:
    assert not [hit for hit in server.hits if hit.path.startswith("/arsip/")]
    assert {hit.host for hit in server.hits if hit.path == "/robots.txt"} >= {"www.tempo.co", "nasional.tempo.co"}
    assert result.stat("robotstxt/forbidden") == 1
    assert result.stat("newscrawl/failed/robots") == 1


def test_only_tempo_hosts_are_requested(server: Shared, result: Crawl) -> None:
    hosts = {hit.host for hit in server.hits}
    assert all(outlets.by_name("tempo").owns(host) for host in hosts), hosts
    assert not {urls.host_of(url) for url in OFFSITE} & hosts
    # The parsers keep only tempo.co links in listings and related cards; a "Pilihan Editor" may point anywhere.
    assert result.by_id(1900005)["article"]["editor_pick"]["url"] == OFFSITE[0]
    assert result.stat("newscrawl/links/offsite") == 1


def test_a_server_error_is_retried_and_the_article_kept(site: Site, server: Shared, result: Crawl) -> None:
    assert server.requested(site.url(1900016)) == [500, 200]
    assert server.requested(site.url(1900017)) == [429, 200]
    assert {1900016, 1900017} <= set(result.ids)
    assert result.stat("retry/count") == 2


def test_403_counts_as_blocked_and_is_not_retried(site: Site, server: Shared, result: Crawl) -> None:
    assert server.requested(site.url(1900018)) == [403]
    assert result.stat("newscrawl/blocked") == 1
    assert result.stat("newscrawl/blocked/nasional.tempo.co") == 1
    assert 1900018 not in result.ids


def test_non_articles_are_counted_and_never_emitted(site: Site, server: Shared, result: Crawl) -> None:
    assert server.requested(site.url(1900019)) == [404]
    assert result.stat("newscrawl/failed/http-404") == 2  # with the missing second page below
    assert result.stat("newscrawl/skipped/error-page") == 1  # a 200 "Halaman tidak ditemukan"
    assert result.stat("newscrawl/skipped/video") == 1  # an article link redirected to video.tempo.co
    assert result.stat("newscrawl/skipped/listing") == 1  # one redirected to a tag page
    assert not {1900019, 1900020, 1900021, 1900025} & set(result.ids)


def test_sitemaps_and_feeds_are_read(site: Site, server: Shared, result: Crawl) -> None:
    assert {1900006, 1900003, 1900005, 1752} <= set(result.ids)  # news: sitemap, child sitemap, RSS
    assert result.by_id(1752)["article"]["url"] == CEKFAKTA_URL
    assert not server.requested("https://www.tempo.co/sitemap-2019-01.xml")  # an old child sitemap
    assert not server.requested(site.url(1900024))  # an old entry of a fresh one
    assert result.stat("newscrawl/links/stale") == 2
    assert result.stat("newscrawl/pages/feed") == 4


def test_todays_index_is_read_in_both_forms(site: Site, server: Shared, result: Crawl) -> None:
    assert server.requested(f"https://www.tempo.co/indeks/{site.today}") == [200]
    assert {1900007, 1900008, 1900009} <= set(result.ids)


def test_the_user_agent_names_the_contact(server: Shared) -> None:
    # Robots.txt and pages alike (NEWSCRAWL_CONTACT is set by the harness); the browser's own
    # requests: test_crawl_render.
    assert {hit.user_agent for hit in server.hits} == {"newscrawl/0.1.0 (+crawler-tests@example.org)"}


def test_stats_count_what_the_server_saw(server: Shared, result: Crawl) -> None:
    served = Counter(hit.status for hit in server.hits if hit.path != "/robots.txt")
    assert result.stat("newscrawl/pages/fetched") == served[200]
    assert result.stat("newscrawl/articles/emitted") == result.stat("item_scraped_count") == len(result.items)
    assert result.stat("newscrawl/pages/listing") == 5  # home, two sections, today's index in two forms
    assert result.stat("newscrawl/pages/article") == served[200] - 5 - 4  # listings, feeds
