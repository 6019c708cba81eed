"""The embedded PostgreSQL: a ``pgserver`` server in ``.newscrawl/pgdata``, reused across runs.

pgserver ships the server binaries in its wheel, so a crawl works on a machine with no
database set up. The server listens on a Unix socket inside the data directory only (no TCP
port), keeps running after the process that started it exits (so the URL printed by
``python -m newscrawl db url`` stays valid), and is stopped with ``db stop``.

Run as root, pgserver runs the server as a system user ``pgserver`` that it creates, and
makes the folders above the data directory traversable for it (PostgreSQL refuses root).
It does so when it starts the server; ``stop`` does it again, as a folder may have been
closed since: pytest closes ``/tmp/pytest-of-root`` (mode 0700) whenever a test session
starts, and ``pg_ctl stop``, run as ``pgserver``, then could not reach the data directory.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import warnings
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from newscrawl.store.connection import DatabaseUnavailable

logger = logging.getLogger(__name__)

DATABASE = "newscrawl"
_SYSTEM_USER = "pgserver"  # the user pgserver runs the server as when started by root


def _pgserver() -> Any:
    # platformdirs warns at import time when XDG_RUNTIME_DIR is unset (containers, cron, CI).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

    return pgserver


def bin_dir() -> Path:
    """The server and client programs pgserver ships (``psql`` among them)."""
    return Path(_pgserver().__file__).parent / "pginstall" / "bin"


def start(pgdata: Path, database: str = DATABASE) -> str:
    """Start the server in ``pgdata`` unless it runs already; create ``database``; return its URL."""
    pgdata = pgdata.expanduser().resolve()
    try:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: the server outlives this process (see the module docstring).
        server = _pgserver().get_server(pgdata, cleanup_mode=None)
        url: str = server.get_uri(database)
        admin_url: str = server.get_uri("postgres")
    except Exception as exc:  # pgserver raises plain exceptions of every kind (subprocess, OS, assert)
        raise DatabaseUnavailable(f"cannot start the embedded PostgreSQL in {pgdata}: {exc}") from None
    _create_database(admin_url, database)
    logger.debug("Embedded PostgreSQL in %s serves %s", pgdata, database)
    return url


def stop(pgdata: Path) -> bool:
    """Stop the server in ``pgdata``; ``False`` if it was not running."""
    pgdata = pgdata.expanduser().resolve()
    if not (pgdata / "postmaster.pid").exists():
        return False
    # pg_ctl directly: pgserver's own cleanup only stops a server when the calling process
    # holds its last handle, which a separate `db stop` process never does.
    pgserver, user = _pgserver(), None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: pgserver's user runs pg_ctl
        user = _SYSTEM_USER
        pgserver.utils.ensure_prefix_permissions(pgdata)  # the folders above, traversable again
    try:
        pgserver.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    except (OSError, subprocess.SubprocessError) as exc:  # pg_ctl's own message is logged by pgserver
        raise DatabaseUnavailable(f"cannot stop the embedded PostgreSQL in {pgdata}: {exc}") from None
    (pgdata / ".handle_pids.json").unlink(missing_ok=True)
    return True


def _create_database(admin_url: str, database: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone():
            return
        # Another process may create it between the check and here.
        with contextlib.suppress(psycopg.errors.DuplicateDatabase):
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
