"""``PeakRss``: a Scrapy extension, for the memory bench only, that records the crawler process's
peak resident memory (``VmHWM`` of ``/proc/self/status``) when the Nth item has gone through every
pipeline, for each N of ``NEWSCRAWL_BENCH_RSS_AT``, as the stat ``bench/peak_rss_kb/<N>``; and once
the pipelines have closed (the store has written its last batch) as ``bench/peak_rss_kb/end``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

STAT = "bench/peak_rss_kb"


def peak_rss_kb() -> int:
    """The process's resident set at its largest so far, in kB (read by the kernel, not sampled)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


class PeakRss:
    def __init__(self, crawler: Crawler) -> None:
        assert crawler.stats is not None
        self.stats = crawler.stats
        self.marks = {int(n) for n in crawler.settings.getlist("NEWSCRAWL_BENCH_RSS_AT")}
        self.items = 0
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def item_scraped(self) -> None:
        self.items += 1
        if self.items in self.marks:
            self.stats.set_value(f"{STAT}/{self.items}", peak_rss_kb())

    def spider_closed(self) -> None:
        self.stats.set_value(f"{STAT}/end", peak_rss_kb())
