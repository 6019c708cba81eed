"""What the store writes, as plain values: items as JSON (for the spool and the rejects file),
and the column values of ``articles``, ``article_versions`` and ``article_links`` rows.

The column tuples here are the single list of columns the writer names in SQL.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from newscrawl import urls
from newscrawl.items import Article, CrawledArticle, Link, RelatedLink, WarcRecord
from newscrawl.store.target import Target

# Article fields stored as they are, in the order of newscrawl.items.Article.
ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))
_LIST_FIELDS = {"reporters", "editors", "highlights", "tags", "warnings"}

# Columns of `articles` the writer fills (the generated `search` column is PostgreSQL's).
ARTICLE_COLUMNS = (
    "id",
    "article_key",
    *ARTICLE_FIELDS,
    "rendered",
    "content_hash",
    "simhash",
    "word_count",
    "version",
    "first_seen_at",
    "last_seen_at",
    "last_changed_at",
    "duplicate_of",
)
# What a new content version replaces in an existing row; identity and history columns stay.
CONTENT_COLUMNS = tuple(
    c for c in ARTICLE_COLUMNS if c not in {"id", "article_key", "first_seen_at", "last_seen_at", "duplicate_of"}
)
VERSION_COLUMNS = (
    "article_pk",
    "version",
    "content_hash",
    "title",
    "subtitle",
    "body",
    "published_at",
    "modified_at",
    "url",
    "fetched_at",
    "run_id",
    "warc_file",
    "warc_offset",
    "warc_length",
    "warc_pages",
)
LINK_COLUMNS = (
    "article_pk",
    "kind",
    "target_url",
    "target_key",
    "anchor_text",
    "position",
    "first_seen_at",
    "last_seen_at",
)


@dataclass(slots=True)
class Pending:
    """An item waiting to be written, with the crawl run that fetched it."""

    item: CrawledArticle
    run_id: str | None = None
    checked: Any = None
    """``dedupe.ready(self)``, once computed (not written to the spool)."""

    @property
    def url(self) -> str:
        return self.item.article.url or "(no URL)"

    def to_json(self, target: Target | None) -> str:
        """A spool line for ``target`` ("kind" and "target" first: the spool reads them without the rest)."""
        # ensure_ascii: a lone surrogate must still make a valid UTF-8 line.
        return json.dumps({"kind": "article", **_target(target), "run_id": self.run_id, "item": self.item.to_dict()})


@dataclass(slots=True)
class RunRecord:
    """One ``crawl_runs`` row, as known at the start of a crawl or at its end."""

    run_id: str
    spider: str
    arguments: dict[str, Any]
    """``{"spider": identity}``: the crawl's arguments, as ``crawl.context.RunContext`` has them."""
    hostname: str
    pid: int
    started_at: str
    finished_at: str | None = None
    status: str = "running"
    stats: dict[str, Any] | None = field(default=None)
    job_id: str | None = None
    """The scheduler's id of the run (scrapyd's ``_job``)."""

    def to_json(self, target: Target | None) -> str:
        return json.dumps({"kind": "run", **_target(target), "run": dataclasses.asdict(self)}, default=str)


def _target(target: Target | None) -> dict[str, Any]:
    return {"target": target.as_dict()} if target is not None else {}


def record_from_json(line: str) -> tuple[Pending | RunRecord, Target | None]:
    """A spool line back as a record and the database it is meant for (``None``: not recorded,
    a line written before targets were); ``ValueError`` (or ``KeyError``/``TypeError``) if it is not one."""
    data = json.loads(line)
    target = Target.from_dict(data.get("target"))
    if data.get("kind") == "run":
        return RunRecord(**data["run"]), target
    if data.get("kind") == "article":
        return Pending(item_from_dict(data["item"]), data.get("run_id")), target
    raise ValueError(f"unknown spool record kind {data.get('kind')!r}")


def item_from_dict(data: dict[str, Any]) -> CrawledArticle:
    """The inverse of ``CrawledArticle.to_dict``; fields unknown to this version are ignored."""
    raw = dict(data["article"])
    article: dict[str, Any] = {k: v for k, v in raw.items() if k in ARTICLE_FIELDS}
    for name in _LIST_FIELDS & article.keys():
        article[name] = tuple(article[name] or ())
    if article.get("editor_pick"):
        article["editor_pick"] = Link(**article["editor_pick"])
    article["related"] = tuple(RelatedLink(**r) for r in article.get("related") or ())
    article["read_also"] = tuple(Link(**r) for r in article.get("read_also") or ())
    crawled = {k: v for k, v in data.items() if k in {f.name for f in dataclasses.fields(CrawledArticle)}}
    crawled["article"] = Article(**article)
    crawled["warc_records"] = tuple(WarcRecord(**r) for r in crawled.get("warc_records") or ())
    return CrawledArticle(**crawled)


def content_values(item: CrawledArticle, canonical_url: str) -> tuple[Any, ...]:
    """The part of an ``articles`` row that comes from the item: the ``ARTICLE_COLUMNS`` from the
    first Article field to ``word_count``. JSON columns are already JSON text (COPY takes text)."""
    article = item.article
    values: list[Any] = []
    for name in ARTICLE_FIELDS:
        value = getattr(article, name)
        if name in _LIST_FIELDS:
            value = list(value)
        elif name == "editor_pick":
            value = json.dumps(_link_json(value)) if value else None
        elif name in ("related", "read_also"):
            value = json.dumps([_link_json(link) for link in value])
        elif name == "canonical_url":
            value = canonical_url
        values.append(value)
    return (*values, item.rendered, item.content_hash, item.simhash, item.word_count)


def article_row(
    pk: int,
    key: str,
    content: tuple[Any, ...],
    *,
    version: int,
    first_seen_at: datetime,
    last_seen_at: datetime,
    last_changed_at: datetime,
    duplicate_of: int | None,
) -> tuple[Any, ...]:
    """An ``articles`` row in ``ARTICLE_COLUMNS`` order."""
    return (pk, key, *content, version, first_seen_at, last_seen_at, last_changed_at, duplicate_of)


def version_values(
    item: CrawledArticle, article_pk: int, version: int, fetched_at: datetime, run_id: str | None
) -> tuple[Any, ...]:
    article = item.article
    return (
        article_pk,
        version,
        item.content_hash,
        article.title,
        article.subtitle,
        article.body,
        article.published_at,
        article.modified_at,
        article.url,
        fetched_at,
        run_id,
        *_warc_values(item.warc_records),
    )


def _warc_values(records: tuple[WarcRecord, ...]) -> tuple[Any, ...]:
    """``warc_file``, ``warc_offset``, ``warc_length`` (the first page) and ``warc_pages`` (all)."""
    if not records:
        return None, None, None, "[]"
    first = records[0]
    pages = [{"file": r.file, "offset": r.offset, "length": r.length} for r in records]
    return first.file, first.offset, first.length, json.dumps(pages)


def links_of(article: Article) -> list[tuple[str, int, str, str, str | None]]:
    """``(kind, position, target_url, anchor_text, target_key)`` of every link that has a URL,
    each (kind, URL) once, at its first position."""
    found: dict[tuple[str, str], tuple[str, int, str, str, str | None]] = {}
    kinds: list[tuple[str, tuple[Link | RelatedLink, ...]]] = [
        ("related", article.related),
        ("editor_pick", (article.editor_pick,) if article.editor_pick else ()),
        ("read_also", article.read_also),
    ]
    for kind, links in kinds:
        for position, link in enumerate(links):
            if link.url and (kind, link.url) not in found:
                found[kind, link.url] = (kind, position, link.url, link.title, _target_key(link.url))
    return list(found.values())


@lru_cache(maxsize=4096)
def _target_key(url: str) -> str | None:
    # The same articles are linked from many others (popular stories, the editor's pick).
    return urls.article_key(url)


def _link_json(link: Link | RelatedLink) -> dict[str, Any]:
    # Not dataclasses.asdict: its deep copies made it most of the store's Python time.
    return {name: getattr(link, name) for name in type(link).__dataclass_fields__}
