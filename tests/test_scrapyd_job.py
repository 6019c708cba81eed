"""scrapyd: the egg scrapyd-deploy builds holds what a crawl needs, and a job — run as ``scrapy
crawl tempo -s LOG_FILE=… -a _job=<id> [-a …]`` — is no unknown argument and is kept with the run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg
import pytest

from newscrawl.spiders.plan import CrawlPlan
from newscrawl.store.migrate import available
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
        runs = conn.execute("SELECT status, job_id, arguments->'spider' FROM crawl_runs").fetchall()
    assert runs == [("finished", JOB, {"replay": str(SAMPLE)})]  # the job id apart from the crawl's arguments


@pytest.mark.slow
def test_the_egg_for_scrapyd_holds_the_migrations_and_names_the_settings(tmp_path: Path) -> None:
    # What scrapyd-deploy runs (bdist_uberegg is scrapyd-client's bdist_egg plus dependencies),
    # in a copy of the checkout: building writes build/ and *.egg-info next to setup.py.
    source = tmp_path / "source"
    shutil.copytree(ROOT / "newscrawl", source / "newscrawl", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml"):
        shutil.copy(ROOT / name, source / name)
    build = [sys.executable, "setup.py", "-q", "bdist_egg", "-d", str(tmp_path)]
    built = subprocess.run(build, cwd=source, capture_output=True, text=True, timeout=120, check=False)
    assert built.returncode == 0, built.stderr
    (egg,) = tmp_path.glob("newscrawl-*.egg")
    # Imported from the zipped egg alone, as scrapyd's runner does, never from the checkout.
    probe = (
        "import newscrawl, importlib.metadata as m; from newscrawl.store.migrate import available;"
        "print(newscrawl.__file__); print([x.name for x in available()]);"
        "print([e.value for e in m.entry_points(group='scrapy')])"
    )
    env = {**os.environ, "PYTHONPATH": str(egg)}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    where, migrations, settings = done.stdout.splitlines()
    assert where.startswith(str(egg))
    assert migrations == str([m.name for m in available()])  # every migration of the checkout
    assert settings == "['newscrawl.settings']"
