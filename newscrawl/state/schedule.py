"""When to fetch an article page again: the incremental crawl's decision, as a pure function.

A stored article is re-checked at fixed ages since publication (``NEWSCRAWL_RECHECK_AGES``,
by default 1 h, 6 h, 24 h and 7 days): once it has been fetched at an age below one of them,
it is due again when it reaches that age. After the last one it is only fetched again when a
sitemap or feed ``<lastmod>`` says it changed after our last fetch, or with ``refresh=all``.
An article whose JSON-LD ``dateModified`` is later than its publication counts its age from
that edit: an article being edited is treated as a young one. A re-check is a conditional GET
with the ``ETag`` / ``Last-Modified`` the site sent last time, so an unchanged page costs a 304.

A page that was no article (or was dropped, or is gone) is left alone for
``NEWSCRAWL_RECHECK_NOT_ARTICLE_HOURS`` (24 h); one that failed (5xx, timeout) is tried again
in the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from newscrawl import settings as defaults

if TYPE_CHECKING:
    from newscrawl.store.state import Known

# Outcomes after which a page that gave no article is left alone for a while.
RESTING = frozenset({"skipped", "dropped", "gone"})


def parse_ages(values: list[str]) -> tuple[timedelta, ...]:
    """``["1h", "6h", "24h", "7d"]`` → timedeltas, ascending; ``ValueError`` naming a bad one."""
    units = {"m": 60, "h": 3600, "d": 86400}
    ages = []
    for value in values:
        text = value.strip().lower()
        if len(text) < 2 or text[-1] not in units or not text[:-1].isdigit() or int(text[:-1]) == 0:
            raise ValueError(f"{value!r} is not an age like 30m, 6h or 7d")
        ages.append(timedelta(seconds=int(text[:-1]) * units[text[-1]]))
    return tuple(sorted(ages))


DEFAULT_AGES = parse_ages(list(defaults.NEWSCRAWL_RECHECK_AGES))


class Decision(NamedTuple):
    fetch: bool
    reason: str
    """``new``, ``retry``, ``due``, ``lastmod``, ``refresh`` (fetched) or ``fresh``, ``skipped``,
    ``dropped``, ``gone`` (not fetched)."""
    headers: dict[str, str] = {}  # noqa: RUF012 - a NamedTuple default, never mutated
    """Conditional-request headers for a re-check."""


@dataclass(frozen=True, slots=True)
class Recheck:
    ages: tuple[timedelta, ...] = DEFAULT_AGES
    not_article: timedelta = timedelta(hours=defaults.NEWSCRAWL_RECHECK_NOT_ARTICLE_HOURS)

    def next_check(self, known: Known) -> datetime | None:
        """When the stored article is next due by age, or ``None`` once past the last age."""
        if known.last_seen_at is None:
            return None
        born = known.published_at or known.first_seen_at or known.last_seen_at
        if known.modified_at is not None and known.modified_at > born:
            born = known.modified_at
        age_at_fetch = known.last_seen_at - born
        return next((born + age for age in self.ages if age_at_fetch < age), None)


def decide(
    known: Known | None, now: datetime, recheck: Recheck, *, refresh: bool = False, lastmod: datetime | None = None
) -> Decision:
    """Fetch the article page or not, and how. ``lastmod`` is the sitemap or feed date of the link."""
    if refresh:
        return Decision(True, "refresh")
    if known is None:
        return Decision(True, "new")
    if known.last_seen_at is None:
        resting = known.status in RESTING and known.checked_at is not None
        if resting and now - known.checked_at < recheck.not_article:  # type: ignore[operator]
            return Decision(False, str(known.status))
        return Decision(True, "new" if known.status in (None, "queued") else "retry")
    headers = _conditional(known)
    # A date in the future is the sitemap's mistake, not news.
    newest = max((d for d in (lastmod, known.lastmod) if d is not None and d <= now), default=None)
    if newest is not None and newest > known.last_seen_at:
        return Decision(True, "lastmod", headers)
    due = recheck.next_check(known)
    if due is not None and due <= now:
        return Decision(True, "due", headers)
    return Decision(False, "fresh")


def _conditional(known: Known) -> dict[str, str]:
    headers = {}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def recheck_from(ages: list[str], not_article_hours: float) -> Recheck:
    """The ``Recheck`` of ``NEWSCRAWL_RECHECK_AGES`` and ``NEWSCRAWL_RECHECK_NOT_ARTICLE_HOURS``;
    ``ValueError`` naming the bad setting."""
    try:
        parsed = parse_ages(ages)
    except ValueError as exc:
        raise ValueError(f"NEWSCRAWL_RECHECK_AGES: {exc}") from None
    if not parsed:
        raise ValueError("NEWSCRAWL_RECHECK_AGES: give at least one age, like 1h")
    return Recheck(parsed, timedelta(hours=not_article_hours))
