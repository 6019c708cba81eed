"""The end-of-crawl monitors: what a failing crawl prints and its exit code, and the figures
they judge (``newscrawl.monitors``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newscrawl.monitors import MonitorConfig, coverage_gaps, error_ratio, parser_warnings
from newscrawl.spiders.plan import today_in_jakarta
from tests.site.build import Site, build_site
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

# The E2 byline's "Editor" label and name, as the fake site writes it.
EDITOR_BYLINE = re.compile(
    rb'<div class="box-avatar"><div class="text-avatar">\s*<p class="title margin-bottom-ss">Editor</p>.*?</div></div>',
    re.S,
)


def test_coverage_under_a_threshold_names_the_field() -> None:
    stats = {"newscrawl/coverage/items": 40, "newscrawl/coverage/title": 40, "newscrawl/coverage/editors": 6}
    config = MonitorConfig(coverage={"title": 0.99, "editors": 0.3}, min_sample=20)
    assert coverage_gaps(stats, config) == ["editors 15% < 30%"]
    # Too few articles to judge a share.
    assert coverage_gaps({**stats, "newscrawl/coverage/items": 10}, config) == []


def test_robots_refusals_are_not_errors() -> None:
    stats = {"newscrawl/pages/fetched": 90, "newscrawl/failed/http-404": 6, "newscrawl/failed/robots": 4}
    assert error_ratio(stats) == (6, 96)


def test_parser_warnings_are_counted_by_field_most_first() -> None:
    stats = {"newscrawl/warnings/title": 2, "newscrawl/warnings/reporters": 7}
    assert parser_warnings(stats) == "reporters 7, title 2"
    assert parser_warnings({}) == "none"


def _crawl(site: Site, tmp_path: Path, **settings: str) -> Crawl:
    with SiteServer(site) as server:
        return crawl(server.url, tmp_path, settings={"NEWSCRAWL_RENDER": "never", **settings})


@pytest.mark.slow
def test_a_layout_change_that_drops_a_field_fails_the_crawl(tmp_path: Path) -> None:
    site = build_site(today_in_jakarta())
    for page in site.pages.values():
        page.body = EDITOR_BYLINE.sub(b"", page.body)
    result = _crawl(site, tmp_path)
    assert result.returncode == 1
    assert result.last_line.startswith(
        "scrapy crawl: crawl failed: monitors: field coverage dropped, likely layout drift:"
    )
    assert re.search(r"editors \d+% < 30%", result.last_line)
    assert "parser warnings by field:" in result.last_line
    assert result.stats["newscrawl/coverage/editors"] < result.stats["newscrawl/coverage/items"] * 0.3


@pytest.mark.slow
def test_too_few_latest_articles_and_too_many_errors_fail_the_crawl(tmp_path: Path) -> None:
    site = build_site(today_in_jakarta())
    result = _crawl(site, tmp_path, NEWSCRAWL_MONITOR_MIN_ARTICLES="1000", NEWSCRAWL_MONITOR_MAX_ERROR_RATIO="0.01")
    assert result.returncode == 1
    found = result.stat("item_scraped_count")
    assert f"only {found} articles found, expected at least 1000" in result.last_line
    assert re.search(r"\d+ of \d+ requests failed \(\d+% > 1%\)", result.last_line)
    # The summary comes before the reason, whatever the log level.
    assert "Crawl summary: finished" in result.stderr.split(result.last_line)[0]
