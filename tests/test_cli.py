"""``python -m newscrawl parse``: one JSON object per article, one stderr line per non-article."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


def test_parse_prints_one_json_object_per_article_and_fails_on_the_rest(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    result = _run(
        "parse",
        str(SEEDS / "000_38740b6e35ef3c76.txt"),
        str(SEEDS / "e2-cekfakta-2022-03-listing.html"),
        str(SEEDS / "e2-cekfakta-2022-06-22-fakta-1752.html"),
        str(missing),
    )
    assert result.returncode == 1
    seed, cekfakta = (json.loads(line) for line in result.stdout.splitlines())
    assert seed["layout"] == "text"
    assert seed["editors"] == ["Ida Rosdalina"]
    # without --url an HTML page is parsed under its own canonical URL
    assert (
        cekfakta["url"]
        == "https://cekfakta.tempo.co/fakta/1752/keliru-video-kode-rahasia-untuk-menghemat-listrik-prabayar"
    )
    errors = result.stderr.splitlines()
    listing = SEEDS / "e2-cekfakta-2022-03-listing.html"
    assert errors == [
        f"{listing}: not an article (listing: listing URL '/2022/03')",
        f"{missing}: cannot read: No such file or directory",
    ]


def test_parse_with_url_and_fetch_time() -> None:
    result = _run(
        "parse",
        str(SEEDS / "000_38740b6e35ef3c76.txt"),
        "--url",
        "https://dunia.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping",
        "--fetched-at",
        "2024-05-14T12:00",
    )
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["article_id"] == 1831560
    assert article["section"] == "dunia"
    assert article["related"][0]["published_at"] == "2024-05-14T08:00:00+07:00"


def test_a_bad_fetch_time_is_a_usage_error() -> None:
    result = _run("parse", str(SEEDS / "000_38740b6e35ef3c76.txt"), "--fetched-at", "yesterday")
    assert result.returncode == 2
    assert "not an ISO 8601 date-time: 'yesterday'" in result.stderr
