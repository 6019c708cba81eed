"""``deploy/`` and scrapy.cfg: the scheduled latest-news run is one command, everywhere."""

from __future__ import annotations

import configparser
import fcntl
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def _unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string((DEPLOY / name).read_text(encoding="utf-8"))
    return unit


def _crawl_command(line: str) -> list[str]:
    words = shlex.split(line)
    start = next(i for i, word in enumerate(words) if word.endswith("/scrapy"))
    return words[start + 1 : start + 3]


def test_the_service_runs_the_latest_news_crawl_once() -> None:
    service = _unit("newscrawl-latest.service")["Service"]
    assert service["Type"] == "oneshot"
    assert _crawl_command(service["ExecStart"]) == ["crawl", "tempo"]
    assert "LOG_LEVEL=WARNING" in service["ExecStart"]


def test_the_timer_starts_it_every_ten_minutes() -> None:
    timer = _unit("newscrawl-latest.timer")
    assert timer["Timer"]["OnCalendar"] == "*:0/10"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_crontab_line_runs_the_same_crawl_every_ten_minutes() -> None:
    lines = [
        line for line in (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines() if re.match(r"^[*\d]", line)
    ]
    assert len(lines) == 1
    fields = lines[0].split(maxsplit=5)
    assert fields[:5] == ["*/10", "*", "*", "*", "*"]
    assert _crawl_command(fields[5].replace("&&", " ")) == ["crawl", "tempo"]


def test_scrapy_cfg_has_a_scrapyd_deploy_target() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / "scrapy.cfg")
    assert config["deploy"]["project"] == "newscrawl"
    assert config["deploy"]["url"].startswith("http")
    assert config["settings"]["default"] == "newscrawl.settings"


def _cron_command(project: Path, extra: str) -> str:
    """The crontab line's command for a checkout in ``project``, the crawl given ``extra`` arguments."""
    line = next(line for line in (DEPLOY / "crontab").read_text(encoding="utf-8").splitlines() if line[:1] == "*")
    command = line.split(maxsplit=5)[5].replace("/opt/newscrawl", shlex.quote(str(project)))
    return command.replace("crawl tempo", f"crawl tempo {extra}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A checkout as cron finds it: the project and its .venv, no .newscrawl/ yet."""
    checkout = tmp_path / "newscrawl"
    checkout.mkdir()
    for name in ("scrapy.cfg", "newscrawl", ".venv"):
        (checkout / name).symlink_to(ROOT / name)
    return checkout


@pytest.mark.db
@pytest.mark.slow
def test_the_crontab_line_runs_in_a_fresh_checkout_and_prints_only_a_failure(project: Path, schema_url: str) -> None:
    env = {**os.environ, "NEWSCRAWL_DATABASE_URL": schema_url, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
    replay = f"-a replay={ROOT / 'seeds' / 'sample.warc.gz'} -s NEWSCRAWL_RENDER=never"
    ok = subprocess.run(
        ["sh", "-c", _cron_command(project, replay)], env=env, capture_output=True, text=True, timeout=300
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "", "")  # cron mails nothing
    log = (project / ".newscrawl" / "latest.log").read_text(encoding="utf-8")
    assert "Crawl summary" in log
    assert "25 new" in log
    # A failed crawl: cron mails the end of the log, which says why.
    bad = subprocess.run(
        ["sh", "-c", _cron_command(project, "-a since=2024-13-01")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.stdout.strip().splitlines()[-1] == "scrapy crawl: error: since: '2024-13-01' is not a date (YYYY-MM-DD)"
    # While a run holds the lock, the next one skips quietly.
    with (project / ".newscrawl" / "latest.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        skipped = subprocess.run(["sh", "-c", _cron_command(project, replay)], env=env, capture_output=True, timeout=60)
    assert (skipped.returncode, skipped.stdout) == (0, b"")
    assert (project / ".newscrawl" / "latest.log").read_text(encoding="utf-8").count("Crawl summary") == 1
