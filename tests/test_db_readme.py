"""The example SQL of docs/storage.md runs, and answers, on what a crawl stores."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawl.store.connection import Connection
from tests.fix_db import ROOT, crawled, other_article, run_store, seed_article, store_settings

pytestmark = pytest.mark.db


def _examples() -> list[str]:
    text = (ROOT / "docs" / "storage.md").read_text(encoding="utf-8")
    section = text[text.index("## Example SQL") : text.index("## Nothing is lost")]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    return [statement.strip() for block in blocks for statement in block.split(";") if statement.strip()]


def test_the_storage_page_has_its_five_examples() -> None:
    assert len(_examples()) == 5


@pytest.mark.parametrize("statement", _examples(), ids=lambda s: s.split("\n")[0][:40])
def test_each_example_answers(statement: str, db: Connection, schema_url: str, tmp_path: Path) -> None:
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    now = datetime.now(UTC).isoformat()
    target = seed_article().related[0].url
    items = [
        crawled(fetched_at=yesterday),
        other_article(1868412, url=target, canonical_url=target, related=()),
        crawled(fetched_at=now, title=seed_article().title + " (Diperbarui)"),
    ]
    run_store(store_settings(schema_url, tmp_path / "spool"), items)
    assert db.execute(statement.encode()).fetchall()
