"""The project's settings outside a crawl: what the command line (``python -m newscrawl db``,
``reparse``, ``watch``…) needs to find the database and the spool a crawl would use."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from newscrawl.store.config import StoreConfig

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


def project_settings() -> BaseSettings:
    """``newscrawl/settings.py`` as Scrapy reads it (with the environment, see there)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    from scrapy.utils.project import get_project_settings  # Scrapy loads only for the commands that need it

    return get_project_settings()


def store_config() -> StoreConfig:
    """The store's settings a crawl would use here. The environment is read again, as the settings
    module reads it once, when first imported (a test, or a program that changed it since)."""
    config = StoreConfig.from_settings(project_settings())
    return replace(
        config,
        database_url=os.environ.get("NEWSCRAWL_DATABASE_URL") or config.database_url,
        pgdata=os.environ.get("NEWSCRAWL_PGDATA") or config.pgdata,
    )
