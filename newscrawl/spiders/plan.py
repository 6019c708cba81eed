"""What one ``scrapy crawl <outlet>`` run is asked to do: its ``-a`` arguments, checked once.

Bad input is a ``UsageError`` with a one-line message naming the argument; the
project's ``crawl`` command prints it and exits 2 before any request is made.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.exceptions import UsageError

from newscrawl import outlets, urls
from newscrawl import settings as defaults
from newscrawl.archive import index, warc
from newscrawl.config import Read, SettingError
from newscrawl.parsers.dates import WIB
from newscrawl.rendering import RenderMode, browser_for, render_mode

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

    from newscrawl.outlets.base import Outlet

logger = logging.getLogger(__name__)

ARGUMENTS = ("since", "until", "sections", "urls", "urls_file", "related_depth", "refresh", "replay")
# scrapyd gives every spider its job id as an argument; it is kept in crawl_runs.arguments.
SCRAPYD_JOB = "_job"
_SECTION = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class CrawlPlan:
    since: date | None = None
    until: date | None = None
    """Backfill: walk the daily index pages of every day from ``since`` to ``until``."""
    sections: tuple[str, ...] = ()
    """Only these kanal/rubric slugs; empty means every section."""
    urls: tuple[str, ...] = ()
    """Crawl exactly these pages (and their related links)."""
    related_depth: int = 1
    refresh: bool = False
    """``refresh=all``: fetch every article again, however recently it was stored."""
    replay: Path | None = None
    """``replay=PATH``: serve every request from the WARC file(s) there, never from the network."""
    recorded_at: datetime | None = None
    """When the replayed archive was begun (its earliest record): the crawl's "today" is that day."""

    @property
    def backfill(self) -> bool:
        return self.since is not None

    def days(self) -> list[date]:
        if self.since is None or self.until is None:
            return []
        return [self.since + timedelta(days=n) for n in range((self.until - self.since).days + 1)]

    def start_day(self) -> date:
        """The day a latest-news crawl lists: today in Jakarta, or the day the replayed archive was recorded."""
        return self.recorded_at.astimezone(WIB).date() if self.recorded_at else today_in_jakarta()

    def wants_section(self, section: str | None) -> bool:
        """Articles whose section the URL does not tell are kept: they cannot be ruled out."""
        return not self.sections or section is None or section in self.sections

    @classmethod
    def from_arguments(
        cls, arguments: dict[str, str], today: date | None = None, outlet: Outlet | None = None
    ) -> CrawlPlan:
        """The plan of a crawl of ``outlet`` (Tempo by default: the tempo spider's) from its ``-a`` arguments."""
        outlet = outlet or outlets.by_name("tempo")
        arguments = {name: value for name, value in arguments.items() if name != SCRAPYD_JOB}
        unknown = sorted(set(arguments) - set(ARGUMENTS))
        if unknown:
            raise UsageError(f"unknown argument {unknown[0]!r} (known: {', '.join(ARGUMENTS)})", print_help=False)
        replay, recorded_at, recorded = _replay(arguments.get("replay", ""))
        if replay is not None and set(arguments) == {"replay"}:
            # Nothing but the archive given: replay the crawl it holds, as it was asked for.
            arguments = {**{k: v for k, v in recorded.items() if k in ARGUMENTS and k != "replay"}, **arguments}
            logger.info("Replaying %s with the arguments of the crawl it recorded: %s", replay, recorded or "none")
        today = today or (recorded_at.astimezone(WIB).date() if recorded_at else today_in_jakarta())
        since = _date(arguments, "since")
        until = _date(arguments, "until")
        if until is not None and since is None:
            raise UsageError("until: needs since=YYYY-MM-DD as well", print_help=False)
        if since is not None:
            until = until or today
            if since > until:
                raise UsageError(f"since: {since} is after until {until}", print_help=False)
        page_urls = _urls(arguments, outlet)
        if page_urls and since is not None:
            raise UsageError("urls: cannot be combined with since/until", print_help=False)
        return cls(
            since=since,
            until=until,
            sections=_sections(arguments.get("sections", "")),
            urls=page_urls,
            related_depth=_depth(arguments.get("related_depth", "1")),
            refresh=_refresh(arguments.get("refresh", "")),
            replay=replay,
            recorded_at=recorded_at,
        )


def today_in_jakarta() -> date:
    return datetime.now(WIB).date()


def _date(arguments: dict[str, str], name: str) -> date | None:
    value = arguments.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else _bad_date(name, value)
    except ValueError:
        return _bad_date(name, value)


def _bad_date(name: str, value: str) -> date:
    raise UsageError(f"{name}: {value!r} is not a date (YYYY-MM-DD)", print_help=False)


def _sections(value: str) -> tuple[str, ...]:
    sections = tuple(dict.fromkeys(s.strip().lower() for s in value.split(",") if s.strip()))
    bad = next((s for s in sections if not _SECTION.match(s)), None)
    if bad:
        raise UsageError(f"sections: {bad!r} is not a section slug (like nasional or internasional)", print_help=False)
    return sections


def _urls(arguments: dict[str, str], outlet: Outlet) -> tuple[str, ...]:
    found = [u.strip() for u in arguments.get("urls", "").split(",") if u.strip()]
    path = arguments.get("urls_file", "").strip()
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"urls_file: cannot read {path!r}: {exc}", print_help=False) from None
        found += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    for url in found:
        absolute = urls.absolute(url, None)
        if absolute is None or not outlet.owns(urls.host_of(absolute)):
            on = " or ".join(outlet.hosts)
            raise UsageError(f"urls: {url!r} is not an http(s) URL on {on}", print_help=False)
    return tuple(dict.fromkeys(found))


def _refresh(value: str) -> bool:
    if value.strip() not in ("", "all"):
        raise UsageError(f"refresh: {value!r} is not 'all'", print_help=False)
    return value.strip() == "all"


def _replay(value: str) -> tuple[Path | None, datetime | None, dict[str, str]]:
    """The archive's path, when it was begun, and the arguments of the crawl it recorded."""
    if not value.strip():
        return None, None, {}
    path = Path(value.strip()).expanduser().resolve()
    if not path.exists():
        raise UsageError(f"replay: {value!r} does not exist", print_help=False)
    files = index.warc_files(path)
    if not files:
        raise UsageError(f"replay: no WARC file (*.warc.gz, *.warc) in {value!r}", print_help=False)
    recorded_at, fields = index.archive_info(files)
    try:
        recorded = json.loads(fields.get(warc.ARGUMENTS_FIELD) or "{}")
    except ValueError:
        recorded = {}
    return path, recorded_at, {str(k): str(v) for k, v in recorded.items()} if isinstance(recorded, dict) else {}


def _depth(value: str) -> int:
    if not value.strip().isdigit():
        raise UsageError(f"related_depth: {value!r} is not a whole number >= 0", print_help=False)
    return int(value)


@dataclass(frozen=True, slots=True)
class CrawlConfig:
    """The spider's settings, read once (``from_crawler``)."""

    render: RenderMode = "auto"
    browser: bool = True
    """A browser renders what ``render`` asks for: Chromium was found, or a replay serves the
    archive's rendered pages. Without one a page that needs JavaScript is read from its static HTML,
    which has no body: no article (``newscrawl/render/unavailable``)."""
    sections: tuple[str, ...] = ()
    """Sections of the default crawl when ``sections=`` is not given (``NEWSCRAWL_SECTIONS``; empty:
    the outlet's own default sections)."""
    latest_days: int = defaults.NEWSCRAWL_LATEST_DAYS
    """Sitemap and feed entries older than this many days are left out of the default crawl; 0 keeps all."""
    max_feed_size: int = 0
    shared_queue: bool = False
    """Requests go to a queue other workers take from (``NEWSCRAWL_REDIS_URL``)."""

    @classmethod
    def from_settings(cls, settings: BaseSettings, replay: bool = False) -> CrawlConfig:
        read = Read(settings)
        try:
            sections = _sections(",".join(read.words("NEWSCRAWL_SECTIONS", defaults.NEWSCRAWL_SECTIONS)))
        except UsageError as exc:
            # The same check as -a sections=, said of the setting.
            raise SettingError(str(exc.args[0]).replace("sections:", "NEWSCRAWL_SECTIONS:", 1)) from None
        render = render_mode(settings)
        return cls(
            render=render,
            browser=replay or render == "never" or browser_for(settings).path is not None,
            sections=sections,
            latest_days=read.whole("NEWSCRAWL_LATEST_DAYS", defaults.NEWSCRAWL_LATEST_DAYS),
            max_feed_size=settings.getint("DOWNLOAD_MAXSIZE"),
            shared_queue=bool(read.text("NEWSCRAWL_REDIS_URL")),
        )
