"""Recording (``-s NEWSCRAWL_WARC_DIR=DIR``): the default crawl of the fake tempo.co, run once
through Scrapy's engine with recording on; what the WARC files hold, and their rotation. Both
that crawl and the one of a page rendered through Chromium are shared (``tests.fix_crawls``)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from newscrawl.archive import index, warc
from newscrawl.items import WarcRecord
from newscrawl.parsers import parse_html
from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_crawls import Shared
from tests.site.build import JS_PAGE, Site, build_site
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

pytestmark = pytest.mark.slow

FAILS_ONCE = 1900016
WARCIO = Path(sys.executable).with_name("warcio")
NAME = re.compile(r"^newscrawl-\d{8}T\d{6}Z-[0-9a-f]{8}-(\d{5})\.warc\.gz$")


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(today_in_jakarta())


@pytest.fixture(scope="module")
def recorded(default_crawl: Shared) -> tuple[Crawl, Path]:
    """The default crawl, which records (``tests.fix_crawls``), and its WARC directory."""
    return default_crawl.crawl, default_crawl.warc


def responses(directory: Path) -> list[index.Entry]:
    return [e for path in index.warc_files(directory) for e in index.scan(path) if isinstance(e, index.Entry)]


@pytest.mark.db  # the shared default crawl stores
def test_one_file_named_by_run_and_time_that_warcio_accepts(recorded: tuple[Crawl, Path]) -> None:
    result, directory = recorded
    (path,) = index.warc_files(directory)
    assert NAME.match(path.name), path.name
    check = subprocess.run([str(WARCIO), "check", str(path)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"Recorded {result.stat('newscrawl/warc/records')} responses in 1 WARC files: {path}" in result.stderr


@pytest.mark.db  # the shared default crawl stores
def test_every_response_is_recorded_with_its_request(recorded: tuple[Crawl, Path]) -> None:
    result, directory = recorded
    found = responses(directory)
    assert len(found) == result.stat("downloader/response_count") == result.stat("newscrawl/warc/records")
    files = map(str, index.warc_files(directory))
    listed = subprocess.run([str(WARCIO), "index", *files], capture_output=True, text=True, check=True)
    types = Counter(re.findall(r'"warc-type": "(\w+)"', listed.stdout))
    assert types == {"warcinfo": 1, "response": len(found), "request": len(found)}
    urls = Counter(e.url for e in found)
    assert urls["https://www.tempo.co/robots.txt"] == 1
    assert [warc.read_record(e.record).status for e in found if "/read/1900016/" in e.url] == [500, 200]


@pytest.mark.db  # the shared default crawl stores
def test_each_item_names_the_records_of_its_pages(site: Site, recorded: tuple[Crawl, Path]) -> None:
    result, _ = recorded
    for item in result.items:
        records = [WarcRecord(**r) for r in item["warc_records"]]
        assert len(records) == item["article"]["pages"], item["article"]["url"]
        first = warc.read_record(records[0])
        assert first.url == item["article"]["url"]
        assert first.fetched_at.isoformat(timespec="seconds") == item["fetched_at"]
        # The record holds the very page the item was read from.
        assert parse_html(first.url, warc.decoded_body(first), first.fetched_at).title == item["article"]["title"]


@pytest.mark.browser
@pytest.mark.db
def test_the_rendered_page_is_recorded_as_rendered(rendered: Shared) -> None:
    item = rendered.crawl.by_id(JS_PAGE)
    (record,) = [WarcRecord(**r) for r in item["warc_records"]]
    exchange = warc.read_record(record)
    assert exchange.rendered is True
    assert item["article"]["body"].split("\n\n")[0].encode() in exchange.body
    # The item's fetch time is its static fetch's, recorded too.
    (static,) = [e for e in responses(rendered.warc) if e.url == rendered.site.url(JS_PAGE) and not e.rendered]
    assert static.fetched_at.isoformat(timespec="seconds") == item["fetched_at"]


def test_files_rotate_at_the_size_limit(site: Site, tmp_path: Path) -> None:
    limit = 5_000
    with SiteServer(site) as server:
        result = crawl(
            server.url,
            tmp_path,
            {"urls": ",".join(site.url(n) for n in (1900001, 1900004, 1900014)), "related_depth": "1"},
            {"NEWSCRAWL_WARC_DIR": str(tmp_path / "warc"), "NEWSCRAWL_WARC_MAX_SIZE": str(limit)},
        )
    assert result.returncode == 0, result.stderr[-2000:]
    paths = index.warc_files(tmp_path / "warc")
    assert len(paths) >= 3
    assert [int(NAME.match(p.name)[1]) for p in paths] == list(range(1, len(paths) + 1))  # type: ignore[index]
    assert all(p.stat().st_size <= limit for p in paths)
    assert result.stat("newscrawl/warc/files") == len(paths)
    assert len(responses(tmp_path / "warc")) == result.stat("downloader/response_count")
    check = subprocess.run([str(WARCIO), "check", *map(str, paths)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout


def test_recording_is_off_unless_a_directory_is_set(site: Site, tmp_path: Path) -> None:
    with SiteServer(site) as server:
        result = crawl(server.url, tmp_path, {"urls": site.url(1900001), "related_depth": "0"})
    assert result.returncode == 0
    assert result.items[0]["warc_records"] == []
    assert not [key for key in result.stats if key.startswith("newscrawl/warc/")]


def test_a_bad_size_limit_stops_the_crawl_before_it_starts(tmp_path: Path) -> None:
    result = crawl("http://127.0.0.1:9", tmp_path, settings={"NEWSCRAWL_WARC_MAX_SIZE": "lots"})
    assert result.returncode == 2
    assert result.last_line == "scrapy crawl: error: NEWSCRAWL_WARC_MAX_SIZE: 'lots' is not a whole number"
