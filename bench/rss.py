"""``PeakRss``: a Scrapy extension, for the memory bench only, that records the crawl's peak resident
memory (``VmHWM`` of ``/proc/<pid>/status``: of the crawler's process and of its children, the
store's process) when the Nth item has gone through every pipeline, for each N of
``NEWSCRAWL_BENCH_RSS_AT``, as the stat ``bench/peak_rss_kb/<N>``; and once the pipelines have
closed (the store has written its last batch) as ``bench/peak_rss_kb/end``."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

STAT = "bench/peak_rss_kb"


def peak_rss_kb() -> int:
    """The resident sets of this process and its children, each at its largest so far, in kB
    (read by the kernel, not sampled)."""
    return _with_children_kb("VmHWM")


def rss_kb() -> int:
    """The resident sets of this process and its children now, in kB."""
    return _with_children_kb("VmRSS")


def _with_children_kb(name: str) -> int:
    return sum(_status_kb(pid, name) for pid in ("self", *map(str, children())))


def _status_kb(pid: str, name: str) -> int:
    with contextlib.suppress(FileNotFoundError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{name}:"):
                return int(line.split()[1])
    return 0  # a zombie, or gone: its memory is free


def children() -> list[int]:
    """The processes this one started that still run (the pipelines' worker processes)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == os.getpid():
                found.append(int(stat.parent.name))
    return found


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
