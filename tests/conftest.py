from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Fixtures as plugins, one module per concern.
pytest_plugins = ("tests.fix_db", "tests.fix_reader", "tests.fix_browser", "tests.fix_crawls")


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


def load_all_cases() -> list[dict[str, Any]]:
    """Every case of ``seeds/cases.json``, the other outlets' included."""
    cases: list[dict[str, Any]] = json.loads((SEEDS / "cases.json").read_text(encoding="utf-8"))
    return cases


def has_parser(case: dict[str, Any]) -> bool:
    """A case of another outlet (``"outlet"`` key) waits for its package ``newscrawl.outlets.<outlet>``;
    Tempo's cases (no key) always run."""
    outlet = case.get("outlet")
    if outlet is None:
        return True
    try:
        return importlib.util.find_spec(f"newscrawl.outlets.{outlet}") is not None
    except ModuleNotFoundError:  # no newscrawl.outlets package at all yet
        return False


def load_cases() -> list[dict[str, Any]]:
    """The cases today's parser can run: Tempo's, and those of outlets whose package exists.

    The others stay out of every test that loops over the cases until their parser lands;
    ``tests/test_seeds.py`` lists them as skipped (``pending_cases``) so they are not forgotten."""
    return [case for case in load_all_cases() if has_parser(case)]


def pending_cases() -> list[dict[str, Any]]:
    """Cases of outlets whose package does not exist yet."""
    return [case for case in load_all_cases() if not has_parser(case)]


def expected_path(case: dict[str, Any]) -> Path | None:
    """``seeds/<name>.json``, or ``None`` for a case saved without an expected result (``"expected": null``:
    the other outlets' listings and feeds, kept as material for their discovery code)."""
    if "expected" in case and case["expected"] is None:
        return None
    return SEEDS / f"{case['name']}.json"
