"""``python -m newscrawl reparse``: stored articles read again, with the current parser, from the
pages archived when they were fetched (docs/archive.md).

Each article's current version names the WARC records of its pages
(``article_versions.warc_pages``). They are read back, parsed as the spider parses them (each
page at its archived fetch time, so "4 jam lalu" resolves as it did), merged, and handed to the
store's own writer with the version's fetch time, as a crawl hands over its items. The writer
decides as for any item: the same title and body refresh the row's other fields where they now
read differently; a new title or body makes a new version. Storage never parses pages: this
module is the bridge between the parser and the store.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscrawl.archive import warc
from newscrawl.items import CrawledArticle, WarcRecord
from newscrawl.parsers import NotAnArticle, article_page, merge_pages
from newscrawl.store.connection import DatabaseUnavailable
from newscrawl.store.records import Pending, RunRecord
from newscrawl.store.writer import ArticleWriter

if TYPE_CHECKING:
    import argparse

BATCH_SIZE = 200
# Warnings the spider adds (spiders/articles.py: a page that could not be fetched or rendered), not the
# parser: the archive cannot tell them again, so the stored row's are kept.
CRAWL_WARNINGS = ("pages: page ", "body: JavaScript rendering failed")

SELECT_VERSIONS = """
SELECT a.id, a.article_key, a.warnings, v.fetched_at, v.warc_pages
FROM articles a
JOIN article_versions v ON v.article_pk = a.id AND v.version = a.version
WHERE a.id > %(after)s
  AND (%(since)s::timestamptz IS NULL OR v.fetched_at >= %(since)s::timestamptz)
  AND (%(site)s::text IS NULL OR a.site = %(site)s::text)
ORDER BY a.id
LIMIT %(limit)s
"""


@dataclass(slots=True)
class Tally:
    read: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    not_archived: int = 0
    failed: int = 0

    @property
    def changed(self) -> int:
        return sum(n for outcome, n in self.outcomes.items() if outcome != "unchanged")


def run(args: argparse.Namespace) -> int:
    """Re-parse what ``args`` selects; print what changed. Exit status 1 if anything failed."""
    from newscrawl.crawl.context import RunContext
    from newscrawl.project import store_config  # scrapy loads only for this command

    config = store_config()
    writer = ArticleWriter(config.database_url, config.pgdata, connect_timeout=config.connect_timeout)
    options = {"since": args.since, "site": args.site, "archive": args.archive}
    record = RunContext.new("reparse", {name: v for name, v in options.items() if v is not None}).record()
    tally = Tally()
    try:
        writer.open()
        _record(writer, record)
        _reparse_all(writer, args, record.run_id, tally)
        record.finished_at, record.status = datetime.now(UTC).isoformat(), "finished"
        record.stats = {**tally.outcomes, "read": tally.read, "not_archived": tally.not_archived}
        record.stats["failed"] = tally.failed
        _record(writer, record)
    except DatabaseUnavailable as exc:
        print(f"newscrawl reparse: {exc}", file=sys.stderr)
        return 1
    finally:
        writer.close()
    print(_summary(tally))
    return 1 if tally.failed else 0


def _reparse_all(writer: ArticleWriter, args: argparse.Namespace, run_id: str, tally: Tally) -> None:
    params: dict[str, Any] = {"after": 0, "since": args.since, "site": args.site, "limit": BATCH_SIZE}
    while rows := writer.open().execute(SELECT_VERSIONS, params).fetchall():
        params["after"] = rows[-1][0]
        batch: list[Pending] = []
        for _, key, warnings, fetched_at, pages in rows:
            records = tuple(WarcRecord(**page) for page in pages)
            if not records:
                tally.not_archived += 1
                continue
            try:
                item = reread(records, fetched_at, tuple(warnings), args.archive)
            except (warc.ArchiveError, NotAnArticle) as exc:
                tally.failed += 1
                print(f"newscrawl reparse: {key}: {_reason(exc)}", file=sys.stderr)
                continue
            batch.append(Pending(item, run_id))
        if batch:
            _write(writer, batch, tally)


def reread(
    records: tuple[WarcRecord, ...], fetched_at: datetime, warnings: tuple[str, ...] = (), archive: Path | None = None
) -> CrawledArticle:
    """The article the archived pages give now, as the spider would emit it; ``ArchiveError`` or
    ``NotAnArticle`` when they cannot give one."""
    found = tuple(_locate(record, archive) for record in records)
    pages = []
    rendered = False
    for record in found:
        exchange = warc.read_record(record)
        article = article_page(exchange.url, warc.decoded_body(exchange), exchange.fetched_at).to_article()
        pages.append(article)
        rendered = rendered or exchange.rendered
    article = merge_pages(pages)
    kept = tuple(w for w in warnings if w.startswith(CRAWL_WARNINGS) and w not in article.warnings)
    if kept:
        article = replace(article, warnings=(*article.warnings, *kept))
    return CrawledArticle(article, fetched_at.isoformat(), rendered=rendered, warc_records=found)


def _locate(record: WarcRecord, archive: Path | None) -> WarcRecord:
    if archive is None or Path(record.file).exists():
        return record
    moved = archive / Path(record.file).name
    return replace(record, file=str(moved.resolve())) if moved.exists() else record


def _write(writer: ArticleWriter, batch: list[Pending], tally: Tally) -> None:
    result = writer.write(batch)
    if result.unwritten:
        raise DatabaseUnavailable(result.error or "the database refused the batch")
    tally.read += len(batch) - len(result.rejected)
    tally.outcomes.update(result.outcomes)
    for pending, error in result.rejected:
        tally.failed += 1
        print(f"newscrawl reparse: {pending.url}: not stored: {error}", file=sys.stderr)


def _record(writer: ArticleWriter, record: RunRecord) -> None:
    error = writer.record_run(record)
    if error:
        raise DatabaseUnavailable(error)


def _summary(tally: Tally) -> str:
    outcomes = tally.outcomes
    lines = [
        f"reparse: {tally.changed} rows changed ({outcomes['updated']} with a new version, "
        f"{outcomes['refreshed']} refreshed in place), {outcomes['unchanged']} unchanged, "
        f"of {tally.read} articles read again from the archive"
    ]
    others = {k: n for k, n in outcomes.items() if k not in ("updated", "refreshed", "unchanged") and n}
    if others:
        lines.append("reparse: also " + ", ".join(f"{n} {k}" for k, n in sorted(others.items())))
    if tally.not_archived or tally.failed:
        lines.append(
            f"reparse: {tally.not_archived} articles have no archive record (stored without recording), "
            f"{tally.failed} could not be read again (above)"
        )
    return "\n".join(lines)


def _reason(exc: Exception) -> str:
    return f"not an article ({exc})" if isinstance(exc, NotAnArticle) else str(exc)
