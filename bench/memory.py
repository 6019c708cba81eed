"""Memory at scale: the crawler's peak resident memory when 5,000 and when 50,000 articles of a
replayed archive (``bench.archive``) have gone through the real spider and every pipeline into
PostgreSQL, in one ``scrapy crawl tempo -a replay=DIR`` with the project's settings (no rendering,
warnings-only log). The peaks are taken in the crawler itself by ``bench.rss.PeakRss`` from the
kernel's high-water mark, so no short peak between two samples is missed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import db
from bench.archive import archive
from bench.rss import STAT
from bench.timing import Row
from newscrawl import settings as project
from newscrawl.stats import DB_INSERTED, PAGES_FETCHED
from tests.site.run import ROOT, SCRAPY

EARLY, LATE = 5_000, 50_000


def replay(folder: Path, url: str, work: Path) -> dict[str, int | float | str]:
    """Replay ``folder`` into the database at ``url``; the crawl's final stats."""
    extensions = {**project.EXTENSIONS, "bench.rss.PeakRss": 0, "tests.site.handler.StatsFile": 0}
    settings = {
        "EXTENSIONS": json.dumps(extensions),
        "NEWSCRAWL_BENCH_RSS_AT": f"{EARLY},{LATE}",
        "NEWSCRAWL_TEST_STATS": str(work / "stats.json"),
        "NEWSCRAWL_DATABASE_URL": url,
        "NEWSCRAWL_SPOOL_DIR": str(work / "spool"),
        "NEWSCRAWL_RENDER": "never",
        "LOG_LEVEL": "WARNING",
    }
    command = [str(SCRAPY), "crawl", "tempo", "-a", f"replay={folder}"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "NEWSCRAWL_CONTACT": "bench@example.org"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    stats_file = work / "stats.json"
    if done.returncode != 0 or not stats_file.exists():
        raise RuntimeError(f"the replay failed (exit {done.returncode}): {done.stderr[-2000:]}")
    stats: dict[str, int | float | str] = json.loads(stats_file.read_text(encoding="utf-8"))
    return stats


def run() -> list[Row]:
    started = time.perf_counter()
    folder = archive(LATE)
    built = time.perf_counter() - started
    with db.schema(db.server_url(), "bench_memory") as url, tempfile.TemporaryDirectory() as work:
        stats = replay(folder, url, Path(work))
    if int(stats.get(DB_INSERTED, 0)) < LATE:
        raise RuntimeError(f"the replay stored {stats.get(DB_INSERTED, 0)} articles, not {LATE}")
    early, late = (int(stats[f"{STAT}/{n}"]) / 1024 for n in (EARLY, LATE))
    elapsed, pages, end = float(stats["elapsed_time_seconds"]), int(stats[PAGES_FETCHED]), int(stats[f"{STAT}/end"])
    print(
        f"memory: archive ready in {built:.0f} s, {pages:,} pages replayed in {elapsed:.0f} s;"
        f" peak RSS at the end {end / 1024:.0f} MB",
        file=sys.stderr,
    )
    return [Row(f"crawler peak RSS at {LATE:,} replayed articles", late, f"at {EARLY:,}", early, "MB", "<= 1.10x")]
