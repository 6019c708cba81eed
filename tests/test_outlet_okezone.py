"""Okezone's URL rules (``newscrawl/outlets/okezone``): the number after the sub-kanal id keys an
article, the kanal subdomain is its section, what is no article, and where it lists its articles."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl import outlets
from newscrawl.outlets.okezone import OUTLET as OKEZONE
from newscrawl.spiders.paging import first_page

NEWS = "http://news.okezone.com/read/2015/06/19/337/1167966/ahok-dukung-jokowi-diberi-pangkat-bintang-lima"


def test_an_article_is_keyed_by_the_number_after_its_sub_kanal() -> None:
    assert outlets.for_url(NEWS) is OKEZONE
    assert OKEZONE.article_id(NEWS) == 1167966
    assert outlets.article_key(NEWS) == "okezone:1167966"
    assert OKEZONE.section_of(NEWS) == "news"
    assert OKEZONE.canonicalize(NEWS + "?page=2&utm_source=x") == NEWS.replace("http:", "https:") + "?page=2"
    assert OKEZONE.page_number(NEWS + "?page=3") == 3
    mobile = "http://m.okezone.com/read/2015/05/18/337/1151208/sulit-menggulingkan-jokowi"
    assert (OKEZONE.key(mobile), OKEZONE.section_of(mobile)) == ("okezone:1151208", None)


@pytest.mark.parametrize(
    "url",
    [
        "http://www.okezone.com/",
        "http://news.okezone.com/nasional",
        "http://lifestyle.okezone.com/topic/1033/diabetes",
        "http://lifestyle.okezone.com/feedread/2015/11/05/481/1244264/sering-depresi-berat-hati-hati-diabetes",
        "https://news.okezone.com/indeks/2015/06/19",
        "http://video.okezone.com/read/2015/06/19/337/1167970/video-judul",
    ],
)
def test_kanal_topic_feed_and_index_pages_are_no_articles(url: str) -> None:
    assert not OKEZONE.is_article_url(url)


def test_its_sources_fill_in() -> None:
    index = next(s for s in OKEZONE.sources if s.kind == "index")
    # The first ten without the offset, the next ten at /10 (StartPages pages it: test_spider_paging.py).
    assert first_page(index, "news", date(2015, 6, 19)) == "https://news.okezone.com/indeks/2015/06/19"
    assert index.url.format(section="news", day=date(2015, 6, 19), offset=10).endswith("/indeks/2015/06/19/10")
    assert OKEZONE.paging.all_pages == ("page", "all")
