"""The reading commands with no database set up: on the embedded PostgreSQL (``NEWSCRAWL_PGDATA``,
no ``NEWSCRAWL_DATABASE_URL``), as a user who only ran a crawl would call them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fix_db import ROOT, run_store, store_settings
from tests.fix_reader import READER_PASSWORD, fixture_articles, json_lines

pytestmark = [pytest.mark.db, pytest.mark.slow]


def _env(pgdata: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSCRAWL_DATABASE_URL"}
    return {**env, "NEWSCRAWL_PGDATA": str(pgdata), **more}


def _newscrawl(pgdata: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args],
        cwd=ROOT,
        env=_env(pgdata, **env),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def pgdata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An embedded server holding the fixture articles, stopped at the end."""
    path = tmp_path_factory.mktemp("embedded-reading") / "pgdata"
    url = _newscrawl(path, "db", "url")
    assert url.returncode == 0, url.stderr
    stats = run_store(store_settings(url.stdout.strip(), path.parent / "spool"), fixture_articles())
    assert stats["newscrawl/db/inserted"] >= 5
    yield path
    _newscrawl(path, "db", "stop")


def test_search_on_the_embedded_default(pgdata: Path) -> None:
    done = _newscrawl(pgdata, "search", "mengedarkan", "--json")
    assert done.returncode == 0, done.stderr
    assert [hit["section"] for hit in json_lines(done.stdout)] == ["cekfakta"]


def test_export_on_the_embedded_default(pgdata: Path) -> None:
    done = _newscrawl(pgdata, "export", "--format", "jsonl", "--section", "gaya")
    assert done.returncode == 0, done.stderr
    assert [row["title"] for row in json_lines(done.stdout)] == ["Ini 7 Alasan Mengapa Orang Malas Bergerak"]


def test_watch_on_the_embedded_default(pgdata: Path) -> None:
    watch = subprocess.Popen(
        [sys.executable, "-m", "newscrawl", "watch", "--since-id", "0"],
        cwd=ROOT,
        env=_env(pgdata),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watch.stdout is not None
        first = watch.stdout.readline()  # the catch-up's first row
    finally:
        watch.send_signal(signal.SIGTERM)
        status = watch.wait(timeout=60)
    assert json_lines(first)[0]["id"] == 1
    assert status == 0


def test_grant_reader_on_the_embedded_default(pgdata: Path) -> None:
    name = f"newscrawl_test_embedded_{os.urandom(5).hex()}"  # a server of its own, removed with its data
    done = _newscrawl(pgdata, "db", "grant-reader", name, NEWSCRAWL_READER_PASSWORD=READER_PASSWORD)
    assert done.returncode == 0, done.stderr
    assert f"created login role {name}, a member of newscrawl_reader" in done.stdout
