"""The sample archive a new user runs (``make replay``): the committed ``seeds/sample.warc.gz`` is
what its builder makes, stays small, and replays, with no network, into the fixture articles and
the stories they link, stored as their fixtures say."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from newscrawl import outlets
from newscrawl.archive import sample
from tests.fix_archive import Tripwire, offline_crawl
from tests.fix_db import ROOT, fresh_schema
from tests.site.run import Crawl

SAMPLE = ROOT / "seeds" / "sample.warc.gz"
WARCIO = Path(sys.executable).with_name("warcio")


def fixture(name: str) -> dict[str, Any]:
    expected: dict[str, Any] = json.loads((ROOT / "seeds" / f"{name}.json").read_text(encoding="utf-8"))
    return expected


def expected_ids() -> set[int]:
    """The fixture articles and every story they link, by the fixtures' own JSON."""
    found = set()
    for name in sample.CASES:
        article = fixture(name)
        found.add(article["article_id"])
        links = [*article["related"], *([article["editor_pick"]] if article["editor_pick"] else [])]
        found.update(outlets.article_id(link["url"]) for link in links if link.get("url"))
    return found


def test_the_committed_sample_is_what_the_builder_makes(tmp_path: Path) -> None:
    built = tmp_path / SAMPLE.name
    sample.write(built, sample.build_site())
    # Compared uncompressed: another zlib may compress the same records to other bytes.
    assert gzip.decompress(SAMPLE.read_bytes()) == gzip.decompress(built.read_bytes()), (
        "seeds/sample.warc.gz is stale: rebuild it with `make sample`"
    )


def test_the_sample_is_small_and_warcio_accepts_it() -> None:
    assert SAMPLE.stat().st_size < 2_000_000
    check = subprocess.run([str(WARCIO), "check", str(SAMPLE)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout


@pytest.fixture(scope="module")
def schema_url(server_url: str) -> Iterator[str]:
    yield from fresh_schema(server_url)


@pytest.fixture(scope="module")
def replayed(schema_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Crawl, Tripwire]:
    """``make replay``'s crawl: the sample, with the project's default sections (Tempo's own), into PostgreSQL."""
    workdir = tmp_path_factory.mktemp("sample")
    settings = {
        "NEWSCRAWL_DATABASE_URL": schema_url,
        "NEWSCRAWL_SPOOL_DIR": str(workdir / "spool"),
        "NEWSCRAWL_SECTIONS": "",  # as make replay runs it: no list, the outlet's own
    }
    with Tripwire() as tripwire:
        result = offline_crawl(workdir, tripwire, {"replay": str(SAMPLE)}, settings, pipelines=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return result, tripwire


@pytest.mark.db
@pytest.mark.slow
def test_the_sample_replays_to_the_fixtures_and_the_stories_they_link(replayed: tuple[Crawl, Tripwire]) -> None:
    result, tripwire = replayed
    assert tripwire.connections == 0
    assert set(result.ids) == expected_ids()
    assert len(result.ids) == len(expected_ids())
    assert result.stat("replay/missing") == 0
    assert not [key for key in result.stats if key.startswith("newscrawl/failed/")]
    assert result.stat("newscrawl/db/inserted") == len(expected_ids())


@pytest.mark.db
@pytest.mark.slow
def test_the_stored_story_is_its_fixture(schema_url: str, replayed: object) -> None:
    """The two-page 2024 story, its "4 jam lalu" cards resolved against the archived fetch time."""
    expected = fixture("e2-dunia-2024-02-08-kremlin-putin-xi.pages")
    with psycopg.connect(schema_url, row_factory=dict_row) as conn:
        row = conn.execute("SELECT * FROM articles_current WHERE article_id = 1831560").fetchone()
    assert row is not None
    for name in ("title", "body", "editors", "pages", "credit", "published_at_raw", "dateline"):
        assert row[name] == expected[name], name
    assert [card["published_at"] for card in row["related"]] == [card["published_at"] for card in expected["related"]]


def _readme_sql() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Try it offline") :]
    section = section[: section.index("\n## ", 1)]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    return [statement.strip() for block in blocks for statement in block.split(";") if statement.strip()]


def test_the_readme_shows_sql_to_look_at_the_result() -> None:
    assert len(_readme_sql()) >= 3


@pytest.mark.db
@pytest.mark.slow
@pytest.mark.parametrize("statement", _readme_sql(), ids=lambda s: s.split("\n")[0][:40])
def test_each_query_of_the_readme_answers(schema_url: str, replayed: object, statement: str) -> None:
    with psycopg.connect(schema_url) as conn:
        assert conn.execute(statement.encode()).fetchall()
