"""JavaScript rendering through scrapy-playwright, switched by ``NEWSCRAWL_RENDER``.

* ``auto`` (default): an article page whose static HTML gives an empty body is
  fetched again through Chromium;
* ``always``: every article page is rendered;
* ``never``: scrapy-playwright is not even installed as download handler, so a
  crawl that cannot render pays nothing for it.

The add-on installs the handler only when rendering can happen: a mode other than
``never``, and a Chromium found by ``newscrawl.browser`` (whose path it gives Playwright).
It logs which browser that is, or that there is none: the crawl then runs without one,
and a page that needs JavaScript is read from its static HTML, without a body: no article
(``newscrawl/render/unavailable``, ``newscrawl/skipped/no-body``).
A replay needs no browser: the archive serves the rendered pages. The browser itself
starts on the first rendered page. The other ``PLAYWRIGHT_*`` settings (headless flags,
page cap) live in ``settings.py``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal, cast

from scrapy.settings import SETTINGS_PRIORITIES
from scrapy_playwright.page import PageMethod

from newscrawl import outlets
from newscrawl import settings as defaults
from newscrawl.browser import SETTING, Browser, find_browser
from newscrawl.config import Read

if TYPE_CHECKING:
    from playwright.async_api import Request as BrowserRequest
    from scrapy.settings import BaseSettings, Settings

logger = logging.getLogger(__name__)

RenderMode = Literal["auto", "always", "never"]
MODES: tuple[RenderMode, ...] = ("auto", "always", "never")
PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# What a page needs to show its text; the rest only costs bandwidth and time.
_SKIPPED_RESOURCES = frozenset({"image", "media", "font", "stylesheet"})


def render_mode(settings: BaseSettings) -> RenderMode:
    """``NEWSCRAWL_RENDER``; ``SettingError`` unless one of ``MODES``."""
    return cast("RenderMode", Read(settings).choice("NEWSCRAWL_RENDER", defaults.NEWSCRAWL_RENDER, MODES))


def browser_for(settings: BaseSettings) -> Browser:
    """The Chromium this crawl renders with (``NEWSCRAWL_BROWSER_PATH``, else the lookup)."""
    return find_browser(Read(settings).text(SETTING))


class RenderingAddon:
    """Installs scrapy-playwright's download handler for https, driving the Chromium found,
    unless rendering is off, the crawl is a replay, or no browser is found.

    Only https: every outlet's URL is canonicalized to https before it is requested,
    and each scheme would get a handler of its own, with its own Playwright driver."""

    def update_settings(self, settings: Settings) -> None:
        if render_mode(settings) == "never" or settings.get("NEWSCRAWL_REPLAY"):
            return
        browser = browser_for(settings)
        if browser.path is None:
            logger.warning("Rendering: %s", browser)
            return
        logger.info("Rendering: %s", browser)
        settings["DOWNLOAD_HANDLERS"].set("https", PLAYWRIGHT_HANDLER, priority="addon")
        name = "PLAYWRIGHT_LAUNCH_OPTIONS"
        options = {**settings.getdict(name), "executable_path": str(browser.path)}
        settings.set(name, options, priority=max(settings.getpriority(name) or 0, SETTINGS_PRIORITIES["addon"]))


def render_meta() -> dict[str, Any]:
    """Request meta that sends a request through the browser. The handler closes the
    page after reading it (``playwright_include_page`` stays off: scrapy-playwright's
    leaked-page memory growth comes from pages kept open)."""
    return {
        "playwright": True,
        # Client-rendered pages fetch their text after "load"; wait until the network is quiet.
        "playwright_page_methods": [PageMethod("wait_for_load_state", "networkidle")],
    }


def abort_request(request: BrowserRequest) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST``: the page itself always loads; images, media, fonts,
    styles and anything from outside the outlets' own hosts (ads, trackers) never do."""
    if request.is_navigation_request():
        return False
    return request.resource_type in _SKIPPED_RESOURCES or outlets.for_url(request.url) is None
