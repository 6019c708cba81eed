"""Republika's URL rules (``newscrawl/outlets/republika``): an article is named by its code on
every form and host (the short link, the In Picture photos, ihram.co.id), its section is the first
segment after ``/berita/``, what is no article, and where it lists its articles."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl import outlets
from newscrawl.outlets.republika import OUTLET as REPUBLIKA
from newscrawl.parsers import parse_html
from newscrawl.spiders.paging import first_page

PATH = "/berita/nasional/daerah/16/02/15/o2l07x284-marcella-zalianty-promo-pariwisata-indonesia-lewat-film"


@pytest.mark.parametrize(
    "url",
    [
        "http://nasional.republika.co.id" + PATH,
        "http://www.republika.co.id" + PATH + "-1",
        "http://republika.co.id/r/o2l07x284",
        "https://www.ihram.co.id" + PATH,
        "https://nasional.republika.co.id/berita/o2l07x284/marcella-zalianty-promo",
        "http://m.republika.co.id/amp_version/o2l07x284",
    ],
)
def test_every_form_of_an_article_has_its_code_as_key(url: str) -> None:
    assert outlets.for_url(url) is REPUBLIKA
    assert REPUBLIKA.is_article_url(url)
    assert REPUBLIKA.key(url) == "republika:o2l07x284"
    assert REPUBLIKA.article_id(url) is None


def test_the_section_is_the_first_segment_after_berita_else_the_kanal_host() -> None:
    assert REPUBLIKA.section_of("http://www.republika.co.id" + PATH) == "nasional"
    assert REPUBLIKA.section_of(
        "https://www.republika.co.id/berita/inpicture/nasional-inpicture/16/02/23/o2zwha283-x"
    ) == ("inpicture")
    assert REPUBLIKA.section_of("https://ekonomi.republika.co.id/berita/qx1abc234/judul") == "ekonomi"


@pytest.mark.parametrize(
    "url",
    [
        "http://www.republika.co.id/",
        "http://www.republika.co.id/kanal/news/nasional",
        "http://www.republika.co.id/indeks/hot_topic/promosi_wisata_film",
        "http://www.republika.co.id/berita/nasional",
        "http://www.republika.co.id/rss/",
        "http://video.republika.co.id/berita/video/berita/16/02/15/o2kw1i216-lgbt-bukan-hal-yang-baru",
    ],
)
def test_kanal_topic_and_feed_pages_are_no_articles(url: str) -> None:
    assert not REPUBLIKA.is_article_url(url)


def test_its_sources_fill_in() -> None:
    index = next(s for s in REPUBLIKA.sources if s.kind == "index")
    assert first_page(index, None, date(2016, 2, 15)) == "https://republika.co.id/index/0/2016/02/15"
    assert index.url.format(day=date(2016, 2, 15), offset=50) == "https://republika.co.id/index/50/2016/02/15"
    assert any(s.kind == "sitemap" for s in REPUBLIKA.sources)


CURRENT = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Judul berita",
"datePublished": "2026-01-20T10:00:00+07:00", "dateModified": "2026-01-20T10:00:00+07:00",
"author": {"@type": "Person", "name": "Budi Santoso"}}</script></head><body>
<div class="max-card__title"><h1>Judul berita</h1><div>Rep: Ani Wijaya <span>Red: Budi Santoso</span></div></div>
<div class="article-content"><article><p>REPUBLIKA.CO.ID, JAKARTA -- Isi berita yang pertama.</p>
<p>Kalimat kedua berita ini.</p></article></div></body></html>"""


def test_the_2026_json_ld_author_is_the_red_editor_not_a_reporter() -> None:
    """The current template as described (no saved page): "Rep:" the reporter, "Red:" the editor, whom
    its JSON-LD names as author."""
    article = parse_html("https://news.republika.co.id/berita/t8abc1234/judul-berita", CURRENT)
    assert article.layout == "republika-2026"
    assert (article.reporters, article.editors) == (("Ani Wijaya",), ("Budi Santoso",))
    assert article.published_at == "2026-01-20T10:00:00+07:00"
    assert article.dateline == "Jakarta"
    assert article.warnings == ()
