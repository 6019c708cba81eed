"""``python -m newscrawl db spool [--discard ID | --adopt ID] [--yes]``: what waits in the spool.

Every record in the spool names the database it was accepted for (``newscrawl.store.target``),
and a crawl writes back only its own database's records. This command lists them per
database with the id to act on, and, after a confirmation, discards one database's records
or hands them to the configured database (``--adopt``), for a database that moved or lines
spooled before targets were recorded (``unknown``). Nothing here connects to a database.
"""

from __future__ import annotations

import argparse
import sys

from newscrawl.store.spool import Spool, Waiting
from newscrawl.store.target import Target, target_of

UNKNOWN = "unknown"


def add_arguments(command: argparse.ArgumentParser) -> None:
    action = command.add_mutually_exclusive_group()
    action.add_argument("--discard", metavar="ID", help="delete what is spooled for this database (ID from the list)")
    action.add_argument(
        "--adopt", metavar="ID", help="hand what is spooled for this database to the configured one (ID from the list)"
    )
    command.add_argument("--yes", action="store_true", help="do not ask for a confirmation")


def run(args: argparse.Namespace, url: str | None, pgdata: str, directory: str) -> int:
    from pathlib import Path

    spool = Spool(Path(directory), target_of(url, pgdata))
    waiting = spool.waiting()
    chosen = args.discard or args.adopt
    if not chosen:
        _list(spool, waiting)
        return 0
    found = [t for t in waiting if _id(t) == chosen]
    if not found:
        print(f"newscrawl db spool: no database {chosen!r} in the spool {directory} (see: db spool)", file=sys.stderr)
        return 1
    (target,) = found
    counts = waiting[target]
    if args.adopt and target == spool.target:
        print(f"newscrawl db spool: {chosen} is already the configured database", file=sys.stderr)
        return 1
    what = f"{counts.articles} articles and {counts.runs} crawl-run records spooled for {_name(target)}"
    question = f"Discard {what}? They cannot be recovered." if args.discard else f"Write {what} to {spool.target}?"
    if not args.yes and not _confirm(question):
        print("newscrawl db spool: nothing changed", file=sys.stderr)
        return 1
    if args.discard:
        done = spool.discard(target)
        print(f"discarded {done.articles} articles and {done.runs} crawl-run records ({done.files} files)")
    else:
        done = spool.adopt(target)
        print(f"{done.articles} articles and {done.runs} crawl-run records now wait for {spool.target}")
    return 0


def _list(spool: Spool, waiting: dict[Target | None, Waiting]) -> None:
    if not waiting:
        print(f"The spool {spool.directory} is empty.")
        return
    print(f"The spool {spool.directory} holds:")
    rows = [("id", "files", "articles", "runs", "database")]
    for target, counts in sorted(waiting.items(), key=lambda kv: _name(kv[0])):
        mark = "  (this configuration's database)" if target == spool.target else ""
        rows.append((_id(target), str(counts.files), str(counts.articles), str(counts.runs), _name(target) + mark))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for ident, *numbers, name in rows:
        cells = [ident.ljust(widths[0]), *(n.rjust(w) for n, w in zip(numbers, widths[1:], strict=True))]
        print("  " + "  ".join([*cells, name]))
    print(
        "A crawl writes back only its own database's records: --adopt ID hands others to it, --discard ID deletes them."
    )


def _id(target: Target | None) -> str:
    return target.id if target is not None else UNKNOWN


def _name(target: Target | None) -> str:
    return str(target) if target is not None else "not recorded (spooled by an older newscrawl)"


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        print(f"{question} Not confirmed: run it on a terminal, or add --yes", file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
