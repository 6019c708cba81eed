"""Where a crawl of an outlet starts: its start pages, built from the sources its declaration lists
(``Outlet.sources``: home, section pages, feeds, sitemaps, dated indexes).

A latest-news crawl reads the home page, the section pages, the feeds and sitemaps and today's
indexes; a backfill (``since``/``until``) the dated sources only (indexes and sitemaps whose
template has ``{day}``), day by day. A source with ``{section}`` is read for each chosen section
that its ``sections`` list (every one, when empty); a slug that no source of a kind lists goes to the
kind's ``any_section`` sources. An index is paged as its template numbers it (``paging.py``), up to the
last page its pages link, a window at a time until a page lists nothing (``window.py``). Tempo's start
pages (``TEMPO``, and the functions at the end) are the same rules over Tempo's declaration
(``newscrawl/outlets/tempo/sources.py``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal
from urllib.parse import parse_qsl, urlsplit

from newscrawl import urls
from newscrawl.outlets.tempo import OUTLET as TEMPO_OUTLET
from newscrawl.outlets.tempo.sources import FEED, FREE_RSS, HOME, KANALS, RUBRICS, SITEMAP, WWW
from newscrawl.spiders.paging import NUMBERS, IndexTemplate, Place, first_page, series, with_page

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newscrawl.outlets.base import Outlet
    from newscrawl.outlets.rules import Source, SourceKind
    from newscrawl.spiders.plan import CrawlPlan

StartKind = Literal["article", "feed", "listing", "index"]

__all__ = [
    "FEED",
    "FREE_RSS",
    "HOME",
    "KANALS",
    "RUBRICS",
    "SITEMAP",
    "TEMPO",
    "WWW",
    "StartPages",
    "series",
    "start_pages",
    "with_page",
]

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# What a placeholder stands for in an address: one path segment or query value's text.
_FILLED = r"[^/?&#]*"


class StartPages:
    """The start pages of crawls of ``outlet``, from its declared sources."""

    def __init__(self, outlet: Outlet) -> None:
        self.outlet = outlet
        self.sources = outlet.sources

    def start_pages(
        self, plan: CrawlPlan, default_sections: tuple[str, ...], today: date
    ) -> list[tuple[StartKind, str]]:
        """Where a crawl starts, each page with how to read it (``index``: a dated index, paged).

        ``default_sections`` (``NEWSCRAWL_SECTIONS``) stand for ``sections=`` when it is not given:
        those of them the outlet has, else the outlet's own (``default_sections``)."""
        if plan.urls:
            return [(self.kind_of(url), url) for url in plan.urls]
        sections = plan.sections or self.default_sections(default_sections)
        if plan.backfill:
            return [page for day in plan.days() for page in self.dated(day, plan.sections, sections)]
        return [
            *(("listing", url) for url in self.pages("home", sections, today)),
            *(("listing", url) for url in self.pages("section", sections, today)),
            *(("feed", url) for url in [*self.pages("feed", sections, today), *self.pages("sitemap", sections, today)]),
            *self._indexes(("index",), today, plan.sections, sections),
        ]

    def default_sections(self, given: tuple[str, ...]) -> tuple[str, ...]:
        """The sections of ``given`` the outlet has; without any (``NEWSCRAWL_SECTIONS`` is empty by
        default, and a list made for one outlet may name none of another's), the outlet's declared
        ``default_sections``, else every section its sources list."""
        own = tuple(slug for slug in given if self.has_section(slug))
        return own or self.outlet.default_sections or self.listed_sections

    @cached_property
    def listed_sections(self) -> tuple[str, ...]:
        """Every section slug the outlet's sources list, each source's in alphabetical order."""
        return tuple(dict.fromkeys(slug for source in self.sources for slug in sorted(source.sections)))

    def pages(self, kind: SourceKind, sections: tuple[str, ...], day: date) -> list[str]:
        """Page 1 of the sources of ``kind``: those without ``{section}``, then each section's."""
        chosen = [source for source in self.sources if source.kind == kind]
        found = [first_page(s, None, day) for s in chosen if not s.needs("section")]
        return found + [first_page(s, slug, day) for slug in sections for s in self._taking(chosen, slug)]

    def dated(
        self, day: date, sections: tuple[str, ...] = (), default_sections: tuple[str, ...] = ()
    ) -> list[tuple[StartKind, str]]:
        """What a backfill reads of ``day``: the dated indexes and sitemaps (``{day}`` in the template)."""
        return self._indexes(("index", "sitemap", "feed"), day, sections, default_sections, dated=True)

    def _indexes(
        self,
        kinds: tuple[SourceKind, ...],
        day: date,
        sections: tuple[str, ...],
        default_sections: tuple[str, ...],
        *,
        dated: bool = False,
    ) -> list[tuple[StartKind, str]]:
        """Page 1 of the indexes of ``day``. With ``sections``, each section's own, and for a section
        without one the whole site's (the section filter then keeps its articles); without, the whole
        site's, or, for an outlet that indexes by section only, those of ``default_sections``."""
        chosen = [s for s in self.sources if s.kind in kinds and (s.needs("day") or not dated)]
        whole = [s for s in chosen if not s.needs("section")]
        picked: list[tuple[Source, str | None]] = []
        if not sections and whole:
            picked = [(s, None) for s in whole]
        for slug in sections or (() if whole else default_sections):
            own = self._taking(chosen, slug)
            picked += [(s, slug) for s in own] if own else [(s, None) for s in whole]
        found: dict[str, StartKind] = {}
        for source, section in picked:
            found.setdefault(first_page(source, section, day), "index" if source.kind == "index" else "feed")
        return [(kind, url) for url, kind in found.items()]

    @cached_property
    def backfills(self) -> bool:
        """Whether the outlet has dated sources a backfill can walk."""
        return any(s.needs("day") and s.kind in ("index", "sitemap", "feed") for s in self.sources)

    def has_section(self, slug: str) -> bool:
        """Whether some source of the outlet takes the section ``slug``."""
        return any(s.needs("section") and (slug in s.sections or not s.sections or s.any_section) for s in self.sources)

    def _taking(self, chosen: list[Source], slug: str) -> list[Source]:
        """The sources of ``chosen`` with ``{section}`` that take ``slug``, in their order."""
        sectioned = [s for s in chosen if s.needs("section")]
        listed = any(slug in s.sections for s in sectioned)
        return [s for s in sectioned if slug in s.sections or not s.sections or (s.any_section and not listed)]

    # -- what a given page is --------------------------------------------------------------
    def kind_of(self, url: str) -> StartKind:
        """How to read a page given with ``urls=``: an article, a feed or sitemap, a dated index
        (one of the outlet's index templates), else a listing."""
        if self.outlet.is_article_url(url):
            return "article"
        path = urls.path_of(url)
        if path.endswith((".xml", ".xml.gz")) or path.rstrip("/").endswith("/rss") or "/rss/" in path:
            return "feed"
        if any(_of_template(url, s) for s in self.sources if s.kind in ("feed", "sitemap")):
            return "feed"
        if any(template.place(url) for template in self._paged):  # detik's /indeks: its page 1
            return "index"
        return "index" if any(_of_template(url, s) for s in self.sources if s.kind == "index") else "listing"

    @cached_property
    def page_parameter(self) -> str:
        """The query parameter an index's pages are numbered by (``page``, unless a template says)."""
        for source in self.sources:
            for name, value in parse_qsl(urlsplit(source.url).query):
                if value == "{page}":
                    return name
        return "page"

    @cached_property
    def _paged(self) -> tuple[IndexTemplate, ...]:
        """The index templates that number their pages (``{page}`` or ``{offset}``)."""
        return tuple(IndexTemplate(s) for s in self.sources if s.kind == "index" and any(map(s.needs, NUMBERS)))

    def _place(self, url: str) -> tuple[IndexTemplate, Place] | None:
        """The first numbered index template ``url`` is a page of, with where it stands in it."""
        found = ((template, template.place(url)) for template in self._paged)
        return next(((template, place) for template, place in found if place is not None), None)

    def with_page(self, url: str, number: int) -> str:
        """``url`` asking for page ``number`` of its index, as its template numbers pages (in the path,
        or as an offset); an address of no numbered template by the query parameter."""
        found = self._place(url)
        return found[0].address(url, number) if found else with_page(url, number, self.page_parameter)

    def series(self, url: str) -> str:
        """``url`` without its page number: every page of one index shares it."""
        found = self._place(url)
        return found[1].series if found else series(url, self.page_parameter)

    def page_of(self, url: str) -> int:
        """The page of its index ``url`` is, from 1: as its template numbers pages, else by the query
        parameter (page 1 without it)."""
        found = self._place(url)
        if found:
            return found[1].page
        values = [v for k, v in parse_qsl(urlsplit(url).query) if k == self.page_parameter]
        return int(values[0]) if values and values[0].isdigit() else 1

    def last_page(self, url: str, links: Iterable[str], listed: int | None = None) -> int | None:
        """The last page of the index ``url`` is a page of: the highest page among ``links`` (the page's
        links, absolute) that are of the same index by its template. ``listed``, what the listing reader
        took for the last page (``?page=N`` links and page buttons), counts for an index numbered by a
        query parameter (Tempo's, Kompas's), and for a page of no numbered template."""
        found = self._place(url)
        if found is None:
            return listed
        template, here = found
        places = [template.place(link) for link in links]
        pages = [place.page for place in places if place is not None and place.series == here.series]
        if template.parameter is not None and listed:
            pages.append(listed)
        return max(pages, default=None)


def _of_template(url: str, source: Source) -> bool:
    """Whether ``url``'s path begins as ``source``'s does (a placeholder matching any segment's
    text); where that path is the site's root (``indeks.kompas.com/?…``), its host must be the
    template's too. The template's query is not compared."""
    scheme_less = source.url.split("://", 1)[-1].split("?", 1)[0]
    host, _, path = scheme_less.partition("/")
    path = "/" + path
    if not re.match(_pattern(path), urls.path_of(url) or "/"):
        return False
    return path != "/" or re.fullmatch(_pattern(host), urls.host_of(url) or "") is not None


def _pattern(template: str) -> str:
    """A template as a regular expression, a placeholder matching one segment's text."""
    pieces = [re.escape(piece) for piece in _PLACEHOLDER.split(template)]
    return _FILLED.join(pieces)


# -- Tempo's, as the tempo spider, the sample archive and their tests ask for them ------------------
TEMPO = StartPages(TEMPO_OUTLET)


def start_pages(plan: CrawlPlan, default_sections: tuple[str, ...], today: date) -> list[tuple[StartKind, str]]:
    return TEMPO.start_pages(plan, default_sections, today)


def section_pages(slug: str) -> list[str]:
    return TEMPO.pages("section", (slug,), date.min)


def feeds(sections: tuple[str, ...]) -> list[str]:
    return TEMPO.pages("feed", sections, date.min)


def daily_indexes(day: date, sections: tuple[str, ...] = ()) -> list[str]:
    """Page 1 of the day's index in both forms, per section when sections are given."""
    return [url for _, url in TEMPO.dated(day, sections)]
