"""Parser speed on real and seed-article pages against trafilatura and a bare lxml parse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura

from bench.timing import Row, rates
from newscrawl import outlets
from newscrawl.parsers import parse_html

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PAGES = {
    "real E2 page (cekfakta 2022)": (
        "e2-cekfakta-2022-06-22-fakta-1752.html",
        "https://cekfakta.tempo.co/fakta/1752/keliru-video-kode-rahasia-untuk-menghemat-listrik-prabayar",
    ),
    "seed article, E2 HTML": (
        "e2-dunia-2024-02-08-kremlin-putin-xi.html",
        "https://dunia.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-as-dalam-urusan-negara-lain",
    ),
}


def _ours(url: str, data: bytes) -> None:
    # Empty the URL caches first: a crawl meets new URLs on every page, a loop over one page would not.
    outlets.cache_clear()
    parse_html(url, data)


def _contenders(url: str, data: bytes) -> dict[str, Callable[[], object]]:
    text = data.decode("utf-8")
    return {
        "ours": lambda: _ours(url, data),
        "trafilatura": lambda: trafilatura.extract(text, url=url, with_metadata=True),
        "lxml": lambda: lxml.html.fromstring(data),
    }


def run() -> list[Row]:
    rows = []
    for label, (name, url) in PAGES.items():
        measured = rates(_contenders(url, (SEEDS / name).read_bytes()))
        rows.append(
            Row(f"parse: {label}", measured["ours"], "trafilatura extract", measured["trafilatura"], "pages/s", ">= 8x")
        )
        rows.append(
            Row(
                f"parse: {label}",
                measured["ours"],
                "bare lxml.html.fromstring",
                measured["lxml"],
                "pages/s",
                ">= 0.33x (within 3x)",
            )
        )
    return rows
