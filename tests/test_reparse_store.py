"""The store when a fetch is read again (a re-parse, a replay of its archive): the row takes what
now reads differently, a new version only when the title or body changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newscrawl.items import CrawledArticle, WarcRecord
from newscrawl.store.connection import Connection
from newscrawl.store.records import Pending
from newscrawl.store.writer import ArticleWriter
from tests.fix_db import crawled, rows

pytestmark = pytest.mark.db

LATER = "2024-05-15T12:00:00+07:00"
RECORD = WarcRecord("/archive/newscrawl-20240514T050000Z-0123abcd-00001.warc.gz", 1234, 5678)


def write(url: str, *items: CrawledArticle) -> dict[str, int]:
    writer = ArticleWriter(url, "unused")
    try:
        result = writer.write([Pending(item, None) for item in items])
    finally:
        writer.close()
    assert not result.unwritten, result.error
    assert not result.rejected
    return dict(result.outcomes)


def row(db: Connection) -> tuple[object, ...]:
    (found,) = rows(db, "SELECT version, editors, tags, title, last_changed_at, last_seen_at FROM articles")
    return found


def test_the_same_fetch_read_differently_refreshes_the_row_in_place(schema_url: str, db: Connection) -> None:
    original = crawled()
    write(schema_url, original)
    before = row(db)
    reread = replace(original, article=replace(original.article, editors=("Editor Baru",), tags=("Rusia", "Cina")))
    assert write(schema_url, reread) == {"refreshed": 1}
    assert row(db) == (1, ["Editor Baru"], ["Rusia", "Cina"], *before[3:])
    assert rows(db, "SELECT count(*) FROM article_versions") == [(1,)]


def test_the_same_fetch_read_the_same_changes_nothing(schema_url: str, db: Connection) -> None:
    write(schema_url, crawled())
    before, (stamp,) = _all_but_stored_at(db), rows(db, "SELECT stored_at FROM articles")
    assert write(schema_url, crawled()) == {"unchanged": 1}
    # Found current: only the store's clock moves on (resume compares it with when a page was queued).
    ((later,),) = rows(db, "SELECT stored_at FROM articles")
    assert later > stamp[0]
    assert _all_but_stored_at(db) == before


def _all_but_stored_at(db: Connection) -> list[dict[str, object]]:
    cursor = db.execute("SELECT * FROM articles")
    names = [c.name for c in cursor.description or ()]
    return [{k: v for k, v in zip(names, found, strict=True) if k != "stored_at"} for found in cursor]


def test_the_same_fetch_with_a_new_title_is_a_new_version(schema_url: str, db: Connection) -> None:
    write(schema_url, crawled())
    assert write(schema_url, crawled(title="Judul yang Dibaca Ulang")) == {"updated": 1}
    versions = rows(db, "SELECT version, title, fetched_at::text FROM article_versions ORDER BY version")
    assert [(v, t) for v, t, _ in versions] == [(1, crawled().article.title), (2, "Judul yang Dibaca Ulang")]
    assert versions[0][2] == versions[1][2]  # both from the one fetch


def test_a_later_fetch_of_the_same_content_is_no_refresh(schema_url: str, db: Connection) -> None:
    write(schema_url, crawled())
    later = crawled(fetched_at=LATER, editors=("Editor Baru",))
    assert write(schema_url, later) == {"unchanged": 1}
    assert row(db)[1] == list(crawled().article.editors)  # only a new content replaces a row's fields


def test_a_version_keeps_its_archive_records(schema_url: str, db: Connection) -> None:
    second = replace(RECORD, offset=9999)
    write(schema_url, replace(crawled(), warc_records=(RECORD, second)))
    pages = [{"file": RECORD.file, "offset": offset, "length": 5678} for offset in (1234, 9999)]
    assert rows(db, "SELECT warc_file, warc_offset, warc_length, warc_pages FROM article_versions") == [
        (RECORD.file, 1234, 5678, pages)
    ]


def test_an_edit_and_its_undoing_in_one_batch_are_two_versions(schema_url: str, db: Connection) -> None:
    write(schema_url, crawled())
    edited = crawled(fetched_at="2024-05-14T13:00:00+07:00", title="Judul Sementara")
    undone = crawled(fetched_at="2024-05-14T14:00:00+07:00")
    assert write(schema_url, edited, undone) == {"updated": 2}
    assert row(db)[0] == 3
    assert row(db)[3] == crawled().article.title
