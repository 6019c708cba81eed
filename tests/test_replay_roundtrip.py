"""Record, then replay (``-a replay=DIR``) with every network blocked: the same crawl, the same
rows. The crawl is the default one of the fake tempo.co, into PostgreSQL, recorded once; the
replay runs without the test site's handler and with every proxy pointed at a tripwire. That
crawl, and the one of a page rendered through Chromium, are shared (``tests.fix_crawls``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.fix_archive import Tripwire, offline_crawl
from tests.fix_crawls import Shared
from tests.fix_db import fresh_schema, rows
from tests.site.build import JS_PAGE
from tests.site.run import Crawl

pytestmark = [pytest.mark.db, pytest.mark.slow]

# Every column but the row ids (rows are matched by article_key), the store's own clock, and
# duplicate_of: which of two near copies is the first depends on the order items reach the
# store, which differs between any two crawls.
ARTICLES = "SELECT * FROM articles ORDER BY article_key"
VERSIONS = "SELECT a.article_key, v.* FROM article_versions v JOIN articles a ON a.id = v.article_pk ORDER BY 1, 3"
LINKS = "SELECT a.article_key, l.* FROM article_links l JOIN articles a ON a.id = l.article_pk ORDER BY 1, l.kind, 4"
UNCOMPARED = {"id", "duplicate_of", "article_pk", "run_id", "stored_at"}


@pytest.fixture(scope="module")
def schemas(default_crawl: Shared, server_url: str) -> Iterator[tuple[str, str]]:
    """The live crawl's schema (the shared default crawl's) and the replay's."""
    with contextmanager(fresh_schema)(server_url) as replay:
        yield default_crawl.schema, replay


@pytest.fixture(scope="module")
def runs(
    default_crawl: Shared, schemas: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Crawl, Crawl, Tripwire]:
    """The default crawl, recorded into PostgreSQL (``tests.fix_crawls``), and its replay."""
    workdir = tmp_path_factory.mktemp("roundtrip")
    store = {"NEWSCRAWL_DATABASE_URL": schemas[1], "NEWSCRAWL_SPOOL_DIR": str(workdir / "spool")}
    with Tripwire() as tripwire:
        replay = offline_crawl(workdir, tripwire, {"replay": str(default_crawl.warc)}, store, pipelines=True)
    assert replay.returncode == 0, replay.stderr[-3000:]
    return default_crawl.crawl, replay, tripwire


def table(url: str, query: str) -> list[dict[str, Any]]:
    with psycopg.connect(url) as conn:
        cursor = conn.execute(query.encode())
        names = [c.name for c in cursor.description or ()]
        return [{k: v for k, v in zip(names, row, strict=True) if k not in UNCOMPARED} for row in cursor]


def differences(live: list[dict[str, Any]], replay: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """``(row number, column)`` of every value that differs: a short failure message."""
    return [(n, k) for n, (a, b) in enumerate(zip(live, replay, strict=True)) for k in a if a[k] != b.get(k)]


def fetch_stats(crawl: Crawl) -> dict[str, int]:
    """What the crawl fetched and how it ended, for a failure message."""
    return {k: v for k, v in crawl.stats.items() if k.startswith(("downloader/", "retry/", "replay/"))}


def test_nothing_is_fetched_from_any_network(runs: tuple[Crawl, Crawl, Tripwire]) -> None:
    live, replay, tripwire = runs
    assert tripwire.connections == 0
    # Every response of the live crawl, once: a request of the live crawl that got no response (a
    # timeout on a busy machine, then retried) is a request more there, and nothing in the archive.
    responses = live.stat("downloader/response_count")
    assert responses >= 30
    served = (replay.stat("replay/served"), replay.stat("downloader/request_count"))
    assert served == (responses, responses), (fetch_stats(live), fetch_stats(replay))
    assert replay.stat("replay/missing") == 0
    assert not {"dns", "connection", "timeout"} & {key.rsplit("/", 1)[1] for key in replay.stats if "/failed/" in key}


def test_the_replay_emits_the_same_items(runs: tuple[Crawl, Crawl, Tripwire]) -> None:
    live, replay, _ = runs
    key = lambda item: item["article"]["article_id"]  # noqa: E731
    assert len(live.items) >= 30
    assert sorted(replay.items, key=key) == sorted(live.items, key=key)


@pytest.mark.parametrize("query", [ARTICLES, VERSIONS, LINKS], ids=["articles", "versions", "links"])
def test_the_replay_stores_the_same_rows(schemas: tuple[str, str], runs: object, query: str) -> None:
    live, replay = (table(url, query) for url in schemas)
    assert len(live) >= 30
    assert len(replay) == len(live)
    assert differences(live, replay) == []  # fetch times included: they come from the archive


def test_every_version_keeps_its_archive_record(schemas: tuple[str, str], runs: object) -> None:
    with psycopg.connect(schemas[1]) as conn:
        versions = rows(conn, "SELECT warc_file, warc_offset, warc_length, warc_pages FROM article_versions")
    assert versions
    for warc_file, offset, length, pages in versions:
        assert pages[0] == {"file": warc_file, "offset": offset, "length": length}
        assert Path(warc_file).exists()


def test_the_stats_say_where_the_pages_came_from(runs: tuple[Crawl, Crawl, Tripwire]) -> None:
    live, replay, _ = runs
    assert live.stat("newscrawl/warc/records") == live.stat("downloader/response_count")
    assert replay.stat("replay/records") == live.stat("newscrawl/warc/records")
    assert replay.stat("replay/files") == 1
    assert "newscrawl/warc/records" not in replay.stats  # a replay records nothing again
    line = next(line for line in replay.stderr.splitlines() if "Replay: " in line)
    assert f"Replay: {replay.stat('replay/served')} responses served from the archive, 0 requests not in it" in line


@pytest.mark.browser
def test_a_rendered_page_replays_as_rendered_without_a_browser(
    rendered: Shared, schema_url: str, tmp_path: Path
) -> None:
    settings = {
        "NEWSCRAWL_BROWSER_PATH": str(tmp_path / "no-chromium"),
        "NEWSCRAWL_DATABASE_URL": schema_url,
        "NEWSCRAWL_SPOOL_DIR": str(tmp_path / "spool"),
    }
    with Tripwire() as tripwire:
        replay = offline_crawl(tmp_path, tripwire, {"replay": str(rendered.warc)}, settings, pipelines=True)
    assert replay.returncode == 0, replay.stderr[-3000:]
    assert tripwire.connections == 0
    key = lambda item: item["article"]["article_id"]  # noqa: E731
    assert sorted(replay.items, key=key) == sorted(rendered.crawl.items, key=key)  # bodies, marks, records
    assert replay.by_id(JS_PAGE)["rendered"] is True
    assert replay.stat("newscrawl/render/requested") == 1  # served from the archive's rendered record
    assert not replay.stat("newscrawl/render/unavailable")
    assert not [key for key in replay.stats if key.startswith("playwright/")]  # no browser started


def test_the_tripwire_catches_a_crawl_that_does_reach_out(tmp_path: Path) -> None:
    """The control: the same offline set-up without a replay tries the network, and is seen."""
    with Tripwire() as tripwire:
        result = offline_crawl(tmp_path, tripwire, {"urls": "https://www.tempo.co/", "related_depth": "0"})
    assert result.returncode == 1
    assert tripwire.connections >= 1
