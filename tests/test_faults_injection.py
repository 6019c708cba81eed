"""Titles, bodies, tags, names and URLs carrying SQL, HTML/JS and Unicode edge cases, served by the
fake tempo.co and crawled through the real pipelines into PostgreSQL: read back, each is what the
page said, character for character."""

from __future__ import annotations

import json
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import psycopg
import pytest
from psycopg.rows import dict_row
from w3lib.url import safe_url_string

from tests.fix_db import fresh_schema
from tests.site import pages
from tests.site.build import Site
from tests.site.pages import Card
from tests.site.run import Crawl, crawl
from tests.site.server import SiteServer

pytestmark = [pytest.mark.db, pytest.mark.slow]

DAY = date(2024, 5, 14)
SQL = "'); DROP TABLE articles; --"
XSS = "<script>alert(1)</script>"
PLACEHOLDERS = "100% %s %(title)s $1 \\x00 {0}"  # psycopg's, PostgreSQL's and Python's, as text
RTL = "\u200fשלום\u200f \u202eabc\u202c \u200eمرحبا"  # direction marks, Hebrew, an override, Arabic
# A technologist and a family (joined by ZWJ), a flag, a skin tone.
EMOJI = (
    "\U0001f469\u200d\U0001f4bb \U0001f1ee\U0001f1e9 \U0001f44d\U0001f3fd \U0001f468\u200d\U0001f469\u200d\U0001f467"
)
COMBINING = "q\u0323\u0307 Z\u0335\u0321a\u0338l\u0336g\u0337o\u0334"  # marks with no precomposed form
ZWNJ_NAME = "نیک\u200cپور"  # a Persian name: the joiner is part of its spelling
SCIENTIST = "Dewi \U0001f469\u200d\U0001f52c"

TITLE = f"{SQL} {XSS} {EMOJI} \u200fשלום\u200f"
PARAGRAPHS = [
    "TEMPO.CO, Jakarta - Uji masukan jahat di setiap kolom.",
    f"Kata sandinya {SQL} dan kalimat ini tetap teks biasa.",
    f"Skrip {XSS} tidak dijalankan, hanya disimpan sebagai teks.",
    f"Penanda parameter {PLACEHOLDERS} tetap apa adanya.",
    f"Arah teks {RTL} bercampur di sini.",
    f"Emoji {EMOJI} dan nama {ZWNJ_NAME} ditulis utuh.",
    f"Tanda gabung {COMBINING} tidak digabung ke huruf lain.",
]
TAGS = [SQL, XSS, PLACEHOLDERS, f"{EMOJI} teknologi", RTL, COMBINING, ZWNJ_NAME]
REPORTERS = [ZWNJ_NAME, SCIENTIST]
EDITORS = [f"Robert{SQL}"]
READ_ALSO = {"title": f"{XSS} baca lagi", "url": f"https://example.com/cari?q={SQL}&x={XSS}"}
PICK = {"title": f"Pilihan {SQL}", "url": f"https://example.org/pilihan/{SQL}"}
ARTICLE = f"https://www.tempo.co/nasional/{SQL}-3300001"  # as linked; Scrapy requests it percent-encoded
OLD_ARTICLE = "https://nasional.tempo.co/read/3300002/uji-masukan-lama"
OLD_TITLE = f"{XSS} & {SQL} {EMOJI}"
# A decomposed é: stored as its NFC (precomposed) equivalent, the one normalization text goes through.
DECOMPOSED = "Kafe\u0301 di Jalan Senja"
LISTING = "https://www.tempo.co/topik/uji-masukan"


def _e3_page(url: str) -> str:
    """An E3 article whose JSON-LD carries the headline, people and keywords, and whose text has a
    "Baca juga" link and a "Pilihan Editor" link."""
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": TITLE,
                "datePublished": f"{DAY.isoformat()}T10:15:00+07:00",
                "author": [{"@type": "Person", "name": name} for name in REPORTERS],
                "editor": [{"@type": "Person", "name": name} for name in EDITORS],
                "keywords": TAGS,
                "inLanguage": "id",
            }
        ],
    }
    ld = json.dumps(graph, ensure_ascii=False).replace("</", "<\\/")
    texts = [f"<p>{escape(p)}</p>" for p in PARAGRAPHS]
    link = '<a href="{url}">{title}</a>'
    texts.insert(3, f"<p>Baca juga: {link.format(url=escape(READ_ALSO['url']), title=escape(READ_ALSO['title']))}</p>")
    texts.append(f"<p>Pilihan Editor: {link.format(url=escape(PICK['url']), title=escape(PICK['title']))}</p>")
    body = "\n".join(texts)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{escape(TITLE)} | tempo.co</title>
<meta property="og:title" content="{escape(TITLE)}"><link rel="canonical" href="{escape(url)}">
<script type="application/ld+json">{ld}</script></head>
<body><main><article><h1>{escape(TITLE)}</h1>
<p class="text-neutral-900 text-sm">14 Mei 2024 | 10.15 WIB</p>
<div id="content-wrapper">
{body}
</div></article></main></body></html>"""


@dataclass
class Injected:
    crawl: Crawl
    rows: dict[int, dict[str, Any]]
    """Stored articles by Tempo id."""
    links: list[dict[str, Any]]
    versions: list[dict[str, Any]]


@pytest.fixture(scope="module")
def injected(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    site = Site(DAY)
    encoded = safe_url_string(ARTICLE)
    site.add(encoded, _e3_page(encoded))
    paragraphs = [*PARAGRAPHS, DECOMPOSED]
    site.add(OLD_ARTICLE, pages.e2_article(OLD_ARTICLE, OLD_TITLE, DAY, paragraphs, []))
    site.add(LISTING, pages.e3_listing("Uji", [Card(escape(ARTICLE), "baru"), Card(OLD_ARTICLE, "lama")]))
    work: Path = tmp_path_factory.mktemp("injection")
    with contextmanager(fresh_schema)(server_url) as schema_url:  # dropped even if the crawl fails
        settings = {
            "NEWSCRAWL_DATABASE_URL": schema_url,
            "NEWSCRAWL_SPOOL_DIR": str(work / "spool"),
            "NEWSCRAWL_RENDER": "never",
        }
        with SiteServer(site) as server:
            result = crawl(server.url, work, {"urls": LISTING, "related_depth": "0"}, settings, pipelines=True)
        with psycopg.connect(schema_url, row_factory=dict_row) as conn:
            stored = {row["article_id"]: row for row in conn.execute("SELECT * FROM articles")}
            links = conn.execute("SELECT kind, target_url, anchor_text FROM article_links ORDER BY kind").fetchall()
            versions = conn.execute("SELECT title, body FROM article_versions").fetchall()
        yield Injected(result, stored, links, versions)


def test_the_crawl_stores_both_articles(injected: Injected) -> None:
    assert injected.crawl.returncode == 0, injected.crawl.stderr[-3000:]
    assert sorted(injected.rows) == [3300001, 3300002]
    assert "Traceback" not in injected.crawl.stderr


def test_text_is_stored_verbatim(injected: Injected) -> None:
    row = injected.rows[3300001]
    assert row["title"] == TITLE
    assert row["body"] == "\n\n".join(PARAGRAPHS)
    assert row["tags"] == TAGS
    assert row["reporters"] == REPORTERS
    assert row["editors"] == EDITORS
    assert {(v["title"], v["body"]) for v in injected.versions} >= {(TITLE, "\n\n".join(PARAGRAPHS))}


def test_links_are_stored_verbatim(injected: Injected) -> None:
    row = injected.rows[3300001]
    assert row["read_also"] == [READ_ALSO]
    assert row["editor_pick"] == PICK
    assert [(link["kind"], link["target_url"], link["anchor_text"]) for link in injected.links] == [
        ("editor_pick", PICK["url"], PICK["title"]),
        ("read_also", READ_ALSO["url"], READ_ALSO["title"]),
    ]


def test_a_url_carrying_sql_is_stored_as_requested(injected: Injected) -> None:
    row = injected.rows[3300001]
    assert row["url"] == safe_url_string(ARTICLE)
    assert unquote(row["url"]) == ARTICLE
    assert unquote(row["canonical_url"]) == ARTICLE


def test_the_older_layout_stores_the_same_text_verbatim(injected: Injected) -> None:
    row = injected.rows[3300002]
    assert row["title"] == OLD_TITLE
    assert row["body"] == "\n\n".join([*PARAGRAPHS, unicodedata.normalize("NFC", DECOMPOSED)])
    assert "Kafé di Jalan Senja" in row["body"]


def test_the_strings_are_the_hard_cases() -> None:
    # Already NFC, so that "verbatim" means every code point; the decomposed é is the one that is not.
    for text in (TITLE, *PARAGRAPHS, *TAGS, *REPORTERS, *EDITORS):
        assert unicodedata.is_normalized("NFC", text), text
    assert not unicodedata.is_normalized("NFC", DECOMPOSED)
    assert {"\u200d", "\u200c", "\u200f", "\u202e", "\u0323"} <= set("".join([TITLE, *PARAGRAPHS, *TAGS]))
