"""``newscrawl.parsers.feeds``: sitemaps (with Google News), RSS and Atom to URLs and dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newscrawl.parsers.feeds import Feed, FeedEntry, parse_date, parse_feed

WIB = timezone(timedelta(hours=7))


def test_sitemap_index_lists_child_sitemaps() -> None:
    feed = parse_feed(
        b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.tempo.co/sitemap-news.xml</loc><lastmod>2024-05-14T06:00:00+07:00</lastmod></sitemap>
  <sitemap><loc> https://www.tempo.co/sitemap-2019-01.xml </loc><lastmod>2019-01</lastmod></sitemap>
</sitemapindex>"""
    )
    assert feed == Feed(
        "sitemapindex",
        (
            FeedEntry("https://www.tempo.co/sitemap-news.xml", datetime(2024, 5, 14, 6, tzinfo=WIB)),
            FeedEntry("https://www.tempo.co/sitemap-2019-01.xml", datetime(2019, 1, 1, tzinfo=WIB)),
        ),
    )


def test_google_news_sitemap_gives_the_publication_date() -> None:
    feed = parse_feed(
        b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://www.tempo.co/politik/a-1234567</loc>
    <news:news><news:publication><news:name>Tempo</news:name><news:language>id</news:language></news:publication>
    <news:publication_date>2024-05-14T10:00:00Z</news:publication_date><news:title>A</news:title></news:news></url>
  <url><loc>https://www.tempo.co/politik/b-1234568</loc><lastmod>2024-05-13</lastmod></url>
  <url><lastmod>2024-05-13</lastmod></url>
</urlset>"""
    )
    assert feed.kind == "urlset"
    assert feed.entries == (
        FeedEntry("https://www.tempo.co/politik/a-1234567", datetime(2024, 5, 14, 10, tzinfo=UTC)),
        FeedEntry("https://www.tempo.co/politik/b-1234568", datetime(2024, 5, 13, tzinfo=WIB)),
    )


def test_rss_items_with_relative_and_guid_links() -> None:
    feed = parse_feed(
        b"""<rss version="2.0"><channel>
<item><link>//dunia.tempo.co/read/1/a</link><pubDate>Tue, 14 May 2024 10:00:00 +0700</pubDate></item>
<item><guid isPermaLink="true">https://www.tempo.co/hukum/b-1234567</guid></item>
<item><guid isPermaLink="false">1234</guid></item>
</channel></rss>""",
        "https://www.tempo.co/rss",
    )
    assert feed == Feed(
        "rss",
        (
            FeedEntry("https://dunia.tempo.co/read/1/a", datetime(2024, 5, 14, 10, tzinfo=WIB)),
            FeedEntry("https://www.tempo.co/hukum/b-1234567"),
        ),
    )


def test_rss_1_and_atom() -> None:
    rdf = parse_feed(
        b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
        xmlns:dc="http://purl.org/dc/elements/1.1/"><item><link>https://www.tempo.co/a-1234567</link>
        <dc:date>2024-05-14</dc:date></item></rdf:RDF>"""
    )
    assert rdf.entries == (FeedEntry("https://www.tempo.co/a-1234567", datetime(2024, 5, 14, tzinfo=WIB)),)
    atom = parse_feed(
        b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="self" href="https://x.test/self"/>
        <link href="/politik/a-1234567"/><updated>2024-05-14T03:00:00Z</updated></entry></feed>""",
        "https://www.tempo.co/atom",
    )
    assert atom == Feed(
        "atom", (FeedEntry("https://www.tempo.co/politik/a-1234567", datetime(2024, 5, 14, 3, tzinfo=UTC)),)
    )


@pytest.mark.parametrize(
    "body", [b"", b"   ", b"<html><body><h1>Halaman tidak ditemukan</h1></body></html>", b"\x1f\x8b\x08garbage"]
)
def test_anything_else_is_unknown_and_nothing_raises(body: bytes) -> None:
    assert parse_feed(body) == Feed("unknown")


def test_a_truncated_sitemap_gives_what_it_has() -> None:
    cut = b"<urlset><url><loc>https://www.tempo.co/a-1234567</loc></url><url><loc>https://www.tem"
    assert parse_feed(cut).entries[0] == FeedEntry("https://www.tempo.co/a-1234567")


def test_entities_are_never_expanded() -> None:
    evil = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>https://www.tempo.co/&x;</loc></url></urlset>"""
    assert all("root:" not in entry.url for entry in parse_feed(evil).entries)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-14", datetime(2024, 5, 14, tzinfo=WIB)),
        ("2024", datetime(2024, 1, 1, tzinfo=WIB)),
        ("2024-05-14T10:00:00+08:00", datetime(2024, 5, 14, 10, tzinfo=timezone(timedelta(hours=8)))),
        ("Tue, 14 May 2024 03:00:00 GMT", datetime(2024, 5, 14, 3, tzinfo=UTC)),
        ("kemarin", None),
        ("", None),
    ],
)
def test_feed_dates(value: str, expected: datetime | None) -> None:
    assert parse_date(value) == expected
