"""What makes an item storable, for items of any spider: a usable URL, a title, a body, a fetch
time with its offset, and no NUL character (which PostgreSQL text cannot hold) where it would
change what the item is. The validate pipeline applies these to every item as it is scraped;
the store applies them again to what reaches it another way (a spool file, a re-parse)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from newscrawl.items import Article, CrawledArticle

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
