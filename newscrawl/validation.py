"""Every ``NEWSCRAWL_*`` setting checked when a crawl starts, however it is started.

``check_settings`` reads each component's config as the component will (each raises
``config.SettingError`` with one line naming the setting and what it expects). The project's
``crawl`` command calls it before anything else and exits 2 with that line;
``SettingsCheckAddon``, the first of the project's add-ons, calls it for every crawler, so a
scrapyd job or a ``CrawlerProcess`` in a Python program stops at start too, before any request,
with the same line in its log.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from newscrawl.archive.recorder import warc_max_size
from newscrawl.distributed import RedisConfig
from newscrawl.guard import no_page_timeout
from newscrawl.monitors import MonitorConfig
from newscrawl.pipelines.validate import min_body_chars
from newscrawl.politeness import PolitenessConfig
from newscrawl.progress import progress_interval
from newscrawl.rendering import render_mode
from newscrawl.spiders.plan import CrawlConfig
from newscrawl.state.middleware import StateConfig
from newscrawl.store.config import StoreConfig

if TYPE_CHECKING:
    from collections.abc import Callable

    from scrapy.settings import BaseSettings, Settings

logger = logging.getLogger(__name__)

READERS: tuple[Callable[[BaseSettings], object], ...] = (
    PolitenessConfig.from_settings,
    no_page_timeout,
    CrawlConfig.from_settings,
    render_mode,
    StoreConfig.from_settings,
    min_body_chars,
    warc_max_size,
    StateConfig.from_settings,
    RedisConfig.from_settings,
    MonitorConfig.from_settings,
    progress_interval,
)
"""Each component's reading of its settings, as the component does it."""


def check_settings(settings: BaseSettings) -> None:
    """``config.SettingError`` for the first setting whose value cannot work."""
    for read in READERS:
        with suppress(NotConfigured):  # a component switched off has nothing to check
            read(settings)


class SettingsCheckAddon:
    """Checks every setting before the crawl is built (``ADDONS``)."""

    def update_settings(self, settings: Settings) -> None:
        try:
            check_settings(settings)
        except ValueError as exc:  # SettingError: one line, logged before Scrapy reports the exception
            logger.error("Bad setting: %s", exc)
            raise
