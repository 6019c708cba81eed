"""Chromium for the rendering tests (a pytest plugin): the ``browser`` marker.

The browser is the one a crawl would use, found by the crawl's own lookup
(``newscrawl.browser``), so ``NEWSCRAWL_BROWSER_PATH=/nonexistent`` makes a run exactly like
one on a machine without Chromium. Without a browser the marked tests skip, all with one
reason that says how many they are and how to run them, except under ``CI=true``, where
they fail: a green CI must not hide them (as the database tests do, ``tests.fix_db``).
Tests that are not about rendering never need the browser, and are not marked.
"""

from __future__ import annotations

import os

import pytest

from newscrawl import settings as project
from newscrawl.browser import Browser, find_browser

MARKER = "browser"
_FOUND = pytest.StashKey[Browser]()
_COUNT = pytest.StashKey[int]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: renders pages in Chromium (skipped without one, fails if CI=true)")
    config.stash[_FOUND] = find_browser(project.NEWSCRAWL_BROWSER_PATH)


def pytest_report_header(config: pytest.Config) -> str:
    return f"browser: {config.stash[_FOUND]}"


def pytest_collection_finish(session: pytest.Session) -> None:
    session.config.stash[_COUNT] = sum(1 for item in session.items if item.get_closest_marker(MARKER))


@pytest.hookimpl(tryfirst=True)  # before any fixture: a test that cannot run starts no crawl
def pytest_runtest_setup(item: pytest.Item) -> None:
    found = item.config.stash[_FOUND]
    if found.path is not None or item.get_closest_marker(MARKER) is None:
        return
    reason = no_browser_reason(found, item.config.stash.get(_COUNT, 0))
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and no browser: {reason}", pytrace=False)
    pytest.skip(reason)


def no_browser_reason(found: Browser, count: int) -> str:
    """One line for every skipped rendering test: what is missing, how to run them."""
    tests = "test" if count == 1 else "tests"
    reason = f"Chromium not found: apt-get install chromium to run the {count} rendering {tests}"
    if project.NEWSCRAWL_BROWSER_PATH:  # not "none installed" but a wrong path: say so
        reason += f" ({found.problem})"
    return reason
