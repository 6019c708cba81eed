"""Replay: a whole crawl served from WARC files, with no network at all.

``scrapy crawl tempo -a replay=PATH`` makes the spider set ``NEWSCRAWL_REPLAY``; the
``ReplayAddon`` then installs ``ReplayDownloadHandler`` for http and https (in place of
Scrapy's and scrapy-playwright's: no DNS lookup, no socket, no browser) and lifts the
politeness delays, as no server is asked anything. Everything above the handler runs
as in the crawl that recorded the archive: robots.txt (served from the archive too),
retries, redirects, decompression, the spider's discovery and the pipelines.

What is served for a request:

* the response recorded for its URL, the rendered one for a request sent to the
  browser; a URL recorded several times (a retried 500, then its 200) gets them in
  the order they were recorded, as the crawl did, and the last one after that;
* for a page-1 article URL the archive does not hold, the article's response under
  another URL form (E2/E3 address, another listing's link), if there is one: the live
  crawl fetched one form of each article and the replay may meet another first;
* otherwise nothing: ``NotArchived`` (an ``IgnoreRequest``), counted in
  ``replay/missing``; the spider logs it like any page that could not be fetched.

The request's meta gets the archived fetch time and record (``newscrawl.archive``), so
items carry the same ``fetched_at`` and "4 jam lalu" resolves as in the original crawl.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from scrapy.settings import SETTINGS_PRIORITIES
from w3lib.url import canonicalize_url

from newscrawl import outlets
from newscrawl.archive import FETCHED_AT, WARC_RECORD, index, warc
from newscrawl.politeness import MIN_DOWNLOAD_DELAY
from newscrawl.stats import (
    REPLAY_DAMAGED,
    REPLAY_FILES,
    REPLAY_MISSING,
    REPLAY_RECORDS,
    REPLAY_SERVED,
    REPLAY_UNREADABLE,
)

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import Settings

logger = logging.getLogger(__name__)

HANDLER = "newscrawl.archive.replay.ReplayDownloadHandler"
NOT_ARCHIVED = "not in the archive"


class NotArchived(IgnoreRequest):
    """The archive holds no response for the request; nothing is fetched instead."""


class ReplayAddon:
    def update_settings(self, settings: Settings) -> None:
        if not settings.get("NEWSCRAWL_REPLAY"):
            return
        for scheme in ("http", "https"):
            settings["DOWNLOAD_HANDLERS"].set(scheme, HANDLER, priority="addon")
        # Politeness protects a server; a replay asks none. Values given with -s still win.
        for name, value in (("AUTOTHROTTLE_ENABLED", False), ("DOWNLOAD_DELAY", MIN_DOWNLOAD_DELAY)):
            priority = settings.getpriority(name) or 0
            if priority <= SETTINGS_PRIORITIES["project"]:
                settings.set(name, value, priority=priority)


_Key = tuple[str, bool]


class Archive:
    """The response records of an archive by URL (and rendered or not), read once."""

    def __init__(self, path: Path) -> None:
        self.files = index.warc_files(path)
        self.damage: list[index.Damage] = []
        self.records = 0
        self._by_url: dict[_Key, list[index.Entry]] = defaultdict(list)
        self._by_article: dict[_Key, str] = {}
        for file in self.files:
            for found in index.scan(file):
                if isinstance(found, index.Damage):
                    logger.error("%s", found)
                    self.damage.append(found)
                    continue
                self.records += 1
                key = (_url_key(found.url), found.rendered)
                self._by_url[key].append(found)
                article = outlets.article_key(found.url)
                if article is not None and outlets.page_number(found.url) == 1:
                    self._by_article.setdefault((article, found.rendered), key[0])

    def take(self, url: str, rendered: bool) -> index.Entry | None:
        """The response to serve for the next request of ``url``, or ``None``."""
        key = (_url_key(url), rendered)
        if key not in self._by_url and outlets.page_number(url) == 1:
            other = self._by_article.get((outlets.article_key(url) or "", rendered))
            if other is not None:
                key = (other, rendered)
        entries = self._by_url.get(key)
        if not entries:
            return None
        # Its records in the order they were recorded, the last one again for every request after
        # (a retry, a re-check): a served record is dropped, not counted in a map of its own, which
        # grew by a URL for every page of a long replay.
        return entries.pop(0) if len(entries) > 1 else entries[0]


_ARCHIVES: WeakKeyDictionary[Crawler, Archive] = WeakKeyDictionary()


def archive_for(crawler: Crawler, path: Path) -> Archive:
    """The crawl's archive, read once: Scrapy builds one handler for http and one for https."""
    archive = _ARCHIVES.get(crawler)
    if archive is None:
        archive = _ARCHIVES[crawler] = Archive(path)
        logger.info(
            "Replaying %d responses from %d WARC files in %s (%d damaged stretches skipped)",
            archive.records,
            len(archive.files),
            path,
            len(archive.damage),
        )
        assert crawler.stats is not None
        crawler.stats.set_value(REPLAY_FILES, len(archive.files))
        crawler.stats.set_value(REPLAY_RECORDS, archive.records)
        crawler.stats.set_value(REPLAY_DAMAGED, len(archive.damage))
        crawler.signals.connect(lambda: _report(crawler), signal=signals.spider_closed, weak=False)
    return archive


def _report(crawler: Crawler) -> None:
    assert crawler.stats is not None
    get = crawler.stats.get_value
    logger.info(
        "Replay: %d responses served from the archive, %d requests not in it (%s)",
        get(REPLAY_SERVED, 0),
        get(REPLAY_MISSING, 0),
        REPLAY_MISSING,
    )


class ReplayDownloadHandler(BaseDownloadHandler):
    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        path = crawler.settings.get("NEWSCRAWL_REPLAY")
        if not path:
            raise NotConfigured("NEWSCRAWL_REPLAY is not set")
        self.archive = archive_for(crawler, Path(path))
        assert crawler.stats is not None
        self.stats = crawler.stats

    async def download_request(self, request: Request) -> Response:
        entry = self.archive.take(request.url, rendered=bool(request.meta.get("playwright")))
        if entry is None:
            self.stats.inc_value(REPLAY_MISSING)
            logger.debug("Not in the archive: %s", request.url)
            raise NotArchived(f"{request.url} is {NOT_ARCHIVED}")
        try:
            exchange = await asyncio.to_thread(warc.read_record, entry.record)
        except warc.ArchiveError as exc:
            self.stats.inc_value(REPLAY_UNREADABLE)
            logger.error("Cannot replay %s: %s", request.url, exc)
            raise NotArchived(f"{request.url} is {NOT_ARCHIVED} in a readable form") from None
        self.stats.inc_value(REPLAY_SERVED)
        request.meta[FETCHED_AT] = exchange.fetched_at
        request.meta[WARC_RECORD] = entry.record
        headers = Headers()
        for name, value in exchange.headers:
            headers.appendlist(name, value)
        # Under the URL it was recorded for: the same page the live crawl read, whatever form led here.
        url = request.url if _url_key(request.url) == _url_key(entry.url) else entry.url
        response_class = responsetypes.from_args(headers=headers, url=url, body=exchange.body)
        response: Response = response_class(
            url=url,
            status=exchange.status,
            headers=headers,
            body=exchange.body,
            request=request,
            flags=["replay"],
            protocol=exchange.protocol,
        )
        return response


def _url_key(url: str) -> str:
    # Query order and fragments do not make another page.
    return canonicalize_url(url, keep_fragments=False)
