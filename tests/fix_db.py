"""Database fixtures (a pytest plugin): a real PostgreSQL, a fresh schema per test, a
throwaway server to stop for real, and articles built from the seed pages.

The server is ``NEWSCRAWL_TEST_DATABASE_URL`` when set, else an embedded one (pgserver) in a
temporary directory. Without a reachable server the database tests skip, except under
``CI=true``, where they fail: a green CI must not hide them.
"""

from __future__ import annotations

import asyncio
import functools
import os
import pwd
import random
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from newscrawl.items import Article, CrawledArticle
from newscrawl.parsers import parse
from newscrawl.store import embedded
from newscrawl.store.connection import Connection
from newscrawl.store.migrate import migrate
from tests.stats_check import registered_only

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from newscrawl.pipelines.store import StorePipeline

ROOT = Path(__file__).resolve().parent.parent
SEED_URL = (
    "https://dunia.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-as-dalam-urusan-negara-lain"
)
FETCHED_AT = "2024-05-14T12:00:00+07:00"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "db: needs PostgreSQL (NEWSCRAWL_TEST_DATABASE_URL, else an embedded server)")


def _unreachable(message: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and no database for the storage tests: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A URL of a PostgreSQL server the tests may create schemas in."""
    url = os.environ.get("NEWSCRAWL_TEST_DATABASE_URL")
    if url:
        _check(url)
        yield url
        return
    with embedded_pgdata() as pgdata:
        try:
            url = embedded.start(pgdata, database="newscrawl_test")
        except Exception as exc:  # noqa: BLE001 - any failure to start means "no database"
            _unreachable(f"no NEWSCRAWL_TEST_DATABASE_URL and the embedded server did not start: {exc}")
        _check(url)
        yield url


def _check(url: str) -> None:
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        _unreachable(f"cannot connect to the test database: {exc}")


@contextmanager
def embedded_pgdata() -> Iterator[Path]:
    """A data directory for an embedded server, in a folder of its own right under the system's
    temporary directory; the server in it stopped and the folder removed afterwards.

    Not under pytest's temporary directory: as root, PostgreSQL runs as pgserver's own user, which
    must be able to pass through every folder above its data directory for as long as it runs,
    and pytest closes ``/tmp/pytest-of-root`` (mode 0700) whenever a session starts. Another run
    starting meanwhile (another checkout, another developer) cut the server off from its own
    files: a PANIC at its next checkpoint, and ``pg_ctl stop``: Permission denied."""
    folder = Path(tempfile.mkdtemp(prefix="newscrawl-embedded-"))
    pgdata = folder / "pgdata"
    try:
        yield pgdata
    finally:
        try:
            embedded.stop(pgdata)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def schema_url(server_url: str) -> Iterator[str]:
    """A URL whose tables live in a new schema of their own, dropped after the test: tests
    (and other developers' runs on the same server) never see each other's rows."""
    yield from fresh_schema(server_url)


def fresh_schema(server_url: str, prefix: str = "newscrawl_test") -> Iterator[str]:
    """A URL of ``server_url``'s database whose search path is a new, empty schema, dropped after."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    try:
        yield make_conninfo(server_url, options=f"-c search_path={name}")
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))


@pytest.fixture
def db(schema_url: str) -> Iterator[Connection]:
    """An autocommit connection to the test's schema, migrated."""
    with psycopg.connect(schema_url, autocommit=True) as conn:
        migrate(conn)
        yield conn


def rows(conn: Connection, query: str, *params: Any) -> list[tuple[Any, ...]]:
    return conn.execute(query.encode(), params or None).fetchall()


# --- a server of our own, to stop and start -------------------------------------------


class ThrowawayServer:
    """A PostgreSQL in a temporary directory on a free loopback port, stopped and started for
    real (never the shared server). As root, it runs as the ``postgres`` system user."""

    def __init__(self) -> None:
        # The system's server programs, else those pgserver ships (a runtime dependency).
        self.bin = ([*sorted(Path("/usr/lib/postgresql").glob("*/bin"))] or [embedded.bin_dir()])[-1]
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            users = [u for u in ("postgres", "pgserver") if _user_exists(u)]
            if not users:
                pytest.skip("running as root and there is no 'postgres' user to run a server as")
            self.user = users[0]
        self.datadir = Path(tempfile.mkdtemp(prefix="newscrawl-pg-"))
        if self.user:
            shutil.chown(self.datadir, self.user)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._run("initdb", "-D", str(self.datadir), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.datadir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.datadir), "-o", options, "-l", str(self.datadir / "log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.datadir, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([str(self.bin / program), *args], check=True, capture_output=True, user=self.user, timeout=120)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture
def throwaway_server() -> Iterator[ThrowawayServer]:
    server = ThrowawayServer()
    server.start()
    try:
        yield server
    finally:
        server.remove()


# --- articles --------------------------------------------------------------------------


@functools.cache
def seed_article() -> Article:
    """The seed article (Kremlin: Putin dan Xi...) as the parser reads its E2 page."""
    return parse(SEED_URL, (ROOT / "seeds" / "e2-dunia-2024-02-08-kremlin-putin-xi.html").read_bytes())


@functools.cache
def _vocabulary() -> tuple[str, ...]:
    return tuple(sorted({w.strip(".,:;\"'()") for w in seed_article().body.split()} - {""}))


def crawled(article: Article | None = None, fetched_at: str = FETCHED_AT, **changes: Any) -> CrawledArticle:
    """A ``CrawledArticle`` of ``article`` (default: the seed) with ``changes`` to its fields."""
    article = article or seed_article()
    return CrawledArticle(replace(article, **changes) if changes else article, fetched_at)


def other_article(number: int, fetched_at: str = FETCHED_AT, **changes: Any) -> CrawledArticle:
    """A seed-sized article of its own: id ``number``, and a body of other words (so it is
    neither an exact nor a near duplicate of any other ``other_article``)."""
    rng = random.Random(number)
    paragraphs = [" ".join(rng.choices(_vocabulary(), k=60)) for _ in range(6)]
    url = f"https://dunia.tempo.co/read/{number}/berita-nomor-{number}"
    fields: dict[str, Any] = {
        "url": url,
        "canonical_url": url,
        "article_id": number,
        "title": f"Berita nomor {number}: {' '.join(rng.choices(_vocabulary(), k=6))}",
        "body": "\n\n".join(paragraphs),
        **changes,
    }
    return crawled(seed_article(), fetched_at, **fields)


# --- running the store as a crawl would ---------------------------------------------


def store_settings(url: str, spool: Path, **overrides: Any) -> dict[str, Any]:
    return {
        "NEWSCRAWL_DATABASE_URL": url,
        "NEWSCRAWL_SPOOL_DIR": str(spool),
        "NEWSCRAWL_DB_RETRY_DELAY": 0.05,
        "NEWSCRAWL_DB_RETRY_MAX_DELAY": 0.2,
        "NEWSCRAWL_DB_CONNECT_TIMEOUT": 2,
        **overrides,
    }


def store_pipeline(url: str, spool: Path, **overrides: Any) -> tuple[Crawler, StorePipeline]:
    """A crawl's ``StorePipeline`` for the database at ``url`` (not opened yet), and the crawl."""
    from scrapy.utils.test import get_crawler

    from newscrawl.pipelines.store import StorePipeline

    crawler = get_crawler(settings_dict=store_settings(url, spool, **overrides))
    assert crawler.stats is not None
    return crawler, StorePipeline.from_crawler(crawler)


def run_store(
    settings: dict[str, Any], items: list[Any], spider: str = "tempo", arguments: dict[str, str] | None = None
) -> dict[str, Any]:
    """Open a ``StorePipeline`` as Scrapy would, feed it ``items``, close it; its crawl's stats.
    With ``arguments``, the crawl has a ``tempo`` spider given them (its run context's identity)."""
    from scrapy.utils.test import get_crawler

    from newscrawl.pipelines.store import StorePipeline
    from newscrawl.spiders.tempo import TempoSpider

    crawler = get_crawler(TempoSpider, settings_dict=settings)
    assert crawler.stats is not None
    if arguments is not None:
        crawler.spider = TempoSpider.from_crawler(crawler, **arguments)
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.run.spider = spider

    async def crawl() -> None:
        await pipeline.open_spider()
        for item in items:
            await pipeline.process_item(item)
        await pipeline.close_spider()
        await pipeline.spider_closed(None, "finished")

    asyncio.run(crawl())
    return registered_only(crawler.stats.get_stats())
