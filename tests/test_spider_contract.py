"""What the components need from a spider is declared (``crawl.contract.NewsSpider``): the
``tempo`` spider provides it, and a spider that does not is refused when the crawl starts, with
what it lacks, instead of crawling without incremental re-checks, resume or Redis sharing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newscrawl.crawl.contract import NewsSpider, SpiderContractError, missing, require
from newscrawl.spiders.tempo import TempoSpider
from tests.site.run import ROOT

# A project spider written without the contract, started the way a Python program would.
PROGRAM = """
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

class Bare(scrapy.Spider):
    name = "bare"
    start_urls = ["https://www.tempo.co/"]

    def parse(self, response):
        yield {}

process = CrawlerProcess(get_project_settings())
process.crawl(Bare)
process.start()
"""


def test_the_tempo_spider_provides_the_contract() -> None:
    spider = TempoSpider(since="2024-05-01")
    assert missing(spider) == []
    assert isinstance(spider, NewsSpider)
    assert spider.arguments == {"since": "2024-05-01"}


def test_what_a_spider_lacks_is_named() -> None:
    class Half:
        name = "half"
        plan = None
        frontier = None

    with pytest.raises(SpiderContractError) as refused:
        require(Half(), "the crawl state")
    assert str(refused.value) == (
        "spider 'half' cannot be crawled with the crawl state: it lacks arguments, offer, use_frontier"
        " (newscrawl.crawl.contract.NewsSpider says what each is for)"
    )


@pytest.mark.slow
def test_a_spider_without_the_contract_does_not_start(tmp_path: object) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "NEWSCRAWL_STORE_ENABLED": "0"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "SpiderContractError: spider 'bare' cannot be crawled with" in done.stderr
    assert "it lacks arguments, plan, frontier, offer, use_frontier" in done.stderr
    assert "Spider opened" not in done.stderr  # refused before any request
