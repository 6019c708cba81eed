"""The progress line while a crawl runs and the summary table at its end, as a user sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.progress import progress_line, summary
from newscrawl.spiders.plan import today_in_jakarta
from tests.site.build import build_site
from tests.site.run import crawl
from tests.site.server import SiteServer

STATS = {
    "finish_reason": "finished",
    "elapsed_time_seconds": 125.0,
    "newscrawl/pages/fetched": 250,
    "newscrawl/db/inserted": 40,
    "newscrawl/db/updated": 2,
    "newscrawl/db/unchanged": 5,
    "newscrawl/articles/not-modified": 3,
    "newscrawl/incremental/fresh": 7,
    "item_dropped_count": 1,
    "newscrawl/failed/http-404": 2,
    "newscrawl/failed/timeout": 1,
    "newscrawl/blocked": 1,
    "newscrawl/section/nasional/articles": 30,
    "newscrawl/section/nasional/not-fetched": 7,
    "newscrawl/section/dunia/articles": 17,
    "newscrawl/section/dunia/dropped": 1,
    "newscrawl/spool/pending": 4,
    "newscrawl/queue/left": 0,
}


def test_the_progress_line_has_the_running_figures() -> None:
    assert progress_line(STATS, 12, 60.0) == (
        "Progress: 250 pages fetched (250/min); articles 40 new, 2 updated, 8 unchanged, 7 up to date;"
        " 1 dropped; 12 queued"
    )


def test_the_summary_has_a_row_per_section_and_the_totals() -> None:
    lines = summary(STATS).splitlines()
    assert lines[0] == "Crawl summary: finished in 2m 05s"
    assert lines[1].split() == ["section", "articles", "not", "fetched", "dropped"]
    assert lines[2].split() == ["dunia", "17", "0", "1"]
    assert lines[3].split() == ["nasional", "30", "7", "0"]
    assert lines[4].split() == ["total", "47", "7", "1"]
    assert lines[5] == (
        "  articles: 40 new, 2 updated, 5 unchanged, 3 not modified (304), 7 up to date (not fetched), 1 dropped"
    )
    assert lines[6] == "  pages: 250 fetched (120/min), 3 failed (http-404 2, timeout 1), 1 blocked (403)"
    assert lines[7] == (
        "  left: 0 queued, 4 articles spooled (0 spooled during the crawl, 0 written back from the spool)"
    )


@pytest.mark.slow
@pytest.mark.parametrize("level", ["INFO", "WARNING"])
def test_progress_while_it_runs_and_quiet_at_warning_but_for_the_summary(level: str, tmp_path: Path) -> None:
    site = build_site(today_in_jakarta())
    # Pages served slowly enough for the crawl to last a few progress intervals.
    with SiteServer(site, delay=0.1) as server:
        settings = {"NEWSCRAWL_PROGRESS_INTERVAL": "0.2", "LOG_LEVEL": level, "NEWSCRAWL_RENDER": "never"}
        result = crawl(server.url, tmp_path, settings=settings)
    assert result.returncode == 0, result.stderr[-2000:]
    progress = [line for line in result.stderr.splitlines() if "Progress: " in line]
    summary_at = result.stderr.index("Crawl summary: finished in ")
    assert "  total " in result.stderr[summary_at:]
    if level == "INFO":
        assert len(progress) >= 2
        assert " pages fetched (" in progress[-1]
        assert " queued" in progress[-1]
    else:
        # The summary, and warnings (the fake site has a page that answers 403): no progress, no INFO line.
        assert progress == []
        assert " INFO: " not in result.stderr
        assert "Disabled " not in result.stderr  # components switched off on purpose say nothing
        assert "[py.warnings]" not in result.stderr
