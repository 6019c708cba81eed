"""A replay (``-a replay=PATH``) reads every page from the archive, whatever the crawl state holds,
and the latest-news monitor leaves it alone: replaying the sample twice into one database."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fix_db import fresh_schema
from tests.site.run import ROOT, SCRAPY

pytestmark = [pytest.mark.db, pytest.mark.slow]

SAMPLE = ROOT / "seeds" / "sample.warc.gz"


@pytest.fixture
def schema_url(server_url: str) -> Iterator[str]:
    yield from fresh_schema(server_url)


def _replay(schema_url: str, work: Path) -> subprocess.CompletedProcess[str]:
    command = [str(SCRAPY), "crawl", "tempo", "-a", f"replay={SAMPLE}", "-s", f"NEWSCRAWL_SPOOL_DIR={work / 'spool'}"]
    command += ["-s", "NEWSCRAWL_RENDER=never", "-s", "NEWSCRAWL_MONITOR_MIN_ARTICLES=1000"]
    env = {**os.environ, "NEWSCRAWL_DATABASE_URL": schema_url, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_a_second_replay_reads_the_archive_again(schema_url: str, tmp_path: Path) -> None:
    first, second = _replay(schema_url, tmp_path), _replay(schema_url, tmp_path)
    for done in (first, second):
        assert done.returncode == 0, done.stderr[-3000:]  # 1000 latest articles are not asked of a replay
    emitted = [line for line in second.stderr.splitlines() if "'item_scraped_count'" in line]
    assert emitted
    assert emitted == [line for line in first.stderr.splitlines() if "'item_scraped_count'" in line]
    assert "0 up to date (not fetched)" in second.stderr
