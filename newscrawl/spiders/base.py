"""``OutletSpider``: the spider of one outlet, generic over its declaration (``newscrawl.outlets``).

Each outlet's spider is this class with the outlet's name (``scrapy crawl tempo``, ``scrapy crawl
kompas``; ``newscrawl/spiders/outlets.py``). Discovery (depth 0) comes from the start pages its
declared sources give (home, sections, feeds, sitemaps, dated indexes; ``sources.StartPages``), or
the pages given with ``urls=``; the related links of each article read ("Berita terkait", "Pilihan
Editor") are followed ``related_depth`` hops further. Every article URL goes through one gate
(``_offer``): canonical form, the outlet's hosts only, section filter, and the ``Frontier`` keyed by
the outlet's article key. Reading an article is ``articles.ArticleReading``; the items go to the
pipelines.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy import Request, Spider, signals
from scrapy.exceptions import UsageError
from scrapy.utils.gz import gunzip, gzip_magic_number
from w3lib.url import canonicalize_url

from newscrawl import outlets, stats, urls
from newscrawl.archive import fetch_time
from newscrawl.crawl.contract import ArticleFrontier
from newscrawl.parsers import NotAnArticle, parse_listing
from newscrawl.parsers.document import Document
from newscrawl.parsers.feeds import parse_feed
from newscrawl.parsers.query import Query
from newscrawl.spiders.articles import ArticleReading
from newscrawl.spiders.frontier import ARTICLE_META, Frontier
from newscrawl.spiders.plan import CrawlConfig, CrawlPlan
from newscrawl.spiders.sources import StartPages
from newscrawl.spiders.window import IndexWindow

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from newscrawl.outlets.base import Outlet

logger = logging.getLogger(__name__)

# Listings first (they hold many links), then pages of an article already started
# (articles.NEXT_PAGE_PRIORITY: its earlier pages wait in memory), then articles by related-link depth.
LISTING_PRIORITY = 10
# The links of an index page, among which its pager's (``StartPages.last_page`` tells which).
_LINKS = Query("//a/@href | //link[@rel='next']/@href")
# A safety net only: the first request always ends in a callback or an errback.
PROBE_TIMEOUT = 120.0


class OutletSpider(ArticleReading, Spider):
    """The spider of ``outlet``; a subclass names it (``name``, the outlet's name) and gets the
    outlet, its hosts and its start pages from it."""

    outlet: ClassVar[Outlet]
    allowed_domains: ClassVar[list[str]]
    """The outlet's hosts: Scrapy's offsite filter drops any other (a redirect off the outlet)."""
    discovery: ClassVar[StartPages]
    """Its start pages and index paging, from its declared sources."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "outlet" not in cls.__dict__:
            cls.outlet = outlets.by_name(cls.name)
        cls.allowed_domains = list(cls.outlet.hosts)
        cls.discovery = StartPages(cls.outlet)

    def __init__(self, *, config: CrawlConfig | None = None, **arguments: str) -> None:
        super().__init__()
        if config is not None and not isinstance(config, CrawlConfig):
            raise UsageError("unknown argument 'config'", print_help=False)
        self.arguments = dict(arguments)
        self.plan = self._plan(arguments)
        self.config = config or CrawlConfig()
        self.frontier: ArticleFrontier = Frontier(self.plan.related_depth)
        self._indexes = IndexWindow()
        self._probe: asyncio.Event | None = None
        self._unreachable: str | None = None

    @classmethod
    def check_arguments(cls, arguments: dict[str, str]) -> None:
        """Raise ``UsageError`` for bad ``-a`` arguments, before a crawler exists."""
        cls._plan(arguments)

    @classmethod
    def _plan(cls, arguments: dict[str, str]) -> CrawlPlan:
        plan = CrawlPlan.from_arguments(arguments, outlet=cls.outlet)
        if plan.backfill and not cls.discovery.backfills:
            raise UsageError(f"since: {cls.outlet.name} has no dated index or sitemap to walk", print_help=False)
        return plan

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        config = CrawlConfig.from_settings(crawler.settings, replay=bool(kwargs.get("replay")))
        spider = cls(*args, config=config, **kwargs)
        spider._set_crawler(crawler)
        if spider.plan.replay is not None:  # the ReplayAddon installs the archive's download handler
            crawler.settings.set("NEWSCRAWL_REPLAY", str(spider.plan.replay), priority="spider")
        # A start request the scheduler drops (another worker sharing the queue has it) gets no answer.
        crawler.signals.connect(spider._probe_answered, signal=signals.request_dropped)
        crawler.signals.connect(spider._dropped, signal=signals.request_dropped)
        return spider

    # -- where the crawl starts ----------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        requests = list(self._start_requests())
        if self.config.shared_queue:
            # No probe: on a shared queue another worker may fetch it, and this one would
            # wait for an answer that never comes, taking no work meanwhile.
            for request in requests:
                yield request
            return
        if not requests:
            return
        # The first request goes alone. If it cannot reach the site at all (no network,
        # DNS failure), every other one would fail the same way, each retried with
        # backoff: better to stop at once with the reason.
        self._probe = asyncio.Event()
        yield requests[0]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._probe.wait(), PROBE_TIMEOUT)
        if self._unreachable:
            logger.error(
                "Cannot reach %s (%s): not sending the other %d start requests",
                " or ".join(self.outlet.hosts),
                self._unreachable,
                len(requests) - 1,
            )
            return
        for request in requests[1:]:
            yield request

    def _probe_answered(self, network_failure: str | None = None) -> None:
        if self._probe is not None and not self._probe.is_set():
            self._unreachable = network_failure
            self._probe.set()

    def _dropped(self, request: Request) -> None:
        """Counts an article request the duplicate filter drops after a redirect, which reaches
        neither callback nor errback: a redirect loop, or another address of a page already requested.
        (Next pages are not redirected, so no page read before is ever held by a dropped request.)"""
        chain = request.meta.get("redirect_urls")
        if request.callback != self.parse_article or not chain:
            return
        if canonicalize_url(request.url) in {canonicalize_url(url) for url in chain}:
            self._inc(stats.FAILED_REDIRECT_LOOP)
            logger.warning("Not fetched (redirect-loop): %s, redirected back to %s", chain[0], request.url)
        else:
            logger.info("Redirected to a page already requested: %s -> %s", chain[0], request.url)
            self._inc(stats.LINKS_DUPLICATE)

    def _start_requests(self) -> Iterator[Request]:
        for kind, url in self.discovery.start_pages(self.plan, self.config.sections, self.plan.start_day()):
            if kind == "article":
                yield from self._offer(url, 0)
            elif kind == "feed":
                yield self._feed_request(url)
            else:
                yield self._listing_request(url, index=kind == "index")

    def _listing_request(self, url: str, *, index: bool = False) -> Request:
        return Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            cb_kwargs={"index": index},
            priority=LISTING_PRIORITY,
        )

    def _feed_request(self, url: str) -> Request:
        return Request(url, callback=self.parse_feed, errback=self.on_error, priority=LISTING_PRIORITY)

    # -- discovery -------------------------------------------------------------------
    def parse_listing(self, response: Response, index: bool = False) -> Iterator[Request]:
        self._count_page("listing")
        try:
            doc = Document(response.body, response.url)
            listing = parse_listing(response.url, doc, fetch_time(response))
        except NotAnArticle as exc:  # empty, or unreadable as HTML
            logger.warning("Not a listing (%s): %s", exc, response.url)
            self._inc(stats.SKIPPED(exc.reason))
            return
        except Exception:  # a boundary: one bad page must not stop the crawl
            logger.exception("Cannot read listing %s", response.url)
            self._inc(stats.SKIPPED_PARSER_ERROR)
            return
        found = [entry.url for entry in listing.entries if entry.url] if index else []
        for url in found or listing.links:
            yield from self._offer(url, 0)
        if not index:
            return
        if not listing.entries and not listing.links:
            self._end_index(response.url)
            return
        hrefs = (urls.absolute(href, response.url) for href in _LINKS.strings(doc.tree))
        last_page = self.discovery.last_page(response.url, [link for link in hrefs if link], listing.last_page)
        if last_page:
            yield from self._more_pages(response.url, last_page)

    def _more_pages(self, url: str, last_page: int) -> Iterator[Request]:
        """The next pages of ``url``'s index, a window ahead of it (``window.py``), never past the last
        one the pager shows (Tempo serves stale pages there)."""
        series = self.discovery.series(url)
        step = self._indexes.read(series, self.discovery.page_of(url), last_page)
        if step.capped:  # an endless pager, or a huge index
            logger.warning("Listing %s offers %d pages: fetching the first %d", series, last_page, self._indexes.limit)
            self._inc(stats.LINKS_PAGE_LIMIT)
        for number in step.pages:
            yield self._listing_request(self.discovery.with_page(url, number), index=True)

    def _end_index(self, url: str) -> None:
        """A page of an index that lists no article is past its end, whatever its pager links: no
        later page of that index is asked for (those already asked for are still read)."""
        series = self.discovery.series(url)
        if self._indexes.end(series):
            logger.info("Index %s ends at %s: the page lists no article", series, url)
            self._inc(stats.LINKS_INDEX_END)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        self._count_page("feed")
        body = response.body
        if gzip_magic_number(response):
            try:
                body = gunzip(body, max_size=self.config.max_feed_size)
            except (OSError, EOFError, ValueError):
                body = b""
        feed = parse_feed(body, response.url)
        if feed.kind == "unknown":
            logger.warning("Not a sitemap or feed: %s", response.url)
            self._inc(stats.SKIPPED_NOT_A_FEED)
            return
        cutoff = self._cutoff(fetch_time(response))
        for entry in feed.entries:
            if cutoff and entry.modified and entry.modified < cutoff:
                self._inc(stats.LINKS_STALE)
            elif feed.kind != "sitemapindex":
                yield from self._offer(entry.url, 0, entry.modified)
            elif self.outlet.owns(urls.host_of(entry.url)):
                yield self._feed_request(entry.url)
            else:
                self._inc(stats.LINKS_OFFSITE)

    def _cutoff(self, now: datetime) -> datetime | None:
        """Latest-news crawls leave out sitemap and feed entries older than ``NEWSCRAWL_LATEST_DAYS``
        (a backfill's dated sitemaps are of the days asked for)."""
        if self.plan.urls or self.plan.backfill or self.config.latest_days <= 0:
            return None
        return now - timedelta(days=self.config.latest_days)

    # -- the gate every article URL goes through ---------------------------------------
    def use_frontier(self, frontier: ArticleFrontier) -> None:
        self.frontier = frontier

    def offer(self, url: str, depth: int) -> Iterator[Request]:
        """Requests for ``url`` found at ``depth``, through the same gate as discovered links
        (the crawl state offers a dead run's unfinished pages this way)."""
        yield from self._offer(url, depth)

    def _offer(self, url: str, depth: int, lastmod: datetime | None = None) -> Iterator[Request]:
        absolute = urls.absolute(url, None)
        outlet = self.outlet
        if absolute is None or not outlet.owns(urls.host_of(absolute)):
            self._inc(stats.LINKS_OFFSITE)
            return
        if not outlet.is_article_url(absolute):
            self._inc(stats.LINKS_NOT_ARTICLE)
            return
        canonical = outlet.canonicalize(absolute, keep_page=False)
        key = outlet.key(canonical)
        if key is None:
            return
        if not self.plan.wants_section(outlet.section_of(canonical)):
            self._inc(stats.LINKS_OTHER_SECTION)
            return
        offer = self.frontier.offer(key, depth)
        if offer.fetch:
            yield self._article_request(canonical, key, depth, lastmod)
        elif offer.beyond_depth:
            self._inc(stats.LINKS_BEYOND_DEPTH)
        else:
            self._inc(stats.LINKS_DUPLICATE)
        for link in offer.again:
            yield from self._offer(link, depth + 1)

    def _article_request(self, url: str, key: str, depth: int, lastmod: datetime | None = None) -> Request:
        article = {"key": key, "depth": depth, "lastmod": lastmod.isoformat() if lastmod else None}
        return Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            cb_kwargs={"key": key},
            priority=-depth,
            meta={ARTICLE_META: article, **self._render_all()},
        )

    # -- stats ---------------------------------------------------------------------------
    def _count_page(self, kind: str) -> None:
        self._probe_answered()
        self._inc(stats.PAGES_FETCHED)
        self._inc(stats.PAGES(kind))

    def _inc(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)
