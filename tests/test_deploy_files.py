"""``deploy/`` and scrapy.cfg: the scheduled latest-news run is one command, everywhere."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

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
