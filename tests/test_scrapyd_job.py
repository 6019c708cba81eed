"""scrapyd runs a job as ``scrapy crawl tempo -s LOG_FILE=… -a _job=<id> [-a …]``: the job id is
no unknown argument, and it is kept with the run."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest

from newscrawl.spiders.plan import CrawlPlan
from tests.fix_db import fresh_schema
from tests.site.run import ROOT, SCRAPY
from tests.test_replay_arguments import archive

SAMPLE = ROOT / "seeds" / "sample.warc.gz"
JOB = "c601e70ced1811f1864d02fc00000001"


def test_the_job_id_changes_nothing_in_the_plan(tmp_path: Path) -> None:
    assert CrawlPlan.from_arguments({"_job": JOB, "since": "2024-05-01"}) == CrawlPlan.from_arguments(
        {"since": "2024-05-01"}
    )
    # A replay given alone still runs the recorded crawl when scrapyd adds its job id.
    archive(tmp_path, {"since": "2024-05-10"})
    assert CrawlPlan.from_arguments({"_job": JOB, "replay": str(tmp_path)}).since == date(2024, 5, 10)


@pytest.fixture
def schema_url(server_url: str) -> Iterator[str]:
    yield from fresh_schema(server_url)


@pytest.mark.db
@pytest.mark.slow
def test_a_scrapyd_job_runs_and_its_run_row_names_the_job(schema_url: str, tmp_path: Path) -> None:
    # The command line scrapyd 1.6 starts (its runner then calls Scrapy's own command line).
    log = tmp_path / f"{JOB}.log"
    command = [str(SCRAPY), "crawl", "tempo", "-s", f"NEWSCRAWL_SPOOL_DIR={tmp_path / 'spool'}"]
    command += ["-s", "NEWSCRAWL_RENDER=never", "-s", f"LOG_FILE={log}", "-a", f"_job={JOB}", "-a", f"replay={SAMPLE}"]
    env = {**os.environ, "NEWSCRAWL_DATABASE_URL": schema_url, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:] + log.read_text(encoding="utf-8")[-3000:]
    with psycopg.connect(schema_url) as conn:
        runs = conn.execute("SELECT status, arguments->'spider'->>'_job' FROM crawl_runs").fetchall()
    assert runs == [("finished", JOB)]
