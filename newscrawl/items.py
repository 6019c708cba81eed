"""The item contract: one frozen ``Article`` per news page.

Field names are the keys of the expected JSON in ``seeds/`` and the column names of
the ``articles`` table, so renaming one is a breaking change for every reader.
Crawl-time values (fetch time, spider name) are deliberately not here: an
``Article`` depends only on the page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Layout = Literal["E0", "E1", "E2", "E3", "text"]


@dataclass(frozen=True, slots=True)
class Link:
    """A titled link: the "Pilihan Editor:" pick or an inline "Baca juga" link."""

    title: str
    url: str | None = None
    """Absolute URL; ``None`` when the source (a plain-text rendering) has no link."""


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """One card of the "Berita terkait" block (or its era's equivalent)."""

    title: str
    url: str | None = None
    """Absolute URL; ``None`` in plain-text renderings."""
    summary: str | None = None
    """The one-sentence teaser shown on the card."""
    published_raw: str | None = None
    """The time as shown on the card: "4 jam lalu", "29 Maret 2022"."""
    published_at: str | None = None
    """``published_raw`` as ISO 8601 with offset; relative times need the fetch time."""


@dataclass(frozen=True, slots=True)
class Article:
    """A Tempo.co article as the page presents it."""

    url: str | None
    """The URL the page was fetched from (after redirects); ``None`` for text without one."""
    canonical_url: str | None = None
    """``<link rel=canonical>`` / ``og:url`` of the page, else ``url``; tempo.co URLs normalized
    (https, no tracking query, ``/amp/`` as ``/read/``)."""
    article_id: int | None = None
    """Tempo's numeric id: ``/read/<id>/``, ``/fakta/<id>/`` or the ``-<id>`` suffix."""
    site: str | None = None
    """Host of ``url``, e.g. ``dunia.tempo.co``."""
    section: str | None = None
    """Lower-case section slug: kanal subdomain (E1/E2) or rubric path segment (E3)."""
    layout: Layout = "E2"
    """Layout era the page was parsed as: E0 (to 2016), E1 (2017-21), E2 (2021-24), E3 (2024-), or text."""
    title: str = ""
    subtitle: str | None = None
    """The lead/standfirst shown under the title, when the page has one."""
    highlights: tuple[str, ...] = ()
    """The "Poin penting" key points shown above long pieces, in page order; empty when the page has none."""
    reporters: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    published_at: str | None = None
    """ISO 8601 with offset, e.g. ``2024-02-08T20:36:00+07:00``."""
    published_at_raw: str | None = None
    """The publication date as shown on the page: ``Kamis, 8 Februari 2024 20:36 WIB``."""
    modified_at: str | None = None
    """ISO 8601 with offset, when the page states a modification time."""
    dateline: str | None = None
    """Place of the dateline: ``Jakarta`` from ``TEMPO.CO, Jakarta -``."""
    body: str = ""
    """Plain text, paragraphs joined by one blank line, boilerplate removed.

    The dateline stays in the first paragraph; the trailing credit line does not."""
    credit: str | None = None
    """Trailing agency or initials line, e.g. ``REUTERS`` or ``ANDRIAN HABIBI | DA``."""
    image_url: str | None = None
    image_caption: str | None = None
    tags: tuple[str, ...] = ()
    editor_pick: Link | None = None
    """The "Pilihan Editor:" link at the end of the body."""
    related: tuple[RelatedLink, ...] = ()
    read_also: tuple[Link, ...] = ()
    """Inline "Baca juga" links removed from the body, in page order."""
    is_premium: bool = False
    """True when the page marks the article as paid (Tempo+/premium badge, paywall)."""
    language: str | None = None
    """ISO 639-1 code of the article text, e.g. ``id`` or ``en``."""
    pages: int = 1
    """Number of pages merged into this article."""
    warnings: tuple[str, ...] = ()
    """Disagreements between sources (JSON-LD vs DOM...), a layout-drift signal."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: nested dataclasses as dicts, tuples as lists."""
        return as_json_dict(self)


def as_json_dict(item: Any) -> dict[str, Any]:
    """A dataclass instance as a JSON-ready dict: nested dataclasses as dicts, tuples as lists."""
    data: dict[str, Any] = _jsonable(asdict(item))
    return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class WarcRecord:
    """Where a fetched page is kept: one response record of a WARC file (see ``newscrawl.archive``)."""

    file: str
    """Absolute path of the WARC file."""
    offset: int
    """Byte offset of the record in the file (``warcio extract FILE OFFSET`` reads it)."""
    length: int
    """Bytes the record takes in the file (its gzip member)."""


@dataclass(frozen=True, slots=True)
class CrawledArticle:
    """What the spider yields: the page's ``Article`` and the facts of its fetch.

    The pipelines fill in the fingerprint fields (each returns a new instance, as the
    item is frozen); the store writes ``article`` and these facts to PostgreSQL.
    """

    article: Article
    fetched_at: str
    """When the article's (first) page was fetched, ISO 8601 with offset."""
    rendered: bool = False
    """Fetched through the browser because the static HTML had no body."""
    content_hash: str | None = None
    """SHA-256 hex of the normalized title and body (set by the fingerprint pipeline)."""
    simhash: int | None = None
    """64-bit SimHash of the normalized body, as a signed integer (fits PostgreSQL ``bigint``)."""
    word_count: int | None = None
    warc_records: tuple[WarcRecord, ...] = ()
    """The WARC response records the article's pages were read from, in page order; empty when
    the crawl neither recorded (``NEWSCRAWL_WARC_DIR``) nor replayed an archive."""

    def to_dict(self) -> dict[str, Any]:
        return as_json_dict(self)
