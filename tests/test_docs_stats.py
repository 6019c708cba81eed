"""Stat keys live in one registry (newscrawl/stats.py), which docs/stats.md shows and components use.

That every key a crawl emits is registered is checked on the real crawls themselves: the test harnesses
pass each crawl's stats through ``tests.stats_check.registered_only``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from newscrawl import stats
from newscrawl.stats import REGISTRY, Family, markdown_table, unregistered
from tests.doc_tables import ROOT, code, page, table
from tests.stats_check import registered_only

_KEY = re.compile(r"^(?:newscrawl|replay)/[a-z]")


def test_docs_stats_md_shows_the_registry() -> None:
    text = page("stats.md")
    documented = [code(row["stat"])[0] for row in table(text, "stat")]
    registered = [entry.key for entry in REGISTRY]
    missing = [key for key in registered if key not in documented]
    extra = [key for key in documented if key not in registered]
    how = "; run `.venv/bin/python -m newscrawl.stats --write` to regenerate the table from newscrawl/stats.py"
    assert not missing, f"stat keys registered in newscrawl/stats.py but missing from docs/stats.md: {missing}{how}"
    assert not extra, f"docs/stats.md lists stat keys newscrawl/stats.py does not register: {extra}{how}"
    assert f"{stats.BEGIN}\n{markdown_table()}\n{stats.END}" in text, f"docs/stats.md's table is out of date{how}"


def test_each_key_is_registered_once_under_our_prefixes_with_a_one_line_meaning() -> None:
    keys = [entry.key for entry in REGISTRY]
    assert len(keys) == len(set(keys)), f"registered twice: {sorted({k for k in keys if keys.count(k) > 1})}"
    for entry in REGISTRY:
        assert entry.key.startswith(stats.OURS), entry.key
        assert entry.meaning.strip(), f"{entry.key} has no meaning"
        assert "\n" not in entry.meaning, f"{entry.key}: the meaning is one line"
        assert ("<" in entry.key) == isinstance(entry, Family), f"{entry.key}: a family's key is a <value> pattern"


def test_a_family_builds_its_keys_and_reads_them_back() -> None:
    assert stats.FAILED("timeout") == "newscrawl/failed/timeout"
    assert stats.SECTION_ARTICLES("dunia") == "newscrawl/section/dunia/articles"
    found = {"newscrawl/failed/timeout": 2, "newscrawl/failed/http-404": 7, "newscrawl/failure": "x"}
    assert stats.FAILED.values(found) == {"timeout": 2, "http-404": 7}
    assert stats.SECTION_DROPPED.values({"newscrawl/section/-/dropped": 1, "newscrawl/section/a/articles": 3}) == {
        "-": 1
    }


def test_an_unregistered_key_is_caught_however_it_was_built() -> None:
    emitted = {
        stats.PAGES_FETCHED: 3,
        stats.FAILED("dns"): 1,
        f"newscrawl/{'links'}/sideways": 1,  # built at run time: no grep would see it
        "retry/count": 2,  # Scrapy's: not ours to register
    }
    assert unregistered(emitted) == ["newscrawl/links/sideways"]
    with pytest.raises(AssertionError, match="newscrawl/links/sideways"):
        registered_only(emitted)


def test_every_store_outcome_has_its_own_key() -> None:
    for outcome in ("inserted", "updated", "unchanged", "stale", "refreshed", "aliased", "near_duplicate"):
        assert not unregistered([stats.db_outcome(outcome)]), outcome


def _literal_keys(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _KEY.match(node.value):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and _KEY.match(first.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_components_name_stat_keys_through_the_registry() -> None:
    sources = [p for p in sorted((ROOT / "newscrawl").rglob("*.py")) if p.name != "stats.py"]
    found = [hit for path in sources for hit in _literal_keys(path)]
    assert not found, "stat keys spelled out in components; use the names of newscrawl/stats.py:\n" + "\n".join(found)
