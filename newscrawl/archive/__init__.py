"""The web archive: every fetch recorded to WARC files, and whole crawls replayed from them.

* ``warc``: the WARC format through warcio (writing request/response pairs, reading a
  record back);
* ``index``: what WARC files hold, read through once, damaged stretches reported and skipped;
* ``recorder``: ``WarcRecorderMiddleware``, on when ``NEWSCRAWL_WARC_DIR`` is set;
* ``replay``: ``ReplayAddon`` and ``ReplayDownloadHandler``, serving ``-a replay=PATH``;
* ``sample``: builds ``seeds/sample.warc.gz``, the archive ``make replay`` crawls.

Both the recorder and the replay handler tell the spider about a response through its
request's meta: when it was fetched (``FETCHED_AT``, so that "4 jam lalu" means the same
in a replay as in the crawl that recorded it) and where it is kept (``WARC_RECORD``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newscrawl.items import WarcRecord

if TYPE_CHECKING:
    from scrapy.http import Response

FETCHED_AT = "newscrawl_fetched_at"
"""Request meta: the archived fetch time of the response (an aware ``datetime``)."""
WARC_RECORD = "newscrawl_warc_record"
"""Request meta: the ``WarcRecord`` the response is kept in."""


def fetch_time(response: Response) -> datetime:
    """When ``response`` was fetched: its archived time when it has one, else now."""
    archived = response.meta.get(FETCHED_AT)
    return archived if isinstance(archived, datetime) else datetime.now(UTC)


def warc_record(response: Response) -> WarcRecord | None:
    """The WARC record ``response`` is kept in, when the crawl records or replays."""
    record = response.meta.get(WARC_RECORD)
    return record if isinstance(record, WarcRecord) else None
