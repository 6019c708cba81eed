"""The crawl's log lines per page and per item: a dropped item in one short line, and the DEBUG
lines of every page and item asked for only when DEBUG is logged."""

from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.crawl.logformatter import DropLogFormatter

URL = "https://www.tempo.co/politik/contoh-1831560"


def formatter(level: str | None) -> tuple[DropLogFormatter, Spider]:
    settings = {"LOG_LEVEL": level} if level else {}
    crawler = get_crawler(Spider, settings_dict=settings)
    return DropLogFormatter.from_crawler(crawler), Spider.from_crawler(crawler, "tempo")


@pytest.mark.parametrize(("level", "logged"), [(None, True), ("DEBUG", True), ("INFO", False), ("WARNING", False)])
def test_pages_and_items_are_logged_only_when_debug_is(level: str | None, logged: bool) -> None:
    request = Request(URL)
    response = HtmlResponse(URL, body=b"<html></html>", request=request)
    log, spider = formatter(level)
    lines = [log.crawled(request, response, spider), log.scraped({}, response, spider)]
    assert [line is not None for line in lines] == [logged, logged]


def test_a_dropped_item_is_one_line_without_the_item() -> None:
    body = "Isi berita yang panjang. " * 100
    log, spider = formatter("INFO")
    line = log.dropped({"body": body}, DropItem("bad-url: no URL"), None, spider)
    assert line["msg"] % line["args"] == "Dropped: bad-url: no URL"
