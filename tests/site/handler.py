"""Test-only Scrapy components that put the fake tempo.co behind real tempo.co URLs.

``LocalSiteAddon`` runs after the project's add-ons: it takes the download handler
they chose for https (Scrapy's own, or scrapy-playwright's when rendering is on) and
wraps it in ``LocalSiteHandler``, which sends ``https://<host>/<path>`` to the local
server as ``http://127.0.0.1:<port>/<host>/<path>`` and gives the response back under
the original URL. Robots.txt, retries, redirects, throttling and rendering all run
as in production; only the network is swapped.

``NEWSCRAWL_TEST_SITE`` may also be ``dns-failure``: every request then fails as if
no name resolved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.exceptions import CannotResolveHostError
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import build_from_crawler, load_object

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings, Settings


class LocalSiteAddon:
    def update_settings(self, settings: Settings) -> None:
        chosen = settings.getwithbase("DOWNLOAD_HANDLERS")
        for scheme in ("http", "https"):
            settings.set(f"NEWSCRAWL_TEST_INNER_{scheme.upper()}", chosen[scheme], priority=50)
            settings["DOWNLOAD_HANDLERS"].set(scheme, f"tests.site.handler.Local{scheme.title()}Handler", priority=50)


class LocalSiteHandler(BaseDownloadHandler):
    lazy = False
    scheme = "https"

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.site = crawler.settings["NEWSCRAWL_TEST_SITE"]
        inner = load_object(crawler.settings[f"NEWSCRAWL_TEST_INNER_{self.scheme.upper()}"])
        self.inner = build_from_crawler(inner, crawler)

    async def download_request(self, request: Request) -> Response:
        parts = urlsplit(request.url)
        if self.site == "dns-failure":
            raise CannotResolveHostError(f"DNS lookup failed: no results for hostname lookup: {parts.hostname}")
        local = f"{self.site}/{parts.hostname}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
        response: Response = await self.inner.download_request(request.replace(url=local))
        # Tied to the spider's own request, as a real handler's response is (meta set below the handler reaches it).
        return response.replace(url=request.url, request=request)

    async def close(self) -> None:
        await self.inner.close()


class LocalHttpsHandler(LocalSiteHandler):
    scheme = "https"


class LocalHttpHandler(LocalSiteHandler):
    scheme = "http"


class FileStatsCollector(MemoryStatsCollector):
    """Writes the stats to ``NEWSCRAWL_TEST_STATS`` as JSON when the spider closes, after every
    ``spider_closed`` handler. ``StatsFile`` writes them again when the engine stops (the rendering
    handler counts its closed pages last); a crawl closed before its engine started running (the
    no-page timer firing under load) never sends ``engine_stopped``."""

    def _persist_stats(self, stats: dict[str, Any]) -> None:
        super()._persist_stats(stats)
        _write_stats(self._crawler.settings, stats)


class StatsFile:
    """Writes the crawl's final stats to ``NEWSCRAWL_TEST_STATS`` as JSON when the engine stops."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFile:
        return cls(crawler)

    def engine_stopped(self) -> None:
        assert self.crawler.stats is not None
        _write_stats(self.crawler.settings, self.crawler.stats.get_stats())


def _write_stats(settings: BaseSettings, stats: dict[str, Any]) -> None:
    path = Path(settings["NEWSCRAWL_TEST_STATS"])
    path.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True), encoding="utf-8")
