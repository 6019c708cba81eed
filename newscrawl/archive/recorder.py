"""Recording: every response of a crawl, with its request, to gzip WARC/1.1 files.

``WarcRecorderMiddleware`` is a downloader middleware placed next to the download
handler (``process_response`` runs before any other middleware's), so what it records is
what came off the wire: redirects, errors, robots.txt, retried attempts and the browser's
rendering of a page each get their own record. It is off (``NotConfigured``) unless
``NEWSCRAWL_WARC_DIR`` is set, and during a replay, whose records exist already.

Files are written by one thread of the middleware's own (compressing a page takes
milliseconds the event loop should not wait for) and named
``newscrawl-<run start, UTC>-<run>-<serial>.warc.gz``; a new one is begun when the next
record would take the current one past ``NEWSCRAWL_WARC_MAX_SIZE`` bytes. Each pair is
flushed as it is written, so a crawl that dies leaves at most one cut record.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl import settings as defaults
from newscrawl.archive import FETCHED_AT, WARC_RECORD, warc
from newscrawl.config import Read
from newscrawl.crawl.context import run_context
from newscrawl.items import WarcRecord
from newscrawl.politeness import VERSION
from newscrawl.stats import WARC_BYTES, WARC_ERRORS, WARC_FILES, WARC_RECORDS

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


def warc_max_size(settings: BaseSettings) -> int:
    """``NEWSCRAWL_WARC_MAX_SIZE``; ``SettingError`` unless a positive number of bytes."""
    return Read(settings).whole("NEWSCRAWL_WARC_MAX_SIZE", defaults.NEWSCRAWL_WARC_MAX_SIZE, minimum=1)


class WarcFiles:
    """The WARC files of one run in ``directory``; ``write`` is called from one thread only."""

    def __init__(self, directory: Path, max_size: int, fields: dict[str, str], started: datetime) -> None:
        self.directory = directory
        self.max_size = max_size
        self.fields = fields
        self.stem = f"newscrawl-{started.astimezone(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
        self.paths: list[Path] = []
        self._file: BinaryIO | None = None
        self._size = 0
        self._opening_size = 0

    def write(self, exchange: warc.Exchange) -> WarcRecord:
        """Append ``exchange``'s response and request records; where the response record is."""
        data, length = warc.exchange_records(exchange)
        full = self._size + len(data) > self.max_size and self._size > self._opening_size
        if self._file is None or full:
            self._begin(exchange.fetched_at)
        assert self._file is not None
        offset = self._size
        self._file.write(data)
        self._file.flush()
        self._size += len(data)
        return WarcRecord(str(self.paths[-1]), offset, length)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _begin(self, when: datetime) -> None:
        self.close()
        path = self.directory / f"{self.stem}-{len(self.paths) + 1:05d}.warc.gz"
        self._file = path.open("xb")
        self.paths.append(path)
        info = warc.warcinfo_record(path.name, self.fields, when)
        self._file.write(info)
        self._size = self._opening_size = len(info)


class WarcRecorderMiddleware:
    def __init__(self, files: WarcFiles, stats: StatsCollector) -> None:
        self.files = files
        self.stats = stats
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newscrawl-warc")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        directory = settings.get("NEWSCRAWL_WARC_DIR")
        # Bare NotConfigured: with a message Scrapy logs a warning on every crawl that does not
        # record, which is most of them (and breaks "quiet under LOG_LEVEL=WARNING").
        if not directory:
            raise NotConfigured
        if settings.get("NEWSCRAWL_REPLAY"):
            logger.info("Replaying an archive: NEWSCRAWL_WARC_DIR is ignored, the records exist already")
            raise NotConfigured
        max_size = warc_max_size(settings)
        path = Path(directory).expanduser().resolve()
        path.mkdir(parents=True, exist_ok=True)  # an unusable directory fails the crawl now
        fields = {
            "software": f"newscrawl/{VERSION} (Scrapy, warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "hostname": socket.gethostname(),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": settings.get("USER_AGENT") or "",
            warc.ARGUMENTS_FIELD: json.dumps(dict(run_context(crawler).identity), ensure_ascii=False),
        }
        assert crawler.stats is not None
        recorder = cls(WarcFiles(path, max_size, fields, datetime.now(UTC)), crawler.stats)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        logger.info("Recording every response to WARC files in %s (%s-*.warc.gz)", path, recorder.files.stem)
        return recorder

    async def process_response(self, request: Request, response: Response) -> Response:
        fetched_at = datetime.now(UTC)
        request.meta[FETCHED_AT] = fetched_at
        exchange = warc.Exchange(
            url=response.url,
            status=response.status,
            headers=_pairs(response.headers),
            body=response.body,
            fetched_at=fetched_at,
            rendered=bool(request.meta.get("playwright")),
            request_headers=_pairs(request.headers),
            method=request.method,
            protocol=response.protocol or "HTTP/1.1",
            ip_address=str(response.ip_address) if response.ip_address else None,
        )
        try:
            record = await asyncio.get_running_loop().run_in_executor(self._executor, self.files.write, exchange)
        except OSError as exc:
            # Not fatal: the page itself is fine; its item just has no archive record.
            self.stats.inc_value(WARC_ERRORS)
            logger.error("Cannot write %s to the WARC archive: %s", response.url, exc)
            return response
        request.meta[WARC_RECORD] = record
        self.stats.inc_value(WARC_RECORDS)
        return response

    def spider_closed(self) -> None:
        self._executor.shutdown(wait=True)
        self.files.close()
        self.stats.set_value(WARC_FILES, len(self.files.paths))
        self.stats.set_value(WARC_BYTES, sum(path.stat().st_size for path in self.files.paths))
        logger.info(
            "Recorded %d responses in %d WARC files: %s",
            self.stats.get_value(WARC_RECORDS, 0),
            len(self.files.paths),
            ", ".join(str(p) for p in self.files.paths) or "(none)",
        )


def _pairs(headers: dict[bytes, list[bytes]]) -> tuple[tuple[str, str], ...]:
    # HTTP header bytes are latin-1 by definition; nothing is lost either way.
    return tuple(
        (name.decode("latin-1"), value.decode("latin-1")) for name, values in headers.items() for value in values
    )
