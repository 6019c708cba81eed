"""``scrapy crawl okezone`` through Scrapy's engine against a made-up Okezone kanal index paged by an
offset in the path (``/indeks/Y/M/D``, then ``/10``, ``/20``): every page is followed to the last one
its pages link, and a pager link of another day is not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.site.build import Site
from tests.site.run import crawl
from tests.site.server import SiteServer

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLE = (SEEDS / "okezone" / "okezone-2017-celebrity-2017-02-17-indra-birowo.html").read_bytes()
FIRST = "https://news.okezone.com/indeks/2024/10/04"
OTHER_DAY = "https://news.okezone.com/indeks/2024/10/03/30"


def story(number: int) -> str:
    return f"https://news.okezone.com/read/2024/10/04/337/{number}/berita-nomor-{number}"


def index_page(stories: list[int], pager: list[str]) -> str:
    cards = "".join(f'<li><h4><a href="{story(n)}">Berita nomor {n}</a></h4></li>' for n in stories)
    anchors = "".join(f'<a href="{href}">{n}</a>' for n, href in enumerate(pager, 1))
    return f"<html><body><main><ul>{cards}</ul></main><div class='pagination'>{anchors}</div></body></html>"


def test_an_index_paged_by_an_offset_in_the_path_is_read_to_its_last_page(tmp_path: Path) -> None:
    site = Site(today=date(2024, 10, 4))
    # A pager that shows the next page only: each page read offers one more.
    site.add(FIRST, index_page([1620901, 1620902], [f"{FIRST}/10", OTHER_DAY]))
    site.add(f"{FIRST}/10", index_page([1620903], [FIRST, f"{FIRST}/20"]))
    site.add(f"{FIRST}/20", index_page([1620904], [FIRST, f"{FIRST}/10"]))
    site.add(OTHER_DAY, index_page([1620999], []))
    for number in (1620901, 1620902, 1620903, 1620904, 1620999):
        site.add(story(number), ARTICLE)
    with SiteServer(site) as server:
        result = crawl(server.url, tmp_path, {"urls": FIRST, "related_depth": "0"}, spider="okezone")
    assert result.returncode == 0, result.stderr[-3000:]
    for url in (FIRST, f"{FIRST}/10", f"{FIRST}/20"):
        assert server.requested(url) == [200], url
    assert not server.requested(f"{FIRST}/30")
    assert not server.requested(OTHER_DAY)
    assert result.stat("newscrawl/pages/listing") == 3
    for number in (1620901, 1620902, 1620903, 1620904):
        assert server.requested(story(number)) == [200], number
    assert not server.requested(story(1620999))
