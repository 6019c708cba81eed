"""Crawls that cannot work end quickly, say why in one line and exit non-zero.

The network is swapped by the test download handler: ``dns-failure`` fails every name
lookup, an unused port refuses connections, a listening socket that never answers
hangs, and the site can answer 403 to everything. Nothing here reaches the internet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.spiders.plan import today_in_jakarta
from tests.site.build import build_site
from tests.site.run import Crawl, crawl
from tests.site.server import BlackHole, SiteServer, unused_port

FAILED = "scrapy crawl: crawl failed: no page could be fetched: "


def _assert_failed(result: Crawl, reason: str) -> None:
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.last_line.startswith(FAILED + reason), result.last_line
    assert result.stats["newscrawl/failure"] == result.last_line.removeprefix("scrapy crawl: crawl failed: ")
    assert not result.items


@pytest.mark.slow
def test_no_dns_stops_after_the_first_request(tmp_path: Path) -> None:
    result = crawl("dns-failure", tmp_path)
    _assert_failed(result, "DNS lookup failed")
    assert result.stat("newscrawl/failed/dns") == 1  # the other start requests were never sent
    assert "Cannot reach tempo.co (dns): not sending the other 6 start requests" in result.stderr


@pytest.mark.slow
def test_refused_connections(tmp_path: Path) -> None:
    result = crawl(f"http://127.0.0.1:{unused_port()}", tmp_path)
    _assert_failed(result, "could not connect")


@pytest.mark.slow
def test_a_network_that_never_answers(tmp_path: Path) -> None:
    with BlackHole() as hole:
        result = crawl(hole.url, tmp_path, settings={"DOWNLOAD_TIMEOUT": "1"})
    _assert_failed(result, "every request timed out")


@pytest.mark.slow
def test_the_watchdog_closes_a_crawl_that_fetched_nothing(tmp_path: Path) -> None:
    with BlackHole() as hole:
        result = crawl(hole.url, tmp_path, settings={"DOWNLOAD_TIMEOUT": "2", "NEWSCRAWL_NO_PAGE_TIMEOUT": "1"})
    assert result.stats["finish_reason"] == "no_page_fetched"
    assert result.returncode == 1
    assert result.last_line.startswith(FAILED)


@pytest.mark.slow
def test_everything_blocked(tmp_path: Path) -> None:
    with SiteServer(build_site(today_in_jakarta()), block_all=True) as server:
        result = crawl(server.url, tmp_path)
    _assert_failed(result, "blocked: the site answered 403 Forbidden")
    paths = [(hit.host, hit.path) for hit in server.hits]
    assert len(paths) == len(set(paths))  # 403 is never retried
    assert result.stat("newscrawl/blocked") == len(paths)


@pytest.mark.slow
def test_repeated_403_stop_the_crawl(tmp_path: Path) -> None:
    month = {"since": "2024-01-01", "until": "2024-01-30"}  # 60 index pages on www.tempo.co
    with SiteServer(build_site(today_in_jakarta()), block_all=True) as server:
        result = crawl(server.url, tmp_path, month, {"NEWSCRAWL_BLOCKED_LIMIT": "3"})
    assert result.stats["finish_reason"] == "blocked"
    assert result.returncode == 1
    assert result.last_line.endswith("crawl failed: blocked: stopped after repeated 403 Forbidden from www.tempo.co")
    # robots.txt, the first pages, and those already handed to the downloader (up to
    # CONCURRENT_REQUESTS, 16), which Scrapy still completes while closing: not all 61.
    assert len(server.hits) < 25


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["-a", "since=2024-13-01"], "since: '2024-13-01' is not a date (YYYY-MM-DD)"),
        (["-a", "since=2024-05-02", "-a", "until=2024-05-01"], "since: 2024-05-02 is after until 2024-05-01"),
        (["-a", "until=2024-05-01"], "until: needs since=YYYY-MM-DD as well"),
        (["-a", "related_depth=-1"], "related_depth: '-1' is not a whole number >= 0"),
        (["-a", "urls=https://example.com/a"], "urls: 'https://example.com/a' is not an http(s) URL on tempo.co"),
        (["-a", "urls_file=/nonexistent/urls.txt"], "urls_file: cannot read '/nonexistent/urls.txt'"),
        (["-a", "sections=Nasional!"], "sections: 'nasional!' is not a section slug"),
        (
            ["-a", "depth=2"],
            "unknown argument 'depth' (known: since, until, sections, urls, urls_file, related_depth, refresh, replay)",
        ),
        (["-s", "NEWSCRAWL_RENDER=sometimes"], "NEWSCRAWL_RENDER: 'sometimes' is not one of auto, always, never"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(option: list[str], message: str) -> None:
    import subprocess

    from tests.site.run import ROOT, SCRAPY

    done = subprocess.run(
        [str(SCRAPY), "crawl", "tempo", *option], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"scrapy crawl: error: {message}")
