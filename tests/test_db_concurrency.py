"""Several crawler processes on one database: no duplicate rows, no lost update.

Two real processes, each with its own connection, write overlapping items at the same time:
the same articles, exact copies of one text under a key each, and two different edits of one
article. What the tables hold afterwards must not depend on who won which race. Then a writer
overtaken between its reading and its writing by one that takes no lock, and a row whose own data
clashes, which is refused and not taken for another writer's doing.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newscrawl.store.connection import Connection
from newscrawl.store.records import Pending, links_of
from newscrawl.store.writer import ArticleWriter
from tests.fix_db import ROOT, crawled, other_article, rows, seed_article

pytestmark = [pytest.mark.db, pytest.mark.slow]

PAIRS = 12
SHARED = 30
EDIT_X = seed_article().body + "\n\nPembaruan: Kremlin mengonfirmasi percakapan itu."
EDIT_Y = seed_article().body + "\n\nPembaruan: Beijing juga mengonfirmasi percakapan itu, Jumat pagi."

WRITER = """
import random, sys, time
from pathlib import Path
from newscrawl.store.writer import ArticleWriter
from newscrawl.store.records import Pending, links_of
from tests.fix_db import crawled, other_article
from tests.test_db_concurrency import EDIT_X, EDIT_Y, PAIRS, SHARED

url, name, start = sys.argv[1], sys.argv[2], Path(sys.argv[3])
items = [other_article(n) for n in range(1, SHARED + 1)]
for i in range(PAIRS):  # the same text under a key of each writer's own
    number = 1000 + i if name == "a" else 2000 + i
    source = other_article(500 + i)
    address = f"https://nasional.tempo.co/read/{number}/salinan"
    items.append(crawled(source.article, url=address, canonical_url=address, article_id=number))
if name == "a":
    items.append(crawled(body=EDIT_X, fetched_at="2024-05-15T08:00:00+07:00"))
else:
    items.append(crawled(body=EDIT_Y, fetched_at="2024-05-16T08:00:00+07:00"))
random.Random(name).shuffle(items)
writer = ArticleWriter(url, "unused")
writer.open()
while not start.exists():
    time.sleep(0.001)
for i in range(0, len(items), 4):
    result = writer.write([Pending(item) for item in items[i : i + 4]])
    assert not result.unwritten and not result.rejected, (result.error, result.rejected)
writer.close()
"""


def test_two_writers_at_once_make_no_duplicates_and_lose_no_update(
    db: Connection, schema_url: str, tmp_path: Path
) -> None:
    first = ArticleWriter(schema_url, "unused")
    assert first.write([Pending(crawled())]).outcomes["inserted"] == 1
    first.close()
    start = tmp_path / "start"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, schema_url, name, str(start)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    time.sleep(1.5)  # both connected and waiting
    start.touch()
    for writer in writers:
        _, stderr = writer.communicate(timeout=120)
        assert writer.returncode == 0, stderr[-3000:]

    assert rows(db, "SELECT count(*), count(DISTINCT content_hash) FROM articles") == [
        (1 + SHARED + PAIRS, 1 + SHARED + PAIRS)
    ]
    assert rows(db, "SELECT count(*) FROM article_aliases") == [(PAIRS,)]
    # every text is stored once: one version per article, plus the two edits of the seed
    assert rows(db, "SELECT count(*) FROM article_versions") == [(1 + SHARED + PAIRS + 2,)]
    seed = "tempo:1831560"
    versions = rows(
        db,
        "SELECT v.version, v.body FROM article_versions v JOIN articles a ON a.id = v.article_pk"
        " WHERE a.article_key = %s ORDER BY v.version",
        seed,
    )
    assert [v for v, _ in versions] == [1, 2, 3]
    assert sorted(body for _, body in versions) == sorted([seed_article().body, EDIT_X, EDIT_Y])
    # the row shows the newest fetch (Y), whichever writer committed first
    ((body, version),) = rows(db, "SELECT body, version FROM articles WHERE article_key = %s", seed)
    assert body == EDIT_Y
    assert dict(versions)[version] == EDIT_Y


# --- a writer that ignores the lock ----------------------------------------------------
# The lock is what makes the plan true. Should another writer ignore it, the database must refuse
# what the plan assumed, and the batch start again: never two rows of one article, never a
# version written over, never an item counted as refused for it.


class _Overtaken(ArticleWriter):
    """A writer overtaken, once, right after it read the tables: another writer that takes no
    lock writes ``intruding`` before this one writes its plan."""

    def __init__(self, url: str, intruding: list[Pending]) -> None:
        super().__init__(url, "unused")
        self._intruding = intruding

    def _snapshot(self, conn: Connection, batch: list[Any]) -> Any:  # type: ignore[override]
        snapshot = ArticleWriter._snapshot(conn, batch)
        if self._intruding:
            rogue = ArticleWriter(self.url, "unused")
            rogue.open()
            rogue._lock_key += 1  # a lock nobody else takes
            result = rogue.write(self._intruding)
            assert not result.unwritten, result.error
            assert not result.rejected
            rogue.close()
            self._intruding = []
        return snapshot


def _seed_rows(db: Connection) -> list[tuple[Any, ...]]:
    return rows(
        db,
        "SELECT a.version, a.body, count(v.*) FROM articles a JOIN article_versions v ON v.article_pk = a.id"
        " GROUP BY a.id ORDER BY a.id",
    )


def test_an_article_planned_as_new_but_inserted_meanwhile_is_written_again_as_seen(
    db: Connection, schema_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    writer = _Overtaken(schema_url, [Pending(crawled())])
    with caplog.at_level(logging.WARNING, logger="newscrawl.store.writer"):
        result = writer.write([Pending(crawled()), Pending(other_article(2))])
    writer.close()
    assert (result.rejected, result.unwritten) == ([], [])
    assert result.outcomes == {"unchanged": 1, "inserted": 1}
    # What shows the clash was known for what it is: the row-by-row path taken for a refused row
    # would end in the same rows.
    assert "Retrying a batch: a row planned as new was in articles already" in caplog.text
    assert _seed_rows(db) == [(1, seed_article().body, 1), (1, other_article(2).article.body, 1)]
    links = len(links_of(seed_article()))
    assert result.links_added == links  # the other article's: the seed's were the other writer's
    assert rows(db, "SELECT count(*) FROM article_links") == [(2 * links,)]


def test_a_version_number_taken_meanwhile_makes_the_edit_the_next_version(
    db: Connection, schema_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert ArticleWriter(schema_url, "unused").write([Pending(crawled())]).outcomes == {"inserted": 1}
    writer = _Overtaken(schema_url, [Pending(crawled(body=EDIT_X, fetched_at="2024-05-15T08:00:00+07:00"))])
    with caplog.at_level(logging.WARNING, logger="newscrawl.store.writer"):
        result = writer.write([Pending(crawled(body=EDIT_Y, fetched_at="2024-05-16T08:00:00+07:00"))])
    writer.close()
    assert (result.rejected, result.unwritten, result.outcomes) == ([], [], {"updated": 1})
    assert "Retrying a batch: a version number was taken by another writer" in caplog.text
    assert _seed_rows(db) == [(3, EDIT_Y, 3)]


def test_a_new_row_whose_canonical_url_another_row_holds_is_refused_alone_not_retried(
    db: Connection, schema_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Not another writer's doing but the row's own data: it is refused, and the rest of the batch written.
    writer = ArticleWriter(schema_url, "unused")
    assert writer.write([Pending(crawled())]).outcomes == {"inserted": 1}
    db.execute("UPDATE articles SET article_key = 'moved:1'")  # the seed's canonical URL, under another key
    with caplog.at_level(logging.WARNING, logger="newscrawl.store.writer"):
        result = writer.write([Pending(crawled(body=EDIT_X)), Pending(other_article(2))])
    writer.close()
    assert (result.unwritten, result.outcomes) == ([], {"inserted": 1})
    ((refused, error),) = result.rejected
    assert refused.item.article.body == EDIT_X
    assert "canonical_url" in error
    assert "Retrying a batch" not in caplog.text
    assert rows(db, "SELECT article_key FROM articles ORDER BY id") == [("moved:1",), ("tempo:2",)]
