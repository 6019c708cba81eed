"""When a stored article is fetched again (``newscrawl.state.schedule``): pure decisions."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.state.schedule import Recheck, decide, parse_ages
from newscrawl.store.state import Known
from tests.site.run import ROOT, SCRAPY

NOW = datetime(2024, 5, 14, 12, 0, tzinfo=UTC)
M = timedelta(minutes=1)
H = timedelta(hours=1)
D = timedelta(days=1)


def stored(published_ago: timedelta, fetched_ago: timedelta, **fields: object) -> Known:
    return Known(status="fetched", last_seen_at=NOW - fetched_ago, published_at=NOW - published_ago, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("published_ago", "fetched_ago", "fetch"),
    [
        (30 * M, 10 * M, False),  # fetched at 20 min of age: next check at 1 h
        (2 * H, 90 * M, True),  # fetched at 30 min, now 2 h old: the 1 h check
        (5 * H, 3 * H, False),  # fetched at 2 h: next check at 6 h
        (7 * H, 3 * H, True),  # ... passed
        (30 * H, 5 * H, False),  # fetched at 25 h: next check at 7 days
        (8 * D, 2 * D, True),  # fetched at 6 days, now 8: the 7-day check
        (30 * D, 20 * D, False),  # fetched after the last age: never again by age
    ],
)
def test_an_article_is_due_at_each_age_it_passes_after_its_last_fetch(
    published_ago: timedelta, fetched_ago: timedelta, fetch: bool
) -> None:
    decision = decide(stored(published_ago, fetched_ago), NOW, Recheck())
    assert (decision.fetch, decision.reason) == (fetch, "due" if fetch else "fresh")


def test_a_due_recheck_is_a_conditional_request_with_the_kept_validators() -> None:
    known = stored(2 * H, 90 * M, etag='"abc"', last_modified="Tue, 14 May 2024 10:00:00 GMT")
    decision = decide(known, NOW, Recheck())
    assert decision.headers == {"If-None-Match": '"abc"', "If-Modified-Since": "Tue, 14 May 2024 10:00:00 GMT"}


def test_a_sitemap_lastmod_after_the_last_fetch_makes_an_old_article_due() -> None:
    known = stored(30 * D, 20 * D)
    assert decide(known, NOW, Recheck(), lastmod=NOW - D).reason == "lastmod"
    assert decide(known, NOW, Recheck(), lastmod=NOW - 21 * D).reason == "fresh"
    # One seen before and kept counts as well; one in the future is the sitemap's mistake.
    assert decide(stored(30 * D, 20 * D, lastmod=NOW - H), NOW, Recheck()).reason == "lastmod"
    assert decide(known, NOW, Recheck(), lastmod=NOW + H).reason == "fresh"


def test_a_modification_date_restarts_the_schedule() -> None:
    # Published 30 days ago and fetched 20 days ago: nothing due, unless it was edited since.
    edited = stored(30 * D, 150 * M, modified_at=NOW - 3 * H)  # fetched 30 min after the edit
    assert decide(edited, NOW, Recheck()).reason == "due"  # the edit is 3 h old: its 1 h check passed
    assert decide(stored(30 * D, 150 * M), NOW, Recheck()).reason == "fresh"


def test_refresh_fetches_everything_without_conditions() -> None:
    assert decide(stored(H, 30 * M, etag='"x"'), NOW, Recheck(), refresh=True) == (True, "refresh", {})


@pytest.mark.parametrize(
    ("known", "fetch", "reason"),
    [
        (None, True, "new"),
        (Known(status="queued"), True, "new"),
        (Known(status="failed", checked_at=NOW - H), True, "retry"),
        (Known(status="fetched", checked_at=NOW - H), True, "retry"),  # fetched but never stored: lost
        (Known(status="skipped", checked_at=NOW - H), False, "skipped"),
        (Known(status="gone", checked_at=NOW - 2 * H), False, "gone"),
        (Known(status="dropped", checked_at=NOW - 25 * H), True, "retry"),  # rested long enough,
    ],
)
def test_pages_not_stored(known: Known | None, fetch: bool, reason: str) -> None:
    assert decide(known, NOW, Recheck()) == (fetch, reason, {})


def test_ages_are_parsed_and_bad_ones_named() -> None:
    assert parse_ages(["6h", "30m", "7d"]) == (timedelta(minutes=30), timedelta(hours=6), timedelta(days=7))
    with pytest.raises(ValueError, match="'6 hours' is not an age"):
        parse_ages(["6 hours"])


def test_a_bad_recheck_setting_stops_the_command_before_any_request() -> None:
    done = subprocess.run(
        [str(SCRAPY), "crawl", "tempo", "-s", "NEWSCRAWL_RECHECK_AGES=1h,soon"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "scrapy crawl: error: NEWSCRAWL_RECHECK_AGES: 'soon' is not an age like 30m, 6h or 7d"
