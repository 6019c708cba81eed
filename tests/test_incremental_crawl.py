"""Incremental crawls of the fake tempo.co into PostgreSQL: what a second, a due, and a
``refresh=all`` run fetch (the server's hit log) and store (the rows)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from newscrawl import outlets
from newscrawl.spiders.plan import today_in_jakarta
from tests.fix_db import fresh_schema, rows
from tests.site import pages
from tests.site.build import Site, build_site, page_key
from tests.site.run import Crawl, crawl
from tests.site.server import Hit, SiteServer

pytestmark = [pytest.mark.db, pytest.mark.slow]

UNCHANGED, EDITED, IN_SITEMAP = 1900001, 1900010, 1900006


@dataclass
class Run:
    crawl: Crawl
    hits: list[Hit]

    def article_hits(self) -> dict[str, list[int]]:
        """Statuses served per article key (article pages only)."""
        found: dict[str, list[int]] = {}
        for hit in self.hits:
            key = outlets.article_key(hit.url) if outlets.is_article_url(hit.url) else None
            if key:
                found.setdefault(key, []).append(hit.status)
        return found


@pytest.fixture(scope="module")
def schema_url(server_url: str) -> Iterator[str]:
    yield from fresh_schema(server_url)


@pytest.fixture(scope="module")
def runs(schema_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Four crawls of one site: a first one, the same again, one after some articles became due
    (one of them edited on the site), and ``refresh=all``."""
    site = build_site(today_in_jakarta())
    work = tmp_path_factory.mktemp("incremental")
    found: dict[str, Run] = {}
    with SiteServer(site) as server:

        def run(name: str, **arguments: str) -> None:
            start = len(server.hits)
            settings = {"NEWSCRAWL_DATABASE_URL": schema_url, "NEWSCRAWL_SPOOL_DIR": str(work / "spool")}
            settings["NEWSCRAWL_RENDER"] = "never"
            result = crawl(server.url, work / name, arguments, settings, pipelines=True)
            assert result.returncode == 0, result.stderr[-3000:]
            found[name] = Run(result, server.hits[start:])

        run("first")
        run("again")
        _make_due(site, schema_url)
        run("due")
        run("refresh", refresh="all")
    return found


def _make_due(site: Site, url: str) -> None:
    """Two stored articles reach their 1-hour re-check (one of them is edited on the site), and a
    sitemap says a third, fetched 3 hours ago, changed since."""
    now = datetime.now(UTC)
    edited = site.pages[page_key(site.url(EDITED))]
    head, body = edited.body.split(b"detail-konten", 1)
    edited.body = head + b"detail-konten" + body.replace(b"</p>", b" Kalimat ini ditambahkan kemudian.</p>", 1)
    site.add(
        "https://www.tempo.co/sitemap-news.xml",
        pages.urlset([(site.url(IN_SITEMAP), (now - timedelta(hours=1)).isoformat(timespec="seconds"))], news=True),
        content_type="application/xml",
    )
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "UPDATE articles SET published_at = %s, last_seen_at = %s WHERE article_id = ANY(%s)",
            (now - timedelta(hours=2), now - timedelta(minutes=90), [UNCHANGED, EDITED]),
        )
        conn.execute(
            "UPDATE articles SET published_at = %s, last_seen_at = %s WHERE article_id = %s",
            (now - timedelta(days=30), now - timedelta(hours=3), IN_SITEMAP),
        )


def _stored(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return dict(rows(conn, "SELECT article_key, version FROM articles"))


def test_a_second_run_fetches_no_stored_article_again(runs: dict[str, Run], schema_url: str) -> None:
    first, again = runs["first"], runs["again"]
    stored = set(_stored(schema_url))
    assert len(stored) >= 30
    assert stored <= set(first.article_hits())
    fetched_again = {key for key, statuses in again.article_hits().items() if 200 in statuses}
    assert not fetched_again & stored
    # Every stored article was still found (listings, feeds and the stored articles' related links).
    assert again.crawl.stat("newscrawl/incremental/fresh") == len(stored)
    # Listings and feeds are fetched every run.
    assert again.crawl.stat("newscrawl/pages/listing") == first.crawl.stat("newscrawl/pages/listing")
    assert again.crawl.stat("newscrawl/pages/feed") == first.crawl.stat("newscrawl/pages/feed")


def test_due_articles_are_rechecked_with_a_conditional_request(runs: dict[str, Run], site_keys: dict[int, str]) -> None:
    due = runs["due"].article_hits()
    assert due[site_keys[UNCHANGED]] == [304]
    assert due[site_keys[IN_SITEMAP]] == [304]  # its sitemap lastmod is after our last fetch
    assert due[site_keys[EDITED]] == [200]  # the site no longer has the validator we kept
    others = set(due) - {site_keys[n] for n in (UNCHANGED, EDITED, IN_SITEMAP)}
    assert all(200 not in due[key] for key in others & set(runs["first"].article_hits()))
    assert runs["due"].crawl.stat("newscrawl/articles/not-modified") == 2


def test_an_edited_article_gets_a_new_version_and_a_304_refreshes_last_seen(
    runs: dict[str, Run], schema_url: str, site_keys: dict[int, str]
) -> None:
    with psycopg.connect(schema_url) as conn:
        versions = dict(rows(conn, "SELECT article_id, version FROM articles"))
        ((seen,),) = rows(conn, "SELECT last_seen_at FROM articles WHERE article_id = %s", UNCHANGED)
        ((texts,),) = rows(
            conn,
            "SELECT count(*) FROM article_versions v JOIN articles a ON a.id = v.article_pk WHERE a.article_id = %s",
            EDITED,
        )
    assert (versions[EDITED], texts) == (2, 2)
    assert (versions[UNCHANGED], versions[IN_SITEMAP]) == (1, 1)
    assert seen > datetime.now(UTC) - timedelta(minutes=30)  # set to 90 minutes ago before the re-check
    assert runs["due"].crawl.stat("newscrawl/db/updated") == 1


def test_refresh_all_fetches_every_stored_article_again(runs: dict[str, Run], schema_url: str) -> None:
    refreshed = runs["refresh"].article_hits()
    for key in _stored(schema_url):
        assert 200 in refreshed.get(key, []), key
    assert runs["refresh"].crawl.stat("newscrawl/incremental/refresh") >= len(_stored(schema_url))


def test_the_state_keeps_validators_and_outcomes(schema_url: str, site_keys: dict[int, str]) -> None:
    with psycopg.connect(schema_url) as conn:
        state = {k: (s, e) for k, s, e in rows(conn, "SELECT article_key, status, etag FROM crawl_urls")}
    status, etag = state[site_keys[UNCHANGED]]
    assert status == "fetched"
    assert etag.startswith('"')
    assert state["tempo:1900019"][0] == "gone"  # a 404: left alone for a day
    assert state["tempo:1900020"][0] == "skipped"  # a "page not found" template served as 200


@pytest.fixture(scope="module")
def site_keys() -> dict[int, str]:
    return {n: f"tempo:{n}" for n in (UNCHANGED, EDITED, IN_SITEMAP)}


def test_a_crawl_whose_articles_are_all_up_to_date_succeeds_at_once(
    runs: dict[str, Run], schema_url: str, tmp_path: Path
) -> None:
    """``urls=`` naming stored articles that are not due: nothing to fetch, which is no failure, and
    the first of them (the spider's probe of the site) is not waited for."""
    site = build_site(today_in_jakarta())
    wanted = ",".join(site.url(n) for n in (UNCHANGED, 1900002, 1900003))
    settings = {"NEWSCRAWL_DATABASE_URL": schema_url, "NEWSCRAWL_SPOOL_DIR": str(tmp_path / "spool")}
    with SiteServer(site) as server:
        result = crawl(server.url, tmp_path, {"urls": wanted, "related_depth": "0"}, settings, pipelines=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stats["finish_reason"] == "finished"  # not closed by the no-page timeout
    assert result.stat("newscrawl/incremental/fresh") == 3
    assert not [hit for hit in server.hits if hit.path != "/robots.txt"]
