"""``python -m newscrawl reparse``: stored articles parsed again from their archived pages. A
recorded crawl of the fake tempo.co is stored once; a parser change is simulated in this process
(the parser's entry point wrapped), and re-parsing must change exactly the rows it affects."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from newscrawl import reparse
from newscrawl.parsers import article_page
from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_crawls import Shared
from tests.fix_db import ROOT, fresh_schema, rows
from tests.site.build import build_site
from tests.site.run import crawl
from tests.site.server import SiteServer

pytestmark = [pytest.mark.db, pytest.mark.slow]

STORIES = (1900001, 1900004, 1900006, 1900014, 1900015)
NEW_TITLE, NEW_EDITORS = 1900001, 1900004
ARTICLES = "SELECT * FROM articles ORDER BY article_id"
VERSIONS = "SELECT * FROM article_versions ORDER BY article_pk, version"
VERSIONS_OF = """
SELECT v.version, v.title, v.fetched_at, v.warc_pages FROM article_versions v JOIN articles a ON a.id = v.article_pk
WHERE a.article_id = %d ORDER BY v.version
"""


@pytest.fixture
def stored(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A schema holding the recorded crawl of ``STORIES``, and the archive's directory."""
    workdir = tmp_path_factory.mktemp("reparse")
    site = build_site(today_in_jakarta())
    with contextmanager(fresh_schema)(server_url) as url:  # dropped even if the crawl fails
        settings = {
            "NEWSCRAWL_DATABASE_URL": url,
            "NEWSCRAWL_SPOOL_DIR": str(workdir / "spool"),
            "NEWSCRAWL_WARC_DIR": str(workdir / "warc"),
        }
        arguments = {"urls": ",".join(site.url(n) for n in STORIES), "related_depth": "0"}
        with SiteServer(site) as server:
            result = crawl(server.url, workdir, arguments, settings, pipelines=True)
        assert result.returncode == 0, result.stderr[-3000:]
        assert result.stat("newscrawl/db/inserted") == len(STORIES)
        yield url, workdir / "warc"


def dump(url: str, query: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as conn:
        return rows(conn, query)


def changed_parser(url: str | None, html: Any, fetched_at: datetime | None = None) -> Any:
    """The parser after a simulated fix: one story's headline reads differently, another's editors."""
    page = article_page(url, html, fetched_at)
    article = page.to_article()

    class Fixed:
        def to_article(self) -> Any:
            if article.article_id == NEW_TITLE:
                return replace(article, title=article.title + " (Diperbarui)")
            if article.article_id == NEW_EDITORS:
                return replace(article, editors=("Editor Hasil Perbaikan",))
            return article

    return Fixed()


def run(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], **args: Any
) -> tuple[int, str, str]:
    """``reparse`` in this process (where the parser change is), as the command line runs it."""
    monkeypatch.setenv("NEWSCRAWL_DATABASE_URL", url)
    options = argparse.Namespace(since=args.get("since"), site=args.get("site"), archive=args.get("archive"))
    status = reparse.run(options)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def articles(url: str) -> dict[int, dict[str, Any]]:
    """Every ``articles`` row by article id, without ``stored_at``: the store's clock, which a
    re-parse moves on as it finds each row current (see ``stored_at_moved``)."""
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return {row["article_id"]: {k: v for k, v in row.items() if k != "stored_at"} for row in conn.execute(ARTICLES)}


def stored_at(url: str) -> dict[int, datetime]:
    return dict(dump(url, "SELECT article_id, stored_at FROM articles"))


def summary(changed: int, versions: int, refreshed: int, unchanged: int, read: int) -> str:
    return (
        f"reparse: {changed} rows changed ({versions} with a new version, {refreshed} refreshed in place), "
        f"{unchanged} unchanged, of {read} articles read again from the archive"
    )


def reparse_command(url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSCRAWL_DATABASE_URL": url}
    command = [sys.executable, "-m", "newscrawl", "reparse"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def test_the_same_parser_changes_nothing(stored: tuple[str, Path]) -> None:
    url, _ = stored
    before, stamps = (articles(url), dump(url, VERSIONS)), stored_at(url)
    done = reparse_command(url)
    assert done.returncode == 0, done.stderr
    assert done.stdout == summary(0, 0, 0, len(STORIES), len(STORIES)) + "\n"
    assert (articles(url), dump(url, VERSIONS)) == before
    # Each row was found current by the re-parse: the store's clock says so, and nothing else moved.
    assert all(later > stamps[n] for n, later in stored_at(url).items())


@pytest.mark.browser
def test_a_rendered_page_is_read_again_from_its_rendered_record(rendered: Shared) -> None:
    """Its static record has no body: reading that one instead would empty the stored body."""
    before = articles(rendered.schema), dump(rendered.schema, VERSIONS)
    done = reparse_command(rendered.schema)
    assert done.returncode == 0, done.stderr
    assert done.stdout == summary(0, 0, 0, 2, 2) + "\n"
    assert (articles(rendered.schema), dump(rendered.schema, VERSIONS)) == before


def test_a_parser_change_updates_exactly_the_rows_it_affects(
    stored: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = stored
    before = articles(url)
    monkeypatch.setattr(reparse, "article_page", changed_parser)
    status, out, err = run(url, monkeypatch, capsys)
    assert (status, out, err) == (0, summary(2, 1, 1, len(STORIES) - 2, len(STORIES)) + "\n", "")
    after = articles(url)
    changed = {(n, column) for n, row in after.items() for column, value in row.items() if value != before[n][column]}
    # A new headline is new content, so a new version; new editors change the row only.
    assert changed == {
        (NEW_TITLE, "title"),
        (NEW_TITLE, "content_hash"),
        (NEW_TITLE, "search"),
        (NEW_TITLE, "version"),
        (NEW_EDITORS, "editors"),
    }
    (_, old_title, old_fetch, old_pages), (version, title, fetch, pages) = dump(url, VERSIONS_OF % NEW_TITLE)
    assert (version, title) == (2, old_title + " (Diperbarui)")
    assert (fetch, pages) == (old_fetch, old_pages)  # the same fetch, the same archived pages
    assert dump(url, "SELECT count(*) FROM article_versions") == [(len(STORIES) + 1,)]
    runs = "SELECT status, stats->>'updated', stats->>'refreshed' FROM crawl_runs WHERE spider = 'reparse'"
    assert dump(url, runs) == [("finished", "1", "1")]
    # The same parser again: nothing is left to change.
    assert run(url, monkeypatch, capsys)[1] == summary(0, 0, 0, len(STORIES), len(STORIES)) + "\n"


def test_only_the_selected_articles_are_read_again(
    stored: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = stored
    monkeypatch.setattr(reparse, "article_page", changed_parser)
    # The E3 stories (1900004, 1900014, 1900015) are on www.tempo.co.
    assert run(url, monkeypatch, capsys, site="www.tempo.co")[1] == summary(1, 0, 1, 2, 3) + "\n"
    next_year = datetime.now(UTC).replace(year=datetime.now(UTC).year + 1)
    assert run(url, monkeypatch, capsys, since=next_year)[1] == summary(0, 0, 0, 0, 0) + "\n"


def test_a_moved_archive_is_reported_then_found(
    stored: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url, archive = stored
    moved = tmp_path / "moved"
    shutil.move(archive, moved)
    status, out, err = run(url, monkeypatch, capsys)
    assert status == 1
    errors = err.splitlines()
    assert len(errors) == len(STORIES)
    assert all(line.startswith("newscrawl reparse: ") and "No such file or directory" in line for line in errors)
    assert out.splitlines()[-1] == (
        f"reparse: 0 articles have no archive record (stored without recording), {len(STORIES)} could not be read"
        " again (above)"
    )
    status, out, err = run(url, monkeypatch, capsys, archive=moved)
    assert (status, out, err) == (0, summary(0, 0, 0, len(STORIES), len(STORIES)) + "\n", "")
