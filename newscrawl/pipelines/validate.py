"""The first pipeline: an article without a URL, title or body worth storing goes no further.

NUL characters, which PostgreSQL text cannot hold, are settled here, for items of any spider:
in a URL (the article's, its image's, a link's) a NUL makes the item invalid (``bad-url``: the
URL names no page, and dropping the NUL would name another one); in text it is dropped, with a
warning on the article and the count in ``stats.TEXT_NUL``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem

from newscrawl import settings as defaults
from newscrawl.items import Article, CrawledArticle
from newscrawl.stats import DROPPED, TEXT_NUL

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

NUL = "\0"
_URL_FIELDS = ("url", "canonical_url", "image_url")


def url_with_nul(article: Article) -> str | None:
    """The name of the first URL of ``article`` that holds a NUL character, if any."""
    for name in _URL_FIELDS:
        if NUL in (getattr(article, name) or ""):
            return name
    links = [("editor_pick", article.editor_pick), *(("related", r) for r in article.related)]
    links += [("read_also", link) for link in article.read_also]
    return next((f"{name} link" for name, link in links if link is not None and NUL in (link.url or "")), None)


def without_nul(article: Article) -> tuple[Article, int]:
    """``article`` with NUL characters dropped from its text (URLs are left to ``url_with_nul``),
    and how many were dropped."""
    if not any(NUL in text for text in _texts(article)):  # the usual case: nothing to copy
        return article, 0
    dropped = 0

    def clean(value: Any) -> Any:
        nonlocal dropped
        if isinstance(value, str):
            dropped += value.count(NUL)
            return value.replace(NUL, "")
        if isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(value, **{f.name: clean(getattr(value, f.name)) for f in _text_fields(value)})
        return value

    cleaned = clean(article)
    return cleaned, dropped


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for member in value:
            yield from _texts(member)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in _text_fields(value):
            yield from _texts(getattr(value, field.name))


def _text_fields(value: Any) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(value) if f.name not in _URL_FIELDS]


def problem(item: CrawledArticle, min_body_chars: int) -> tuple[str, str] | None:
    """``(reason, detail)`` when the item must be dropped, else ``None``."""
    article = item.article
    if not article.url:
        return "missing-url", "no URL"
    try:
        parts = urlsplit(article.url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        usable = False
    if not usable:
        return "bad-url", "not an http(s) URL"
    damaged = url_with_nul(article)
    if damaged:
        return "bad-url", f"the {damaged} URL holds a NUL character"
    if not article.title.strip():
        return "missing-title", "no title"
    body = article.body.strip()
    if not body:
        return "missing-body", "no body"
    if len(body) < min_body_chars:
        return "short-body", f"body of {len(body)} characters, under {min_body_chars}"
    try:
        fetched = datetime.fromisoformat(item.fetched_at)
    except (TypeError, ValueError):
        return "bad-fetched-at", f"fetched_at {item.fetched_at!r} is not ISO 8601"
    if fetched.tzinfo is None:
        return "bad-fetched-at", f"fetched_at {item.fetched_at!r} has no UTC offset"
    return None


class ValidatePipeline:
    """Drops (``DropItem``) a ``CrawledArticle`` with no URL, title or body, or a body shorter than
    ``NEWSCRAWL_MIN_BODY_CHARS``. Each drop counts in ``newscrawl/dropped/<reason>`` and is logged
    once, by Scrapy, as ``Dropped: <reason>: <detail> <url>``."""

    def __init__(self, stats: StatsCollector, min_body_chars: int = defaults.NEWSCRAWL_MIN_BODY_CHARS) -> None:
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        assert crawler.stats is not None
        return cls(
            crawler.stats, crawler.settings.getint("NEWSCRAWL_MIN_BODY_CHARS", defaults.NEWSCRAWL_MIN_BODY_CHARS)
        )

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, CrawledArticle):
            return item
        item = self._text_without_nul(item)
        found = problem(item, self.min_body_chars)
        if found is None:
            return item
        reason, detail = found
        self.stats.inc_value(DROPPED(reason))
        raise DropItem(f"{reason}: {detail} {item.article.url or '(no URL)'}")

    def _text_without_nul(self, item: CrawledArticle) -> CrawledArticle:
        article, dropped = without_nul(item.article)
        if not dropped:
            return item
        self.stats.inc_value(TEXT_NUL, dropped)
        warning = f"text: {dropped} NUL characters dropped (PostgreSQL text cannot hold them)"
        return dataclasses.replace(item, article=dataclasses.replace(article, warnings=(*article.warnings, warning)))
