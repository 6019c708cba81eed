"""What a running crawl is doing: a progress line every ``NEWSCRAWL_PROGRESS_INTERVAL`` seconds,
and the summary table the ``crawl`` command prints at the end.

The progress line is logged at INFO, so ``-s LOG_LEVEL=WARNING`` silences it; the summary is
printed by the command itself (``newscrawl.commands.crawl``), whatever the log level, because
it is the command's result. Both read only the crawl's stats (and the scheduler's length).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals

from newscrawl import settings as defaults
from newscrawl.config import Read
from newscrawl.items import CrawledArticle
from newscrawl.stats import (
    ARTICLES_NOT_MODIFIED,
    BLOCKED,
    DB_ALIASED,
    DB_INSERTED,
    DB_STALE,
    DB_UNCHANGED,
    DB_UPDATED,
    FAILED,
    INCREMENTAL_FRESH,
    PAGES_FETCHED,
    QUEUE_LEFT,
    RENDER_UNAVAILABLE,
    SECTION_ARTICLES,
    SECTION_DROPPED,
    SECTION_NOT_FETCHED,
    SPOOL_OTHER_TARGETS,
    SPOOL_PENDING,
    SPOOL_REPLAYED,
    SPOOL_SPOOLED,
)

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

COLUMNS = (SECTION_ARTICLES, SECTION_NOT_FETCHED, SECTION_DROPPED)
"""Per-section stats: items emitted, article links not fetched (up to date, known not to be articles), drops."""


def progress_interval(settings: BaseSettings) -> float:
    """``NEWSCRAWL_PROGRESS_INTERVAL`` (0: no progress line); ``SettingError`` for a value that cannot work."""
    return Read(settings).number("NEWSCRAWL_PROGRESS_INTERVAL", defaults.NEWSCRAWL_PROGRESS_INTERVAL)


class Progress:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        assert crawler.stats is not None
        self.stats = crawler.stats
        self.interval = interval
        self._task: asyncio.Task[None] | None = None
        self._started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler, progress_interval(crawler.settings))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.item_dropped, signal=signals.item_dropped)
        return extension

    def spider_opened(self) -> None:
        self._started = time.monotonic()
        if self.interval > 0:
            self._task = asyncio.ensure_future(self._report())

    async def _report(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            logger.info(progress_line(self.stats.get_stats(), self._queued(), time.monotonic() - self._started))

    def _queued(self) -> int | None:
        scheduler = getattr(getattr(self.crawler.engine, "_slot", None), "scheduler", None)
        try:
            return len(scheduler) if scheduler is not None else None
        except Exception:  # noqa: BLE001 - a shared queue may be unreachable; the line goes on without it
            return None

    def spider_closed(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.stats.set_value(QUEUE_LEFT, self._queued() or 0)

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, CrawledArticle):
            self.stats.inc_value(SECTION_ARTICLES(item.article.section or "-"))

    def item_dropped(self, item: Any) -> None:
        if isinstance(item, CrawledArticle):
            self.stats.inc_value(SECTION_DROPPED(item.article.section or "-"))


def _figures(stats: dict[str, Any]) -> dict[str, int]:
    get = stats.get
    return {
        "pages": int(get(PAGES_FETCHED, 0)),
        "new": int(get(DB_INSERTED, 0)) + int(get(DB_ALIASED, 0)),
        "updated": int(get(DB_UPDATED, 0)),
        "unchanged": int(get(DB_UNCHANGED, 0)) + int(get(DB_STALE, 0)),
        "not_modified": int(get(ARTICLES_NOT_MODIFIED, 0)),
        "fresh": int(get(INCREMENTAL_FRESH, 0)),
        "dropped": int(get("item_dropped_count", 0)),
    }


def progress_line(stats: dict[str, Any], queued: int | None, elapsed: float) -> str:
    f = _figures(stats)
    rate = f["pages"] / elapsed * 60 if elapsed > 0 else 0.0
    return (
        f"Progress: {f['pages']} pages fetched ({rate:.0f}/min); articles {f['new']} new, {f['updated']} updated,"
        f" {f['unchanged'] + f['not_modified']} unchanged, {f['fresh']} up to date; {f['dropped']} dropped;"
        f" {'?' if queued is None else queued} queued"
    )


def summary(stats: dict[str, Any]) -> str:
    """The end-of-crawl table: per section, then the run's totals."""
    f = _figures(stats)
    elapsed = float(stats.get("elapsed_time_seconds", 0) or 0)
    sections: dict[str, dict[str, int]] = {}
    for column in COLUMNS:
        for section, value in column.values(stats).items():
            sections.setdefault(section, {})[column.key] = int(value)
    rows: list[tuple[str, ...]] = [("section", "articles", "not fetched", "dropped")]
    for name in sorted(sections):
        counts = sections[name]
        rows.append((name, *(str(counts.get(column.key, 0)) for column in COLUMNS)))
    rows.append(("total", *(str(sum(s.get(column.key, 0) for s in sections.values())) for column in COLUMNS)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    table = [
        "  " + "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
        for row in rows
    ]
    failed = {kind: int(count) for kind, count in FAILED.values(stats).items()}
    failures = ", ".join(f"{kind} {count}" for kind, count in sorted(failed.items(), key=lambda kv: -kv[1]))
    rate = f["pages"] / elapsed * 60 if elapsed > 0 else 0.0
    lines = [
        f"Crawl summary: {stats.get('finish_reason', '?')} in {_duration(elapsed)}",
        *table,
        f"  articles: {f['new']} new, {f['updated']} updated, {f['unchanged']} unchanged,"
        f" {f['not_modified']} not modified (304), {f['fresh']} up to date (not fetched), {f['dropped']} dropped",
        f"  pages: {f['pages']} fetched ({rate:.0f}/min), {sum(failed.values())} failed"
        + (f" ({failures})" if failures else "")
        + f", {int(stats.get(BLOCKED, 0))} blocked (403)",
        f"  left: {int(stats.get(QUEUE_LEFT, 0))} queued,"
        f" {int(stats.get(SPOOL_PENDING, 0))} articles spooled"
        f" ({int(stats.get(SPOOL_SPOOLED, 0))} spooled during the crawl,"
        f" {int(stats.get(SPOOL_REPLAYED, 0))} written back from the spool)" + _other_targets(stats),
    ]
    if stats.get(RENDER_UNAVAILABLE):
        unrendered = int(stats[RENDER_UNAVAILABLE])
        lines.append(f"  not rendered: {unrendered} pages that need JavaScript (no browser, see the log)")
    return "\n".join(lines)


def _other_targets(stats: dict[str, Any]) -> str:
    others = int(stats.get(SPOOL_OTHER_TARGETS, 0))
    return f"; {others} more spooled for other databases (python -m newscrawl db spool)" if others else ""


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m {secs:02d}s" if hours else f"{minutes}m {secs:02d}s"
