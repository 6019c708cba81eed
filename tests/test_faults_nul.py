"""NUL characters, which PostgreSQL text cannot hold: dropped from text with a counted warning on
the article; a URL holding one is invalid input, refused with its reason — never stored under
the URL that dropping it would make (``/read/18314<NUL>02/`` is not article 1831402). Through the
four pipelines into the real PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.items import RelatedLink
from newscrawl.pipelines import DeduplicatePipeline, FingerprintPipeline, ValidatePipeline
from newscrawl.store.connection import Connection
from tests.fix_db import other_article, rows, run_store, store_settings

pytestmark = [pytest.mark.db]


def _through_the_pipelines(schema_url: str, spool: Path, items: list[Any]) -> tuple[dict[str, Any], list[str]]:
    """The items through validate, fingerprint and deduplicate, then the store; the crawl's stats
    and the drop messages Scrapy would log."""
    crawler = get_crawler(settings_dict=store_settings(schema_url, spool))
    assert crawler.stats is not None
    chain: list[Any] = [
        ValidatePipeline.from_crawler(crawler),
        FingerprintPipeline(),
        DeduplicatePipeline.from_crawler(crawler),
    ]
    kept, dropped = [], []
    for item in items:
        try:
            for pipeline in chain:
                item = pipeline.process_item(item)
        except DropItem as exc:
            dropped.append(str(exc))
            continue
        kept.append(item)
    stats = run_store(store_settings(schema_url, spool), kept)
    return {**crawler.stats.get_stats(), **stats}, dropped


def test_nul_in_text_is_dropped_with_a_counted_warning(db: Connection, schema_url: str, tmp_path: Path) -> None:
    item = other_article(1)
    article = replace(
        item.article,
        title="Judul\0 Berita",
        body=item.article.body.replace(" ", " \0", 3),
        tags=("Ta\0g",),
        related=(RelatedLink("Kartu\0 terkait", "https://www.tempo.co/read/2/kartu"),),
    )
    stats, dropped = _through_the_pipelines(schema_url, tmp_path / "spool", [replace(item, article=article)])
    assert dropped == []
    assert stats["newscrawl/text/nul"] == 6
    ((title, body, tags, related, warnings),) = rows(
        db, "SELECT title, body, tags, related->0->>'title', warnings FROM articles_current"
    )
    assert (title, tags, related) == ("Judul Berita", ["Tag"], "Kartu terkait")
    assert body == item.article.body
    assert warnings == ["text: 6 NUL characters dropped (PostgreSQL text cannot hold them)"]


@pytest.mark.parametrize(
    ("field", "where"),
    [
        ({"url": "https://dunia.tempo.co/read/18314\x0002/judul"}, "url"),
        ({"canonical_url": "https://dunia.tempo.co/read/18314\x0002/judul"}, "canonical_url"),
        ({"related": (RelatedLink("Terkait", "https://www.tempo.co/read/18314\x0002/x"),)}, "related link"),
    ],
)
def test_a_url_holding_nul_is_refused_with_its_reason(
    db: Connection, schema_url: str, tmp_path: Path, field: dict[str, Any], where: str
) -> None:
    item = other_article(18314)
    stats, dropped = _through_the_pipelines(
        schema_url, tmp_path / "spool", [replace(item, article=replace(item.article, **field))]
    )
    assert len(dropped) == 1
    assert dropped[0].startswith(f"bad-url: the {where} URL holds a NUL character ")
    assert stats["newscrawl/dropped/bad-url"] == 1
    assert rows(db, "SELECT count(*) FROM articles") == [(0,)]
    assert rows(db, "SELECT count(*) FROM article_links") == [(0,)]
