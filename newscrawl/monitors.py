"""End-of-crawl monitors (spidermon): a crawl that went wrong exits non-zero.

* **latest news found**: a live latest-news run (no ``since``/``urls``/``replay``) must find at least
  ``NEWSCRAWL_MONITOR_MIN_ARTICLES`` articles: emitted, or found up to date and not fetched;
* **error ratio**: failed requests (robots.txt refusals aside) over requests answered, at most
  ``NEWSCRAWL_MONITOR_MAX_ERROR_RATIO``;
* **articles stored**: no article of the crawl may be left in the spool at the end (the database
  was unreachable, and still is); the ``crawl`` command exits 3 for this one;
* **field coverage**: the share of articles with a title, a body, a publication date and
  editors, each at least its threshold in ``NEWSCRAWL_MONITOR_COVERAGE``. A drop is reported as
  likely layout drift, naming the fields and the parser's own disagreement warnings (JSON-LD
  against the DOM) counted by field.

Ratios are only judged past ``NEWSCRAWL_MONITOR_MIN_SAMPLE`` articles or requests: a small
crawl's percentages are noise. A failed monitor sets ``newscrawl/monitors/failed`` to one line;
the project's ``crawl`` command prints it and exits 1.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scrapy import signals
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.contrib.scrapy.extensions import Spidermon
from spidermon.contrib.scrapy.runners import SpiderMonitorResult, SpiderMonitorRunner
from spidermon.core.actions import Action

from newscrawl import settings as defaults
from newscrawl.config import Read
from newscrawl.crawl.contract import require
from newscrawl.items import CrawledArticle
from newscrawl.stats import (
    ARTICLES_NOT_MODIFIED,
    COVERAGE,
    COVERAGE_ITEMS,
    FAILED,
    INCREMENTAL_FRESH,
    MONITORS_FAILED,
    PAGES_FETCHED,
    REDIS_OTHERS_BUSY,
    SPOOL_PENDING,
    SPOOL_UNREACHABLE,
    WARNINGS,
)

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

# Not errors of the crawl: pages robots.txt forbids, links off the site.
_NOT_ERRORS = frozenset({"robots", "offsite"})


@dataclass(frozen=True)
class MonitorConfig:
    min_articles: int = defaults.NEWSCRAWL_MONITOR_MIN_ARTICLES
    max_error_ratio: float = defaults.NEWSCRAWL_MONITOR_MAX_ERROR_RATIO
    coverage: dict[str, float] = field(default_factory=lambda: dict(defaults.NEWSCRAWL_MONITOR_COVERAGE))
    min_sample: int = defaults.NEWSCRAWL_MONITOR_MIN_SAMPLE

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> MonitorConfig:
        """``SettingError`` for a value that cannot work."""
        read = Read(settings)
        name = "NEWSCRAWL_MONITOR_COVERAGE"
        coverage = read.mapping(name, defaults.NEWSCRAWL_MONITOR_COVERAGE)
        return cls(
            min_articles=read.whole("NEWSCRAWL_MONITOR_MIN_ARTICLES", defaults.NEWSCRAWL_MONITOR_MIN_ARTICLES),
            max_error_ratio=read.ratio(
                "NEWSCRAWL_MONITOR_MAX_ERROR_RATIO",
                settings.get("NEWSCRAWL_MONITOR_MAX_ERROR_RATIO", defaults.NEWSCRAWL_MONITOR_MAX_ERROR_RATIO),
            ),
            coverage={field: read.ratio(f"{name} {field}", share) for field, share in coverage.items()},
            min_sample=read.whole("NEWSCRAWL_MONITOR_MIN_SAMPLE", defaults.NEWSCRAWL_MONITOR_MIN_SAMPLE),
        )


class FieldCoverage:
    """Counts, per article emitted, which of the monitored fields it has (``newscrawl/coverage/<field>``)
    and the parser's warnings by field (``newscrawl/warnings/<field>``)."""

    def __init__(self, crawler: Crawler) -> None:
        assert crawler.stats is not None
        self.stats = crawler.stats
        self.fields = tuple(MonitorConfig.from_settings(crawler.settings).coverage)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        return extension

    def item_scraped(self, item: Any) -> None:
        if not isinstance(item, CrawledArticle):
            return
        self.stats.inc_value(COVERAGE_ITEMS)
        for name in self.fields:
            if getattr(item.article, name, None):
                self.stats.inc_value(COVERAGE(name))
        for warning in item.article.warnings:
            self.stats.inc_value(WARNINGS(warning.split(":", 1)[0].strip() or "other"))


def error_ratio(stats: dict[str, Any]) -> tuple[int, int]:
    """``(failed, answered)``: failed requests (not robots.txt refusals) and all requests settled."""
    failed = sum(count for kind, count in FAILED.values(stats).items() if kind not in _NOT_ERRORS)
    return failed, failed + int(stats.get(PAGES_FETCHED, 0))


def coverage_gaps(stats: dict[str, Any], config: MonitorConfig) -> list[str]:
    """``editors 40% < 70%`` for each field under its threshold (empty when too few articles)."""
    items = int(stats.get(COVERAGE_ITEMS, 0))
    if items < config.min_sample:
        return []
    gaps = []
    for name, threshold in config.coverage.items():
        share = stats.get(COVERAGE(name), 0) / items
        if share < threshold:
            gaps.append(f"{name} {share:.0%} < {threshold:.0%}")
    return gaps


def not_stored(stats: dict[str, Any]) -> str:
    """One line on articles left in the spool because the database never came back (no password)."""
    return (
        f"database {stats.get(SPOOL_UNREACHABLE, '(unknown)')} unreachable: {int(stats.get(SPOOL_PENDING, 0))}"
        " articles wait in the spool, written when it is back (python -m newscrawl db spool lists them)"
    )


def parser_warnings(stats: dict[str, Any]) -> str:
    counts = sorted(WARNINGS.values(stats).items(), key=lambda kv: -kv[1])
    return ", ".join(f"{name} {count}" for name, count in counts) or "none"


class _CrawlMonitor(Monitor):  # type: ignore[misc]
    @property
    def config(self) -> MonitorConfig:
        return MonitorConfig.from_settings(self.data.crawler.settings)

    @property
    def stats(self) -> dict[str, Any]:
        stats: dict[str, Any] = self.data.stats
        return stats


@monitors.name("Latest news found")
class LatestArticlesMonitor(_CrawlMonitor):
    def test_enough_articles(self) -> None:
        plan = self.data.spider.plan  # a NewsSpider: SpidermonExtension checked it at the start
        if plan.backfill or plan.urls or plan.replay is not None:
            self.skipTest("not a live latest-news crawl")
        if not self.stats.get(PAGES_FETCHED) and self.stats.get(REDIS_OTHERS_BUSY):
            self.skipTest("a worker whose share of the shared crawl was empty")
        found = int(self.stats.get("item_scraped_count", 0)) + int(self.stats.get(INCREMENTAL_FRESH, 0))
        found += int(self.stats.get(ARTICLES_NOT_MODIFIED, 0))
        if found < self.config.min_articles:
            self.fail(f"only {found} articles found, expected at least {self.config.min_articles}")


@monitors.name("Error ratio")
class ErrorRatioMonitor(_CrawlMonitor):
    def test_error_ratio(self) -> None:
        failed, answered = error_ratio(self.stats)
        if answered < self.config.min_sample:
            self.skipTest(f"only {answered} requests")
        ratio = failed / answered
        if ratio > self.config.max_error_ratio:
            self.fail(f"{failed} of {answered} requests failed ({ratio:.0%} > {self.config.max_error_ratio:.0%})")


@monitors.name("Articles stored")
class StoredMonitor(_CrawlMonitor):
    def test_nothing_left_in_the_spool(self) -> None:
        if self.stats.get(SPOOL_UNREACHABLE):
            self.fail(not_stored(self.stats))


@monitors.name("Field coverage")
class FieldCoverageMonitor(_CrawlMonitor):
    def test_field_coverage(self) -> None:
        gaps = coverage_gaps(self.stats, self.config)
        if gaps:
            self.fail(
                f"field coverage dropped, likely layout drift: {', '.join(gaps)}"
                f" (parser warnings by field: {parser_warnings(self.stats)})"
            )


class RecordFailure(Action):  # type: ignore[misc]
    """Puts the failed monitors' messages in ``newscrawl/monitors/failed`` and the log."""

    def run_action(self) -> None:
        reasons = [str(r.reason or r.error).strip().splitlines()[0] for r in self.result.monitors_failed_results]
        message = "; ".join(reasons) or "a monitor failed"
        self.data.crawler.stats.set_value(MONITORS_FAILED, message)
        logger.error("Monitors failed: %s", message)


class CrawlMonitors(MonitorSuite):  # type: ignore[misc]
    monitors = [LatestArticlesMonitor, ErrorRatioMonitor, StoredMonitor, FieldCoverageMonitor]  # noqa: RUF012 - spidermon's API
    monitors_failed_actions = [RecordFailure]  # noqa: RUF012


# spidermon 1.27 logs through Spider.log(), which Scrapy 2.19 deprecates (a warning every crawl):
# the same runner and result, logging through the spider's logger.
class _Result(SpiderMonitorResult):  # type: ignore[misc]
    def log(self, msg: object, level: int = logging.DEBUG) -> None:
        self.spider.logger.log(level, "[Spidermon] %s", msg)


class _Runner(SpiderMonitorRunner):  # type: ignore[misc]
    def create_result(self) -> _Result:
        return _Result(self.spider)


class SpidermonExtension(Spidermon):  # type: ignore[misc]
    """spidermon's extension, running the suites with ``_Runner``, for a spider the monitors can judge."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension: Self = super().from_crawler(crawler)  # NotConfigured when SPIDERMON_ENABLED is off
        require(crawler.spider, "the end-of-crawl monitors")
        return extension

    def _run_suites(self, spider: Spider, suites: list[MonitorSuite]) -> None:
        data = self._generate_data_for_spider(spider)
        for suite in suites:
            _Runner(spider=spider).run(suite, **data)
