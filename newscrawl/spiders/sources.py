"""Where Tempo lists its articles (docs/layouts.md, "Where Tempo lists its articles"): crawl policy as data.

E1/E2 sections are kanal subdomains (``https://dunia.tempo.co/``) with daily indexes
at ``/indeks/YYYY-MM-DD[/<kanal>]``; E3 sections are rubric paths on www.tempo.co
(``/internasional``) with the daily index ``/indeks?page=N&category=date&...``.
A slug is looked up in both tables; one Tempo never used is treated as an E3 rubric.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newscrawl import urls

if TYPE_CHECKING:
    from newscrawl.spiders.plan import CrawlPlan

StartKind = Literal["article", "feed", "listing", "index"]

WWW = "https://www.tempo.co"
HOME = f"{WWW}/"
SITEMAP = f"{WWW}/sitemap.xml"
FEED = f"{WWW}/rss"

KANALS = frozenset(
    {
        "nasional", "bisnis", "dunia", "tekno", "metro", "gaya", "bola", "sport",
        "seleb", "travel", "otomotif", "cantik", "fokus", "cekfakta", "en",
    }
)  # fmt: skip
RUBRICS = frozenset(
    {
        "politik", "hukum", "ekonomi", "lingkungan", "wawancara", "sains", "investigasi", "cekfakta",
        "kolom", "hiburan", "internasional", "arsip", "otomotif", "olahraga", "sepakbola", "digital",
        "gaya-hidup", "teroka", "prelude", "tokoh", "data", "infografik", "pemilu",
    }
)  # fmt: skip
# Rubrics with a free RSS feed at /api/gateway/rss/free/<rubric> (docs/layouts.md).
FREE_RSS = frozenset({"cekfakta", "ekonomi", "hukum", "wawancara", "investigasi"})


def start_pages(plan: CrawlPlan, default_sections: tuple[str, ...], today: date) -> list[tuple[StartKind, str]]:
    """Where a crawl starts, each page with how to read it (``index``: a daily index, paged)."""
    if plan.urls:
        return [(_kind_of(url), url) for url in plan.urls]
    if plan.backfill:
        return [("index", url) for day in plan.days() for url in daily_indexes(day, plan.sections)]
    sections = plan.sections or default_sections
    return [
        ("listing", HOME),
        *(("listing", url) for slug in sections for url in section_pages(slug)),
        *(("feed", url) for url in [*feeds(sections), SITEMAP]),
        *(("index", url) for url in daily_indexes(today, plan.sections)),
    ]


def _kind_of(url: str) -> StartKind:
    path = urls.path_of(url)
    if urls.is_article_url(url):
        return "article"
    if path.endswith((".xml", ".xml.gz")) or path.rstrip("/").endswith("/rss") or "/rss/" in path:
        return "feed"
    return "index" if path.startswith("/indeks") else "listing"


def _is_rubric(slug: str) -> bool:
    return slug in RUBRICS or slug not in KANALS


def section_pages(slug: str) -> list[str]:
    pages = [f"https://{slug}.tempo.co/"] if slug in KANALS else []
    return pages + ([f"{WWW}/{slug}"] if _is_rubric(slug) else [])


def feeds(sections: tuple[str, ...]) -> list[str]:
    return [FEED] + [f"{WWW}/api/gateway/rss/free/{s}" for s in sections if s in FREE_RSS]


def daily_indexes(day: date, sections: tuple[str, ...] = ()) -> list[str]:
    """Page 1 of the day's index in both forms, per section when sections are given."""
    iso = day.isoformat()
    e3 = {"page": "1", "category": "date", "start_date": iso, "end_date": iso}
    if not sections:
        return [f"{WWW}/indeks/{iso}", f"{WWW}/indeks?{urlencode(e3)}"]
    found: list[str] = []
    for slug in sections:
        if slug in KANALS:
            found.append(f"{WWW}/indeks/{iso}/{slug}")
        if _is_rubric(slug):
            found.append(f"{WWW}/indeks?{urlencode({**e3, 'rubric_slug': slug})}")
    return found


def with_page(url: str, number: int) -> str:
    """``url`` asking for page ``number`` of a listing (its ``page`` query parameter)."""
    parts = urlsplit(url)
    query = [("page", str(number)), *_without_page(parts.query)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def series(url: str) -> str:
    """A listing's URL without its page number: every page of one index shares it."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=urlencode(_without_page(parts.query))))


def _without_page(query: str) -> list[tuple[str, str]]:
    return [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "page"]
