"""The crawl state in PostgreSQL: ``crawl_urls`` rows, and which earlier runs died.

Synchronous psycopg, like the store's writer: the spider middleware runs every call in a
worker thread of its own, so the event loop never waits on the database. Each method is one
short transaction; none of them takes the store's batch lock (they touch other rows).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.store.connection import Connection
from newscrawl.store.reconnect import Reconnecting, error_text

logger = logging.getLogger(__name__)

KNOWN = """
SELECT k.key, u.status, u.checked_at, u.etag, u.last_modified, u.lastmod,
       coalesce(a.last_seen_at, al.last_seen_at), coalesce(a.first_seen_at, al.first_seen_at),
       coalesce(a.published_at, t.published_at), coalesce(a.modified_at, t.modified_at)
FROM unnest(%s::text[]) AS k(key)
LEFT JOIN crawl_urls u ON u.article_key = k.key
LEFT JOIN articles a ON a.article_key = k.key
LEFT JOIN article_aliases al ON al.alias_key = k.key AND a.id IS NULL
LEFT JOIN articles t ON t.id = al.article_pk
"""
QUEUE = """
INSERT INTO crawl_urls (article_key, url, status, depth, queued_by, queued_at, lastmod)
SELECT k, u, 'queued', d, %s::uuid, now(), m
FROM unnest(%s::text[], %s::text[], %s::integer[], %s::timestamptz[]) AS t(k, u, d, m)
ON CONFLICT (article_key) DO UPDATE SET
    url = EXCLUDED.url, status = 'queued', depth = EXCLUDED.depth, queued_by = EXCLUDED.queued_by,
    queued_at = EXCLUDED.queued_at, lastmod = greatest(crawl_urls.lastmod, EXCLUDED.lastmod)
"""
# Validators are replaced on a 200 (a page without them must not keep stale ones) and kept on
# anything else; attempts count consecutive failures.
RECORD = """
INSERT INTO crawl_urls (article_key, url, status, checked_at, fetched_at, last_status, etag, last_modified,
                        attempts, reason)
SELECT k, u, s, now(), CASE WHEN c = 200 THEN now() END, c, e, l, CASE WHEN s = 'failed' THEN 1 ELSE 0 END, r
FROM unnest(%s::text[], %s::text[], %s::text[], %s::integer[], %s::text[], %s::text[], %s::text[])
     AS t(k, u, s, c, e, l, r)
ON CONFLICT (article_key) DO UPDATE SET
    status = EXCLUDED.status, checked_at = EXCLUDED.checked_at, reason = EXCLUDED.reason,
    last_status = coalesce(EXCLUDED.last_status, crawl_urls.last_status),
    fetched_at = coalesce(EXCLUDED.fetched_at, crawl_urls.fetched_at),
    etag = CASE WHEN EXCLUDED.last_status = 200 THEN EXCLUDED.etag ELSE crawl_urls.etag END,
    last_modified = CASE WHEN EXCLUDED.last_status = 200 THEN EXCLUDED.last_modified ELSE crawl_urls.last_modified END,
    attempts = CASE WHEN EXCLUDED.status = 'failed' THEN crawl_urls.attempts + 1 ELSE 0 END
"""
# A 304 is a fetch that found the stored content current: the article was seen now.
TOUCH = """
WITH seen AS (SELECT unnest(%s::text[]) AS key)
UPDATE articles SET last_seen_at = greatest(last_seen_at, now()), stored_at = now()
WHERE article_key IN (SELECT key FROM seen)
   OR id IN (SELECT article_pk FROM article_aliases WHERE alias_key IN (SELECT key FROM seen))
"""
RUNNING = "SELECT run_id, pid FROM crawl_runs WHERE status = 'running' AND hostname = %s AND run_id <> %s::uuid"
CRASHED = """
UPDATE crawl_runs SET status = 'crashed', finished_at = coalesce(heartbeat_at, started_at)
WHERE status = 'running' AND run_id <> %(me)s::uuid
  AND (run_id = ANY(%(dead)s::uuid[])
       OR (hostname IS DISTINCT FROM %(host)s
           AND coalesce(heartbeat_at, started_at) < now() - make_interval(secs => %(stale)s)))
RETURNING run_id
"""
# The frontier a run left: rows it queued whose article is not stored since, nor settled.
# "Since" on the database's clock at both ends (queued_at, stored_at): the crawler's fetch
# times are an archive's in a replay, and another machine's clock in a live crawl.
RESUMABLE = """
SELECT u.url, u.depth, r.run_id
FROM crawl_runs r
JOIN crawl_urls u ON u.queued_by = r.run_id AND u.status IN ('queued', 'fetched', 'failed')
WHERE r.spider = %s AND r.arguments -> 'spider' = %s::jsonb AND r.run_id <> %s::uuid
  AND r.status NOT IN ('running', 'finished')
  AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_key = u.article_key AND a.stored_at >= u.queued_at)
  AND NOT EXISTS (SELECT 1 FROM article_aliases a WHERE a.alias_key = u.article_key AND a.stored_at >= u.queued_at)
ORDER BY u.depth, u.queued_at
"""
# The links a stored article's crawl followed ("Berita terkait" cards, "Pilihan Editor").
LINKS = """
SELECT a.article_key, array_agg(l.target_url ORDER BY l.kind DESC, l.position)
FROM articles a JOIN article_links l ON l.article_pk = a.id AND l.kind IN ('related', 'editor_pick')
WHERE a.article_key = ANY(%s)
GROUP BY a.article_key
"""
HEARTBEAT = "UPDATE crawl_runs SET heartbeat_at = now() WHERE run_id = %s::uuid"


@dataclass(frozen=True, slots=True)
class Known:
    """What the database knows about one article key (every field may be unknown)."""

    status: str | None = None
    """``crawl_urls.status``: ``queued``, ``fetched``, ``not-modified``, ``skipped``…; ``None``: no row."""
    checked_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    lastmod: datetime | None = None
    last_seen_at: datetime | None = None
    """Of the stored article (or of the alias the key is stored as); ``None``: not stored."""
    first_seen_at: datetime | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one fetch of an article's first page taught us."""

    key: str
    url: str
    status: str
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    reason: str | None = None


class StateDB:
    """The ``crawl_urls`` table and ``crawl_runs`` housekeeping, over one connection made on first use."""

    def __init__(self, url: str | None, pgdata: str | Path, *, connect_timeout: float = 10.0) -> None:
        self._db = Reconnecting(url, pgdata, connect_timeout=connect_timeout)

    def _open(self) -> Connection:
        return self._db.get()

    def error(self, exc: BaseException) -> str:
        return error_text(exc, self._db.url)

    def close(self) -> None:
        self._db.close()

    def known(self, keys: list[str]) -> dict[str, Known]:
        rows = self._open().execute(KNOWN, (keys,)).fetchall()
        return {row[0]: Known(*row[1:]) for row in rows}

    def links(self, keys: list[str]) -> dict[str, list[str]]:
        return {str(k): list(v) for k, v in self._open().execute(LINKS, (keys,)).fetchall()}

    def queue(self, run_id: str | None, rows: list[tuple[str, str, int, datetime | None]]) -> None:
        if rows:
            keys, urls, depths, lastmods = (list(c) for c in zip(*rows, strict=True))
            self._open().execute(QUEUE, (run_id, keys, urls, depths, lastmods))

    def record(self, outcomes: list[Outcome]) -> None:
        if not outcomes:
            return
        latest = {o.key: o for o in outcomes}  # one row may be settled twice in a batch
        columns = list(zip(*((o.key, o.url, o.status, o.http_status, o.etag, o.last_modified, o.reason)
                             for o in latest.values()), strict=True))  # fmt: skip
        conn = self._open()
        with conn.transaction():
            conn.execute(RECORD, [list(c) for c in columns])
            unchanged = [o.key for o in latest.values() if o.status == "not-modified"]
            if unchanged:
                conn.execute(TOUCH, (unchanged,))

    def mark_crashed(self, run_id: str, hostname: str, stale_after: float) -> list[str]:
        """Mark dead runs ``crashed``: on this host, those whose process is gone; elsewhere,
        those whose heartbeat stopped ``stale_after`` seconds ago. Returns their ids."""
        conn = self._open()
        rows = conn.execute(RUNNING, (hostname, run_id)).fetchall()
        dead = [str(r) for r, pid in rows if pid != os.getpid() and not _alive(pid)]
        params = {"me": run_id, "dead": dead, "host": hostname, "stale": stale_after}
        return [str(row[0]) for row in conn.execute(CRASHED, params).fetchall()]

    def resumable(self, spider: str, arguments: dict[str, Any], run_id: str) -> list[tuple[str, int, str]]:
        """``(url, depth, run_id)`` of the unfinished frontier of earlier runs with the same arguments."""
        params = (spider, json.dumps(arguments), run_id)
        return [(str(u), int(d), str(r)) for u, d, r in self._open().execute(RESUMABLE, params).fetchall()]

    def heartbeat(self, run_id: str) -> None:
        self._open().execute(HEARTBEAT, (run_id,))


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True
