"""``scrapy crawl`` with exit codes a scheduler can act on.

Scrapy's own ``crawl`` exits 0 whatever happened. This one (found through
``COMMANDS_MODULE``) exits 2 on a bad ``-a``/``-s`` value, before any request, and
1 when the crawl failed: no page could be fetched, the site blocked it, the spider could
not start, or an end-of-crawl monitor failed (``newscrawl.monitors``), and 3 when the crawl
ran but its articles are not stored: the database was still unreachable at the end, and
they wait in the spool. A crawl that ran ends with its summary table on stderr, whatever the
log level; a failure then with one line saying why.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader

from newscrawl.config import SettingError
from newscrawl.monitors import not_stored
from newscrawl.progress import summary
from newscrawl.stats import FAILURE, MONITORS_FAILED, SPOOL_UNREACHABLE
from newscrawl.validation import check_settings

if TYPE_CHECKING:
    import argparse

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_STORED = 3


class Command(ScrapyCrawlCommand):
    def short_desc(self) -> str:
        return "Run a spider; exit 1 if the crawl failed, 2 on bad arguments"

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if len(args) != 1:
            return
        # Checked here, before Scrapy builds the crawler process and starts logging,
        # so a typo gets exactly one line.
        assert self.settings is not None
        try:
            check_settings(self.settings)
            spidercls = get_spider_loader(self.settings).load(args[0])
            check = getattr(spidercls, "check_arguments", None)
            if check is not None:
                check(opts.spargs)
        except (UsageError, SettingError, KeyError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            print(f"scrapy crawl: error: {message}", file=sys.stderr)
            sys.exit(EXIT_USAGE)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        assert self.crawler_process is not None
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self._fail("crawl failed: the spider could not start (see the log above)")
            return
        stats = crawler.stats.get_stats()
        if "start_time" in stats:
            print(summary(stats), file=sys.stderr)
        if stats.get(FAILURE):
            self._fail(f"crawl failed: {stats[FAILURE]}")
        elif stats.get(SPOOL_UNREACHABLE):
            self._fail(f"crawl failed: {not_stored(stats)}", EXIT_NOT_STORED)
        elif stats.get(MONITORS_FAILED):
            self._fail(f"crawl failed: monitors: {stats[MONITORS_FAILED]}")

    def _fail(self, message: str, code: int = EXIT_FAILED) -> None:
        self.exitcode = code
        print(f"scrapy crawl: {message}", file=sys.stderr)
