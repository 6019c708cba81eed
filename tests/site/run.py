"""Run ``scrapy crawl tempo`` (or another outlet's spider) for real, in a subprocess (Twisted's
reactor cannot restart in one process), against the local site; collect what a user would see.

The project settings apply unchanged except for what makes a test fast and local:
the site add-on and stats file, no pipelines (storage has its own tests), the
shortest delays (the throttling code still runs), short backoff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscrawl import settings as project
from tests.stats_check import registered_only

ROOT = Path(__file__).resolve().parents[2]
SCRAPY = Path(sys.executable).with_name("scrapy")
SECTIONS = "nasional,internasional"


@dataclass
class Crawl:
    returncode: int
    items: list[dict[str, Any]]
    stats: dict[str, Any]
    stderr: str

    @property
    def articles(self) -> list[dict[str, Any]]:
        return [item["article"] for item in self.items]

    @property
    def ids(self) -> list[int]:
        return [article["article_id"] for article in self.articles]

    def by_id(self, number: int) -> dict[str, Any]:
        return next(item for item in self.items if item["article"]["article_id"] == number)

    def stat(self, key: str) -> int:
        value: int = self.stats.get(key, 0)
        return value

    @property
    def last_line(self) -> str:
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""


def harness_settings(site: str, workdir: Path, pipelines: bool = False) -> dict[str, str]:
    settings = {
        "ADDONS": json.dumps({**project.ADDONS, "tests.site.handler.LocalSiteAddon": 1000}),
        "EXTENSIONS": json.dumps({**project.EXTENSIONS, "tests.site.handler.StatsFile": 0}),
        "NEWSCRAWL_TEST_SITE": site,
        "NEWSCRAWL_TEST_STATS": str(workdir / "stats.json"),
        "STATS_CLASS": "tests.site.handler.FileStatsCollector",
        "NEWSCRAWL_SECTIONS": SECTIONS,
        "NEWSCRAWL_RETRY_BACKOFF_BASE": "0.05",
        "AUTOTHROTTLE_START_DELAY": "0",
        "DOWNLOAD_DELAY": "0.01",
        "LOG_LEVEL": "INFO",
        # The fake site's latest news is a few dozen stories (fewer with sections=); the monitors'
        # own tests set their thresholds.
        "NEWSCRAWL_MONITOR_MIN_ARTICLES": "1",
    }
    if not pipelines:
        settings["ITEM_PIPELINES"] = "{}"
    return settings


def crawl(
    site: str,
    workdir: Path,
    arguments: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    pipelines: bool = False,
    feed: bool = True,
    timeout: float = 180,
    spider: str = "tempo",
) -> Crawl:
    """``scrapy crawl <spider> -a ... -s ...`` with the test settings; ``settings`` override them.

    With ``feed`` the items are exported to a file and returned; without, only the stats tell."""
    workdir.mkdir(parents=True, exist_ok=True)
    items_file = workdir / "items.jsonl"
    stats_file = workdir / "stats.json"
    for stale in (items_file, stats_file):
        stale.unlink(missing_ok=True)
    command = [str(SCRAPY), "crawl", spider, *(["-O", f"{items_file}:jsonlines"] if feed else [])]
    for name, value in (arguments or {}).items():
        command += ["-a", f"{name}={value}"]
    for name, value in {**harness_settings(site, workdir, pipelines), **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    items = (
        [json.loads(line) for line in items_file.read_text(encoding="utf-8").splitlines()]
        if items_file.exists()
        else []
    )
    stats = registered_only(json.loads(stats_file.read_text(encoding="utf-8"))) if stats_file.exists() else {}
    return Crawl(done.returncode, items, stats, done.stderr)
