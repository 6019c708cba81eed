"""Every crawl a test runs reports only stat keys the registry (newscrawl/stats.py) names.

The test harnesses pass the stats of each real crawl (and of each store run) through
``registered_only``: a component that emits a key the registry lacks, however the key is built,
fails the test that ran it.
"""

from __future__ import annotations

from typing import Any

from newscrawl.stats import unregistered


def registered_only(stats: dict[str, Any]) -> dict[str, Any]:
    unknown = unregistered(stats)
    assert not unknown, (
        f"the crawl reported stat keys that newscrawl/stats.py does not register: {unknown}; add each there with"
        " its meaning (a constant, or a family for keys that differ in one value), then run"
        " `.venv/bin/python -m newscrawl.stats --write` to update docs/stats.md"
    )
    return stats
