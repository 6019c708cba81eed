"""JavaScript rendering through scrapy-playwright, switched by ``NEWSCRAWL_RENDER``.

* ``auto`` (default): an article page whose static HTML gives an empty body is
  fetched again through Chromium;
* ``always``: every article page is rendered;
* ``never``: scrapy-playwright is not even installed as download handler, so a
  crawl that cannot render pays nothing for it.

The add-on installs the handler only when rendering can happen; the browser itself
starts on the first rendered page. ``PLAYWRIGHT_*`` settings (system Chromium,
headless flags, page cap) live in ``settings.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, cast

from scrapy_playwright.page import PageMethod

from newscrawl import outlets
from newscrawl import settings as defaults
from newscrawl.config import Read

if TYPE_CHECKING:
    from playwright.async_api import Request as BrowserRequest
    from scrapy.settings import BaseSettings, Settings

RenderMode = Literal["auto", "always", "never"]
MODES: tuple[RenderMode, ...] = ("auto", "always", "never")
PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# What a page needs to show its text; the rest only costs bandwidth and time.
_SKIPPED_RESOURCES = frozenset({"image", "media", "font", "stylesheet"})


def render_mode(settings: BaseSettings) -> RenderMode:
    """``NEWSCRAWL_RENDER``; ``SettingError`` unless one of ``MODES``."""
    return cast("RenderMode", Read(settings).choice("NEWSCRAWL_RENDER", defaults.NEWSCRAWL_RENDER, MODES))


class RenderingAddon:
    """Installs scrapy-playwright's download handler for https unless rendering is off.

    Only https: every outlet's URL is canonicalized to https before it is requested,
    and each scheme would get a handler of its own, with its own Playwright driver."""

    def update_settings(self, settings: Settings) -> None:
        if render_mode(settings) != "never":
            settings["DOWNLOAD_HANDLERS"].set("https", PLAYWRIGHT_HANDLER, priority="addon")


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
