"""The ``tempo`` spider: finds Tempo.co articles and fetches each one once.

Discovery (depth 0) comes from listings (home, sections, daily indexes), RSS and
sitemaps, or the pages given with ``urls=``; "Berita terkait" and "Pilihan Editor"
links are followed ``related_depth`` hops further. Every article URL goes through
one gate (``_offer``): canonical form, the outlet's hosts only, section filter, and the
``Frontier`` keyed by the outlet's article key. Extraction is one call into
``newscrawl.parsers``; the items go to the pipelines. What it knows of Tempo's URLs comes from the
outlet (``newscrawl.outlets``), found by the spider's name.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider, signals
from scrapy.exceptions import UsageError
from scrapy.utils.gz import gunzip, gzip_magic_number
from w3lib.url import canonicalize_url

from newscrawl import outlets, stats, urls
from newscrawl.archive import fetch_time, warc_record
from newscrawl.crawl.contract import ArticleFrontier
from newscrawl.guard import NETWORK_KINDS, failure_kind
from newscrawl.items import Article, CrawledArticle, WarcRecord
from newscrawl.parsers import NotAnArticle, article_page, merge_pages, parse_listing
from newscrawl.parsers.feeds import parse_feed
from newscrawl.rendering import render_meta
from newscrawl.spiders import sources
from newscrawl.spiders.frontier import ARTICLE_META, Frontier
from newscrawl.spiders.plan import CrawlConfig, CrawlPlan

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

MAX_ARTICLE_PAGES = 30
MAX_LISTING_PAGES = 200
# Listings first (they hold many links), then pages of an article already started
# (its earlier pages wait in memory), then articles by related-link depth.
LISTING_PRIORITY = 10
NEXT_PAGE_PRIORITY = 20
# A safety net only: the first request always ends in a callback or an errback.
PROBE_TIMEOUT = 120.0


class TempoSpider(Spider):
    name = "tempo"
    outlet = outlets.by_name(name)
    allowed_domains = list(outlet.hosts)

    def __init__(self, *, config: CrawlConfig | None = None, **arguments: str) -> None:
        super().__init__()
        if config is not None and not isinstance(config, CrawlConfig):
            raise UsageError("unknown argument 'config'", print_help=False)
        self.arguments = dict(arguments)
        self.plan = CrawlPlan.from_arguments(arguments, outlet=self.outlet)
        self.config = config or CrawlConfig()
        self.frontier: ArticleFrontier = Frontier(self.plan.related_depth)
        self._listing_pages: dict[str, int] = {}
        self._capped: set[str] = set()
        self._probe: asyncio.Event | None = None
        self._unreachable: str | None = None

    @classmethod
    def check_arguments(cls, arguments: dict[str, str]) -> None:
        """Raise ``UsageError`` for bad ``-a`` arguments, before a crawler exists."""
        CrawlPlan.from_arguments(arguments, outlet=cls.outlet)

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
        for kind, url in sources.start_pages(self.plan, self.config.sections, self.plan.start_day()):
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
            listing = parse_listing(response.url, response.body, fetch_time(response))
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
        if index and listing.last_page:
            yield from self._more_pages(response.url, listing.last_page)

    def _more_pages(self, url: str, last_page: int) -> Iterator[Request]:
        """Pages up to the last one the pager shows, never beyond: past it Tempo serves stale pages."""
        series = sources.series(url)
        scheduled = self._listing_pages.get(series, 1)
        last = min(last_page, MAX_LISTING_PAGES)
        if last_page > last and series not in self._capped:  # an endless pager, or a huge index
            self._capped.add(series)
            logger.warning("Listing %s offers %d pages: fetching the first %d", series, last_page, last)
            self._inc(stats.LINKS_PAGE_LIMIT)
        for number in range(scheduled + 1, last + 1):
            yield self._listing_request(sources.with_page(url, number), index=True)
        self._listing_pages[series] = max(scheduled, last)

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
        """Latest-news crawls leave out sitemap and feed entries older than ``NEWSCRAWL_LATEST_DAYS``."""
        if self.plan.urls or self.config.latest_days <= 0:
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

    # -- articles ------------------------------------------------------------------------
    def parse_article(
        self,
        response: Response,
        key: str,
        pages: tuple[Article, ...] = (),
        fetched_at: str = "",
        rendered: bool = False,
        static_failed: bool = False,
        records: tuple[WarcRecord, ...] = (),
    ) -> Iterator[Request | CrawledArticle]:
        """One page of an article; ``pages`` holds the pages read before it, ``records`` their
        WARC records when the crawl records or replays.

        ``static_failed``: this is the browser's rendering of a page whose static HTML had no
        body (``records`` then ends with the static page's record).
        """
        self._count_page("article")
        if response.status == 304:  # a re-check the crawl state asked for: the stored copy is current
            self._inc(stats.ARTICLES_NOT_MODIFIED)
            return
        now = fetch_time(response)
        fetched_at = fetched_at or now.isoformat(timespec="seconds")
        in_browser = bool(response.meta.get("playwright"))
        if static_failed:
            records = records[:-1]  # the rendered page's record takes the static one's place
        record = warc_record(response)
        try:
            media_type = _media_type(response)
            if media_type and "html" not in media_type:
                raise NotAnArticle("not-html", f"Content-Type {media_type}")
            page = article_page(response.url, response.body, now)
            article = page.to_article()
            next_url = page.next_page_url()
            if not pages and self.plan.sections and article.section not in self.plan.sections:
                # Only now known for URLs that do not name their section (www.tempo.co/read/...).
                raise NotAnArticle("other-section", f"section {article.section!r}")
        except NotAnArticle as exc:
            if exc.reason == "no-body" and not in_browser and self.config.render != "never":
                # The page looks like an article but its text is filled in by JavaScript.
                if self.config.browser:
                    self._inc(stats.RENDER_REQUESTED)
                    kwargs = {"key": key, "pages": pages, "fetched_at": fetched_at, "static_failed": True}
                    kwargs["records"] = (*records, record) if record else records
                    yield response.request.replace(  # type: ignore[union-attr]
                        url=response.url, meta=render_meta(), cb_kwargs=kwargs, dont_filter=True
                    )
                    return
                logger.info("Not rendered (no browser): %s", response.url)  # the rendering add-on said why, once
                self._inc(stats.RENDER_UNAVAILABLE)
            logger.info("Not an article (%s): %s", exc, response.url)
            self._inc(stats.SKIPPED(exc.reason))
            problem = f"pages: page {len(pages) + 1} is not an article"
            yield from self._finish(key, pages, fetched_at, rendered, problem, records)
            return
        except Exception:  # a boundary: one bad page must not stop the crawl
            logger.exception("Cannot read article %s", response.url)
            self._inc(stats.SKIPPED_PARSER_ERROR)
            problem = f"pages: page {len(pages) + 1} is unreadable"
            yield from self._finish(key, pages, fetched_at, rendered, problem, records)
            return
        pages = (*pages, article)
        records = (*records, record) if record else records
        rendered = rendered or in_browser
        if next_url and len(pages) < MAX_ARTICLE_PAGES:
            kwargs = {"key": key, "pages": pages, "fetched_at": fetched_at, "rendered": rendered, "records": records}
            # Not redirected: a next page that redirects (back to page 1, as Tempo does past the
            # last page) is a page that is not there, and the pages read so far are emitted.
            meta = {"dont_redirect": True, **self._render_all()}
            yield Request(
                next_url,
                callback=self.parse_article,
                errback=self.on_error,
                cb_kwargs=kwargs,
                priority=NEXT_PAGE_PRIORITY,
                meta=meta,
            )
            return
        cut = None
        if next_url:  # an endless pager
            logger.warning("Article %s has more than %d pages: stopping at %s", key, MAX_ARTICLE_PAGES, response.url)
            self._inc(stats.LINKS_PAGE_LIMIT)
            cut = f"pages: stopped after {MAX_ARTICLE_PAGES} pages, more are linked"
        yield from self._finish(key, pages, fetched_at, rendered, cut, records)

    def _finish(
        self,
        key: str,
        pages: tuple[Article, ...],
        fetched_at: str,
        rendered: bool,
        problem: str | None = None,
        records: tuple[WarcRecord, ...] = (),
    ) -> Iterator[Request | CrawledArticle]:
        """Emit the article read so far (nothing if no page was) and offer its related links."""
        if not pages:
            return
        article = merge_pages(list(pages))
        if problem:
            self._inc(stats.ARTICLES_INCOMPLETE)
            article = replace(article, warnings=(*article.warnings, problem))
        self._inc(stats.ARTICLES_EMITTED)
        if article.pages > 1:
            self._inc(stats.ARTICLES_MULTIPAGE)
        if rendered:
            self._inc(stats.ARTICLES_RENDERED)
        yield CrawledArticle(article=article, fetched_at=fetched_at, rendered=rendered, warc_records=records)
        links = _related_links(article)
        self.frontier.parsed(key, links)
        depth = self.frontier.depth(key)
        for link in links:
            yield from self._offer(link, depth + 1)

    # -- failures ------------------------------------------------------------------------
    def on_error(self, failure: Failure) -> Iterator[Request | CrawledArticle]:
        request: Request = failure.request  # type: ignore[attr-defined]
        kind = failure_kind(failure)
        self._inc(stats.FAILED(kind))
        self._probe_answered(kind if kind in NETWORK_KINDS else None)
        level = logging.INFO if kind in ("http-404", "robots", "offsite", "not-archived") else logging.WARNING
        logger.log(level, "Not fetched (%s): %s", kind, request.url)
        if request.callback != self.parse_article:
            return
        kwargs = request.cb_kwargs
        pages: tuple[Article, ...] = kwargs.get("pages", ())
        problem = f"pages: page {len(pages) + 1} not fetched ({kind})"
        fetched_at, records = kwargs.get("fetched_at", ""), kwargs.get("records", ())
        if kwargs.get("static_failed"):
            # The static page had no body, so without the browser this page is no article.
            logger.warning("Rendering failed for %s (%s): the page has no body without it", request.url, failure.value)
            self._inc(stats.RENDER_FAILED)
            self._inc(stats.SKIPPED("no-body"))
            problem, records = f"pages: page {len(pages) + 1} has no body (JavaScript rendering failed)", records[:-1]
        rendered = bool(kwargs.get("rendered"))
        yield from self._finish(kwargs["key"], pages, fetched_at, rendered, problem, records)

    def _render_all(self) -> dict[str, Any]:
        """Meta that sends every article page through the browser (``NEWSCRAWL_RENDER=always``)."""
        return render_meta() if self.config.render == "always" and self.config.browser else {}

    # -- stats ---------------------------------------------------------------------------
    def _count_page(self, kind: str) -> None:
        self._probe_answered()
        self._inc(stats.PAGES_FETCHED)
        self._inc(stats.PAGES(kind))

    def _inc(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key)


def _media_type(response: Response) -> str:
    """The response's ``Content-Type`` without parameters, lower-case; empty when not given."""
    header = response.headers.get("Content-Type") or b""
    return header.decode("latin-1").split(";")[0].strip().lower()


def _related_links(article: Article) -> tuple[str, ...]:
    """The "Berita terkait" cards and the "Pilihan Editor" link: the links the crawl follows."""
    found = [card.url for card in article.related if card.url]
    if article.editor_pick and article.editor_pick.url:
        found.append(article.editor_pick.url)
    return tuple(dict.fromkeys(found))
