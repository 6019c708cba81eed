"""The schema: migrations, the columns readers rely on, and what a migration may not do."""

from __future__ import annotations

import dataclasses
import logging
import re
import threading

import psycopg
import pytest

from newscrawl.items import Article
from newscrawl.store.connection import Connection
from newscrawl.store.migrate import REWORDED, Migration, available, migrate
from tests import doc_tables
from tests.fix_db import rows

# What destroys data; a migration file may contain none of it (comments aside).
DESTRUCTIVE = re.compile(
    r"\b(DROP\s+(TABLE|COLUMN|SCHEMA|VIEW)|TRUNCATE|DELETE\s+FROM|ALTER\s+COLUMN\s+\w+\s+TYPE)\b", re.I
)


def test_migration_files_are_numbered_without_gaps() -> None:
    assert [m.version for m in available()] == list(range(1, len(available()) + 1))


@pytest.mark.parametrize("migration", available(), ids=lambda m: f"{m.version:04d}_{m.name}")
def test_no_migration_drops_data(migration: object) -> None:
    code = re.sub(r"--[^\n]*", "", migration.sql)  # type: ignore[attr-defined]
    assert not DESTRUCTIVE.search(code)


def test_the_check_catches_a_destructive_statement() -> None:
    assert DESTRUCTIVE.search("ALTER TABLE articles DROP COLUMN body;")


@pytest.mark.db
def test_migrations_are_recorded_and_applied_once(db: Connection) -> None:
    assert rows(db, "SELECT version, name FROM schema_migrations") == [(m.version, m.name) for m in available()]
    assert migrate(db) == []


@pytest.mark.parametrize("version", sorted(REWORDED), ids=lambda v: f"{v:04d}")
def test_a_reworded_file_keeps_the_statements_of_its_first_wording(version: int) -> None:
    (migration,) = [m for m in available() if m.version == version]
    assert migration.statements_checksum in REWORDED[version].values(), (
        f"{version:04d}_{migration.name}.sql: its statements changed since release; never edit an applied"
        " migration, add a new file"
    )


@pytest.mark.db
def test_a_database_that_applied_an_earlier_wording_is_up_to_date(
    db: Connection, caplog: pytest.LogCaptureFixture
) -> None:
    version, earlier = next((v, next(iter(checksums))) for v, checksums in REWORDED.items())
    db.execute("UPDATE schema_migrations SET checksum = %s WHERE version = %s", (earlier, version))
    with caplog.at_level(logging.WARNING, logger="newscrawl.store.migrate"):
        assert migrate(db) == []
    assert not caplog.records
    db.execute("UPDATE schema_migrations SET checksum = %s WHERE version = %s", ("0" * 64, version))
    with caplog.at_level(logging.WARNING, logger="newscrawl.store.migrate"):
        assert migrate(db) == []
    assert [r.getMessage() for r in caplog.records] == [
        f"Migration {version:04d}_{[m.name for m in available() if m.version == version][0]} was edited after it"
        " was applied; the edit is not applied"
    ]


@pytest.mark.db
def test_two_processes_migrating_at_once_apply_each_file_once(schema_url: str) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with psycopg.connect(schema_url, autocommit=True) as conn:
                migrate(conn)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with psycopg.connect(schema_url) as conn:
        assert rows(conn, "SELECT count(*) FROM schema_migrations") == [(len(available()),)]


def _columns(db: Connection, table: str) -> dict[str, str]:
    return dict(
        rows(
            db,
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = %s",
            table,
        )
    )


@pytest.mark.db
def test_every_article_field_is_a_typed_column_of_articles_and_of_the_view(db: Connection) -> None:
    fields = [f.name for f in dataclasses.fields(Article)]
    for table in ("articles", "articles_current"):
        columns = _columns(db, table)
        assert set(fields) <= set(columns), table
        assert columns["published_at"] == columns["modified_at"] == "timestamp with time zone"
        assert columns["reporters"] == columns["tags"] == columns["highlights"] == "ARRAY"
        assert columns["related"] == columns["editor_pick"] == columns["read_also"] == "jsonb"
        assert columns["search"] == "tsvector"
        assert columns["article_id"] == "bigint"


def _view_columns(conn: Connection) -> list[str]:
    return [
        name
        for (name,) in rows(
            conn,
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'articles_current' ORDER BY ordinal_position",
        )
    ]


def _one_row_before(target: Migration, conn: Connection) -> list[str]:
    """The schema migrated up to ``target`` (not included), one article stored in it; the view's columns."""
    for migration in available():
        if migration.version < target.version:
            conn.execute(migration.sql.encode())
    before = _view_columns(conn)
    conn.execute(
        "INSERT INTO articles (article_key, canonical_url, url, layout, title, body, content_hash, simhash,"
        " word_count, version, first_seen_at, last_seen_at, last_changed_at)"
        " VALUES ('tempo:1', 'https://www.tempo.co/read/1/x', 'https://www.tempo.co/read/1/x', 'E2', 'Judul',"
        " 'Isi.', 'h', 0, 1, 1, now(), now(), now())"
    )
    return before


@pytest.mark.db
def test_the_highlights_migration_gives_stored_rows_no_key_points_and_the_view_a_last_column(schema_url: str) -> None:
    (highlights,) = [m for m in available() if m.name == "highlights"]
    with psycopg.connect(schema_url, autocommit=True) as conn:
        before = _one_row_before(highlights, conn)
        conn.execute(highlights.sql.encode())
        assert rows(conn, "SELECT highlights FROM articles") == [([],)]
        assert rows(conn, "SELECT highlights FROM articles_current") == [([],)]
        assert _view_columns(conn) == [*before, "highlights"]


@pytest.mark.db
def test_the_outlet_migration_makes_stored_rows_tempos_and_gives_the_view_a_last_column(schema_url: str) -> None:
    (outlet,) = [m for m in available() if m.name == "outlet"]
    with psycopg.connect(schema_url, autocommit=True) as conn:
        before = _one_row_before(outlet, conn)
        conn.execute(outlet.sql.encode())
        assert rows(conn, "SELECT article_key, outlet FROM articles_current") == [("tempo:1", "tempo")]
        assert _view_columns(conn) == [*before, "outlet"]
        with pytest.raises(psycopg.errors.NotNullViolation):
            conn.execute(
                "INSERT INTO articles (article_key, canonical_url, url, layout, title, body, content_hash, simhash,"
                " word_count, version, first_seen_at, last_seen_at, last_changed_at)"
                " VALUES ('url:x', 'https://x.id/a', 'https://x.id/a', 'generic', 'Judul',"
                " 'Isi.', 'h', 0, 1, 1, now(), now(), now())"
            )


@pytest.mark.db
def test_the_reader_view_has_the_documented_columns(db: Connection) -> None:
    """One table documents the view's Article columns (docs/article.md), another the rest (docs/storage.md)."""
    fields = doc_tables.keys(doc_tables.page("article.md"), "field")
    others = doc_tables.keys(doc_tables.section(doc_tables.page("storage.md"), "## The reader view"), "column")
    assert not set(fields) & set(others), "a column documented in both docs/article.md and docs/storage.md"
    assert sorted(fields + others) == sorted(_columns(db, "articles_current"))


@pytest.mark.db
def test_the_search_column_uses_the_indonesian_configuration_with_a_gin_index(db: Connection) -> None:
    assert rows(db, "SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian'") == [(1,)]
    ((expression,),) = rows(
        db,
        "SELECT generation_expression FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = 'articles' AND column_name = 'search'",
    )
    assert "'indonesian'::regconfig" in expression
    assert rows(
        db,
        "SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam"
        " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
        " WHERE i.indrelid = 'articles'::regclass AND a.attname = 'search'",
    ) == [("gin",)]
