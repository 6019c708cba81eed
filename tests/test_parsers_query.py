"""Compiled queries: what ``Query`` hands libxml2 (a guard before a class-token test, an attribute's
value tested on the attribute) changes the work, never what a query finds: every query of every
layout, on every saved page, finds the same nodes as the query as written."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from lxml import etree

from newscrawl import outlets
from newscrawl.parsers.query import Query, _descendant_axis, compiled_form

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PAGES = sorted(SEEDS.rglob("*.html"))


def _rewritten_queries() -> list[Query]:
    for outlet in outlets.OUTLETS:
        outlet.layouts  # noqa: B018 - imports every layout module, so every Query exists
    found = {q.source: q for q in gc.get_objects() if isinstance(q, Query)}
    return [q for source, q in sorted(found.items()) if compiled_form(source) != _descendant_axis(source)]


@pytest.mark.parametrize(
    ("source", "compiled"),
    [
        (
            ".//div[contains(concat(' ', normalize-space(@class), ' '), ' detail-konten ')]//p",
            "./descendant::div[contains(@class, 'detail-konten')]"
            "[contains(concat(' ', normalize-space(@class), ' '), ' detail-konten ')]/descendant::p",
        ),
        (".//*[@itemprop='author']", "./descendant::*/@itemprop[.='author']/parent::*"),
        ("//div[@id='isi']/p | //h1", "/descendant::div/@id[.='isi']/parent::*/p | /descendant::h1"),
        # Another predicate after the value test may count positions: left as written.
        ("//div[@class='tanggal'][1]", "/descendant::div[@class='tanggal'][1]"),
        (
            "//*[@itemprop='datePublished'][not(self::meta)]",
            "/descendant::*[@itemprop='datePublished'][not(self::meta)]",
        ),
    ],
)
def test_compiled_forms(source: str, compiled: str) -> None:
    assert compiled_form(source) == compiled


def test_the_layouts_have_queries_that_are_rewritten() -> None:
    assert len(_rewritten_queries()) > 20


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_compiled_queries_find_what_the_queries_as_written_find(page: Path) -> None:
    tree = etree.fromstring(page.read_bytes(), etree.HTMLParser(encoding="utf-8"))
    roots = [tree, *list(tree.iter("article", "main"))[:2]]  # layouts ask from the page and from a scope
    for query in _rewritten_queries():
        as_written = etree.XPath(_descendant_axis(query.source))
        for root in roots:
            plain = as_written(root)
            assert query.results(root) == (list(plain) if isinstance(plain, list) else []), query.source
