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
from scrapy.exceptions import NotConfigured

from newscrawl.guard import FAILED, PAGES_FETCHED
from newscrawl.items import CrawledArticle
from newscrawl.rendering import UNRENDERED

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

SECTION = "newscrawl/section"
COLUMNS = ("articles", "not-fetched", "dropped")
"""Per-section stats: items emitted, article links not fetched (up to date, known not to be articles), drops."""


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
        interval = crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL", 60.0)
        if interval < 0:
            raise NotConfigured
        extension = cls(crawler, interval)
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
        self.stats.set_value("newscrawl/queue/left", self._queued() or 0)

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, CrawledArticle):
            self.stats.inc_value(f"{SECTION}/{item.article.section or '-'}/articles")

    def item_dropped(self, item: Any) -> None:
        if isinstance(item, CrawledArticle):
            self.stats.inc_value(f"{SECTION}/{item.article.section or '-'}/dropped")


def _figures(stats: dict[str, Any]) -> dict[str, int]:
    get = stats.get
    return {
        "pages": int(get(PAGES_FETCHED, 0)),
        "new": int(get("newscrawl/db/inserted", 0)) + int(get("newscrawl/db/aliased", 0)),
        "updated": int(get("newscrawl/db/updated", 0)),
        "unchanged": int(get("newscrawl/db/unchanged", 0)) + int(get("newscrawl/db/stale", 0)),
        "not_modified": int(get("newscrawl/articles/not-modified", 0)),
        "fresh": int(get("newscrawl/incremental/fresh", 0)),
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
    for key, value in stats.items():
        if key.startswith(SECTION + "/"):
            section, _, what = key[len(SECTION) + 1 :].rpartition("/")
            sections.setdefault(section, {})[what] = int(value)
    rows: list[tuple[str, ...]] = [("section", "articles", "not fetched", "dropped")]
    for name in sorted(sections):
        counts = sections[name]
        rows.append((name, *(str(counts.get(k, 0)) for k in COLUMNS)))
    rows.append(("total", *(str(sum(s.get(k, 0) for s in sections.values())) for k in COLUMNS)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    table = [
        "  " + "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
        for row in rows
    ]
    failed = {k[len(FAILED) + 1 :]: int(v) for k, v in stats.items() if k.startswith(FAILED + "/")}
    failures = ", ".join(f"{kind} {count}" for kind, count in sorted(failed.items(), key=lambda kv: -kv[1]))
    rate = f["pages"] / elapsed * 60 if elapsed > 0 else 0.0
    lines = [
        f"Crawl summary: {stats.get('finish_reason', '?')} in {_duration(elapsed)}",
        *table,
        f"  articles: {f['new']} new, {f['updated']} updated, {f['unchanged']} unchanged,"
        f" {f['not_modified']} not modified (304), {f['fresh']} up to date (not fetched), {f['dropped']} dropped",
        f"  pages: {f['pages']} fetched ({rate:.0f}/min), {sum(failed.values())} failed"
        + (f" ({failures})" if failures else "")
        + f", {int(stats.get('newscrawl/blocked', 0))} blocked (403)",
        f"  left: {int(stats.get('newscrawl/queue/left', 0))} queued,"
        f" {int(stats.get('newscrawl/spool/pending', 0))} articles spooled"
        f" ({int(stats.get('newscrawl/spool/spooled', 0))} spooled during the crawl,"
        f" {int(stats.get('newscrawl/spool/replayed', 0))} written back from the spool)",
    ]
    if stats.get(UNRENDERED):
        lines.append(f"  not rendered: {int(stats[UNRENDERED])} pages that need JavaScript (no browser, see the log)")
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m {secs:02d}s" if hours else f"{minutes}m {secs:02d}s"
