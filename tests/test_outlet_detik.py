"""detik's declaration (``newscrawl/outlets/detik``): its URL forms, one key per article across them,
its canonical form, sections and discovery sources; its 2024 index page read as a listing
(docs/outlets.md, "detik")."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newscrawl import outlets
from newscrawl.outlets.detik import OUTLET as DETIK
from newscrawl.parsers import NotAnArticle, parse, parse_listing
from newscrawl.parsers.feeds import parse_feed
from tests.conftest import SEEDS

HEALTH = "https://health.detik.com/true-story/d-7016153/curhat-wanita-kena-stroke-di-umur-26"
INDEX = SEEDS / "detik" / "detik-2024-indeks-2024-10-04-news.html"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (HEALTH, "detik:7016153"),
        (HEALTH + "/amp", "detik:7016153"),
        ("http://m.detik.com/health/true-story/d-7016153/curhat?page=2", "detik:7016153"),
        ("http://inet.detik.com/read/2015/11/05/100026/3062623/323/google-umbar-kelemahan", "detik:3062623"),
        ("http://finance.detik.com/readfoto/2016/02/23/153201/3149106/461/1/gardu-induk", "detik:3149106"),
        ("http://news.detik.com/berita/2943745/mahasiswa-ugm-kembangkan-robot", "detik:2943745"),
        ("http://news.detik.com//berita/2943745/mahasiswa-ugm-kembangkan-robot", "detik:2943745"),
        ("https://news.detik.com/indeks", None),
        ("https://www.detik.com/tag/stroke/", None),
    ],
)
def test_one_key_for_every_form_of_an_article(url: str, key: str | None) -> None:
    assert outlets.article_key(url) == key


def test_videos_are_no_articles_and_the_kanal_is_the_section() -> None:
    assert not DETIK.is_article_url("https://20.detik.com/detikflash/d-7016154/video")
    assert not DETIK.is_article_url("http://inet.detik.com/readvideo/2015/03/02/212229/150302038/120626597/saingi")
    assert DETIK.section_of(HEALTH) == "health"
    assert DETIK.canonicalize(HEALTH + "/amp?utm_source=x") == HEALTH
    assert DETIK.canonicalize("http://m.detik.com/news/berita/d-1/judul?page=2") == (
        "https://www.detik.com/news/berita/d-1/judul?page=2"
    )
    assert DETIK.text.dateline_of("Yogyakarta - Lima mahasiswa") == "Yogyakarta"
    assert DETIK.is_listing_url("https://news.detik.com/indeks")


def test_detik_lists_its_articles_for_the_spiders() -> None:
    index = next(s for s in DETIK.sources if s.kind == "index")
    assert index.url.format(section="news", day=date(2024, 10, 4), page=2) == (
        "https://news.detik.com/indeks/2?date=10/04/2024"
    )
    assert {s.kind for s in DETIK.sources} == {"home", "section", "index", "sitemap", "feed"}


def test_the_2024_index_page_is_a_listing_of_its_articles_not_its_videos() -> None:
    with pytest.raises(NotAnArticle) as refused:
        parse("https://news.detik.com/indeks", INDEX.read_bytes())
    assert refused.value.reason == "listing"
    listing = parse_listing("https://news.detik.com/indeks", INDEX.read_bytes(), datetime(2024, 10, 4, 19, 41))
    assert len(listing.links) == 16  # 20 items, 4 of them 20.detik.com videos
    assert all(link.startswith("https://news.detik.com/") for link in listing.links)
    assert [e.url for e in listing.entries] == list(listing.links)
    assert all(e.title for e in listing.entries)


def test_the_2015_feed_lists_its_articles_in_the_guid() -> None:
    """Its <link> is a feedsportal redirect; the <guid> (isPermaLink="false") is the article's URL."""
    feed = parse_feed((SEEDS / "detik" / "detik-2015-rss-2015-11-05-news.xml").read_bytes())
    assert (feed.kind, len(feed.entries)) == ("rss", 20)
    assert all(DETIK.is_article_url(entry.url) for entry in feed.entries)
    first = feed.entries[0]
    assert outlets.article_key(first.url) == "detik:3062623"
    assert first.modified == datetime.fromisoformat("2015-11-05T10:08:58+07:00")  # true GMT in pubDate


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("http://sport.detik.com/sepakbola/read/2015/11/05/095513/3062618/1033/roma-menang", 3062618),
        ("http://news.detik.com/bbc-world/2945405/konflik-menghabiskan-13-pdb-dunia", 2945405),
        ("https://news.detik.com/berita/d-7572645/siswa-berkebutuhan-khusus", 7572645),
        ("https://news.detik.com/2024/10/04/", None),
        ("https://news.detik.com/indeks/2?date=10/04/2024", None),
    ],
)
def test_the_kanal_path_before_each_form(url: str, number: int | None) -> None:
    assert DETIK.article_id(url) == number


def test_a_page_saved_without_its_address_is_known_by_its_markup() -> None:
    """The fragment has no URL, canonical link or site name: detik's own layout knows it (another
    outlet's generic layout, which takes any page, names no outlet)."""
    article = parse(None, (SEEDS / "detik" / "detik-2023-inet-2023-02-14-bola-api-fragment.html").read_bytes())
    assert (article.outlet, article.layout) == ("detik", "detik-2023")
