"""An index is paged as its source's template numbers it (``newscrawl/spiders/paging.py``): the spider
asks for the pages up to the highest one among the page's links that are of the same index — detik's
``/indeks/N`` in the path (its real 2024 page), Okezone's and Republika's offsets (made-up pages: none
of theirs is saved), Tempo's ``?page=N`` and page buttons as before — a window of pages ahead of the
page read at a time (``newscrawl/spiders/window.py``), and none after a page that lists no article."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl import stats
from newscrawl.outlets import by_name
from newscrawl.spiders.base import OutletSpider
from newscrawl.spiders.outlets import SPIDERS
from newscrawl.spiders.sources import StartPages
from newscrawl.spiders.window import INDEX_WINDOW, MAX_LISTING_PAGES

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DETIK_INDEX = SEEDS / "detik" / "detik-2024-indeks-2024-10-04-news.html"
# One article of each outlet, for made-up index pages that list one.
STORY = {
    "detik": "https://news.detik.com/berita/d-7571234/berita-hari-ini",
    "okezone": "https://news.okezone.com/read/2024/10/04/337/3069999/berita-hari-ini",
    "republika": "https://www.republika.co.id/berita/slxyz1234/berita-hari-ini",
    "tempo": "https://www.tempo.co/politik/berita-hari-ini-1234567",
}


class Reader:
    """One outlet's spider reading index pages given here, as the engine would hand them over."""

    def __init__(self, outlet: str) -> None:
        self.crawler = get_crawler(SPIDERS[outlet])
        self.spider: OutletSpider = SPIDERS[outlet].from_crawler(self.crawler)

    def index(self, url: str, html: str | bytes) -> list[str]:
        """The index pages the spider asks for after reading ``html`` as the index page ``url``."""
        body = html.encode() if isinstance(html, str) else html
        response = HtmlResponse(url, body=body, request=Request(url))
        requests = self.spider.parse_listing(response, index=True)
        return [r.url for r in requests if isinstance(r, Request) and r.callback == self.spider.parse_listing]

    def stat(self, key: str) -> int:
        assert self.crawler.stats is not None
        return int(self.crawler.stats.get_value(key, 0))


def links(*hrefs: str, story: str | None = None) -> str:
    """An index page whose pager links ``hrefs``, listing the article ``story`` (none: an empty page)."""
    anchors = "".join(f'<a href="{href}">{n}</a>' for n, href in enumerate(hrefs, 1))
    listed = f'<ul><li><a href="{story}">Berita hari ini</a></li></ul>' if story else ""
    return f"<html><body><main><p>Indeks</p>{listed}</main><div class='pagination'>{anchors}</div></body></html>"


def detik_page(page: int) -> str:
    return f"https://news.detik.com/indeks/{page}"


def test_detik_s_real_index_is_paged_to_the_last_page_its_pager_links() -> None:
    # news.detik.com/indeks of 4 Oct 2024: the pager links /indeks/1 … /indeks/5, /indeks/500 and
    # Next (/indeks/2); the page's own address has no number (its page 1).
    html = DETIK_INDEX.read_bytes()
    url = "https://news.detik.com/indeks"
    detik = StartPages(by_name("detik"))
    pager = [f"https://news.detik.com/indeks/{n}" for n in (1, 2, 3, 4, 5, 500, 2)]
    assert detik.kind_of(url) == "index"
    assert detik.last_page(url, pager) == 500
    reader = Reader("detik")
    # 500 pages offered, maybe a fixed end: page 1 asks for the window ahead of it only.
    assert reader.index(url, html) == [detik_page(n) for n in range(2, 2 + INDEX_WINDOW)]
    assert reader.stat(stats.LINKS_PAGE_LIMIT) == 0


def test_each_page_read_extends_the_window() -> None:
    reader = Reader("detik")
    html = DETIK_INDEX.read_bytes()  # its pager links /indeks/500 whatever page it is read as
    assert reader.index(detik_page(1), html) == [detik_page(n) for n in range(2, 2 + INDEX_WINDOW)]
    assert reader.index(detik_page(2), html) == [detik_page(2 + INDEX_WINDOW)]
    # Pages read out of order: the window follows the furthest, each page asked for once.
    assert reader.index(detik_page(5), html) == [detik_page(n) for n in range(3 + INDEX_WINDOW, 6 + INDEX_WINDOW)]
    assert reader.index(detik_page(4), html) == []
    # Near the pager's last page the window stops there.
    pager = links(detik_page(1), detik_page(14), detik_page(16), story=STORY["detik"])
    assert reader.index(detik_page(13), pager) == [detik_page(16)]


def test_a_page_that_lists_no_article_ends_its_index(caplog: pytest.LogCaptureFixture) -> None:
    reader = Reader("detik")
    full = links(detik_page(2), detik_page(500), story=STORY["detik"])
    assert reader.index(detik_page(1), full) == [detik_page(n) for n in range(2, 2 + INDEX_WINDOW)]
    # Page 3 lists nothing, though its pager still links /indeks/500: the index ends there.
    with caplog.at_level(logging.INFO, logger="newscrawl.spiders.base"):
        assert reader.index(detik_page(3), links(detik_page(4), detik_page(500))) == []
        # The pages already asked for are read, their articles offered, but ask for no more.
        assert reader.index(detik_page(2), full) == []
        assert reader.index(detik_page(4), links(detik_page(5), detik_page(500))) == []
    assert reader.stat(stats.LINKS_INDEX_END) == 1
    ended = [r.getMessage() for r in caplog.records if "ends at" in r.getMessage()]
    assert ended == [f"Index news.detik.com/indeks ends at {detik_page(3)}: the page lists no article"]
    # Another index of the crawl goes on.
    other = "https://finance.detik.com/indeks/1"
    assert reader.index(other, links("https://finance.detik.com/indeks/3", story=STORY["detik"])) == [
        "https://finance.detik.com/indeks/2",
        "https://finance.detik.com/indeks/3",
    ]


def test_an_endless_index_whose_pages_all_list_articles_stops_at_the_cap() -> None:
    reader = Reader("detik")
    page = links(detik_page(2), detik_page(500), story=STORY["detik"])
    waiting, asked = [detik_page(1)], []
    while waiting:  # as the engine would: each page asked for is read once
        found = reader.index(waiting.pop(0), page)
        asked += found
        waiting += found
    assert asked == [detik_page(n) for n in range(2, MAX_LISTING_PAGES + 1)]
    assert reader.stat(stats.LINKS_PAGE_LIMIT) == 1
    assert reader.stat(stats.LINKS_INDEX_END) == 0


def test_a_pager_of_another_index_is_not_followed() -> None:
    # The same page read as the dated index of 4 Oct: its pager (today's, without ?date=) is another index.
    html = DETIK_INDEX.read_bytes()
    assert Reader("detik").index("https://news.detik.com/indeks/1?date=10/04/2024", html) == []


def test_a_dated_detik_index_keeps_its_date_page_after_page() -> None:
    url = "https://news.detik.com/indeks/1?date=10/03/2024"
    pager = links(
        "https://news.detik.com/indeks/2?date=10/03/2024",
        "/indeks/3?date=10%2F03%2F2024",  # relative, the date escaped
        "https://news.detik.com/indeks/9?date=10/02/2024",  # another day
        "https://finance.detik.com/indeks/9?date=10/03/2024",  # another kanal
        "https://news.detik.com/indeks/9",  # today's
        story=STORY["detik"],
    )
    assert Reader("detik").index(url, pager) == [
        "https://news.detik.com/indeks/2?date=10/03/2024",
        "https://news.detik.com/indeks/3?date=10/03/2024",
    ]


def test_okezone_s_index_goes_on_by_offsets_of_ten_from_its_unnumbered_first_page() -> None:
    reader = Reader("okezone")
    first = "https://news.okezone.com/indeks/2024/10/04"
    pager = links(
        first,
        f"{first}/10",
        f"{first}/20/",  # a trailing slash
        "https://news.okezone.com/indeks/2024/10/03/90",  # another day
        "https://bola.okezone.com/indeks/2024/10/04/90",  # another kanal
        story=STORY["okezone"],
    )
    assert reader.index(first, pager) == [f"{first}/10", f"{first}/20"]
    # A pager that shows the pages near the current one: each page read offers the next ones.
    assert reader.index(
        f"{first}/20", links(first, f"{first}/10", f"{first}/30", f"{first}/40", story=STORY["okezone"])
    ) == [
        f"{first}/30",
        f"{first}/40",
    ]
    assert reader.index(f"{first}/40", links(f"{first}/30", story=STORY["okezone"])) == []


def test_republika_s_index_goes_on_by_offsets_of_fifty() -> None:
    first = "https://republika.co.id/index/0/2024/10/04"
    pager = links(
        "https://republika.co.id/index/50/2024/10/04",
        "https://www.republika.co.id/index/100/2024/10/04",  # the www host is the same site
        "https://republika.co.id/index/150",  # the latest news, undated: another index
        "https://republika.co.id/index/200/2024/10/03",  # another day
        story=STORY["republika"],
    )
    assert Reader("republika").index(first, pager) == [
        "https://republika.co.id/index/50/2024/10/04",
        "https://republika.co.id/index/100/2024/10/04",
    ]


def test_tempo_s_index_is_paged_by_its_page_buttons_and_page_links_as_before() -> None:
    first = "https://www.tempo.co/indeks?page=1&category=date&start_date=2024-05-14&end_date=2024-05-14"
    buttons = "".join(f'<button data-type="page" value="{n}">{n}</button>' for n in (1, 2, 3))
    html = links(story=STORY["tempo"]).replace("</body>", f"{buttons}</body>")
    day = "&category=date&start_date=2024-05-14&end_date=2024-05-14"
    assert Reader("tempo").index(first, html) == [
        f"https://www.tempo.co/indeks?page=2{day}",
        f"https://www.tempo.co/indeks?page=3{day}",
    ]
    # The E2 form, numbered by no template: the listing reader's ?page=N.
    e2 = "https://www.tempo.co/indeks/2024-05-14"
    assert Reader("tempo").index(e2, links(f"{e2}?page=2", story=STORY["tempo"])) == [f"{e2}?page=2"]


def test_detik_s_kanals_under_www_have_their_index_there_paged_the_same_way() -> None:
    # The 2024 index page's kanal menu links www.detik.com/edu/indeks and /hikmah/indeks.
    html = DETIK_INDEX.read_text(encoding="utf-8")
    assert "https://www.detik.com/edu/indeks" in html
    assert "https://www.detik.com/hikmah/indeks" in html
    detik = StartPages(by_name("detik"))
    edu = "https://www.detik.com/edu/indeks/1?date=10/04/2024"
    assert ("index", edu) in detik.dated(date(2024, 10, 4), ("edu",))
    assert (
        detik.last_page(
            edu,
            [
                "https://www.detik.com/edu/indeks/7?date=10/04/2024",
                "https://www.detik.com/hikmah/indeks/9?date=10/04/2024",
            ],
        )
        == 7
    )
    assert detik.with_page(edu, 2) == "https://www.detik.com/edu/indeks/2?date=10/04/2024"
