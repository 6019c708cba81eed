"""``scrapy crawl kompas`` through Scrapy's engine, against the fake kompas.com (``tests/site/kompas.py``),
into the real PostgreSQL: discovery from the sources Kompas's declaration lists, related links
followed and stored as edges, a two-page article stored as one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from newscrawl import outlets
from newscrawl.parsers import article_page
from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_archive import Tripwire, offline_crawl
from tests.fix_db import fresh_schema, rows
from tests.site.build import page_key
from tests.site.kompas import FAR, MENHUB, SECTIONS, STALE, KompasSite, build_kompas, index_url
from tests.site.run import Crawl, crawl
from tests.site.server import Hit, SiteServer

pytestmark = [pytest.mark.db, pytest.mark.slow]

MENHUB_KEY = "kompas:20231102213419026"


@dataclass(frozen=True)
class Run:
    kompas: KompasSite
    crawl: Crawl
    hits: list[Hit]
    schema: str
    warc: Path

    def fetched(self, url: str) -> int:
        """How often ``url`` was served (its query in any order)."""
        return sum(1 for hit in self.hits if page_key(hit.url) == page_key(url))


@pytest.fixture(scope="module")
def run(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """The latest-news crawl of the fake kompas.com's kanals ``SECTIONS``, stored."""
    kompas = build_kompas(today_in_jakarta())
    workdir: Path = tmp_path_factory.mktemp("kompas")
    with contextmanager(fresh_schema)(server_url) as schema:
        settings = {
            "NEWSCRAWL_DATABASE_URL": schema,
            "NEWSCRAWL_SPOOL_DIR": str(workdir / "spool"),
            "NEWSCRAWL_SECTIONS": SECTIONS,
            "NEWSCRAWL_WARC_DIR": str(workdir / "warc"),
        }
        with SiteServer(kompas.site) as server:
            result = crawl(server.url, workdir, None, settings, pipelines=True, spider="kompas")
        assert result.returncode == 0, result.stderr[-3000:]
        yield Run(kompas, result, server.hits, schema, workdir / "warc")


def test_the_crawl_starts_from_the_sources_kompas_declares(run: Run) -> None:
    today = run.kompas.site.today
    for kanal in SECTIONS.split(","):
        assert run.fetched(f"https://{kanal}.kompas.com/") == 1
        assert run.fetched(f"https://{kanal}.kompas.com/sitemap.xml") == 1
    assert run.fetched("https://www.kompas.com/") == 1
    # Today's index and the page its pager offers.
    assert run.fetched(index_url(today, 1)) == 1
    assert run.fetched(index_url(today, 2)) == 1
    assert not run.fetched(STALE)  # a sitemap entry older than NEWSCRAWL_LATEST_DAYS
    assert not any(hit.host.endswith("tempo.co") for hit in run.hits)


def test_every_listed_article_and_its_related_links_are_emitted_once(run: Run) -> None:
    expected = run.kompas.expected(depth=1)
    emitted = [article["url"] for article in run.crawl.articles]
    assert sorted(emitted) == sorted(expected)
    for source in ("home", "money", "bola", "sitemap", "index", "index page 2"):
        assert set(run.kompas.sources[source]) <= set(emitted), source
    assert set(run.kompas.stories[MENHUB].related) <= set(emitted)
    assert not run.fetched(FAR)  # two related hops away
    assert all(run.fetched(url) == 1 for url in emitted)


def test_the_rows_are_kompas_s_keyed_by_its_rule(run: Run) -> None:
    with psycopg.connect(run.schema) as conn:
        stored = rows(conn, "SELECT article_key, outlet, url FROM articles")
        spiders = rows(conn, "SELECT spider FROM crawl_runs")
    assert len(stored) == len(run.kompas.expected(depth=1))
    assert {outlet for _, outlet, _ in stored} == {"kompas"}
    assert all(key == outlets.article_key(url) and key.startswith("kompas:") for key, _, url in stored)
    assert spiders == [("kompas",)]


def test_related_links_are_stored_as_edges_to_the_articles_they_name(run: Run) -> None:
    with psycopg.connect(run.schema) as conn:
        edges = rows(
            conn,
            "SELECT l.kind, l.target_key, t.article_key FROM article_links l"
            " JOIN articles s ON s.id = l.article_pk LEFT JOIN articles t ON t.article_key = l.target_key"
            " WHERE s.article_key = %s ORDER BY l.kind, l.position",
            MENHUB_KEY,
        )
    related = [(target, stored) for kind, target, stored in edges if kind == "related"]
    assert [target for target, _ in related] == [outlets.article_key(u) for u in run.kompas.stories[MENHUB].related]
    assert all(stored == target for target, stored in related)  # each followed and stored
    assert len([kind for kind, _, _ in edges if kind == "read_also"]) == 3  # recorded, not followed


def test_a_two_page_article_is_one_row_with_both_pages_text(run: Run) -> None:
    with psycopg.connect(run.schema) as conn:
        ((pages, body),) = rows(conn, "SELECT pages, body FROM articles WHERE article_key = %s", MENHUB_KEY)
    whole = article_page(MENHUB + "?page=all", run.kompas.site.pages[page_key(MENHUB + "?page=all")].body)
    assert pages == 2
    assert "Halaman 2: " in body
    assert body == whole.to_article().body  # what Kompas's one-document form holds
    assert run.fetched(MENHUB + "?page=2") == 1
    assert not run.fetched(MENHUB + "?page=all")
    assert run.crawl.stat("newscrawl/articles/multipage") == 1


def test_the_recorded_crawl_replays_offline_to_the_same_articles(run: Run, tmp_path: Path) -> None:
    with Tripwire() as tripwire:
        # The same sections ask for the same pages (the archive records the arguments, not the settings).
        settings = {"NEWSCRAWL_SECTIONS": SECTIONS}
        replayed = offline_crawl(tmp_path, tripwire, {"replay": str(run.warc)}, settings, spider="kompas")
    assert replayed.returncode == 0, replayed.stderr[-2000:]
    assert tripwire.connections == 0
    assert sorted(a["url"] for a in replayed.articles) == sorted(a["url"] for a in run.crawl.articles)
    assert next(a for a in replayed.articles if a["url"] == MENHUB)["pages"] == 2
