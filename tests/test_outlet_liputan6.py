"""Liputan6's URL rules (``newscrawl/outlets/liputan6``): one key for every spelling of an article,
its section, its canonical form, what is no article, and where it lists its articles."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl import outlets
from newscrawl.outlets.liputan6 import OUTLET as LIPUTAN6

MOBILE = "https://m.liputan6.com/hot/read/5043288/istri-evan-marvino-temukan-paket-misterius?utm_source=x#top"


@pytest.mark.parametrize(
    "url",
    [
        MOBILE,
        "https://hot.liputan6.com/read/5043288/istri-evan-marvino-temukan-paket-misterius",
        "https://www.liputan6.com/hot/read/5043288/istri-evan-marvino-temukan-paket-misterius",
        "https://m.liputan6.com/amp/5043288/istri-evan-marvino-temukan-paket-misterius",
    ],
)
def test_every_spelling_of_an_article_has_one_key(url: str) -> None:
    assert outlets.for_url(url) is LIPUTAN6
    assert LIPUTAN6.is_article_url(url)
    assert LIPUTAN6.article_id(url) == 5043288
    assert outlets.article_key(url) == "liputan6:5043288"


@pytest.mark.parametrize(
    ("url", "section"),
    [
        (MOBILE, "hot"),
        ("http://tekno.liputan6.com/read/2436773/tri-indonesia-broadband", "tekno"),
        ("http://photo.liputan6.com/musik/hadiri-grammy-awards-2016-taylor-swift-2437247", "photo"),
        ("https://www.liputan6.com/cek-fakta/read/4650000/cek-fakta-judul", "cek-fakta"),
    ],
)
def test_the_section_is_the_channel_of_host_or_path(url: str, section: str) -> None:
    assert LIPUTAN6.section_of(url) == section


def test_a_photo_story_is_an_article_and_a_video_is_not() -> None:
    photo = "http://photo.liputan6.com/musik/hadiri-grammy-awards-2016-taylor-swift-2437247"
    assert LIPUTAN6.key(photo) == "liputan6:2437247"
    assert not LIPUTAN6.is_article_url("http://video.liputan6.com/news/news-flash-komentar-ahok-2436870")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.liputan6.com/",
        "https://m.liputan6.com/hot",
        "http://www.liputan6.com/indeks/2016/02/16",
        "http://www.liputan6.com/tag/grammy-awards-2016",
        "http://showbiz.liputan6.com/kategori/film",
        "http://photo.liputan6.com/showbiz/musik",
    ],
)
def test_channel_tag_category_and_index_pages_are_no_articles(url: str) -> None:
    assert not LIPUTAN6.is_article_url(url)


def test_the_canonical_form_writes_the_mobile_host_as_www() -> None:
    assert LIPUTAN6.canonicalize(MOBILE) == (
        "https://www.liputan6.com/hot/read/5043288/istri-evan-marvino-temukan-paket-misterius"
    )
    assert LIPUTAN6.is_listing_url("https://m.liputan6.com/hot")


def test_its_sources_fill_in() -> None:
    index = next(s for s in LIPUTAN6.sources if s.kind == "index")
    assert index.url.format(day=date(2016, 2, 16)) == "https://www.liputan6.com/indeks/2016/02/16"
    sections = [s for s in LIPUTAN6.sources if s.needs("section")]
    assert sections
    assert all("hot" in s.sections for s in sections)
