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

from newscrawl import settings as defaults
from newscrawl.db import embedded
from newscrawl.db.connection import DatabaseUnavailable, connect, database_url, describe
from newscrawl.db.migrate import migrate

if TYPE_CHECKING:
    import argparse

    from scrapy.settings import BaseSettings


def _project_settings() -> BaseSettings:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    from scrapy.utils.project import get_project_settings

    return get_project_settings()


def _settings() -> tuple[str | None, str]:
    settings = _project_settings()
    # The environment first, as settings.py reads it only once, when it is first imported.
    url = os.environ.get("NEWSCRAWL_DATABASE_URL") or settings.get("NEWSCRAWL_DATABASE_URL") or None
    pgdata = os.environ.get("NEWSCRAWL_PGDATA") or settings.get("NEWSCRAWL_PGDATA") or defaults.NEWSCRAWL_PGDATA
    return url, pgdata


def spool(args: argparse.Namespace) -> int:
    """``db spool``: the spool of the configured crawl, per database (``newscrawl.db.spool_command``)."""
    from newscrawl.db import spool_command
    from newscrawl.pipelines.store import spool_dir

    url, pgdata = _settings()
    return spool_command.run(args, url, pgdata, str(spool_dir(_project_settings())))


def run(command: str) -> int:
    """Run one ``db`` command; the exit status."""
    setting, pgdata = _settings()
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
