"""An index is paged as its source's template numbers it (``newscrawl/spiders/paging.py``): the spider
asks for the pages up to the highest one among the page's links that are of the same index — detik's
``/indeks/N`` in the path (its real 2024 page), Okezone's and Republika's offsets (made-up pages: none
of theirs is saved), Tempo's ``?page=N`` and page buttons as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl import stats
from newscrawl.outlets import by_name
from newscrawl.spiders.base import MAX_LISTING_PAGES, OutletSpider
from newscrawl.spiders.outlets import SPIDERS
from newscrawl.spiders.sources import StartPages

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DETIK_INDEX = SEEDS / "detik" / "detik-2024-indeks-2024-10-04-news.html"


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


def links(*hrefs: str) -> str:
    anchors = "".join(f'<a href="{href}">{n}</a>' for n, href in enumerate(hrefs, 1))
    return f"<html><body><main><p>Indeks</p></main><div class='pagination'>{anchors}</div></body></html>"


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
    asked = reader.index(url, html)
    # 500 pages offered: the first MAX_LISTING_PAGES are read, and the cap is counted.
    assert asked == [f"https://news.detik.com/indeks/{n}" for n in range(2, MAX_LISTING_PAGES + 1)]
    assert reader.stat(stats.LINKS_PAGE_LIMIT) == 1


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
    )
    assert reader.index(first, pager) == [f"{first}/10", f"{first}/20"]
    # A pager that shows the pages near the current one: each page read offers the next ones.
    assert reader.index(f"{first}/20", links(first, f"{first}/10", f"{first}/30", f"{first}/40")) == [
        f"{first}/30",
        f"{first}/40",
    ]
    assert reader.index(f"{first}/40", links(f"{first}/30")) == []


def test_republika_s_index_goes_on_by_offsets_of_fifty() -> None:
    first = "https://republika.co.id/index/0/2024/10/04"
    pager = links(
        "https://republika.co.id/index/50/2024/10/04",
        "https://www.republika.co.id/index/100/2024/10/04",  # the www host is the same site
        "https://republika.co.id/index/150",  # the latest news, undated: another index
        "https://republika.co.id/index/200/2024/10/03",  # another day
    )
    assert Reader("republika").index(first, pager) == [
        "https://republika.co.id/index/50/2024/10/04",
        "https://republika.co.id/index/100/2024/10/04",
    ]


def test_tempo_s_index_is_paged_by_its_page_buttons_and_page_links_as_before() -> None:
    first = "https://www.tempo.co/indeks?page=1&category=date&start_date=2024-05-14&end_date=2024-05-14"
    buttons = "".join(f'<button data-type="page" value="{n}">{n}</button>' for n in (1, 2, 3))
    html = f"<html><body><main><p>Indeks</p></main>{buttons}</body></html>"
    day = "&category=date&start_date=2024-05-14&end_date=2024-05-14"
    assert Reader("tempo").index(first, html) == [
        f"https://www.tempo.co/indeks?page=2{day}",
        f"https://www.tempo.co/indeks?page=3{day}",
    ]
    # The E2 form, numbered by no template: the listing reader's ?page=N.
    e2 = "https://www.tempo.co/indeks/2024-05-14"
    assert Reader("tempo").index(e2, links(f"{e2}?page=2")) == [f"{e2}?page=2"]


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
