"""A batch's plan written to its tables, inside the writer's transaction and advisory lock.

The rows the plan knows to be new (an ``articles`` row whose id the batch drew from the
sequence, with its versions and links) are copied straight into their tables: nothing can
conflict with them while every writer holds the lock, and without the staging table and
``INSERT … ON CONFLICT`` they go in at a bare ``COPY``'s speed. Every other row is copied into a
temporary staging table and upserted, where ``ON CONFLICT`` decides what an existing row keeps.

The database is asked to confirm the plan: a straight copy that meets a row of the same key, or
an upsert that inserts or updates other rows than planned, means another writer ignored the
lock, and raises ``PlanConflict`` (the writer starts the batch again).
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from newscrawl.store import decisions, statements
from newscrawl.store.records import ARTICLE_COLUMNS, LINK_COLUMNS, VERSION_COLUMNS, article_row, version_values

Cursor = psycopg.Cursor[tuple[Any, ...]]

# The unique constraints a planned-new row meets when the plan was wrong: the article inserted by a
# writer that ignored the lock (its key), or ids taken outside the sequence (the primary keys; a
# retry draws fresh ones). A clash on canonical_url is the row's own data, refused like any other
# bad row. PostgreSQL names the first unique index it finds violated, in the order the indexes were
# made: after a REINDEX of the key's index, another writer's article is reported on its
# canonical_url, and the row-by-row retry of a refused row then finds it stored (counted unchanged).
_CONFLICT_CONSTRAINTS = frozenset(
    {"articles_pkey", "articles_article_key_key", "article_versions_pkey", "article_links_pkey"}
)


class PlanConflict(Exception):
    """The database did not do what the plan expected: another writer ignored the lock."""


def write_plan(cur: Cursor, plan: decisions.Plan) -> int:
    """Write ``plan`` (its outcomes gain the rows refreshed); the number of links added.
    Raises ``PlanConflict`` where the tables were not as the snapshot said."""
    new_ids = {row.id for row in plan.rows.values() if row.new}
    articles = sorted(plan.rows.items())
    _copy(cur, "articles", ARTICLE_COLUMNS, [_article_row(key, r) for key, r in articles if r.new])
    returned = _upsert(cur, "articles", ARTICLE_COLUMNS, [_article_row(key, r) for key, r in articles if not r.new])
    refreshed = _check_rows(plan, returned)
    if refreshed:
        plan.outcomes.update({"refreshed": refreshed, "unchanged": -refreshed})
        plan.outcomes = +plan.outcomes  # without a count of 0

    versions = [(v.article_pk in new_ids, _version_row(v)) for v in plan.versions]
    _copy(cur, "article_versions", VERSION_COLUMNS, [row for new, row in versions if new])
    existing = [row for new, row in versions if not new]
    if len(_upsert(cur, "article_versions", VERSION_COLUMNS, existing)) != len(existing):
        raise PlanConflict("a version number was taken by another writer")

    links = [(key[0] in new_ids, _link_row(key, row)) for key, row in sorted(plan.links.items())]
    copied = [row for new, row in links if new]
    _copy(cur, "article_links", LINK_COLUMNS, copied)
    added = sum(1 for r in _upsert(cur, "article_links", LINK_COLUMNS, [row for new, row in links if not new]) if r[0])

    if plan.aliases:
        keys_sorted = sorted(plan.aliases)
        columns = list(zip(*(_alias_values(plan.aliases[k]) for k in keys_sorted), strict=True))
        cur.execute(statements.UPSERT_ALIASES, (keys_sorted, *map(list, columns)))
        cur.execute(statements.STAMP_ALIASES, (keys_sorted,))
    if plan.touches:
        ids_sorted = sorted(plan.touches)
        cur.execute(statements.TOUCH_ARTICLES, (ids_sorted, [plan.touches[i] for i in ids_sorted]))
    if plan.rows:
        cur.execute(statements.NOTIFY_CHANGES, _changed(plan))
    return len(copied) + added


def _copy(cur: Cursor, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """``rows``, all planned new, copied straight into ``table``."""
    try:
        _copy_into(cur, sql.Identifier(table), columns, rows)
    except psycopg.errors.UniqueViolation as exc:
        if exc.diag.constraint_name in _CONFLICT_CONSTRAINTS:
            raise PlanConflict(f"a row planned as new was in {table} already") from exc
        raise


def _upsert(cur: Cursor, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """``rows`` copied into ``table``'s staging table and upserted; what the upsert returned."""
    if not rows:
        return []
    _copy_into(cur, statements.stage(table), columns, rows)
    cur.execute(statements.UPSERTS[table])
    return cur.fetchall()


def _copy_into(cur: Cursor, table: sql.Identifier, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    with cur.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(table, statements.ident(columns))) as copy:
        for row in rows:
            copy.write_row(row)


def _article_row(key: str, row: decisions.Row) -> tuple[Any, ...]:
    return article_row(
        row.id,
        key,
        row.entry.content,
        version=row.version,
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
        last_changed_at=row.last_changed_at,
        duplicate_of=row.duplicate_of,
    )


def _version_row(new: decisions.NewVersion) -> tuple[Any, ...]:
    return version_values(new.pending.item, new.article_pk, new.version, new.fetched_at, new.pending.run_id)


def _link_row(key: tuple[int, str, str], row: decisions.LinkRow) -> tuple[Any, ...]:
    """An ``article_links`` row in ``LINK_COLUMNS`` order."""
    article_pk, kind, url = key
    return (article_pk, kind, url, row.target_key, row.anchor_text, row.position, row.first_seen_at, row.last_seen_at)


def _alias_values(row: decisions.AliasRow) -> tuple[Any, ...]:
    """The values ``UPSERT_ALIASES`` takes after the key, in its order."""
    return (row.url, row.article_pk, row.content_hash, row.first_seen_at, row.last_seen_at)


def _changed(plan: decisions.Plan) -> tuple[list[int], list[int]]:
    """Ids of the rows the batch inserted, and of those it gave a new version (a refresh is neither)."""
    rows = plan.rows.values()
    return sorted(r.id for r in rows if r.new), sorted(r.id for r in rows if not r.new and not r.refresh)


def _check_rows(plan: decisions.Plan, returned: list[tuple[Any, ...]]) -> int:
    """Raise ``PlanConflict`` unless the upsert of existing rows updated what the plan says (and
    inserted none); the number of rows refreshed."""
    updated = {row_id for row_id, was_inserted in returned if not was_inserted}
    edited = {r.id for r in plan.rows.values() if not r.new and not r.refresh}
    refreshable = {r.id for r in plan.rows.values() if r.refresh}
    if any(was_inserted for _, was_inserted in returned) or not edited <= updated <= edited | refreshable:
        raise PlanConflict("the articles rows changed under the batch")
    return len(updated & refreshable)
