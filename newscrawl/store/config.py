"""The store's settings, read once: which database, where the spool is, how batches are written.

Read from any Scrapy settings object (a crawl's, or the project's for the command line), with
the defaults of ``newscrawl/settings.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl import settings as defaults
from newscrawl.config import Read

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

SPOOL_DIR = Path(".newscrawl/spool")
"""The spool when neither ``NEWSCRAWL_SPOOL_DIR`` nor ``JOBDIR`` is set."""


@dataclass(frozen=True)  # not slots: from_settings reads the defaults off the class
class StoreConfig:
    """The ``NEWSCRAWL_*`` storage settings, read once."""

    enabled: bool = defaults.NEWSCRAWL_STORE_ENABLED
    database_url: str | None = None
    pgdata: str = defaults.NEWSCRAWL_PGDATA
    spool_dir: Path = SPOOL_DIR
    batch_size: int = defaults.NEWSCRAWL_DB_BATCH_SIZE
    max_delay: float = defaults.NEWSCRAWL_DB_MAX_DELAY
    retry_delay: float = defaults.NEWSCRAWL_DB_RETRY_DELAY
    retry_max_delay: float = defaults.NEWSCRAWL_DB_RETRY_MAX_DELAY
    connect_timeout: float = defaults.NEWSCRAWL_DB_CONNECT_TIMEOUT

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> StoreConfig:
        """``SettingError`` for a value that cannot work."""
        read = Read(settings)
        return cls(
            enabled=read.flag("NEWSCRAWL_STORE_ENABLED", defaults.NEWSCRAWL_STORE_ENABLED),
            database_url=read.text("NEWSCRAWL_DATABASE_URL"),
            pgdata=read.text("NEWSCRAWL_PGDATA") or defaults.NEWSCRAWL_PGDATA,
            spool_dir=spool_dir(settings),
            batch_size=read.whole("NEWSCRAWL_DB_BATCH_SIZE", defaults.NEWSCRAWL_DB_BATCH_SIZE, minimum=1),
            max_delay=read.number("NEWSCRAWL_DB_MAX_DELAY", defaults.NEWSCRAWL_DB_MAX_DELAY, above=True),
            retry_delay=read.number("NEWSCRAWL_DB_RETRY_DELAY", defaults.NEWSCRAWL_DB_RETRY_DELAY, above=True),
            retry_max_delay=read.number(
                "NEWSCRAWL_DB_RETRY_MAX_DELAY", defaults.NEWSCRAWL_DB_RETRY_MAX_DELAY, above=True
            ),
            connect_timeout=read.number(
                "NEWSCRAWL_DB_CONNECT_TIMEOUT", defaults.NEWSCRAWL_DB_CONNECT_TIMEOUT, above=True
            ),
        )


def spool_dir(settings: BaseSettings) -> Path:
    """``NEWSCRAWL_SPOOL_DIR``, else ``<JOBDIR>/newscrawl-spool``, else ``.newscrawl/spool``."""
    if settings.get("NEWSCRAWL_SPOOL_DIR"):
        return Path(settings["NEWSCRAWL_SPOOL_DIR"])
    jobdir = settings.get("JOBDIR")
    return Path(jobdir) / "newscrawl-spool" if jobdir else SPOOL_DIR
