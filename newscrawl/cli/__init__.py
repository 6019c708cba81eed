"""``python -m newscrawl``: the command line beside ``scrapy crawl``.

``parse PATH [PATH ...] [--url URL] [--fetched-at ISO]`` prints one JSON object per
input (HTML or plain text, told apart by content). An input that is not an article
gets a one-line error on stderr, and the command exits 1 after the others.

``db url|shell|migrate|stop``: the database articles are stored in (see ``newscrawl.cli.db``);
``db spool``: what waits in the spool, per database (see ``newscrawl.cli.spool``).

``reparse [--since DATE] [--site HOST] [--archive DIR]``: stored articles parsed again from their
archived pages (see ``newscrawl.reparse``).

``check-pages PATH [PATH ...]``: the parser run over saved pages and judged (see ``newscrawl.check.report``).

``watch``, ``search``, ``export`` and ``db grant-reader``: for the applications that read the
stored articles (see ``newscrawl.cli.reading``).

``browser``: the Chromium a crawl renders JavaScript pages with (see ``newscrawl.browser``);
exits 1 when there is none.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from newscrawl.browser import find_browser
from newscrawl.cli import reading
from newscrawl.parsers import NotAnArticle, is_html, parse
from newscrawl.parsers.dates import WIB
from newscrawl.parsers.document import Document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    parse_cmd = commands.add_parser("parse", help="parse saved pages into Article JSON, one object per line")
    parse_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parse_cmd.add_argument("--url", help="the URL the page was fetched from (default: its canonical link)")
    parse_cmd.add_argument(
        "--fetched-at", type=_aware_datetime, help="fetch time, ISO 8601, to resolve '4 jam lalu' (naive = WIB)"
    )
    add_db_commands(commands)
    add_reparse_command(commands)
    check_cmd = commands.add_parser(
        "check-pages", help="parse saved pages and report fields, invariants, refusals and suspects"
    )
    check_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="page files or directories")
    reading.add_commands(commands)
    commands.add_parser("browser", help="which Chromium a crawl renders JavaScript pages with (exit 1: none)")
    args = parser.parse_args(argv)
    if args.command in reading.COMMANDS or (args.command == "db" and args.db_command == "grant-reader"):
        return reading.run(args)
    if args.command == "db":
        from newscrawl.cli import db as db_commands  # scrapy and psycopg load only for db

        if args.db_command == "spool":
            return db_commands.spool(args)
        return db_commands.run(args.db_command)
    if args.command == "check-pages":
        from newscrawl.check import report

        return report.run(args.paths, sys.stdout)
    if args.command == "reparse":
        from newscrawl import reparse  # the store and warcio load only for reparse

        return reparse.run(args)
    if args.command == "browser":
        return _browser()
    return _parse_files(args.paths, args.url, args.fetched_at)


def add_db_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``db url|shell|migrate|stop``: the database the crawl writes to (``newscrawl.cli.db``)."""
    db_cmd = commands.add_parser("db", help="the PostgreSQL database articles are stored in")
    actions = db_cmd.add_subparsers(dest="db_command", required=True)
    actions.add_parser("url", help="print the database URL for other programs (starts the embedded server if needed)")
    actions.add_parser("shell", help="open psql on the database")
    actions.add_parser("migrate", help="apply pending schema migrations")
    actions.add_parser("stop", help="stop the embedded server")
    from newscrawl.cli import spool as spool_command

    spool_command.add_arguments(actions.add_parser("spool", help="list what waits in the spool, per database"))
    reading.add_grant_reader(actions)


def add_reparse_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``reparse``: stored articles parsed again from their archived pages (``newscrawl.reparse``)."""
    command = commands.add_parser("reparse", help="parse stored articles again from their archived pages")
    command.add_argument(
        "--since", type=_aware_datetime, metavar="DATE", help="only versions fetched since DATE (ISO 8601, naive = WIB)"
    )
    command.add_argument("--site", metavar="HOST", help="only articles of this host, e.g. dunia.tempo.co")
    command.add_argument(
        "--archive", type=Path, metavar="DIR", help="where WARC files moved since the crawl are (found by file name)"
    )


def _browser() -> int:
    from newscrawl import settings  # NEWSCRAWL_BROWSER_PATH's default: the environment variable

    found = find_browser(settings.NEWSCRAWL_BROWSER_PATH)
    print(found, file=sys.stdout if found.path else sys.stderr)
    return 0 if found.path else 1


def _parse_files(paths: list[Path], url: str | None, fetched_at: datetime | None) -> int:
    status = 0
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            status = 1
            continue
        page_url = url or _canonical_of(content)
        try:
            article = parse(page_url, content, fetched_at)
        except NotAnArticle as exc:
            print(f"{path}: not an article ({exc})", file=sys.stderr)
            status = 1
            continue
        print(json.dumps(article.to_dict(), ensure_ascii=False))
    return status


def _canonical_of(content: bytes) -> str | None:
    if not is_html(content):
        return None
    try:
        return Document(content).canonical
    except NotAnArticle:
        return None


def _aware_datetime(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date-time: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)
