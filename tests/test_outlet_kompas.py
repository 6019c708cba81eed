"""Kompas's declaration (``newscrawl/outlets/kompas``): its URL forms, one key per article across them,
its canonical form, sections, paging and discovery sources (docs/outlets.md, "Kompas")."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl import outlets
from newscrawl.outlets.kompas import OUTLET as KOMPAS
from newscrawl.parsers import NotAnArticle, article_page, parse, parse_listing
from tests.conftest import SEEDS

MONEY = "https://money.kompas.com/read/2023/11/02/213419026/menhub-bocorkan-penyebab-harga-tiket-pesawat-masih-mahal"


def test_kompas_is_registered() -> None:
    assert outlets.by_name("kompas") is KOMPAS
    assert outlets.for_url(MONEY) is KOMPAS
    assert outlets.for_url("https://www.kompas.id/baca/x") is None  # Harian Kompas is another site


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (MONEY, "kompas:20231102213419026"),
        (MONEY + "?page=2", "kompas:20231102213419026"),
        (MONEY + "?page=all#page2", "kompas:20231102213419026"),
        ("https://amp.kompas.com/money/read/2023/11/02/213419026/menhub-bocorkan", "kompas:20231102213419026"),
        ("https://www.kompas.com/tren/read/2024/02/08/063000065/ini-daftar", "kompas:20240208063000065"),
        # the slug does not count: one 2016 article is linked in two spellings
        ("http://bola.kompas.com/read/2016/02/23/16374618/samsul.arif.tak.beban", "kompas:2016022316374618"),
        ("http://bola.kompas.com/read/2016/02/23/16374618/Samsul.Arif.Tak.Beban", "kompas:2016022316374618"),
        ("http://nasional.kompas.com/read/xml/2016/02/23/16374618/Judul.Berita", "kompas:2016022316374618"),
        ("http://nasional.kompas.com/read/2016/02/16/14382361/Menteri.Yuddy.Ancam.", "kompas:2016021614382361"),
        # the same number on another day is another article
        ("https://money.kompas.com/read/2023/11/03/213419026/lain", "kompas:20231103213419026"),
        ("https://indeks.kompas.com/", None),
        ("https://money.kompas.com/", None),
        ("https://www.kompas.com/tag/tiket-pesawat", None),
        ("https://tempo.co/read/2023/11/02/213419026/x", None),
    ],
)
def test_one_key_per_article_from_the_date_and_the_number(url: str, key: str | None) -> None:
    assert outlets.article_key(url) == key


def test_article_id_is_the_number_of_the_url() -> None:
    assert KOMPAS.article_id(MONEY) == 213419026
    assert KOMPAS.article_id("http://regional.kompas.com/read/2015/11/04/21040031/Polres.Lhokseumawe") == 21040031
    assert KOMPAS.is_article_url(MONEY)
    assert not KOMPAS.is_article_url("https://video.kompas.com/read/2023/11/02/213419026/video")
    assert not KOMPAS.is_article_url("https://www.kompas.com/")


def test_canonical_form_sections_and_pages() -> None:
    assert KOMPAS.canonicalize("http://money.kompas.com/read/2023/11/02/213419026/x?page=2&utm_source=y#top") == (
        "https://money.kompas.com/read/2023/11/02/213419026/x?page=2"
    )
    assert KOMPAS.canonicalize(MONEY + "?page=all#page2", keep_page=False) == MONEY
    assert KOMPAS.canonicalize("https://amp.kompas.com/money/read/2023/11/02/213419026/x") == (
        "https://money.kompas.com/read/2023/11/02/213419026/x"
    )
    assert KOMPAS.canonicalize("http://nasional.kompas.com/read/xml/2016/02/23/14323561/Bambang") == (
        "https://nasional.kompas.com/read/2016/02/23/14323561/Bambang"
    )
    assert KOMPAS.page_number(MONEY + "?page=2") == 2
    assert KOMPAS.paging.all_pages == ("page", "all")
    assert KOMPAS.section_of(MONEY) == "money"  # the kanal subdomain
    assert KOMPAS.section_of("https://amp.kompas.com/bola/read/2023/11/02/213419026/x") == "bola"
    assert KOMPAS.section_of("https://www.kompas.com/tren/read/2024/02/08/063000065/x") == "tren"
    assert KOMPAS.is_listing_url("https://indeks.kompas.com/")
    assert not KOMPAS.is_listing_url(MONEY)


def test_kompas_lists_its_articles_for_the_spiders() -> None:
    kinds = {source.kind for source in KOMPAS.sources}
    assert {"home", "section", "sitemap", "index"} <= kinds
    dated = next(s for s in KOMPAS.sources if s.kind == "index" and s.needs("day"))
    assert (
        dated.url.format(day=date(2023, 11, 2), page=2) == "https://indeks.kompas.com/?site=all&date=2023-11-02&page=2"
    )
    assert KOMPAS.text.dateline_of("LHOKSEUMAWE, KOMPAS.com – Polisi") == "Lhokseumawe"
    assert KOMPAS.text.title_suffix is not None
    assert KOMPAS.text.title_suffix.sub("", "Judul - Kompas.com Regional") == "Judul"


def test_the_2016_index_is_a_listing_of_its_articles_in_their_one_spelling() -> None:
    page = (SEEDS / "kompas" / "kompas-2015-indeks-2016-02-23.html").read_bytes()
    with pytest.raises(NotAnArticle) as refused:
        parse("http://indeks.kompas.com/", page)
    assert refused.value.reason == "listing"
    listing = parse_listing("http://indeks.kompas.com/", page)
    assert len(listing.links) == 10
    assert listing.links[0] == (
        "https://bisniskeuangan.kompas.com/read/2016/02/23/145448826/OJK.Pelemahan.Saham.Perbankan.Hanya.Temporer"
    )
    assert all(e.title and e.published_raw for e in listing.entries)


def test_page_1_of_2_links_its_next_page() -> None:
    page = (SEEDS / "kompas" / "kompas-2023-money-2023-11-02-menhub-tiket-pesawat.html").read_bytes()
    assert article_page(MONEY, page).next_page_url() == MONEY + "?page=2"  # not "Show All", ?page=all
