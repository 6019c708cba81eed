"""The database password never appears in a log line, an error message or a stored row."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from newscrawl.crawl.context import RunContext
from newscrawl.store.connection import DatabaseUnavailable, connect, describe, redact
from tests.fix_db import ROOT, other_article, rows, run_store, store_settings

SECRET = "s3cr3t-Pa55"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"postgresql://crawler:{SECRET}@db.example:5432/news", "postgresql://crawler:***@db.example:5432/news"),
        (f"postgres://crawler:{SECRET}@/news?host=/tmp", "postgres://crawler:***@/news?host=/tmp"),
        (f"host=db user=crawler password={SECRET} dbname=news", "host=db user=crawler password=*** dbname=news"),
        (f"host=db password = '{SECRET} x' dbname=news", "host=db password = *** dbname=news"),
        ("postgresql://postgres:@/newscrawl?host=/srv/pgdata", "postgresql://postgres:@/newscrawl?host=/srv/pgdata"),
    ],
)
def test_redact_masks_passwords(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_masks_the_password_of_the_url_wherever_it_appears() -> None:
    url = f"postgresql://crawler:{SECRET}@db/news"
    assert redact(f"server said: {SECRET!r} is wrong", url) == "server said: '***' is wrong"


def test_describe_names_the_database_without_the_password() -> None:
    assert describe(f"postgresql://crawler:{SECRET}@db.example:6432/news") == "crawler@db.example:6432/news"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://crawler:{SECRET}@127.0.0.1:{_closed_port()}/news",
        f"host=127.0.0.1 port={_closed_port()} user=crawler password={SECRET}",
        f"host=127.0.0.1 port=notaport password={SECRET}",
        f"host=127.0.0.1 password {SECRET} junk",
        f"postgresql://crawler:{SECRET}@127.0.0.1:notaport/news",
    ],
)
def test_a_failed_connection_shows_no_password(url: str) -> None:
    with pytest.raises(DatabaseUnavailable) as caught:
        connect(url, timeout=2)
    shown = "".join(traceback.format_exception(caught.value))
    assert SECRET not in shown
    assert str(caught.value)


def test_a_crawl_with_an_unreachable_database_logs_no_password(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"postgresql://crawler:{SECRET}@127.0.0.1:{_closed_port()}/news"
    with caplog.at_level(logging.DEBUG):
        stats = run_store(store_settings(url, tmp_path / "spool"), [other_article(1)])
    assert stats["newscrawl/spool/pending"] == 1
    messages = [r.getMessage() for r in caplog.records]
    assert any("Database unavailable" in m and "crawler@127.0.0.1" in m for m in messages)
    assert not [m for m in messages if SECRET in m]
    assert not [p for p in (tmp_path / "spool").iterdir() if SECRET in p.read_text()]


def test_the_recorded_arguments_show_no_password() -> None:
    arguments = {"since": "2024-01-01", "urls": f"https://u:{SECRET}@www.tempo.co/indeks", "_job": "j1"}
    recorded = RunContext.new("tempo", arguments).record()
    assert recorded.arguments == {"spider": {"since": "2024-01-01", "urls": "https://u:***@www.tempo.co/indeks"}}
    assert recorded.job_id == "j1"
    assert SECRET not in repr(recorded)


@pytest.mark.db
def test_the_db_command_reports_an_unreachable_database_without_its_password(tmp_path: Path) -> None:
    url = f"postgresql://crawler:{SECRET}@127.0.0.1:{_closed_port()}/news"
    done = subprocess.run(
        [sys.executable, "-m", "newscrawl", "db", "migrate"],
        cwd=ROOT,
        env={"NEWSCRAWL_DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("newscrawl db migrate: cannot connect to crawler@127.0.0.1:")
    assert SECRET not in done.stderr + done.stdout


@pytest.mark.db
def test_a_crawl_run_row_keeps_no_password(schema_url: str, tmp_path: Path) -> None:
    given = {"urls": f"https://u:{SECRET}@www.tempo.co/indeks"}
    run_store(store_settings(schema_url, tmp_path / "spool"), [other_article(1)], arguments=given)
    import psycopg

    with psycopg.connect(schema_url) as conn:
        ((arguments,),) = rows(conn, "SELECT arguments::text FROM crawl_runs")
    assert "u:***@www.tempo.co/indeks" in arguments
    assert SECRET not in arguments


def test_db_shell_passes_the_password_in_the_environment_not_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newscrawl.cli import db as commands

    calls: list[tuple[str, list[str], dict[str, str]]] = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: calls.append((path, argv, env)))
    monkeypatch.setenv("NEWSCRAWL_DATABASE_URL", f"postgresql://crawler:{SECRET}@db.example:6432/news")
    assert commands.run("shell") == 0
    ((path, argv, env),) = calls
    assert path.endswith("psql")
    assert SECRET not in " ".join(argv)
    assert "host=db.example" in argv[1]
    assert env["PGPASSWORD"] == SECRET
