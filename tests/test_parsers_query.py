"""Compiled queries: the guard put before a class-token test changes what libxml2 evaluates, never
what a query finds (every query of every layout, on every saved page)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from lxml import etree

from newscrawl import outlets
from newscrawl.parsers.query import Query, _descendant_axis, _guard_class_tokens

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PAGES = sorted(SEEDS.rglob("*.html"))


def _class_token_queries() -> list[Query]:
    for outlet in outlets.OUTLETS:
        outlet.layouts  # noqa: B018 - imports every layout module, so every Query exists
    found = {q.source: q for q in gc.get_objects() if isinstance(q, Query)}
    return [q for source, q in sorted(found.items()) if _guard_class_tokens(source) != source]


def test_the_guard_goes_before_each_class_token_test() -> None:
    source = ".//div[contains(concat(' ', normalize-space(@class), ' '), ' detail-konten ')]//p"
    assert _guard_class_tokens(source) == (
        ".//div[contains(@class, 'detail-konten')]"
        "[contains(concat(' ', normalize-space(@class), ' '), ' detail-konten ')]//p"
    )
    assert _guard_class_tokens(".//div[@id='isi']") == ".//div[@id='isi']"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_guarded_queries_find_what_the_plain_ones_find(page: Path) -> None:
    queries = _class_token_queries()
    assert queries  # the layouts use the form
    tree = etree.fromstring(page.read_bytes(), etree.HTMLParser(encoding="utf-8"))
    for query in queries:
        plain = etree.XPath(_descendant_axis(query.source))(tree)
        assert query.results(tree) == (list(plain) if isinstance(plain, list) else []), query.source
