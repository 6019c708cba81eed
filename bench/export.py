"""Export memory: the peak resident memory of ``python -m newscrawl export`` writing 50,000 stored
seed-sized articles, against the same command writing 5,000 of them, in each format. The rows
stream through a server-side cursor, so the two should be nearly the same. Each peak is the
kernel's high-water mark of the export's own process (``VmHWM``, read by ``bench.rss`` as it
ends; not ``wait4``'s ``ru_maxrss``, which counts the memory of the bench process it was forked
from).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import psycopg

from bench import db
from bench.store import articles
from bench.timing import Row
from newscrawl.settings import NEWSCRAWL_PGDATA
from newscrawl.store.migrate import migrate
from newscrawl.store.records import Pending
from newscrawl.store.writer import ArticleWriter
from tests.site.run import ROOT

EARLY, LATE = 5_000, 50_000
SECTION = "pilihan"
"""The section of the first 5,000 articles: ``--section`` exports them alone."""
BATCH = 1_000


def fill(url: str) -> None:
    """``LATE`` distinct seed-sized articles, the first ``EARLY`` of them in ``SECTION``."""
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
    writer = ArticleWriter(url, NEWSCRAWL_PGDATA)
    made = articles(LATE)
    made[:EARLY] = [replace(item, article=replace(item.article, section=SECTION)) for item in made[:EARLY]]
    try:
        for start in range(0, LATE, BATCH):
            result = writer.write([Pending(item) for item in made[start : start + BATCH]])
            if result.error or result.rejected:
                raise RuntimeError(f"storing the bench articles failed: {result.error or result.rejected[0][1]}")
    finally:
        writer.close()


# `python -m newscrawl ARGS`, then its high-water mark written to the file named first.
_MEASURED = """
import sys
from bench.rss import peak_rss_kb
from newscrawl.cli import main
try:
    status = main(sys.argv[2:])
finally:
    open(sys.argv[1], "w").write(str(peak_rss_kb()))
sys.exit(status)
"""


def peak_rss(url: str, fmt: str, target: Path, *filters: str) -> tuple[float, float]:
    """Run one export; its peak RSS in MB and the seconds it took."""
    report = target.with_suffix(".rss")
    command = [sys.executable, "-c", _MEASURED, str(report), "export", "--format", fmt, "-o", str(target), *filters]
    started = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "NEWSCRAWL_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"export --format {fmt} failed (exit {done.returncode}): {done.stderr[-500:]}")
    return int(report.read_text()) / 1024, elapsed


def run() -> list[Row]:
    rows = []
    with db.schema(db.server_url(), "bench_export") as url, tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        fill(url)
        print(f"export: {LATE:,} articles stored in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        for fmt in ("jsonl", "csv", "parquet"):
            target = Path(work) / f"articles.{fmt}"
            early, _ = peak_rss(url, fmt, target, "--section", SECTION)
            late, seconds = peak_rss(url, fmt, target)
            size = target.stat().st_size / 2**20
            print(f"export {fmt}: {LATE:,} rows in {seconds:.1f} s, {size:,.0f} MB written", file=sys.stderr)
            rows.append(
                Row(f"export {fmt}: peak RSS at {LATE:,} rows", late, f"at {EARLY:,} rows", early, "MB", "<= 1.10x")
            )
    return rows
