"""``python -m newscrawl export`` of the fixture articles stored in the real PostgreSQL: the
``Article`` contract's names and values in each format, Parquet's types, filters, a reader role,
the progress bar on a terminal only, and what a failure leaves."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscrawl.items import Article
from tests.fix_db import ROOT
from tests.fix_reader import fixture_articles, json_lines, newscrawl

pytestmark = pytest.mark.db

ARTICLE_FIELDS = list(Article.__dataclass_fields__)


def _view_columns(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        found = conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'articles_current' ORDER BY ordinal_position"
        ).fetchall()
    return [str(name) for (name,) in found if name != "search"]


@pytest.fixture
def exported(stored: str) -> list[dict[str, Any]]:
    done = newscrawl("export", "--format", "jsonl", url=stored)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # piped: no progress bar, no chatter
    return json_lines(done.stdout)


def test_jsonl_has_one_line_per_article_under_the_view_s_column_names(
    stored: str, exported: list[dict[str, Any]]
) -> None:
    with psycopg.connect(stored) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles_current ORDER BY id").fetchall()]
    assert [row["id"] for row in exported] == ids
    for row in exported:
        assert list(row) == _view_columns(stored)
        assert set(ARTICLE_FIELDS) <= set(row)


def test_jsonl_gives_each_article_as_the_parser_read_it(exported: list[dict[str, Any]]) -> None:
    """Every field of the ``Article`` contract, same name, same value, same format (times with +07:00)."""
    by_url = {row["url"]: row for row in exported}
    compared = 0
    for item in fixture_articles():
        row = by_url.get(item.article.url)
        if row is None:  # another page of a story stored under one key (the E3 copy of the E2 story)
            continue
        expected = item.article.to_dict()
        for name in ARTICLE_FIELDS:
            if name != "canonical_url":  # the store keeps the canonical form of its key
                assert row[name] == expected[name], (item.article.url, name)
        compared += 1
    assert compared == len(exported)


def test_csv_has_the_same_names_and_values(stored: str, exported: list[dict[str, Any]]) -> None:
    done = newscrawl("export", "--format", "csv", url=stored)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
    assert len(rows) == len(exported)
    assert list(rows[0]) == list(exported[0])
    for row, expected in zip(rows, exported, strict=True):
        assert row["body"] == expected["body"]
        assert json.loads(row["related"]) == expected["related"]
        assert json.loads(row["tags"]) == expected["tags"]
        assert row["published_at"] == (expected["published_at"] or "")
        assert row["is_premium"] == str(expected["is_premium"]).lower()


def test_parquet_has_typed_columns_and_the_same_values(
    stored: str, exported: list[dict[str, Any]], tmp_path: Path
) -> None:
    target = tmp_path / "articles.parquet"
    done = newscrawl("export", "--format", "parquet", "-o", str(target), url=stored)
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"{len(exported)} articles written to {target}\n"
    table = pq.read_table(target)
    schema = table.schema
    assert schema.names == list(exported[0])
    assert schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("reporters").type == pa.list_(pa.string())
    assert schema.field("is_premium").type == pa.bool_()
    assert schema.field("pages").type == pa.int32()
    assert schema.field("id").type == pa.int64()
    assert schema.field("editor_pick").type == pa.struct([("title", pa.string()), ("url", pa.string())])
    assert schema.field("related").type.value_type.names == ["title", "url", "summary", "published_raw", "published_at"]
    for row, expected in zip(table.to_pylist(), exported, strict=True):
        for name, value in row.items():
            if isinstance(value, datetime):
                assert value == datetime.fromisoformat(expected[name]), name
            else:
                assert value == expected[name], name
    assert not list(tmp_path.glob("*.partial"))


def test_filters_choose_the_rows(stored: str) -> None:
    done = newscrawl("export", "--format", "jsonl", "--section", "cekfakta", url=stored)
    assert [row["section"] for row in json_lines(done.stdout)] == ["cekfakta"]
    done = newscrawl("export", "--format", "jsonl", "--since", "2015-11-05", "--until", "2018-02-18", url=stored)
    assert sorted(row["section"] for row in json_lines(done.stdout)) == ["gaya", "metro"]


def test_a_reader_role_exports(reader: str, stored: str) -> None:
    mine = newscrawl("export", "--format", "jsonl", url=reader)
    assert mine.returncode == 0, mine.stderr
    assert mine.stdout == newscrawl("export", "--format", "jsonl", url=stored).stdout


def _on_terminal(arguments: list[str], url: str, *, stdout_terminal: bool = False) -> tuple[int, str, str]:
    """Run ``export`` with stderr (and perhaps stdout) on a terminal; exit status, stdout, the terminal's text."""
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "newscrawl", "export", *arguments],
        cwd=ROOT,
        env={**os.environ, "NEWSCRAWL_DATABASE_URL": url, "TERM": "xterm"},
        stdout=follower if stdout_terminal else subprocess.PIPE,
        stderr=follower,
        timeout=120,
        check=False,
    )
    os.close(follower)
    seen = b""
    try:
        while chunk := os.read(leader, 4096):
            seen += chunk
    except OSError:  # every end of the terminal is closed
        pass
    os.close(leader)
    return done.returncode, (done.stdout or b"").decode(), seen.decode(errors="replace")


def test_a_progress_bar_on_a_terminal_only(stored: str, tmp_path: Path) -> None:
    target = tmp_path / "a.jsonl"
    status, _, terminal = _on_terminal(["--format", "jsonl", "-o", str(target)], stored)
    count = len(target.read_text(encoding="utf-8").splitlines())
    assert status == 0
    assert f"{count}/{count}" in terminal
    assert "articles" in terminal
    piped = newscrawl("export", "--format", "jsonl", "-o", str(target), url=stored)
    assert piped.stderr == f"{count} articles written to {target}\n"


def test_parquet_is_not_written_to_a_terminal(stored: str) -> None:
    status, _, terminal = _on_terminal(["--format", "parquet"], stored, stdout_terminal=True)
    assert status == 2
    assert terminal.strip() == "newscrawl export: error: Parquet is binary: give -o FILE, or redirect the output"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--section", "olahraga"], "newscrawl export: error: unknown section 'olahraga'"),
        (["--since", "2024/02/08"], "newscrawl export: error: --since: not a date: '2024/02/08'"),
    ],
)
def test_bad_input_gets_one_line_and_no_file(stored: str, tmp_path: Path, arguments: list[str], message: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    done = newscrawl("export", "--format", "csv", "-o", str(folder / "out.csv"), *arguments, url=stored)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(message)
    assert list(folder.iterdir()) == []


def test_a_database_that_is_down_gets_one_line_and_no_file(tmp_path: Path) -> None:
    done = newscrawl(
        "export", "--format", "jsonl", "-o", str(tmp_path / "out.jsonl"), url="postgresql://x@127.0.0.1:1/n"
    )
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("newscrawl export: cannot connect to x@127.0.0.1:1/n:")
    assert list(tmp_path.iterdir()) == []
