"""Antara's URL rules (``newscrawl/outlets/antara``): one id sequence across its hosts, the channel
host as the section, what is no article, and where it lists its articles."""

from __future__ import annotations

import pytest

from newscrawl import outlets
from newscrawl.outlets.antara import OUTLET as ANTARA
from newscrawl.parsers import parse_html
from tests.conftest import SEEDS


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


def test_the_2017_json_ld_author_is_the_editor_not_a_reporter() -> None:
    """The 2017 template keeps the bjbrt markup and adds a JSON-LD whose ``author`` is the labelled
    editor and whose keywords hold ``Editor:…`` (docs/outlets.md, "Antara")."""
    page = (SEEDS / "antara" / "antara-2015-nasional-2015-11-05-penerbangan-lombok-dibatalkan.html").read_text()
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2015-11-05T14:56:43+07:00",'
        ' "author": {"@type": "Person", "name": "Ade Marboen"}, "keywords": ["News:Nasional", "Editor:Ade Marboen"]}'
        "</script></head>"
    )
    page = page.replace("</head>", ld, 1).replace('Pewarta: <span itemprop="author">', 'Oleh <span itemprop="author">')
    article = parse_html("http://www.antaranews.com/berita/527615/29-penerbangan", page)
    assert (article.reporters, article.editors) == (("Nur Imansyah",), ("Ade Marboen",))
    assert "Editor:Ade Marboen" not in article.tags
    assert article.warnings == ()
