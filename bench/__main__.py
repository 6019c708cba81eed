"""``python -m bench [PART…]``: the benchmark table, every figure measured in this run.

``make bench`` runs every part; ``make bench ARGS="parser generic"`` (or ``python -m bench parser
generic``) only those, for the full run takes a while (the memory part replays 50,000 articles, the
export part stores 50,000). ``PART=a,b`` passes a part its selection: ``outlets=kompas,detik``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from bench import crawl, export, generic, memory, outlets, parser, store
from bench.timing import Row, print_table

PARTS: dict[str, Callable[..., list[Row]]] = {
    "parser": parser.run,
    "outlets": outlets.run,
    "generic": generic.run,
    "store": store.run,
    "crawl": crawl.run,
    "memory": memory.run,
    "export": export.run,
}


def main() -> None:
    arguments = argparse.ArgumentParser(prog="python -m bench", description="The benchmark table, measured now.")
    arguments.add_argument("parts", nargs="*", metavar="PART", help=f"{', '.join(PARTS)} (default: all)")
    chosen = arguments.parse_args().parts or list(PARTS)
    # Checked here, not with choices=: Python 3.11 rejects an empty list against them.
    unknown = [part for part in chosen if part.partition("=")[0] not in PARTS]
    if unknown:
        arguments.error(f"unknown part {unknown[0]!r} (parts: {', '.join(PARTS)})")
    print(f"newscrawl benchmark, {os.cpu_count()} cores; each ratio is newscrawl / baseline, measured in this run\n")
    rows: list[Row] = []
    failed = []
    for part in chosen:
        name, _, selection = part.partition("=")
        try:
            rows += PARTS[name](*([selection.split(",")] if selection else []))
        except Exception as exc:  # one part failing still leaves the others' figures
            failed.append(f"{part}: {exc}")
    print_table(rows)
    if failed:
        sys.exit("\n".join(f"bench failed: {line}" for line in failed))


main()
