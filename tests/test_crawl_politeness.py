"""Politeness and failure handling: the User-Agent, backoff, 403, rendering switch, the
one-line failure reasons, and at most four requests in flight per host."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any, cast

import pytest
from scrapy.exceptions import CannotResolveHostError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl import settings as project
from newscrawl.guard import failure_kind, failure_reason
from newscrawl.politeness import PolitenessAddon, backoff_delay, user_agent
from newscrawl.rendering import PLAYWRIGHT_HANDLER, RenderingAddon, abort_request
from newscrawl.spiders.plan import today_in_jakarta
from tests.site.build import build_site
from tests.site.run import crawl
from tests.site.server import SiteServer


def test_the_user_agent_carries_the_contact() -> None:
    settings = Settings({"NEWSCRAWL_CONTACT": "ops@example.org"})
    PolitenessAddon().update_settings(settings)
    assert settings["USER_AGENT"] == "newscrawl/0.1.0 (+ops@example.org)" == user_agent("ops@example.org")


def test_an_explicit_user_agent_wins(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings()
    settings.set("USER_AGENT", "mine/1.0", priority="cmdline")
    PolitenessAddon().update_settings(settings)
    assert settings["USER_AGENT"] == "mine/1.0"
    assert "NEWSCRAWL_CONTACT is not set" in caplog.text


def test_the_download_delay_never_drops_to_zero() -> None:
    settings = Settings()
    settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    PolitenessAddon().update_settings(settings)
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.001


@pytest.mark.parametrize(("attempt", "low", "high"), [(1, 1.0, 1.25), (2, 2.0, 2.5), (3, 4.0, 5.0), (9, 30.0, 30.0)])
def test_backoff_doubles_with_jitter_up_to_the_cap(attempt: int, low: float, high: float) -> None:
    assert low <= backoff_delay(attempt, base=1.0, cap=30.0) <= high


def test_backoff_follows_retry_after() -> None:
    assert backoff_delay(1, 1.0, 30.0, "7") == 7.0
    assert backoff_delay(1, 1.0, 30.0, "3600") == 30.0
    in_a_while = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    assert 0 < backoff_delay(1, 1.0, 30.0, in_a_while) <= 20
    assert backoff_delay(1, 1.0, 30.0, format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True)) == 0
    assert 1.0 <= backoff_delay(1, 1.0, 30.0, "soon") <= 1.25


def test_rendering_installs_the_browser_handler_only_when_it_can_render(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n", encoding="utf-8")
    chromium.chmod(0o755)
    for mode, browser, replay, handler in (
        ("never", chromium, None, None),
        ("auto", chromium, None, PLAYWRIGHT_HANDLER),
        ("always", chromium, None, PLAYWRIGHT_HANDLER),
        ("auto", tmp_path / "missing", None, None),  # no browser: the crawl runs without
        ("auto", chromium, "archive/", None),  # a replay's archive serves the rendered pages
    ):
        options = {"headless": True, "executable_path": "/usr/bin/elsewhere"}
        settings = Settings({"NEWSCRAWL_RENDER": mode, "NEWSCRAWL_BROWSER_PATH": str(browser)})
        settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", options, priority="cmdline")
        settings.set("NEWSCRAWL_REPLAY", replay)
        RenderingAddon().update_settings(settings)
        assert settings["DOWNLOAD_HANDLERS"].get("https") == handler
        assert settings["DOWNLOAD_HANDLERS"].get("http") is None
        # Playwright launches the browser found, with the other options as given.
        launched = {**options, "executable_path": str(chromium)} if handler else options
        assert settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS") == launched


@dataclass
class BrowserRequest:
    """The part of Playwright's ``Request`` that ``abort_request`` reads."""

    url: str
    resource_type: str = "script"
    navigation: bool = False

    def is_navigation_request(self) -> bool:
        return self.navigation


def aborted(url: str, resource_type: str = "script", navigation: bool = False) -> bool:
    return abort_request(cast("Any", BrowserRequest(url, resource_type, navigation)))


def test_the_browser_loads_the_page_and_tempo_scripts_only() -> None:
    assert not aborted("http://127.0.0.1:8000/x", "document", navigation=True)
    assert not aborted("https://www.tempo.co/_nuxt/app.js")
    assert not aborted("https://www.tempo.co/api/gateway/articles", "fetch")
    assert aborted("https://securepubads.g.doubleclick.net/tag/js/gpt.js")
    assert aborted("https://statik.tempo.co/data/1.jpg", "image")


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (HttpError(Response("https://www.tempo.co/", status=404)), "http-404"),
        (HttpError(Response("https://www.tempo.co/", status=403)), "blocked"),
        (CannotResolveHostError("www.tempo.co"), "dns"),
        (DownloadTimeoutError("slow"), "timeout"),
        (ConnectionRefusedError(), "connection"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots"),
    ],
)
def test_failure_kinds(error: Exception, kind: str) -> None:
    assert failure_kind(Failure(error)) == kind  # type: ignore[no-untyped-call]


def test_failure_reasons() -> None:
    assert failure_reason({"newscrawl/pages/fetched": 3, "newscrawl/failed/dns": 9}) is None
    assert failure_reason({"newscrawl/failed/dns": 1}) == (
        "no page could be fetched: DNS lookup failed (no network, or the name does not resolve)"
        " (1 of 1 failed requests)"
    )
    assert failure_reason({"newscrawl/failed/http-404": 2, "newscrawl/failed/robots": 1}) == (
        "no page could be fetched: the site answered HTTP 404 (2 of 3 failed requests)"
    )
    assert failure_reason({"finish_reason": "finished"}) == "no page could be fetched: no request reached the site"
    # A worker on a shared queue with nothing to do while the others worked: not a failure; one
    # whose requests failed still is.
    assert failure_reason({"finish_reason": "finished", "newscrawl/redis/others_busy": 1}) is None
    assert failure_reason({"newscrawl/redis/others_busy": 1, "newscrawl/failed/dns": 2}) is not None
    blocked = {"finish_reason": "blocked", "newscrawl/pages/fetched": 5, "newscrawl/blocked-host": "www.tempo.co"}
    assert failure_reason(blocked) == "blocked: stopped after repeated 403 Forbidden from www.tempo.co"


def test_politeness_defaults() -> None:
    assert project.ROBOTSTXT_OBEY is True
    assert project.AUTOTHROTTLE_ENABLED is True
    assert project.CONCURRENT_REQUESTS_PER_DOMAIN <= 4
    assert 403 not in project.RETRY_HTTP_CODES
    assert {429, 500, 502, 503, 504} <= set(project.RETRY_HTTP_CODES)


@pytest.mark.slow
def test_at_most_four_requests_in_flight_per_host(tmp_path: Path) -> None:
    with SiteServer(build_site(today_in_jakarta()), delay=0.3) as server:
        result = crawl(server.url, tmp_path, settings={"AUTOTHROTTLE_ENABLED": "False", "NEWSCRAWL_RENDER": "never"})
    assert result.returncode == 0
    assert max(server.max_in_flight.values()) == 4  # reached, never passed (up to 16 in flight overall)
