"""Reading an article's pages (``ArticleReading``, a part of ``OutletSpider``): each page parsed by its
outlet's layouts, the next page requested until the last, the pages merged into one item, its
related links offered to the spider's gate; pages whose text needs JavaScript sent to the browser;
failures recorded on the item as warnings rather than lost."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from scrapy import Request

from newscrawl import stats
from newscrawl.archive import fetch_time, warc_record
from newscrawl.guard import NETWORK_KINDS, failure_kind
from newscrawl.items import Article, CrawledArticle, WarcRecord
from newscrawl.parsers import NotAnArticle, article_page, merge_pages
from newscrawl.rendering import render_meta

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

    from scrapy.http import Response
    from twisted.python.failure import Failure

    from newscrawl.crawl.contract import ArticleFrontier
    from newscrawl.spiders.plan import CrawlConfig, CrawlPlan

logger = logging.getLogger(__name__)

MAX_ARTICLE_PAGES = 30
# Pages of an article already started come before new articles (its earlier pages wait in memory).
NEXT_PAGE_PRIORITY = 20


class ArticleReading:
    """The article callbacks of ``OutletSpider`` (callbacks must be methods of the spider's class for
    ``JOBDIR``'s disk queue: this class is one of its bases)."""

    if TYPE_CHECKING:  # what the spider provides
        plan: CrawlPlan
        config: CrawlConfig
        frontier: ArticleFrontier

        def _offer(self, url: str, depth: int, lastmod: datetime | None = None) -> Iterator[Request]: ...
        def _inc(self, key: str) -> None: ...
        def _count_page(self, kind: str) -> None: ...
        def _probe_answered(self, network_failure: str | None = None) -> None: ...

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
