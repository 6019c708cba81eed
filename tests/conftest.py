from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Fixtures as plugins, one module per concern.
pytest_plugins = ("tests.fix_db", "tests.fix_browser", "tests.fix_crawls")


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((SEEDS / "cases.json").read_text(encoding="utf-8"))
    return cases
