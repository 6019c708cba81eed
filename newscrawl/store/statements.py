"""The SQL the store writer runs: named statements, parameterized, identifiers from code only.

Rows a batch knows to be new are copied straight into their tables (``store.tables``); the
others of each table are written by one ``INSERT … ON CONFLICT … RETURNING``, fed from a
temporary staging table (``newscrawl_stage_<table>``) that the batch fills with ``COPY``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import LiteralString

from psycopg import sql

from newscrawl.store.records import ARTICLE_COLUMNS, CONTENT_COLUMNS, LINK_COLUMNS, VERSION_COLUMNS

STAGED_TABLES = ("articles", "article_versions", "article_links")


def ident(names: Iterable[str]) -> sql.Composed:
    return sql.SQL(", ").join(map(sql.Identifier, names))


def stage(table: str) -> sql.Identifier:
    return sql.Identifier(f"newscrawl_stage_{table}")


def _upsert(table: str, columns: tuple[str, ...], conflict: LiteralString, update: sql.Composable) -> sql.Composed:
    return sql.SQL("INSERT INTO {t} ({c}) SELECT {c} FROM {s} ON CONFLICT {k} {u}").format(
        t=sql.Identifier(table), c=ident(columns), s=stage(table), k=sql.SQL(conflict), u=update
    )


# A row is only rewritten where it differs: a new content, or (a row's own fetch read again by a
# re-parse) any other field.
UPSERT_ARTICLES = _upsert(
    "articles",
    ARTICLE_COLUMNS,
    "(article_key)",
    sql.SQL(
        "DO UPDATE SET {sets}, last_seen_at = greatest(articles.last_seen_at, EXCLUDED.last_seen_at),"
        " stored_at = now()"
        " WHERE ({old}) IS DISTINCT FROM ({new}) RETURNING id, (xmax = 0) AS inserted"
    ).format(
        sets=sql.SQL(", ").join(sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in CONTENT_COLUMNS),
        old=sql.SQL(", ").join(sql.SQL("articles.{}").format(sql.Identifier(c)) for c in CONTENT_COLUMNS),
        new=sql.SQL(", ").join(sql.SQL("EXCLUDED.{}").format(sql.Identifier(c)) for c in CONTENT_COLUMNS),
    ),
)
UPSERT_VERSIONS = _upsert(
    "article_versions", VERSION_COLUMNS, "(article_pk, version)", sql.SQL("DO NOTHING RETURNING article_pk")
)
UPSERT_LINKS = _upsert(
    "article_links",
    LINK_COLUMNS,
    "(article_pk, kind, target_url)",
    sql.SQL(
        "DO UPDATE SET target_key = EXCLUDED.target_key, anchor_text = EXCLUDED.anchor_text,"
        " position = EXCLUDED.position, last_seen_at = EXCLUDED.last_seen_at"
        " WHERE article_links.last_seen_at < EXCLUDED.last_seen_at RETURNING (xmax = 0) AS inserted"
    ),
)
UPSERTS = {"articles": UPSERT_ARTICLES, "article_versions": UPSERT_VERSIONS, "article_links": UPSERT_LINKS}
UPSERT_ALIASES = """
INSERT INTO article_aliases (alias_key, url, article_pk, content_hash, first_seen_at, last_seen_at)
SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[], %s::text[], %s::timestamptz[], %s::timestamptz[])
ON CONFLICT (alias_key) DO UPDATE SET
    url = EXCLUDED.url, article_pk = EXCLUDED.article_pk, content_hash = EXCLUDED.content_hash,
    last_seen_at = greatest(article_aliases.last_seen_at, EXCLUDED.last_seen_at)
WHERE article_aliases.content_hash <> EXCLUDED.content_hash OR article_aliases.last_seen_at < EXCLUDED.last_seen_at
RETURNING alias_key
"""
STAMP_ALIASES = "UPDATE article_aliases SET stored_at = now() WHERE alias_key = ANY(%s)"
# Unchanged (or late) fetches of a stored article: seen again, and found current now.
TOUCH_ARTICLES = """
UPDATE articles SET last_seen_at = greatest(articles.last_seen_at, t.seen), stored_at = now()
FROM unnest(%s::bigint[], %s::timestamptz[]) AS t(id, seen)
WHERE articles.id = t.id
"""
UPSERT_RUN = """
INSERT INTO crawl_runs (run_id, spider, arguments, job_id, hostname, pid, started_at, finished_at, status, stats)
VALUES (%(run_id)s, %(spider)s, %(arguments)s, %(job_id)s, %(hostname)s, %(pid)s, %(started_at)s, %(finished_at)s,
        %(status)s, %(stats)s)
ON CONFLICT (run_id) DO UPDATE SET finished_at = EXCLUDED.finished_at, status = EXCLUDED.status, stats = EXCLUDED.stats
WHERE EXCLUDED.finished_at IS NOT NULL
RETURNING run_id
"""
SNAPSHOT_ARTICLES = """
SELECT a.article_key, a.id, a.content_hash, a.last_changed_at, coalesce(v.max_version, a.version), v.hashes,
       a.version
FROM articles a
CROSS JOIN LATERAL (
    SELECT max(version) AS max_version, array_agg(content_hash) AS hashes
    FROM article_versions WHERE article_pk = a.id
) v
WHERE a.article_key = ANY(%s)
"""
SNAPSHOT_ALIASES = "SELECT alias_key, article_pk, content_hash FROM article_aliases WHERE alias_key = ANY(%s)"
# One index lookup per hash. As a plain join or "= ANY", a table that grew faster than its
# statistics (a first crawl) got a sequential scan per batch; OFFSET 0 keeps the lookup apart.
SNAPSHOT_HASHES = """
SELECT h.content_hash, v.article_pk
FROM unnest(%s::text[]) AS h(content_hash)
CROSS JOIN LATERAL (
    SELECT article_pk FROM article_versions WHERE content_hash = h.content_hash OFFSET 0
) v
"""
# Hamming distance <= 3 implies an equal 16-bit band: one indexed equality per band.
SNAPSHOT_NEAR = """
SELECT DISTINCT a.id, a.simhash, coalesce(a.duplicate_of, a.id)
FROM unnest(%s::bigint[]) AS q(h)
JOIN articles a ON ((a.simhash >> 48) & 65535) = ((q.h >> 48) & 65535)
                OR ((a.simhash >> 32) & 65535) = ((q.h >> 32) & 65535)
                OR ((a.simhash >> 16) & 65535) = ((q.h >> 16) & 65535)
                OR (a.simhash & 65535) = (q.h & 65535)
WHERE bit_count((a.simhash # q.h)::bit(64)) <= %s
"""
NEW_IDS = "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, %s)"
# The change feed: one notification per article the batch inserted ('new') or gave a new current
# version ('updated'), sent by PostgreSQL when the batch commits (never for a rolled-back one).
# The channel (newscrawl.store.view.CHANNEL) is the database's, shared by every schema in it: the
# payload names its schema.
NOTIFY_CHANGES = """
SELECT pg_notify('newscrawl_articles', json_build_object(
    'change', c.change, 'id', a.id, 'article_key', a.article_key, 'version', a.version,
    'site', a.site, 'published_at', a.published_at, 'schema', current_schema()
)::text)
FROM (SELECT unnest(%s::bigint[]) AS id, 'new' AS change UNION ALL SELECT unnest(%s::bigint[]), 'updated') c
JOIN articles a ON a.id = c.id
ORDER BY a.id
"""
