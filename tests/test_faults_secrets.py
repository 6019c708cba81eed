"""A database URL with a password, given to a real ``scrapy crawl``: no log line, error message,
stats file, spool file or stored row shows the password, whether it is right, wrong, or its server
is down. The server is a throwaway one that checks passwords (scram-sha-256), with a role of the
test's own; ``tests/test_db_secrets.py`` covers the same at the level of each function."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import psycopg
import pytest
from psycopg import sql

from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_db import ThrowawayServer, rows
from tests.site.build import SEED_URL, Site, build_site
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer, unused_port

pytestmark = [pytest.mark.db, pytest.mark.slow]

ROLE = "newscrawl_writer"
SECRET = "s3cr3t-Pa55-9f1c"
WRONG = "wr0ng-Pa55-47ad"
# Only the postgres superuser (the fixtures' own connections) comes in without a password.
HBA = "local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"


@dataclass
class Shown:
    """Everything a crawl left for a person to read."""

    crawl: Crawl
    texts: dict[str, str]

    def containing(self, secret: str) -> list[str]:
        return [name for name, text in self.texts.items() if secret in text]


@pytest.fixture(scope="module")
def database() -> Iterator[ThrowawayServer]:
    server = ThrowawayServer()
    (server.datadir / "pg_hba.conf").write_text(HBA, encoding="utf-8")
    server.start()
    try:
        with psycopg.connect(server.url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(ROLE), sql.Literal(SECRET)))
            conn.execute(sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(sql.Identifier(ROLE)))
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(today_in_jakarta())


def _url(server: ThrowawayServer, password: str, port: int | None = None) -> str:
    return f"postgresql://{ROLE}:{password}@127.0.0.1:{port or server.port}/postgres"


def _crawl(site: Site, work: Path, url: str, *, in_environment: bool = False) -> Shown:
    """Crawl three articles with ``url`` given as ``-s NEWSCRAWL_DATABASE_URL=`` or in the environment."""
    settings = {
        "NEWSCRAWL_SPOOL_DIR": str(work / "spool"),
        "NEWSCRAWL_RENDER": "never",
        "NEWSCRAWL_DB_CONNECT_TIMEOUT": "2",
    }
    environment = {"NEWSCRAWL_DATABASE_URL": url} if in_environment else {}
    if not in_environment:
        settings["NEWSCRAWL_DATABASE_URL"] = url
    arguments = {"urls": ",".join([SEED_URL, site.url(1900001), site.url(1900003)]), "related_depth": "0"}
    with SiteServer(site) as server, mock.patch.dict(os.environ, environment):
        result = crawl(server.url, work, arguments, settings, pipelines=True)
    texts = {"log": result.stderr, "stats": (work / "stats.json").read_text(encoding="utf-8")}
    texts |= {path.name: path.read_text(encoding="utf-8") for path in (work / "spool").glob("*")}
    return Shown(result, texts)


def _recorded_run(server: ThrowawayServer, shown: Shown) -> tuple[str, str]:
    """The crawl's ``crawl_runs`` row, written through the password: its status, and its text."""
    with psycopg.connect(server.url) as conn:
        ((status, text),) = rows(
            conn,
            "SELECT status, arguments::text || stats::text FROM crawl_runs WHERE run_id = %s",
            shown.crawl.stats["newscrawl/run_id"],
        )
    return status, text


@pytest.mark.parametrize("given", ["setting", "environment"])
def test_a_working_password_appears_nowhere(given: str, database: ThrowawayServer, site: Site, tmp_path: Path) -> None:
    shown = _crawl(site, tmp_path, _url(database, SECRET), in_environment=given == "environment")
    assert shown.crawl.returncode == 0, shown.crawl.stderr[-3000:]
    status, recorded = _recorded_run(database, shown)
    assert status == "finished"
    assert f"Storing articles in {ROLE}@127.0.0.1:{database.port}/postgres" in shown.crawl.stderr
    with psycopg.connect(database.url) as conn:
        assert len(rows(conn, "SELECT 1 FROM articles")) == 3
    assert shown.containing(SECRET) == []
    assert SECRET not in recorded


@pytest.mark.parametrize("fault", ["wrong password", "server down"])
def test_a_failing_connection_shows_no_password(
    fault: str, database: ThrowawayServer, site: Site, tmp_path: Path
) -> None:
    password, port = (WRONG, None) if fault == "wrong password" else (SECRET, unused_port())
    shown = _crawl(site, tmp_path, _url(database, password, port))
    log = shown.crawl.stderr
    assert "Database unavailable (cannot connect to newscrawl_writer@127.0.0.1:" in log
    if fault == "wrong password":
        assert 'password authentication failed for user "newscrawl_writer"' in log
    # Nothing lost either: the articles wait in the spool, which keeps no password.
    assert "3 articles still spooled" in log
    assert [name for name in shown.texts if name.startswith("batch-")]
    assert shown.containing(password) == []
