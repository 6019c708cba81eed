"""Each outlet's layouts on its own seed pages, beside trafilatura on the same pages.

One figure per outlet with a package but Tempo (whose pages the ``parser`` part measures): the article
cases of its folder of ``seeds/``, parsed by ``parse_html`` as the crawler does (its outlet found by the
URL, its layouts tried in order), URL caches emptied before each round; against trafilatura 2.3
``extract(with_metadata=True)`` on the same bytes. Generic over ``newscrawl.outlets.OUTLETS``: an outlet
added later appears by itself. ``python -m bench outlets=kompas,detik`` measures only those.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import trafilatura

from bench.generic import Page, page_sets
from bench.timing import Row, rates
from newscrawl import outlets
from newscrawl.parsers import parse_html

# Tempo's pages are the parser part's.
MEASURED_ELSEWHERE = frozenset(("tempo",))


def _ours(pages: list[Page]) -> Callable[[], None]:
    def run() -> None:
        # Empty the URL caches first: a crawl meets new URLs on every page, a loop over a few would not.
        outlets.cache_clear()
        for page in pages:
            parse_html(page.url, page.data, page.fetched_at)

    return run


def _trafilatura(pages: list[Page]) -> Callable[[], None]:
    def run() -> None:
        for page in pages:
            trafilatura.extract(page.data, url=page.url, with_metadata=True)

    return run


def _check(name: str, pages: list[Page]) -> None:
    """Every page is read by one of the outlet's own layouts: a figure of the generic layout would mislead."""
    for page in pages:
        layout = parse_html(page.url, page.data, page.fetched_at).layout
        if layout != page.expected["layout"]:
            raise RuntimeError(f"{page.name}: read as {layout}, not {page.expected['layout']}")


def run(only: Sequence[str] = ()) -> list[Row]:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    sets = page_sets()
    rows = []
    for outlet in outlets.OUTLETS:
        pages = sets.get(outlet.name, [])
        if outlet.name in MEASURED_ELSEWHERE or not pages or (only and outlet.name not in only):
            continue
        _check(outlet.name, pages)
        measured = rates({"ours": _ours(pages), "trafilatura": _trafilatura(pages)}, rounds=9)
        n = len(pages)
        rows.append(
            Row(
                f"parse: {outlet.name} seed articles ({n}), its layouts",
                measured["ours"] * n,
                "trafilatura extract",
                measured["trafilatura"] * n,
                "pages/s",
                ">= 8x",
            )
        )
    return rows
