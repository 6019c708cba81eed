"""The store against a real PostgreSQL: what a crawl leaves in the tables."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newscrawl.items import Link
from newscrawl.store.connection import Connection
from newscrawl.store.fingerprint import fingerprint
from tests.fix_db import crawled, other_article, rows, run_store, seed_article, store_settings

pytestmark = pytest.mark.db

EDITED_BODY = seed_article().body.replace("kata Kremlin.", "kata Kremlin pada Jumat.", 1)
LATER = "2024-05-15T08:00:00+07:00"


def _store(db: Connection, schema_url: str, tmp_path: Path, items: list[Any], **settings: Any) -> dict[str, Any]:
    return run_store(store_settings(schema_url, tmp_path / "spool", **settings), items)


def _articles(db: Connection) -> list[dict[str, Any]]:
    cursor = db.execute("SELECT * FROM articles ORDER BY id")
    names = [c.name for c in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def test_an_article_is_stored_with_typed_columns(db: Connection, schema_url: str, tmp_path: Path) -> None:
    stats = _store(db, schema_url, tmp_path, [crawled()])
    (row,) = _articles(db)
    article = seed_article()
    assert stats["newscrawl/db/inserted"] == 1
    assert row["article_key"] == "tempo:1831560"
    assert row["title"] == article.title
    assert row["body"] == article.body
    assert row["published_at"] == datetime(2024, 2, 8, 13, 36, tzinfo=UTC)
    assert row["editors"] == ["Ida Rosdalina"]
    assert row["tags"] == list(article.tags)
    assert row["related"][0] == {
        "title": article.related[0].title,
        "url": article.related[0].url,
        "summary": article.related[0].summary,
        "published_raw": "4 jam lalu",
        "published_at": None,
    }
    assert row["editor_pick"] == {"title": article.editor_pick.title, "url": article.editor_pick.url}  # type: ignore[union-attr]
    assert row["version"] == 1
    assert row["first_seen_at"] == row["last_seen_at"] == row["last_changed_at"] == datetime(2024, 5, 14, 5, tzinfo=UTC)
    assert row["content_hash"] == fingerprint(crawled()).content_hash
    assert row["duplicate_of"] is None
    assert rows(db, "SELECT version, title, fetched_at FROM article_versions") == [
        (1, article.title, datetime(2024, 5, 14, 5, tzinfo=UTC))
    ]


def test_key_points_are_stored_in_page_order_and_shown_by_the_reader_view(
    db: Connection, schema_url: str, tmp_path: Path
) -> None:
    points = ("Putin dan Xi berbicara melalui telepon.", "Keduanya menolak campur tangan AS.")
    _store(db, schema_url, tmp_path, [crawled(highlights=points), other_article(2)])
    assert rows(db, "SELECT article_id, highlights FROM articles_current ORDER BY article_id") == [
        (2, []),
        (1831560, list(points)),
    ]


def test_indonesian_full_text_search_finds_the_article(db: Connection, schema_url: str, tmp_path: Path) -> None:
    rice = other_article(7, body="Harga beras di pasar induk naik lagi pekan ini, kata para pedagang.")
    _store(db, schema_url, tmp_path, [crawled(), rice])
    # "perdagangan" (in the seed) and "berdagang" stem to the same Indonesian word "dagang".
    found = rows(
        db,
        "SELECT article_key FROM articles_current WHERE search @@ websearch_to_tsquery('indonesian', %s)",
        "berdagang Ushakov",
    )
    assert found == [("tempo:1831560",)]


def test_running_the_same_crawl_again_changes_only_when_it_was_seen(
    db: Connection, schema_url: str, tmp_path: Path
) -> None:
    """``last_seen_at`` takes the new fetch time, and the rows found current take the store's
    clock in ``stored_at``; versions, links and everything else stay as they were."""
    items = [crawled(), other_article(7), crawled(url="https://www.tempo.co/read/777/salinan")]
    _store(db, schema_url, tmp_path, items)
    before = {
        table: rows(db, f"SELECT * FROM {table} ORDER BY 1, 2")  # noqa: S608 - constant table names
        for table in ("articles", "article_versions", "article_links", "article_aliases")
    }
    stats = _store(db, schema_url, tmp_path, [replace(i, fetched_at=LATER) for i in items])
    assert stats["newscrawl/db/unchanged"] == 2
    assert stats["newscrawl/db/aliased"] == 1
    assert "newscrawl/db/inserted" not in stats
    assert "newscrawl/db/updated" not in stats
    later = datetime.fromisoformat(LATER)
    for table, old in before.items():
        new = rows(db, f"SELECT * FROM {table} ORDER BY 1, 2")  # noqa: S608 - constant table names
        assert len(new) == len(old), table
        names = [c.name for c in db.execute(f"SELECT * FROM {table} LIMIT 0").description or ()]  # noqa: S608
        seen = names.index("last_seen_at") if "last_seen_at" in names else None
        stamp = names.index("stored_at") if table in ("articles", "article_aliases") else None
        for old_row, new_row in zip(old, new, strict=True):
            if seen is not None:
                assert new_row[seen] == later, table
            if stamp is not None:
                assert new_row[stamp] > old_row[stamp], table
            moved = {seen, stamp}
            assert [v for i, v in enumerate(new_row) if i not in moved] == [
                v for i, v in enumerate(old_row) if i not in moved
            ], table


def test_an_edit_adds_version_2(db: Connection, schema_url: str, tmp_path: Path) -> None:
    _store(db, schema_url, tmp_path, [crawled()])
    stats = _store(db, schema_url, tmp_path, [crawled(fetched_at=LATER, body=EDITED_BODY)])
    (row,) = _articles(db)
    assert stats["newscrawl/db/updated"] == 1
    assert row["version"] == 2
    assert row["body"] == EDITED_BODY
    assert row["last_changed_at"] == row["last_seen_at"] == datetime.fromisoformat(LATER)
    assert row["first_seen_at"] == datetime.fromisoformat("2024-05-14T12:00:00+07:00")
    versions = rows(db, "SELECT version, body = %s, content_hash FROM article_versions ORDER BY version", EDITED_BODY)
    assert [(v, edited) for v, edited, _ in versions] == [(1, False), (2, True)]
    assert versions[1][2] == row["content_hash"]


def test_a_refetch_with_other_whitespace_is_not_an_edit(db: Connection, schema_url: str, tmp_path: Path) -> None:
    _store(db, schema_url, tmp_path, [crawled()])
    spaced = seed_article().body.replace(" ", "  ").replace("\n\n", "\n \n\n")
    stats = _store(db, schema_url, tmp_path, [crawled(fetched_at=LATER, body=spaced)])
    assert stats["newscrawl/db/unchanged"] == 1
    assert rows(db, "SELECT count(*) FROM article_versions") == [(1,)]


def test_an_older_fetch_of_other_content_goes_to_history_only(db: Connection, schema_url: str, tmp_path: Path) -> None:
    _store(db, schema_url, tmp_path, [crawled(fetched_at=LATER, body=EDITED_BODY)])
    stats = _store(db, schema_url, tmp_path, [crawled()])  # fetched a day earlier, replayed late
    (row,) = _articles(db)
    assert stats["newscrawl/db/stale"] == 1
    assert row["body"] == EDITED_BODY
    assert row["version"] == 1
    assert rows(db, "SELECT version, fetched_at FROM article_versions ORDER BY version") == [
        (1, datetime.fromisoformat(LATER)),
        (2, datetime.fromisoformat("2024-05-14T12:00:00+07:00")),
    ]


def test_one_article_through_three_url_forms_is_one_row(db: Connection, schema_url: str, tmp_path: Path) -> None:
    e3 = "https://www.tempo.co/internasional/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-as-1831560"
    forms = [
        crawled(),
        crawled(url="https://dunia.tempo.co/amp/1831560/kremlin-putin?utm_source=twitter", fetched_at=LATER),
        crawled(url=e3, canonical_url=e3, fetched_at="2024-05-16T08:00:00+07:00"),
    ]
    stats = _store(db, schema_url, tmp_path, forms, NEWSCRAWL_DB_BATCH_SIZE=2)
    assert rows(db, "SELECT article_key, version FROM articles") == [("tempo:1831560", 1)]
    assert stats["newscrawl/db/inserted"] == 1
    assert stats["newscrawl/db/unchanged"] == 2
    assert rows(db, "SELECT count(*) FROM article_aliases") == [(0,)]


def test_an_exact_copy_under_another_key_is_an_alias(db: Connection, schema_url: str, tmp_path: Path) -> None:
    copy_url = "https://nasional.tempo.co/read/1831999/salinan-berita"
    stats = _store(db, schema_url, tmp_path, [crawled(), crawled(url=copy_url, canonical_url=copy_url)])
    assert stats["newscrawl/db/aliased"] == 1
    assert rows(db, "SELECT article_key FROM articles") == [("tempo:1831560",)]
    assert rows(
        db,
        "SELECT alias_key, article_aliases.url, a.article_key"
        " FROM article_aliases JOIN articles a ON a.id = article_aliases.article_pk",
    ) == [("tempo:1831999", copy_url, "tempo:1831560")]


def test_an_exact_copy_in_a_later_run_is_an_alias_too(db: Connection, schema_url: str, tmp_path: Path) -> None:
    copy_url = "https://nasional.tempo.co/read/1831999/salinan-berita"
    _store(db, schema_url, tmp_path, [crawled()])
    _store(db, schema_url, tmp_path, [crawled(url=copy_url, canonical_url=copy_url)])
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]
    assert rows(db, "SELECT alias_key FROM article_aliases") == [("tempo:1831999",)]


def test_a_near_duplicate_points_at_the_first(db: Connection, schema_url: str, tmp_path: Path) -> None:
    near_url = "https://www.tempo.co/read/1831777/putin-xi-bicara"
    near = crawled(url=near_url, canonical_url=near_url, body=EDITED_BODY)  # one word added
    _store(db, schema_url, tmp_path, [crawled(), other_article(7)])
    stats = _store(db, schema_url, tmp_path, [near, other_article(8)])
    assert stats["newscrawl/db/near_duplicate"] == 1
    keys = dict(rows(db, "SELECT article_key, id FROM articles"))
    assert rows(db, "SELECT article_key, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL") == [
        ("tempo:1831777", keys["tempo:1831560"])
    ]


def test_a_near_duplicate_of_a_near_duplicate_points_at_the_first(
    db: Connection, schema_url: str, tmp_path: Path
) -> None:
    second = "https://www.tempo.co/read/1831777/putin-xi-bicara"
    third = "https://www.tempo.co/read/1831888/putin-xi-bicara-lagi"
    again = EDITED_BODY.replace("kata Ushakov.", "ujar Ushakov.", 1)
    items = [crawled(), crawled(url=second, canonical_url=second, body=EDITED_BODY)]
    items.append(crawled(url=third, canonical_url=third, body=again))
    _store(db, schema_url, tmp_path, items)
    first = rows(db, "SELECT id FROM articles WHERE article_key = 'tempo:1831560'")[0][0]
    assert rows(db, "SELECT article_key, duplicate_of FROM articles ORDER BY id") == [
        ("tempo:1831560", None),
        ("tempo:1831777", first),
        ("tempo:1831888", first),
    ]


def test_different_articles_are_not_duplicates(db: Connection, schema_url: str, tmp_path: Path) -> None:
    stats = _store(db, schema_url, tmp_path, [other_article(n) for n in range(1, 41)])
    assert stats["newscrawl/db/inserted"] == 40
    assert rows(db, "SELECT count(*) FROM articles WHERE duplicate_of IS NULL") == [(40,)]


def test_related_links_become_edges(db: Connection, schema_url: str, tmp_path: Path) -> None:
    inline = Link("Rusia dan Cina", "https://dunia.tempo.co/read/1831000/rusia-dan-cina")
    _store(db, schema_url, tmp_path, [crawled(read_also=(inline,))])
    edges = rows(
        db, "SELECT kind, position, target_url, target_key, anchor_text FROM article_links ORDER BY kind, position"
    )
    article = seed_article()
    assert len(edges) == len(article.related) + 2
    assert edges[0] == ("editor_pick", 0, article.editor_pick.url, "tempo:1831402", article.editor_pick.title)  # type: ignore[union-attr]
    assert edges[1] == ("read_also", 0, inline.url, "tempo:1831000", inline.title)
    assert edges[2] == ("related", 0, article.related[0].url, "tempo:1868412", article.related[0].title)
    assert [e[1] for e in edges[2:]] == list(range(len(article.related)))


def test_the_link_graph_joins_stored_targets(db: Connection, schema_url: str, tmp_path: Path) -> None:
    target = seed_article().related[0].url
    assert target is not None
    _store(db, schema_url, tmp_path, [crawled(), other_article(1868412, url=target, canonical_url=target, related=())])
    assert rows(
        db,
        "SELECT s.article_key, t.article_key FROM article_links l JOIN articles s ON s.id = l.article_pk"
        " JOIN articles t ON t.article_key = l.target_key",
    ) == [("tempo:1831560", "tempo:1868412")]


def test_other_items_pass_through_untouched(db: Connection, schema_url: str, tmp_path: Path) -> None:
    stats = _store(db, schema_url, tmp_path, [{"title": "not an article"}])
    assert rows(db, "SELECT count(*) FROM articles") == [(0,)]
    assert "newscrawl/db/inserted" not in stats


def test_an_article_that_is_not_fingerprinted_is_fingerprinted_by_the_store(
    db: Connection, schema_url: str, tmp_path: Path
) -> None:
    item = crawled()
    assert item.content_hash is None
    _store(db, schema_url, tmp_path, [item])
    assert rows(db, "SELECT content_hash, word_count FROM articles") == [
        (fingerprint(item).content_hash, fingerprint(item).word_count)
    ]


def test_the_crawl_is_recorded_in_crawl_runs(db: Connection, schema_url: str, tmp_path: Path) -> None:
    stats = _store(db, schema_url, tmp_path, [crawled(), other_article(7)])
    ((spider, status, started, finished, recorded),) = rows(
        db, "SELECT spider, status, started_at, finished_at, stats FROM crawl_runs"
    )
    assert spider == "tempo"
    assert status == "finished"
    assert started <= finished
    assert recorded["newscrawl/db/inserted"] == stats["newscrawl/db/inserted"] == 2
    assert rows(db, "SELECT count(DISTINCT run_id) FROM article_versions") == [(1,)]
