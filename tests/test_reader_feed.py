"""The change feed on the real server: ``NOTIFY newscrawl_articles`` comes with the commit of the
batch that stored an article (never from a rolled-back one), and ``python -m newscrawl watch``
prints every stored article exactly once: caught up, live, across a lost connection, and while
``make replay`` crawls as a role with no privilege but its schema's."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from newscrawl.items import RelatedLink
from tests.fix_db import ROOT, fresh_schema, other_article, run_store, store_settings
from tests.fix_reader import as_role, drop_roles, grant_reader, newscrawl

pytestmark = pytest.mark.db

WAIT = 120.0  # seconds before a wait gives up: a broken feed fails, a slow machine does not


def _notifications(conn: psycopg.Connection[Any]) -> list[dict[str, Any]]:
    """This schema's announcements: the channel is the database's, and other schemas (other tests,
    other developers' runs on the same server) announce on it too."""
    row = conn.execute("SELECT current_schema()").fetchone()
    found = [json.loads(n.payload) for n in conn.notifies(timeout=0.5) if n.channel == "newscrawl_articles"]
    return [payload for payload in found if row is not None and payload.get("schema") == row[0]]


def test_each_new_and_updated_article_is_announced_once_after_its_commit(schema_url: str, tmp_path: Path) -> None:
    with psycopg.connect(schema_url, autocommit=True) as listener:
        schema = listener.execute("SELECT current_schema()").fetchone()
        listener.execute("LISTEN newscrawl_articles")
        run_store(store_settings(schema_url, tmp_path / "spool"), [other_article(1), other_article(2)])
        first = _notifications(listener)
        edited = other_article(1, fetched_at="2024-05-15T12:00:00+07:00", body=other_article(3).article.body)
        run_store(store_settings(schema_url, tmp_path / "spool"), [edited, other_article(2)])
        second = _notifications(listener)
        ids: dict[str, int] = dict(listener.execute("SELECT article_key, id FROM articles_current").fetchall())
    assert first == [
        {
            "change": "new",
            "id": ids[f"tempo:{n}"],
            "article_key": f"tempo:{n}",
            "version": 1,
            "site": "dunia.tempo.co",
            "published_at": first[0]["published_at"],
            "schema": schema[0] if schema else None,
        }
        for n in (1, 2)
    ]
    assert first[0]["published_at"].startswith("2024-02-08T")
    # The unchanged article is not announced again; the edited one is, with its new version.
    assert [(n["change"], n["article_key"], n["version"]) for n in second] == [("updated", "tempo:1", 2)]


def test_a_rolled_back_batch_announces_nothing(schema_url: str, tmp_path: Path) -> None:
    """A batch fails at its very commit (a deferred constraint of the test's own), after the NOTIFY
    ran; the store writes its rows one by one then: each stored one is announced once, the refused
    one never."""
    with psycopg.connect(schema_url, autocommit=True) as conn:
        run_store(store_settings(schema_url, tmp_path / "spool"), [])  # migrates the schema
        conn.execute(
            """
            CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'a link called BOOM' USING ERRCODE = 'check_violation'; END $$;
            CREATE CONSTRAINT TRIGGER refuse_boom AFTER INSERT ON article_links DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW WHEN (NEW.anchor_text = 'BOOM') EXECUTE FUNCTION refuse_boom();
            """
        )
        conn.execute("LISTEN newscrawl_articles")
        boom = other_article(12)
        boom = replace(
            boom, article=replace(boom.article, related=(RelatedLink("BOOM", "https://dunia.tempo.co/read/99/x"),))
        )
        stats = run_store(store_settings(schema_url, tmp_path / "spool"), [other_article(11), boom, other_article(13)])
        announced = [n["article_key"] for n in _notifications(conn)]
        stored = [key for (key,) in conn.execute("SELECT article_key FROM articles_current ORDER BY id").fetchall()]
    assert stats["newscrawl/db/rejected"] == 1
    assert stored == ["tempo:11", "tempo:13"]
    assert sorted(announced) == stored


# --- watch ---------------------------------------------------------------------------------


class Watch:
    """``python -m newscrawl watch`` running, its output lines collected as they come."""

    def __init__(self, url: str, *arguments: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newscrawl", "watch", *arguments],
            cwd=ROOT,
            env={**os.environ, "NEWSCRAWL_DATABASE_URL": url},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self._readers = [
            threading.Thread(target=self._collect, args=(stream, lines), daemon=True)
            for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err))
        ]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _collect(stream: Any, lines: list[str]) -> None:
        for line in stream:
            lines.append(line)

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT
        while not condition():
            assert self.process.poll() is None, f"watch ended ({self.process.returncode}): {''.join(self.err)}"
            assert time.monotonic() < deadline, f"no {what} from watch: {''.join(self.err)}"
            time.sleep(0.05)

    def rows(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in list(self.out)]

    def listening(self, times: int = 1) -> None:
        self.wait_for(lambda: sum("listening" in line for line in self.err) >= times, "listening line")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=WAIT)
        for reader in self._readers:
            reader.join(timeout=WAIT)
        return status


@contextlib.contextmanager
def watching(url: str, *arguments: str) -> Iterator[Watch]:
    watch = Watch(url, *arguments)
    try:
        yield watch
    finally:
        if watch.process.poll() is None:
            watch.process.kill()
            watch.process.wait()


def _versions(watch: Watch) -> list[tuple[str, int]]:
    return [(row["article_key"], row["version"]) for row in watch.rows()]


def test_watch_catches_up_goes_live_and_survives_a_lost_connection(schema_url: str, tmp_path: Path) -> None:
    def store(*items: Any) -> None:
        run_store(store_settings(schema_url, tmp_path / "spool"), list(items))

    store(other_article(1), other_article(2), other_article(3))
    with psycopg.connect(schema_url, autocommit=True) as conn:
        first_id = conn.execute("SELECT id FROM articles_current WHERE article_key = 'tempo:1'").fetchone()
    assert first_id is not None
    with watching(schema_url, "--since-id", str(first_id[0])) as watch:
        watch.listening()
        watch.wait_for(lambda: len(watch.out) == 2, "catch-up")
        assert _versions(watch) == [("tempo:2", 1), ("tempo:3", 1)]

        edited = other_article(1, fetched_at="2024-05-15T12:00:00+07:00", body=other_article(9).article.body)
        store(edited, other_article(4), other_article(5), other_article(2))  # tempo:2 unchanged
        watch.wait_for(lambda: len(watch.out) == 5, "live rows")

        with psycopg.connect(schema_url, autocommit=True) as conn:
            ended = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = 'newscrawl watch' AND datname = current_database()"
            ).fetchall()
        assert ended
        store(other_article(6), other_article(7))  # while the watcher is away
        watch.listening(times=2)
        watch.wait_for(lambda: len(watch.out) == 7, "rows stored while it was away")
        assert watch.stop() == 0

    assert sorted(_versions(watch)) == sorted(
        [("tempo:2", 1), ("tempo:3", 1), ("tempo:1", 2), ("tempo:4", 1), ("tempo:5", 1), ("tempo:6", 1), ("tempo:7", 1)]
    )
    assert any("connection lost" in line for line in watch.err)
    assert watch.rows()[2]["body"] == edited.article.body  # the row as the view shows it now


def test_watch_ignores_what_it_did_not_store(schema_url: str, tmp_path: Path) -> None:
    """Any role may NOTIFY on the channel: a forged or another schema's notification prints nothing."""
    run_store(store_settings(schema_url, tmp_path / "spool"), [other_article(1)])
    with watching(schema_url, "--since-id", "0") as watch:
        watch.listening()
        watch.wait_for(lambda: len(watch.out) == 1, "the stored row")
        with psycopg.connect(schema_url, autocommit=True) as conn:
            schema = str((conn.execute("SELECT current_schema()").fetchone() or ("",))[0])
            for payload in (
                "not json",
                json.dumps({"change": "updated", "id": 1, "version": 7, "schema": "some_other_schema"}),
                json.dumps({"change": "updated", "id": 1, "version": 7}),
                json.dumps({"change": "new", "id": 999, "version": 1, "schema": schema}),
            ):
                conn.execute("SELECT pg_notify('newscrawl_articles', %s)", (payload,))
        run_store(store_settings(schema_url, tmp_path / "spool"), [other_article(2)])
        watch.wait_for(lambda: len(watch.out) >= 2, "the next stored row")
        assert watch.stop() == 0
    assert _versions(watch) == [("tempo:1", 1), ("tempo:2", 1)]


@pytest.mark.parametrize(
    ("arguments", "url", "status", "message"),
    [
        (["--since-id", "-1"], None, 2, "newscrawl watch: error: --since-id must be 0 or more, not -1\n"),
        ([], "postgresql://w@127.0.0.1:1/n", 1, "newscrawl watch: cannot connect to w@127.0.0.1:1/n: "),
    ],
)
def test_watch_bad_input_and_a_database_down(
    schema_url: str, arguments: list[str], url: str | None, status: int, message: str
) -> None:
    done = newscrawl("watch", *arguments, url=url or schema_url, timeout=60)
    assert done.returncode == status
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(message)


# --- a whole crawl, as a crawler role of least privilege, watched by a reader ---------------------


def crawler_setup(crawler: str, schema: str, database: str) -> list[str]:
    """The statements docs/storage.md gives to set up a crawler role, for the test's own role, schema
    (made already) and database."""
    text = (ROOT / "docs" / "storage.md").read_text(encoding="utf-8")
    section = text[text.index("## A crawler role of least privilege") :]
    block = re.findall(r"```sql\n(.*?)```", section, re.S)[0]
    block = re.sub(r"--[^\n]*", "", block)
    block = re.sub(r"\bnewscrawl_crawler\b", crawler, block)
    block = re.sub(r"\bnewscrawl\b", schema, re.sub(r"\bnews\b", database, block))
    statements = [" ".join(s.split()) for s in block.split(";") if s.strip()]
    assert statements[2] == f"CREATE SCHEMA {schema}"
    return statements[:2] + statements[3:]


@pytest.fixture(scope="module")
def crawl_watched(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``make replay`` into a schema the crawler role may only use and create in, while ``watch``
    runs as a reader made by ``db grant-reader``."""
    if shutil.which("make") is None:
        pytest.skip("no make")
    work = tmp_path_factory.mktemp("crawl_watched")
    suffix = os.urandom(5).hex()
    crawler, app = f"newscrawl_test_crawler_{suffix}", f"newscrawl_test_app_{suffix}"
    schema = contextlib.contextmanager(fresh_schema)
    with schema(server_url) as url, psycopg.connect(server_url, autocommit=True) as admin:
        try:
            with psycopg.connect(url) as conn:
                name = str((conn.execute("SELECT current_schema()").fetchone() or ("",))[0])
            database = str((admin.execute("SELECT current_database()").fetchone() or ("",))[0])
            for statement in crawler_setup(crawler, name, database):
                with contextlib.suppress(psycopg.errors.DuplicateObject):  # newscrawl_reader: one per server
                    admin.execute(statement.encode())
            crawler_url = as_role(url, crawler)
            migrated = newscrawl("db", "migrate", url=crawler_url)
            granted = grant_reader(url, app)
            with watching(as_role(url, app)) as watch:
                watch.listening()
                replay = subprocess.run(
                    ["make", "replay", f"ARGS=-s NEWSCRAWL_SPOOL_DIR={work / 'spool'} -s LOG_LEVEL=WARNING"],
                    cwd=ROOT,
                    env={**os.environ, "NEWSCRAWL_DATABASE_URL": crawler_url},
                    capture_output=True,
                    text=True,
                    timeout=600,
                    check=False,
                )
                stored = admin.execute(
                    sql.SQL("SELECT count(*) FROM {}.articles_current").format(sql.Identifier(name))
                ).fetchone()
                assert stored is not None
                if replay.returncode == 0:
                    watch.wait_for(lambda: len(watch.out) >= stored[0], "every stored article")
                    time.sleep(1)  # a row printed twice would show up now
                stopped = watch.stop()
            yield {
                "url": url,
                "schema": name,
                "crawler": crawler,
                "migrated": migrated,
                "granted": granted,
                "replay": replay,
                "watch": watch,
                "stopped": stopped,
            }
        finally:
            drop_roles(server_url, [app, crawler])


@pytest.mark.slow
def test_a_whole_crawl_runs_as_a_role_without_superuser_createrole_or_createdb(crawl_watched: dict[str, Any]) -> None:
    migrated, replay = crawl_watched["migrated"], crawl_watched["replay"]
    assert migrated.returncode == 0, migrated.stderr
    assert "applied 0001_articles, applied 0002_archive, applied 0003_crawl_state" in migrated.stdout
    assert "applied 0006_reader" in migrated.stdout
    assert "Migration:" not in migrated.stderr  # set up as documented, the migration did all it had to
    assert crawl_watched["granted"].stdout.splitlines()[0].startswith("created login role newscrawl_test_app_")
    assert replay.returncode == 0, replay.stderr[-3000:]
    with psycopg.connect(crawl_watched["url"]) as conn:
        role = conn.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = %s",
            (crawl_watched["crawler"],),
        ).fetchone()
        assert role == (False, False, False, False)
        assert conn.execute("SELECT count(*) FROM articles_current").fetchone() == (25,)
        assert conn.execute("SELECT status FROM crawl_runs").fetchall() == [("finished",)]
        assert conn.execute("SELECT count(*) > 0 FROM crawl_urls").fetchone() == (True,)
        owners = conn.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
        assert owners == [(crawl_watched["crawler"],)]


@pytest.mark.slow
def test_watch_printed_every_article_of_the_crawl_exactly_once(crawl_watched: dict[str, Any]) -> None:
    assert crawl_watched["replay"].returncode == 0
    assert crawl_watched["stopped"] == 0
    printed = crawl_watched["watch"].rows()
    with psycopg.connect(crawl_watched["url"]) as conn:
        stored = conn.execute("SELECT id, article_key, version FROM articles_current ORDER BY id").fetchall()
    assert sorted((row["id"], row["article_key"], row["version"]) for row in printed) == stored
    assert len(printed) == len(stored) == 25
