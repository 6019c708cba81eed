"""How far the spider pages an index: a window of pages ahead of each page read, never past the
last page its pager links nor ``MAX_LISTING_PAGES``, and no further once a page lists no article.

A pager's last page may be a fixed end rather than the day's real last page (detik links
``/indeks/500`` from every index page): asking for every page up to it at once would send hundreds
of requests, most for empty pages. Asking a few pages ahead, and a few more with each page read,
reads the same pages of a real index and stops soon after its real end. The bookkeeping is kept by
series (``StartPages.series``: the index's address without its page number).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LISTING_PAGES = 200
"""At most this many pages of one index: an endless pager whose pages all list articles stops here."""
# Pages asked for ahead of the page just read. Enough to keep the downloader busy on a real index
# (index pages are small and go first in the queue), few enough that an index ending early costs at
# most this many requests past its last page: the pages already asked for when the empty one is read.
INDEX_WINDOW = 10


@dataclass(frozen=True, slots=True)
class Step:
    """What reading one page of an index gives: the pages to ask for now, and whether this read is
    the first to find the index reaching past ``MAX_LISTING_PAGES``."""

    pages: range
    capped: bool = False


@dataclass
class IndexWindow:
    """The pages asked for of each index of a crawl, and the indexes that ended."""

    window: int = INDEX_WINDOW
    limit: int = MAX_LISTING_PAGES
    _asked: dict[str, int] = field(default_factory=dict)
    """The highest page asked for (or read from the start) of each series."""
    _capped: set[str] = field(default_factory=set)
    _ended: set[str] = field(default_factory=set)

    def read(self, series: str, page: int, last_page: int) -> Step:
        """The pages to ask for after reading page ``page`` of ``series``, whose pager links up to
        ``last_page``: those up to ``page + window`` not asked for yet, never past ``last_page`` nor
        the limit; none once the series ended."""
        if series in self._ended:
            return Step(range(0))
        asked = max(self._asked.get(series, 1), page)
        wanted = min(last_page, page + self.window)
        capped = wanted > self.limit and series not in self._capped
        if capped:
            self._capped.add(series)
        last = min(wanted, self.limit)
        self._asked[series] = max(asked, last)
        return Step(range(asked + 1, last + 1), capped)

    def end(self, series: str) -> bool:
        """Ends ``series``: no page of it is asked for any more. True the first time only."""
        if series in self._ended:
            return False
        self._ended.add(series)
        return True
