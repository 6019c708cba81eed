"""1,000 hostile pages (``tests/hostile/corpus.py``) crawled by the real spider, through the real
pipelines, into PostgreSQL: the crawl completes, nothing raises, every page is stored or counted
under a named reason, memory stays bounded, and what is stored is valid."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from newscrawl import outlets
from tests.fix_db import fresh_schema
from tests.hostile.corpus import (
    CP1252_WORDS,
    CYCLE,
    LATIN1_WORDS,
    PUBLISHED,
    Corpus,
    Entry,
    build_corpus,
)
from tests.hostile.process import BackgroundCrawl, Finished
from tests.site.build import page_key
from tests.site.server import Hit, SiteServer

pytestmark = [pytest.mark.db, pytest.mark.slow]

# Peak resident memory of the crawler process. It starts at about 120 MB; its high-water mark is
# the 10 MB article, whose text, parse tree and SimHash word lists take some 250 MB at once
# (measured: 365 MB in all). 600 MB leaves room for allocator noise; a crawl that kept the pages
# it read (25 MB, ten times that as parse trees) or held both 10 MB pages at once would pass it.
RSS_LIMIT_MB = 600
SETTINGS = {
    # The browser is not under test here (it has its own tests), and would not count in this process.
    "NEWSCRAWL_RENDER": "never",
    "DOWNLOAD_TIMEOUT": "2",  # the pages that never finish
    # A corpus made to fail them: the monitors have their own tests.
    "NEWSCRAWL_MONITOR_MAX_ERROR_RATIO": "1",
    "NEWSCRAWL_MONITOR_COVERAGE": '{"title": 0}',
}
# How the crawl names what it did not store, one log line each: (pattern, outcome).
_LOG_LINES = [
    (re.compile(r" INFO: Not an article \((?P<reason>[a-z-]+).*\): (?P<url>https://\S+)$"), "skipped/{reason}"),
    (re.compile(r" WARNING: Not a listing \((?P<reason>[a-z-]+).*\): (?P<url>https://\S+)$"), "skipped/{reason}"),
    (re.compile(r": Not fetched \((?P<reason>[a-z0-9-]+)\): (?P<url>https://[^\s,]+)"), "failed/{reason}"),
    (re.compile(r" Dropped: (?P<reason>[a-z-]+): .* (?P<url>https://\S+)$"), "dropped/{reason}"),
    (re.compile(r" Rejected, kept in \S+: (?P<url>https://\S+) \("), "rejected"),
    (re.compile(r" Redirected to a page already requested: (?P<url>https://\S+) -> "), "duplicate"),
]
_NAMED = ("newscrawl/skipped/", "newscrawl/failed/", "newscrawl/dropped/")


@dataclass
class HostileCrawl:
    corpus: Corpus
    done: Finished
    hits: list[Hit]
    rows: dict[str, dict[str, Any]]
    """Stored articles by ``article_key``."""
    versions: Counter[str]
    lines: list[tuple[str, str]]
    """``(outcome, url)`` of every log line that names one."""

    def outcomes(self, entry: Entry) -> list[str]:
        mine = {entry.url, *entry.also}
        found = [outcome for outcome, url in self.lines if url in mine]
        if outlets.article_key(entry.url) in self.rows:
            found.append("stored")
        if not found and "listing" in entry.expect and 200 in self.served(entry.url):
            found.append("listing")
        return found

    def served(self, url: str) -> list[int]:
        return [hit.status for hit in self.hits if hit.url == url]


@pytest.fixture(scope="module")
def schema_url(server_url: str) -> Iterator[str]:
    yield from fresh_schema(server_url)


@pytest.fixture(scope="module")
def hostile(schema_url: str, tmp_path_factory: pytest.TempPathFactory) -> HostileCrawl:
    corpus = build_corpus()
    work = tmp_path_factory.mktemp("hostile")
    (work / "urls.txt").write_text("\n".join(corpus.start_urls), encoding="utf-8")
    arguments = {"urls_file": str(work / "urls.txt"), "related_depth": str(CYCLE)}
    settings = {**SETTINGS, "NEWSCRAWL_DATABASE_URL": schema_url, "NEWSCRAWL_SPOOL_DIR": str(work / "spool")}
    with SiteServer(corpus.site) as server, BackgroundCrawl(server.url, work, arguments, settings) as crawl:
        done = crawl.wait(timeout=300)
        hits = list(server.hits)
    with psycopg.connect(schema_url, row_factory=dict_row) as conn:
        rows = {row["article_key"]: row for row in conn.execute("SELECT * FROM articles")}
        joined = conn.execute("SELECT a.article_key FROM article_versions v JOIN articles a ON a.id = v.article_pk")
        versions = Counter(row["article_key"] for row in joined)
    return HostileCrawl(corpus, done, hits, rows, versions, _named_lines(done.log))


def _named_lines(log: str) -> list[tuple[str, str]]:
    found = []
    for line in log.splitlines():
        for pattern, outcome in _LOG_LINES:
            match = pattern.search(line)
            if match:
                found.append((outcome.format(**match.groupdict()), match["url"]))
                break
    return found


def test_the_crawl_completes(hostile: HostileCrawl) -> None:
    done = hostile.done
    assert done.returncode == 0, done.log[-3000:]
    assert done.stats["finish_reason"] == "finished"
    assert "Crawl summary: finished in " in done.summary


def test_nothing_raises(hostile: HostileCrawl) -> None:
    log = hostile.done.log
    assert "Traceback" not in log
    assert "Spider error" not in log
    assert "Cannot read" not in log  # the spider's last-resort boundary
    errors = [line for line in log.splitlines() if " ERROR: " in line]
    # Scrapy's own line for the pages that never finish, after their retries; nothing else.
    assert errors
    assert all(" ERROR: Gave up retrying " in line for line in errors), errors


def test_every_page_is_stored_or_counted_under_a_named_reason(hostile: HostileCrawl) -> None:
    wrong = {}
    for entry in hostile.corpus.entries:
        found = hostile.outcomes(entry)
        if len(found) != 1 or not entry.allows(found[0]):
            wrong[f"{entry.kind} {entry.url}"] = (found, entry.expect)
    assert not wrong


def test_the_stats_count_what_the_log_names(hostile: HostileCrawl) -> None:
    named = Counter(outcome for outcome, _ in hostile.lines if outcome not in ("duplicate", "rejected"))
    stats = Counter({k[len("newscrawl/") :]: v for k, v in hostile.done.stats.items() if k.startswith(_NAMED)})
    assert named == stats
    # The only line about a page that is not an entry's: the next page that redirects back.
    entry_urls = {url for e in hostile.corpus.entries for url in (e.url, *e.also)}
    others = [(outcome, url) for outcome, url in hostile.lines if url not in entry_urls]
    assert [(o, u.rsplit("?", 1)[1]) for o, u in others] == [("failed/http-301", "page_num=2")]
    stored = [e for e in hostile.corpus.entries if hostile.outcomes(e) == ["stored"]]
    assert hostile.done.stat("newscrawl/db/inserted") == len(stored) == len(hostile.rows)
    assert "0 articles spooled" in hostile.done.summary


def test_loops_and_endless_pagers_end(hostile: HostileCrawl) -> None:
    corpus, served = hostile.corpus, hostile.served
    for entry in corpus.entries:
        if entry.kind == "redirect-loop":  # each URL of a loop requested once: cut at the first repeat
            assert [served(url) for url in entry.also] == [[302 if len(entry.also) == 2 else 301]] * len(entry.also)
        if entry.kind == "related-cycle":
            assert served(entry.url) == [200]
        if entry.kind == "endless-pager":
            form = "page_num" if "/read/" in entry.url else "page"
            assert served(f"{entry.url}?{form}=30") == [200]
            assert not served(f"{entry.url}?{form}=31")
    # An index whose every page lists an article is read to the cap; one that lists nothing ends at
    # its first page, whatever its pager offers.
    assert served(f"{corpus.endless_index}?page=200") == [200]
    assert not served(f"{corpus.endless_index}?page=201")
    assert hostile.done.stat("newscrawl/links/page-limit") == 3  # two articles, one index
    assert served(corpus.empty_index) == [200]
    assert not served(f"{corpus.empty_index}?page=2")
    assert hostile.done.stat("newscrawl/links/index-end") == 1
    assert f"Index {corpus.empty_index} ends at {corpus.empty_index}: the page lists no article" in hostile.done.log


def test_memory_stays_bounded(hostile: HostileCrawl) -> None:
    assert 0 < hostile.done.peak_rss_mb < RSS_LIMIT_MB


def test_one_row_per_article(hostile: HostileCrawl) -> None:
    assert set(hostile.versions.values()) == {1}
    assert set(hostile.versions) == set(hostile.rows)
    cycle = [e for e in hostile.corpus.entries if e.kind == "related-cycle"]
    assert {outlets.article_key(e.url) for e in cycle} <= set(hostile.rows)


def test_stored_rows_are_valid(hostile: HostileCrawl) -> None:
    entries = {outlets.article_key(e.url): e for e in hostile.corpus.entries}
    for key, row in hostile.rows.items():
        entry = entries[key]
        assert row["title"], key
        assert len(row["body"]) >= 200, key
        assert row["published_at"] == PUBLISHED, key
        for text in (row["title"], row["body"]):
            assert "\ufffd" not in text, key
            assert not re.search("[\u00c3\u00c2]|\u00e2\u20ac", text), key  # UTF-8 read as windows-1252
        if entry.title is not None:
            assert row["title"] == entry.title, key
        if entry.body is not None:
            assert entry.body.startswith(row["body"]) if entry.prefix else row["body"] == entry.body, key
        assert row["pages"] == entry.pages, key
        if entry.warning:
            assert any(w.startswith(entry.warning) for w in row["warnings"]), (key, row["warnings"])


def test_text_in_a_lying_charset_reads_as_written(hostile: HostileCrawl) -> None:
    lying = [e for e in hostile.corpus.entries if "utf8" in e.kind or "cp1252" in e.kind]
    assert len(lying) == 8
    for entry in lying:
        body = hostile.rows[str(outlets.article_key(entry.url))]["body"]
        words = LATIN1_WORDS if entry.kind.startswith("latin1") else CP1252_WORDS
        assert all(word in body for word in words), (entry.kind, body[:300])


def test_truncated_pages_cut_inside_a_character_keep_the_text_before_it(hostile: HostileCrawl) -> None:
    truncated = [e for e in hostile.corpus.entries if e.kind == "truncated"]
    stored = [e for e in truncated if hostile.outcomes(e) == ["stored"]]
    # Some of each: the cut falls before the text, inside it, or leaves too little of it.
    assert 0 < len(stored) < len(truncated)
    assert Counter(o.split("/")[0] for e in truncated for o in hostile.outcomes(e)).keys() == {
        "stored",
        "skipped",
        "dropped",
    }


def test_the_corpus_is_what_the_issue_asks_for() -> None:
    corpus = build_corpus()
    assert len(corpus.site.pages) == 1000
    kinds = Counter(e.kind.split()[0] for e in corpus.entries)
    assert kinds["related-cycle"] == CYCLE
    assert max(len(page.body) for page in corpus.site.pages.values()) >= 10 * 1024 * 1024
    # The pagers go on past where the spider stops (30 article pages, 200 index pages).
    assert page_key(f"{corpus.endless_index}?page=201") in corpus.site.pages
    assert page_key(f"{corpus.empty_index}?page=2") in corpus.site.pages
    for entry in (e for e in corpus.entries if e.kind == "endless-pager"):
        form = "page_num" if "/read/" in entry.url else "page"
        assert page_key(f"{entry.url}?{form}=31") in corpus.site.pages
    not_html = {e.kind.split()[1].split(";")[0] for e in corpus.entries if e.kind.startswith("not-html")}
    assert {"image/png", "application/pdf", "application/json", "application/xml"} <= not_html
    assert {"truncated", "random-bytes", "empty", "nul-title", "deep-around", "never-finishes"} <= set(kinds)
