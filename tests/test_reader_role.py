"""Least privilege on the real server: the ``newscrawl_reader`` role reads the reader view and
nothing else; ``db grant-reader`` makes login roles for it without a password ever leaving the
machine in clear; the migration works per schema and for a migrating role without CREATEROLE."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import logging
import os
import pty
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from newscrawl.store.migrate import migrate
from tests.fix_db import ROOT, ThrowawayServer, crawled, fresh_schema, run_store, store_settings
from tests.fix_reader import READER_PASSWORD, RoleMaker, as_role, drop_roles, grant_reader, newscrawl

pytestmark = pytest.mark.db


def _view_columns(conn: psycopg.Connection[tuple[object, ...]]) -> list[str]:
    found = conn.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = 'articles_current' ORDER BY ordinal_position"
    ).fetchall()
    return [str(name) for (name,) in found]


def test_the_reader_reads_every_column_of_the_view_and_searches_it(reader: str, stored: str) -> None:
    with psycopg.connect(stored) as owner:
        expected = _view_columns(owner)
        count = owner.execute("SELECT count(*) FROM articles_current").fetchone()
    with psycopg.connect(reader) as conn:
        assert conn.execute("SELECT current_user").fetchone() != ("postgres",)
        cur = conn.execute(
            sql.SQL("SELECT {} FROM articles_current").format(sql.SQL(", ").join(map(sql.Identifier, expected)))
        )
        assert [c.name for c in cur.description or ()] == expected
        assert (len(cur.fetchall()),) == count
        hits = conn.execute(
            "SELECT title FROM articles_current, websearch_to_tsquery('indonesian', 'Kremlin') q WHERE search @@ q"
        ).fetchall()
    assert ("Kremlin: Putin dan Xi Jinping Tolak Campur Tangan AS dalam Urusan Negara Lain",) in hits


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT * FROM crawl_runs",
        "SELECT * FROM crawl_urls",
        "SELECT * FROM articles",
        "SELECT * FROM article_versions",
        "SELECT * FROM article_links",
        "SELECT * FROM schema_migrations",
        "INSERT INTO articles_current (article_key, title) VALUES ('x:1', 't')",
        "INSERT INTO articles (article_key, title) VALUES ('x:1', 't')",
        "UPDATE articles_current SET title = 'changed'",
        "DELETE FROM articles_current",
        "TRUNCATE articles",
        "CREATE TABLE mine (x int)",
        "CREATE TABLE public.mine (x int)",
        "CREATE VIEW mine AS SELECT 1",
        "CREATE FUNCTION mine() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    ],
    ids=lambda s: " ".join(s.split()[:3]),
)
def test_the_reader_may_not(reader: str, stored: str, statement: str) -> None:
    with psycopg.connect(reader) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement.encode())
    with psycopg.connect(stored) as owner:
        assert owner.execute(
            "SELECT count(*) FROM articles WHERE title = 'changed' OR article_key = 'x:1'"
        ).fetchone() == (0,)


def _scram_matches(verifier: str, password: str) -> bool:
    """Whether a SCRAM-SHA-256 verifier (``pg_authid.rolpassword``) is that of ``password``."""
    method, rest = verifier.split("$", 1)
    iterations_salt, keys = rest.split("$")
    iterations, salt = iterations_salt.split(":")
    stored_key, _server_key = keys.split(":")
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    return method == "SCRAM-SHA-256" and hashlib.sha256(client_key).digest() == base64.b64decode(stored_key)


def _password_of(server_url: str, role: str) -> str:
    with psycopg.connect(server_url) as conn:
        row = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (role,)).fetchone()
    assert row is not None
    return str(row[0])


def test_grant_reader_makes_a_login_member_with_the_password_from_the_environment(stored: str, server_url: str) -> None:
    name = "newscrawl_test_app_" + os.urandom(5).hex()
    try:
        done = grant_reader(stored, name)
        assert done.returncode == 0, done.stderr
        assert READER_PASSWORD not in done.stdout + done.stderr
        assert f"created login role {name}, a member of newscrawl_reader" in done.stdout
        assert _scram_matches(_password_of(server_url, name), READER_PASSWORD)
        with psycopg.connect(server_url) as conn:
            member = conn.execute("SELECT pg_has_role(%s, 'newscrawl_reader', 'USAGE')", (name,)).fetchone()
        assert member == (True,)

        again = grant_reader(stored, name, "another-Pa55")
        assert again.returncode == 0, again.stderr
        assert f"new password for {name}" in again.stdout
        assert _scram_matches(_password_of(server_url, name), "another-Pa55")
    finally:
        drop_roles(server_url, [name])


def test_grant_reader_never_gives_a_new_password_to_a_role_that_is_not_a_reader(
    stored: str, server_url: str, make_role: RoleMaker
) -> None:
    crawler = make_role("newscrawl_test_crawler")
    done = grant_reader(stored, crawler)
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"newscrawl db grant-reader: error: role {crawler} exists and is not a reader: choose another name"
    )
    with psycopg.connect(server_url) as conn:
        assert conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (crawler,)).fetchone() == (None,)


def test_grant_reader_takes_no_password_from_a_pipe(stored: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEWSCRAWL_READER_PASSWORD"}
    done = subprocess.run(
        [sys.executable, "-m", "newscrawl", "db", "grant-reader", "newscrawl_test_never_made"],
        cwd=ROOT,
        env={**env, "NEWSCRAWL_DATABASE_URL": stored},
        input="a-password\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "newscrawl db grant-reader: error: no password: set NEWSCRAWL_READER_PASSWORD, or run the command on a terminal"
        " to be asked"
    ]


def test_grant_reader_asks_twice_on_a_terminal(stored: str, server_url: str) -> None:
    name = "newscrawl_test_tty_" + os.urandom(5).hex()
    env = {k: v for k, v in os.environ.items() if k != "NEWSCRAWL_READER_PASSWORD"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, on the terminal
        os.chdir(ROOT)
        os.execve(
            sys.executable,
            [sys.executable, "-m", "newscrawl", "db", "grant-reader", name],
            {**env, "NEWSCRAWL_DATABASE_URL": stored},
        )
    try:
        seen = _answer(fd, [(b"Password for", b"typed-Pa55\n"), (b"Again:", b"typed-Pa55\n")])
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, seen
        assert b"typed-Pa55" not in seen  # not echoed
        assert _scram_matches(_password_of(server_url, name), "typed-Pa55")
    finally:
        os.close(fd)
        drop_roles(server_url, [name])


def _answer(fd: int, dialogue: list[tuple[bytes, bytes]]) -> bytes:
    seen = b""
    for prompt, answer in dialogue:
        while prompt not in seen:
            chunk = os.read(fd, 1024)
            assert chunk, seen
            seen += chunk
        seen = seen.replace(prompt, b"", 1)
        os.write(fd, answer)
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            return seen
        if not chunk:
            return seen
        seen += chunk


def test_the_migration_grants_each_schema_s_view(server_url: str) -> None:
    schema = contextlib.contextmanager(fresh_schema)
    with schema(server_url) as first, schema(server_url) as second:
        for url in (first, second):
            with psycopg.connect(url, autocommit=True) as conn:
                migrate(conn)
                granted = conn.execute(
                    "SELECT has_table_privilege('newscrawl_reader', 'articles_current', 'SELECT'),"
                    " has_schema_privilege('newscrawl_reader', current_schema(), 'USAGE'),"
                    " has_table_privilege('newscrawl_reader', 'articles', 'SELECT')"
                ).fetchone()
            assert granted == (True, True, False)


# --- a server of the test's own: the readers' role does not exist there yet ------------------


def _crawler_on(server: ThrowawayServer) -> str:
    """The documented crawler role on ``server``: no superuser, no CREATEROLE, its schema's use."""
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute("CREATE ROLE crawler LOGIN")
        conn.execute("GRANT USAGE, CREATE ON SCHEMA public TO crawler")
    return as_role(server.url, "crawler")


@pytest.mark.slow
def test_a_migrating_role_without_createrole_applies_it_with_a_warning_and_grant_reader_completes_it(
    throwaway_server: ThrowawayServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = _crawler_on(throwaway_server)
    with (
        caplog.at_level(logging.WARNING, logger="newscrawl.store.migrate"),
        psycopg.connect(crawler, autocommit=True) as conn,
    ):
        applied = migrate(conn)
    assert "reader" in [m.name for m in applied]  # applied, not necessarily the last migration
    assert [r.getMessage() for r in caplog.records] == [
        "Migration: role newscrawl_reader does not exist and crawler may not create roles: the reader view is not"
        " granted to anyone; an administrator runs `python -m newscrawl db grant-reader NAME`"
    ]
    stats = run_store(store_settings(crawler, tmp_path / "spool"), [crawled()])
    assert stats["newscrawl/db/inserted"] == 1

    done = grant_reader(throwaway_server.url, "app")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "created role newscrawl_reader",
        "granted SELECT on public.articles_current to newscrawl_reader",
        "created login role app, a member of newscrawl_reader",
        "search_path of app in this database: public",
    ]
    with psycopg.connect(as_role(throwaway_server.url, "app")) as conn:
        assert conn.execute("SELECT count(*) FROM articles_current").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM crawl_runs")


@pytest.mark.slow
def test_a_server_logging_every_statement_never_sees_the_password(throwaway_server: ThrowawayServer) -> None:
    with psycopg.connect(throwaway_server.url, autocommit=True) as conn:
        migrate(conn)
    done = newscrawl(
        "db",
        "grant-reader",
        "app",
        url=throwaway_server.url,
        env={"NEWSCRAWL_READER_PASSWORD": READER_PASSWORD, "PGOPTIONS": "-c log_statement=all"},
    )
    assert done.returncode == 0, done.stderr
    log = (throwaway_server.datadir / "log").read_text(encoding="utf-8", errors="replace")
    assert """CREATE ROLE "app" LOGIN PASSWORD 'SCRAM-SHA-256$""" in log
    assert READER_PASSWORD not in log
