"""What a page's JSON-LD and ``<meta>`` say about its article, read the same way for every era.

Each reader returns ``None`` (or an empty list) when the page does not say; the era classes
decide what wins over what.
"""

from __future__ import annotations

import re
from datetime import datetime

from newscrawl import urls
from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.dates import parse_date
from newscrawl.parsers.document import Document, ld_text

_HOME = frozenset(("home", "beranda"))
_SLUG = re.compile(r"[a-z0-9-]+")
# JSON-LD first, then the metas pages use for it; the current layout fills
# article:published_time with the visible form ("24 Juli 2026 | 09.00 WIB"), which parse_date reads.
_PUBLISHED_METAS = ("article:published_time", "publish-date", "pubdate", "datepublished")
_MODIFIED_METAS = ("article:modified_time", "og:updated_time")


def slug(name: str) -> str:
    """``Gaya Hidup`` -> ``gaya-hidup``: a section name as sections are stored."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def is_home(name: str) -> bool:
    return name.casefold() in _HOME


def published(doc: Document) -> datetime | None:
    """The machine-readable publication time."""
    candidates = (ld_text(doc.ld_article.get("datePublished")), *(doc.meta.get(m) for m in _PUBLISHED_METAS))
    return next((when for when in map(parse_date, candidates) if when), None)


def modified(doc: Document) -> datetime | None:
    candidates = (ld_text(doc.ld_article.get("dateModified")), *(doc.meta.get(m) for m in _MODIFIED_METAS))
    return next((when for when in map(parse_date, candidates) if when), None)


def image(doc: Document) -> tuple[str | None, str | None]:
    """The lead image's URL (JSON-LD, then ``og:image``) and the JSON-LD caption."""
    found = doc.ld_article.get("image")
    if isinstance(found, list):
        found = found[0] if found else None
    url = found.get("url") if isinstance(found, dict) else found if isinstance(found, str) else None
    caption = ld_text(found.get("caption")) if isinstance(found, dict) else ""
    url = url if isinstance(url, str) and url else doc.meta_url("og:image")
    return url or None, caption or None


def keywords(doc: Document) -> list[str]:
    """JSON-LD ``keywords`` (a list or a comma-separated string), else the keywords metas."""
    found = doc.ld_article.get("keywords")
    if isinstance(found, list):
        return [ld_text(k) for k in found]
    raw = found if isinstance(found, str) else doc.meta.get("news_keywords") or doc.meta.get("keywords") or ""
    return [clean_text(k) for k in raw.split(",")]


def rubric(doc: Document) -> str | None:
    """The rubric of a JSON-LD BreadcrumbList (Home › rubric › sub-rubric): the first item past
    home, as the path segment of its URL (``https://tempo.co/ekonomi``) or, without one, its name."""
    for crumbs in doc.ld_breadcrumbs:
        for name, item in crumbs:
            segment = urls.path_of(item).strip("/").split("/")[0] if item else ""
            if is_home(name) or (item and not segment):
                continue
            return segment if _SLUG.fullmatch(segment) else slug(name) or None
    return None


def rubric_names(doc: Document) -> list[str]:
    """The names of the JSON-LD breadcrumbs (labels the page shows, never story text)."""
    return [name for crumbs in doc.ld_breadcrumbs for name, _ in crumbs if name]


def is_free(doc: Document) -> bool | None:
    """JSON-LD ``isAccessibleForFree``, when the page states it."""
    free = doc.ld_article.get("isAccessibleForFree")
    return None if free is None else str(free).strip().lower() not in ("false", "0", "no")


def declared_language(doc: Document) -> str:
    """The language the page declares (JSON-LD ``inLanguage``, ``og:locale``), as ISO 639-1."""
    declared = ld_text(doc.ld_article.get("inLanguage")) or doc.meta.get("og:locale", "")
    return declared.replace("_", "-").split("-")[0].lower()
