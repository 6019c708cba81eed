"""The commands for applications that read the stored articles: ``watch``, ``search``, ``export``
and ``db grant-reader``: their arguments, and one way of failing for all of them.

Each reads the database a crawl would use (``NEWSCRAWL_DATABASE_URL``, else the embedded
server). A value that cannot be used (a malformed date, an unknown section) gets one line on
stderr and exit status 2; a database that cannot be reached, one line and exit status 1.
Modules load only when their command runs, so ``python -m newscrawl parse`` stays light.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from newscrawl.store.export import Output

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
COMMANDS = ("watch", "search", "export")

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_commands(commands: Commands) -> None:
    watch = commands.add_parser("watch", help="print each new or updated article as one JSON line, as it is stored")
    watch.add_argument(
        "--since-id", type=int, metavar="N", help="first print the stored articles with an id above N (catching up)"
    )
    search = commands.add_parser("search", help="full-text search of the stored articles (Indonesian stemming)")
    search.add_argument("query", metavar="QUERY", help='words, "a phrase", or, -word (web-search syntax)')
    _add_filters(search)
    search.add_argument("--limit", type=int, default=10, metavar="N", help="at most N hits (default: 10)")
    search.add_argument("--json", action="store_true", help="one JSON object per hit and line")
    export = commands.add_parser("export", help="write the stored articles as JSON lines, CSV or Parquet")
    _add_filters(export)
    export.add_argument("--format", required=True, choices=("jsonl", "csv", "parquet"))
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: standard output)")


def add_grant_reader(actions: Commands) -> None:
    grant = actions.add_parser(
        "grant-reader",
        help="create or update a login role that may only read the articles"
        " (password: $NEWSCRAWL_READER_PASSWORD, else asked)",
    )
    grant.add_argument("name", metavar="NAME")


def _add_filters(command: argparse.ArgumentParser) -> None:
    command.add_argument("--since", metavar="DATE", help="published on or after DATE (YYYY-MM-DD or ISO 8601; WIB)")
    command.add_argument("--until", metavar="DATE", help="published on or before DATE (a whole day for YYYY-MM-DD)")
    command.add_argument("--section", metavar="S", help="only this section, e.g. dunia")


def run(args: argparse.Namespace) -> int:
    """Run one reading command; its exit status."""
    import psycopg

    from newscrawl.project import store_config
    from newscrawl.store.connection import DatabaseUnavailable, database_url, redact
    from newscrawl.store.view import BadInput, one_line

    name = "db grant-reader" if args.command == "db" else args.command
    url = None
    try:
        config = store_config()
        url = database_url(config.database_url, config.pgdata)
        return _COMMANDS[name](args, url)
    except BadInput as exc:
        print(f"newscrawl {name}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (DatabaseUnavailable, psycopg.OperationalError) as exc:
        print(f"newscrawl {name}: {redact(one_line(str(exc)), url)}", file=sys.stderr)
        return EXIT_FAILED
    except psycopg.Error as exc:
        print(f"newscrawl {name}: the database refused: {redact(one_line(str(exc)), url)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 0 if name == "watch" else 130
    except BrokenPipeError:
        # The reader of the output went away (`| head`): stop quietly, and let Python's own flush
        # at exit find nothing to write.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _watch(args: argparse.Namespace, url: str) -> int:
    from newscrawl.store.view import BadInput
    from newscrawl.store.watch import Watcher

    if args.since_id is not None and args.since_id < 0:
        raise BadInput(f"--since-id must be 0 or more, not {args.since_id}")
    # Stopped by a service manager: as quietly as by Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    Watcher(url, sys.stdout, args.since_id).run()
    return 0


def _search(args: argparse.Namespace, url: str) -> int:
    from newscrawl.store.search import print_hits, search
    from newscrawl.store.view import Filters, on_terminal, open_reading

    filters = Filters.parse(args.since, args.until, args.section)
    with open_reading(url, name="newscrawl search") as conn:
        hits = search(conn, args.query, filters, args.limit)
    print_hits(hits, sys.stdout, as_json=args.json, bold=on_terminal(sys.stdout))
    if not args.json:
        print(f"{len(hits)} article{'s' * (len(hits) != 1)} found", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace, url: str) -> int:
    from newscrawl.store.export import export
    from newscrawl.store.view import BadInput, Filters, on_terminal, open_reading

    filters = Filters.parse(args.since, args.until, args.section)
    to_stdout = args.output is None or str(args.output) == "-"
    if to_stdout and args.format == "parquet" and on_terminal(sys.stdout):
        raise BadInput("Parquet is binary: give -o FILE, or redirect the output")
    # The bar goes to stderr, and only when a person watches it there and the data goes elsewhere.
    progress = on_terminal(sys.stderr) and not (to_stdout and on_terminal(sys.stdout))
    with open_reading(url, name="newscrawl export") as conn, _sink(args.output if not to_stdout else None) as sink:
        count = export(conn, filters, _opener(args.format, sink), progress=progress)
    if not to_stdout:
        print(f"{count} articles written to {args.output}", file=sys.stderr)
    return 0


def _grant_reader(args: argparse.Namespace, url: str) -> int:
    from newscrawl.store import reader

    return reader.run(args.name, url)


_COMMANDS: dict[str, Callable[[argparse.Namespace, str], int]] = {
    "watch": _watch,
    "search": _search,
    "export": _export,
    "db grant-reader": _grant_reader,
}


@contextlib.contextmanager
def _sink(path: Path | None) -> Iterator[IO[bytes]]:
    """Standard output, or ``path`` written under a temporary name and renamed once complete: a
    failed export leaves no file that looks whole."""
    if path is None:
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as stream:
            yield stream
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _opener(fmt: str, sink: IO[bytes]) -> Callable[[list[str], dict[str, str]], Output]:
    def open_output(names: list[str], types: dict[str, str]) -> Output:
        if fmt == "parquet":
            from newscrawl.store.parquet import ParquetOut

            return ParquetOut(sink, names, types)
        from newscrawl.store.export import Csv, JsonLines

        return Csv(sink, names) if fmt == "csv" else JsonLines(sink, names)

    return open_output
