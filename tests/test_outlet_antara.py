"""Antara's URL rules (``newscrawl/outlets/antara``): one id sequence across its hosts, the channel
host as the section, what is no article, and where it lists its articles."""

from __future__ import annotations

import pytest

from newscrawl import outlets
from newscrawl.outlets.antara import OUTLET as ANTARA


@pytest.mark.parametrize(
    ("url", "key", "section"),
    [
        ("http://www.antaranews.com/berita/527615/29-penerbangan-bandara-internasional-lombok", "antara:527615", None),
        ("http://otomotif.antaranews.com/berita/546646/prototype", "antara:546646", "otomotif"),
        ("https://www.antaranews.com/berita/546640/?utm_source=fly", "antara:546640", None),
    ],
)
def test_an_article_is_keyed_by_its_number_on_every_host(url: str, key: str, section: str | None) -> None:
    assert outlets.for_url(url) is ANTARA
    assert ANTARA.is_article_url(url)
    assert ANTARA.key(url) == key
    assert ANTARA.section_of(url) == section


@pytest.mark.parametrize(
    "url",
    [
        "http://www.antaranews.com/",
        "http://www.antaranews.com/nasional",
        "http://www.antaranews.com/nasional/info-keagamaan",
        "http://www.antaranews.com/tag/78/letusan-barujari",
        "http://www.antaranews.com/fokus/paket-kebijakan-ekonomi",
        "http://www.antaranews.com/rss/news.xml",
        "http://www.antaranews.com/berita//",
    ],
)
def test_channel_topic_and_feed_pages_are_no_articles(url: str) -> None:
    assert not ANTARA.is_article_url(url)


def test_related_links_lose_their_tracking_query() -> None:
    link = "http://www.antaranews.com/berita/527561/ngurah-rai-ditutup?utm_source=related_news&utm_medium=related"
    assert ANTARA.link_target(link) == "https://www.antaranews.com/berita/527561/ngurah-rai-ditutup"


def test_its_sources_fill_in() -> None:
    index = next(s for s in ANTARA.sources if s.kind == "index")
    assert index.url.format(page=2) == "https://www.antaranews.com/terkini?page=2"
    assert {s.kind for s in ANTARA.sources} >= {"home", "feed", "index"}
    feeds = next(s for s in ANTARA.sources if s.needs("section"))
    assert feeds.url.format(section="terkini") == "https://www.antaranews.com/rss/terkini"
