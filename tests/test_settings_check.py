"""Every ``NEWSCRAWL_*`` setting is checked when a crawl starts, however it is started: a value
that cannot work stops it before any request, with one line naming the setting and what it
expects — from ``scrapy crawl`` (exit 2, as scrapyd jobs run it) and from ``CrawlerProcess`` in a
Python program."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from scrapy.settings import Settings

from newscrawl import settings as project
from newscrawl.config import SettingError
from newscrawl.validation import check_settings
from tests.site.run import ROOT, SCRAPY

BAD = {
    "NEWSCRAWL_BLOCKED_LIMIT": ("x", "'x' is not a whole number"),
    "NEWSCRAWL_NO_PAGE_TIMEOUT": ("soon", "'soon' is not a number"),
    "NEWSCRAWL_RETRY_BACKOFF_BASE": ("-1", "'-1' must be at least 0"),
    "NEWSCRAWL_RETRY_BACKOFF_MAX": ("lama", "'lama' is not a number"),
    "NEWSCRAWL_LATEST_DAYS": ("two", "'two' is not a whole number"),
    "NEWSCRAWL_SECTIONS": ("nasional,Bad Slug!", "'bad slug!' is not a section slug (like nasional or internasional)"),
    "NEWSCRAWL_RENDER": ("sometimes", "'sometimes' is not one of auto, always, never"),
    "NEWSCRAWL_STORE_ENABLED": ("maybe", "'maybe' is not True or False"),
    "NEWSCRAWL_DB_BATCH_SIZE": ("0", "'0' must be 1 or more"),
    "NEWSCRAWL_DB_MAX_DELAY": ("0", "'0' must be more than 0"),
    "NEWSCRAWL_DB_RETRY_DELAY": ("-2", "'-2' must be more than 0"),
    "NEWSCRAWL_DB_RETRY_MAX_DELAY": ("x", "'x' is not a number"),
    "NEWSCRAWL_DB_CONNECT_TIMEOUT": ("0", "'0' must be more than 0"),
    "NEWSCRAWL_MIN_BODY_CHARS": ("-5", "'-5' must be 0 or more"),
    "NEWSCRAWL_WARC_MAX_SIZE": ("lots", "'lots' is not a whole number"),
    "NEWSCRAWL_STATE_ENABLED": ("perhaps", "'perhaps' is not True or False"),
    "NEWSCRAWL_RECHECK_AGES": ("1h,soon", "'soon' is not an age like 30m, 6h or 7d"),
    "NEWSCRAWL_RECHECK_NOT_ARTICLE_HOURS": ("a day", "'a day' is not a number"),
    "NEWSCRAWL_RUN_STALE_AFTER": ("0", "'0' must be more than 0"),
    "NEWSCRAWL_REDIS_URL": ("http://queue/0", "'http://queue/0' is not a redis://, rediss:// or unix:// URL"),
    "NEWSCRAWL_REDIS_JOB": ("a b", "'a b' may only hold letters, digits, '.', '_' and '-'"),
    "NEWSCRAWL_REDIS_IDLE_CLOSE": ("-1", "'-1' must be at least 0"),
    "NEWSCRAWL_MONITOR_COVERAGE": ('{"title": 2}', "title: 2 is not a share from 0 to 1"),
    "NEWSCRAWL_MONITOR_MAX_ERROR_RATIO": ("1.5", "'1.5' is not a share from 0 to 1"),
    "NEWSCRAWL_MONITOR_MIN_ARTICLES": ("many", "'many' is not a whole number"),
    "NEWSCRAWL_MONITOR_MIN_SAMPLE": ("-1", "'-1' must be 0 or more"),
    "NEWSCRAWL_PROGRESS_INTERVAL": ("-1", "'-1' must be at least 0"),
}
# Free text, whatever its value: a contact, paths, a database URL (refused when connecting, with
# the reason), the archive a replay reads (set by the spider from -a replay=), the browser (a
# wrong one means none: the crawl runs without, and its log says why).
FREE = {
    "NEWSCRAWL_BROWSER_PATH",
    "NEWSCRAWL_CONTACT",
    "NEWSCRAWL_DATABASE_URL",
    "NEWSCRAWL_PGDATA",
    "NEWSCRAWL_SPOOL_DIR",
    "NEWSCRAWL_WARC_DIR",
    "NEWSCRAWL_REPLAY",
}


def _message(name: str) -> str:
    separator = " " if name == "NEWSCRAWL_MONITOR_COVERAGE" else ": "
    return f"{name}{separator}{BAD[name][1]}"


def test_every_setting_is_checked_or_free_text() -> None:
    declared = {name for name in dir(project) if name.startswith("NEWSCRAWL_")}
    assert declared == set(BAD) | FREE, "add the setting to BAD (with a value it refuses) or to FREE"


def test_the_project_defaults_pass() -> None:
    check_settings(Settings({name: getattr(project, name) for name in dir(project) if name.isupper()}))


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_value_that_cannot_work_is_refused_with_one_line(name: str) -> None:
    settings = Settings({name: getattr(project, name) for name in dir(project) if name.isupper()})
    settings.set(name, BAD[name][0], priority="cmdline")
    if name.startswith("NEWSCRAWL_REDIS_") and name != "NEWSCRAWL_REDIS_URL":  # checked with a queue only
        settings.set("NEWSCRAWL_REDIS_URL", "redis://queue/0", priority="cmdline")
    with pytest.raises(SettingError) as refused:
        check_settings(settings)
    assert str(refused.value) == _message(name)
    assert "\n" not in str(refused.value)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["NEWSCRAWL_DB_BATCH_SIZE", "NEWSCRAWL_MONITOR_COVERAGE"])
def test_scrapy_crawl_exits_2_before_any_request(name: str) -> None:
    env = {**os.environ, name: BAD[name][0]}  # from the environment, as an env file gives it
    done = subprocess.run(
        [str(SCRAPY), "crawl", "tempo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"scrapy crawl: error: {_message(name)}"


PROGRAM = """
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings
settings = get_project_settings()
settings.set("NEWSCRAWL_DB_BATCH_SIZE", "0", priority="cmdline")
process = CrawlerProcess(settings)
process.crawl("tempo")
process.start()
"""


@pytest.mark.slow
def test_a_crawl_from_python_stops_at_start_with_the_same_line() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert f"ERROR: Bad setting: {_message('NEWSCRAWL_DB_BATCH_SIZE')}" in done.stderr
    assert "Spider opened" not in done.stderr
    assert "Crawled" not in done.stderr
