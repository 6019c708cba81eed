"""``python -m newscrawl db url|shell|migrate|stop|spool``: the database the crawl writes to.

The database is the one a crawl would use: ``NEWSCRAWL_DATABASE_URL`` (environment or
``newscrawl/settings.py``), else the embedded server in ``NEWSCRAWL_PGDATA``, started if it
is not running.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from newscrawl.project import store_config
from newscrawl.store import embedded
from newscrawl.store.connection import DatabaseUnavailable, connect, database_url, describe
from newscrawl.store.migrate import migrate

if TYPE_CHECKING:
    import argparse


def spool(args: argparse.Namespace) -> int:
    """``db spool``: the spool of the configured crawl, per database (``newscrawl.cli.spool``)."""
    from newscrawl.cli import spool as spool_command

    config = store_config()
    return spool_command.run(args, config.database_url, config.pgdata, str(config.spool_dir))


def run(command: str) -> int:
    """Run one ``db`` command; the exit status."""
    config = store_config()
    setting, pgdata = config.database_url, config.pgdata
    try:
        if command == "stop":
            return _stop(setting, Path(pgdata))
        url = database_url(setting, pgdata)
        if command == "url":
            print(url)
        elif command == "migrate":
            with connect(url, autocommit=True) as conn:
                applied = migrate(conn)
            print(
                f"{describe(url)}: " + (", ".join(f"applied {m.version:04d}_{m.name}" for m in applied) or "up to date")
            )
        elif command == "shell":
            _psql(url)
    except DatabaseUnavailable as exc:
        print(f"newscrawl db {command}: {exc}", file=sys.stderr)
        return 1
    return 0


def _psql(url: str) -> None:
    """Replace this process with psql on ``url``; the password goes in the environment, not in
    psql's command line, where any user could read it in the process list."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        raise DatabaseUnavailable("invalid database URL (not shown: it may contain a password)") from None
    env = dict(os.environ)
    if info.get("password"):
        env["PGPASSWORD"] = str(info.pop("password"))
    psql = shutil.which("psql") or str(embedded.bin_dir() / "psql")
    os.execve(psql, [psql, make_conninfo(**{k: str(v) for k, v in info.items()})], env)


def _stop(setting: str | None, pgdata: Path) -> int:
    if setting:
        print("newscrawl db stop: NEWSCRAWL_DATABASE_URL is set; only the embedded server is stopped", file=sys.stderr)
        return 1
    print(f"stopped the server in {pgdata}" if embedded.stop(pgdata) else f"no server running in {pgdata}")
    return 0
