"""Listing pages (home, sections, daily ``/indeks``): the articles they link, with title and date.

Cards are read the way related cards are (``related.cards_in``): links grouped by
article, each card's title, time and teaser taken from its own text. The main list
of each era is preferred (E0 ``ul.indeks-list``, E1 ``section.list``, E2 ``main.main-left``,
E3's ``divide-y`` list); ``links`` holds every article URL on the page for discovery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newscrawl import urls
from newscrawl.items import RelatedLink, as_json_dict
from newscrawl.parsers.document import Document
from newscrawl.parsers.query import Query
from newscrawl.parsers.related import cards_in

MAIN_LIST = (
    Query("//ul[contains(concat(' ', normalize-space(@class), ' '), ' indeks-list ')]"),
    Query("//section[contains(concat(' ', normalize-space(@class), ' '), ' list-type-1 ')]"),
    Query("//div[contains(@class, 'divide-y')]"),
    Query("//main[contains(concat(' ', normalize-space(@class), ' '), ' main-left ')]"),
    Query("//main"),
)
_HREFS = Query("//a/@href | //a/@data-mrf-link")
_PAGE_BUTTONS = Query("//button[@data-type='page']/@value")
_NEXT = Query("//link[@rel='next']/@href | //a[@rel='next']/@href")
_PAGE_IN_HREF = re.compile(r"[?&]page(?:_num)?=(\d+)")


@dataclass(frozen=True, slots=True)
class Listing:
    url: str | None
    entries: tuple[RelatedLink, ...] = ()
    """Cards of the page's main list: url, title, teaser and time where shown."""
    links: tuple[str, ...] = field(default=())
    """Every article URL linked from the page (canonical form), in page order."""
    last_page: int | None = None
    """Highest page number the pager offers (E3 ``/indeks?page=N``), when it shows one."""
    next_page: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return as_json_dict(self)


def parse_listing(url: str | None, html: str | bytes | Document, fetched_at: datetime | None = None) -> Listing:
    doc = html if isinstance(html, Document) else Document(html, url)
    main = next((found for found in (query.first(doc.tree) for query in MAIN_LIST) if found is not None), doc.tree)
    entries = tuple(card for card in cards_in(main, url, fetched_at) if card.url)
    return Listing(
        url=url,
        entries=entries,
        links=article_links(doc, url),
        last_page=_last_page(doc),
        next_page=next((u for u in (urls.absolute(h, url) for h in _NEXT.strings(doc.tree)) if u), None),
    )


def article_links(doc: Document, base_url: str | None) -> tuple[str, ...]:
    """Canonical URLs of all tempo.co articles the page links to, first occurrence order."""
    seen: dict[str, None] = {}
    for href in _HREFS.strings(doc.tree):
        absolute = urls.absolute(href, base_url)
        if absolute and urls.is_article_url(absolute):
            seen.setdefault(urls.canonicalize(absolute, keep_page=False), None)
    return tuple(seen)


def _last_page(doc: Document) -> int | None:
    numbers = [int(v) for v in _PAGE_BUTTONS.strings(doc.tree) if v.strip().isdigit()]
    numbers += [int(m.group(1)) for h in _HREFS.strings(doc.tree) for m in _PAGE_IN_HREF.finditer(h)]
    return max(numbers) if numbers else None
