"""Versioned plain-SQL migrations: ``migrations/NNNN_name.sql``, recorded in ``schema_migrations``.

The pending files run in version order in one transaction (all or none: PostgreSQL's DDL is
transactional, so a file must not use statements that cannot run in one, such as
``CREATE INDEX CONCURRENTLY``), under an advisory lock so that two crawls starting together
do not both apply them. Files are only ever added: an applied file is never edited, and no
migration drops data (a test enforces it). The one exception is a comment reworded after release:
``REWORDED`` keeps the checksum of the first wording, accepted only while the file's statements
are still those of that wording.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from dataclasses import dataclass
from importlib.resources import files

import psycopg

from newscrawl.store.connection import Connection

logger = logging.getLogger(__name__)

_FILE = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")
# High half of the advisory-lock keys newscrawl takes ("nc"); the low half names the schema.
LOCK_NAMESPACE = 0x6E63

# Files whose comments (never their statements) were reworded after release: version -> {checksum of
# an earlier wording: checksum of its statements}. A database that applied that wording is up to date.
REWORDED: dict[int, dict[str, str]] = {
    1: {
        "5c83ddaa77a2a586042e3d25bce18b3a44cd14ddd13b3171eab7ee5943829295": (
            "7256008529918963b262fbc8da2ac49a70738a31ce83a0994ca25bca85961778"
        ),
    },
    2: {
        "4eb799d14f7dda36ee27a08cecbd001d36d579f02d23e2cf6691eb31d55a3ff8": (
            "999edc0630f796b8bb3dac5ed71e79cbf795d448444941c605321107a0925b67"
        ),
    },
    3: {
        "655e76d08f612d776ad63263dd32ec5cb4d9523693c76d867c656a22a63f778b": (
            "70e52f5cfd8362e0babd46f5fb34cf09f9e8526ad065fccf3e4392b7e1caa398"
        ),
    },
}

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()

    @property
    def statements_checksum(self) -> str:
        """The checksum of the file without its comment lines and blank lines."""
        lines = (line for line in self.sql.splitlines() if line.strip() and not line.lstrip().startswith("--"))
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()

    def applied_as(self, checksum: str) -> bool:
        """Whether a database that recorded ``checksum`` for this file has it applied as it is now."""
        return checksum == self.checksum or REWORDED.get(self.version, {}).get(checksum) == self.statements_checksum


def available() -> list[Migration]:
    """Every migration file shipped with the package, in version order."""
    found = []
    for entry in files("newscrawl.store").joinpath("migrations").iterdir():
        match = _FILE.match(entry.name)
        if match:
            found.append(Migration(int(match["version"]), match["name"], entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def lock_key(conn: Connection, purpose: int) -> int:
    """An advisory-lock key for ``purpose`` in the connection's current schema, so that test
    schemas (or two deployments in one database) never wait for each other."""
    row = conn.execute("SELECT current_schema()").fetchone()
    if row is None or row[0] is None:
        raise psycopg.errors.InvalidSchemaName("no schema of the search_path exists")
    schema_crc = zlib.crc32(str(row[0]).encode("utf-8"))
    return (LOCK_NAMESPACE << 16 | purpose) << 32 | schema_crc


def _log_warning(diagnostic: psycopg.errors.Diagnostic) -> None:
    # A migration says what it could not do (the readers' role without CREATEROLE) with a
    # WARNING; psycopg drops server messages unless a handler takes them.
    if diagnostic.severity_nonlocalized == "WARNING":
        logger.warning("Migration: %s", diagnostic.message_primary)


def migrate(conn: Connection) -> list[Migration]:
    """Apply the pending migrations; return those applied now. ``conn`` must not be in a transaction."""
    conn.add_notice_handler(_log_warning)
    try:
        applied_now = _apply(conn)
    finally:
        conn.remove_notice_handler(_log_warning)
    for migration in applied_now:
        logger.info("Applied migration %04d_%s", migration.version, migration.name)
    return applied_now


def _apply(conn: Connection) -> list[Migration]:
    applied_now = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(conn, 1),))
        conn.execute(_CREATE_TABLE)
        done = {int(v): str(c) for v, c in conn.execute("SELECT version, checksum FROM schema_migrations")}
        for migration in available():
            if migration.version in done:
                if not migration.applied_as(done[migration.version]):
                    logger.warning(
                        "Migration %04d_%s was edited after it was applied; the edit is not applied",
                        migration.version,
                        migration.name,
                    )
                continue
            conn.execute(migration.sql.encode("utf-8"))
            conn.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                (migration.version, migration.name, migration.checksum),
            )
            applied_now.append(migration)
    return applied_now
