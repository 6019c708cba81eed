"""Interleaved timing: contenders run in alternating short rounds and each gets its median
rate, so a slow moment of the machine hits all of them alike instead of one."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    figure: str
    ours: float
    baseline_name: str
    baseline: float
    unit: str
    goal: str

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("nan")


def rates(contenders: dict[str, Callable[[], object]], rounds: int = 15, seconds: float = 0.1) -> dict[str, float]:
    """Calls per second of each contender: the median over ``rounds`` interleaved rounds."""
    per_call = {}
    for name, fn in contenders.items():
        start = time.perf_counter()
        fn()  # warm up, and size the round
        per_call[name] = max(time.perf_counter() - start, 1e-6)
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, fn in contenders.items():
            calls = max(1, int(seconds / per_call[name]))
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            samples[name].append(calls / (time.perf_counter() - start))
    return {name: statistics.median(values) for name, values in samples.items()}


def print_table(rows: list[Row]) -> None:
    header = ("figure", "newscrawl", "baseline", "baseline value", "ratio", "goal")
    lines = [
        (r.figure, f"{r.ours:,.1f} {r.unit}", r.baseline_name, f"{r.baseline:,.1f} {r.unit}", f"{r.ratio:.2f}", r.goal)
        for r in rows
    ]
    widths = [max(len(str(c)) for c in col) for col in zip(header, *lines, strict=True)]
    for line in (header, tuple("-" * w for w in widths), *lines):
        print("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)))
