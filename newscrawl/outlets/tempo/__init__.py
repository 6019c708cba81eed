"""Tempo (tempo.co), the first outlet: its declaration.

Its URL forms are in ``urls.py``, its text rules and related blocks in ``rules.py``, where it lists
its articles in ``sources.py``; its layouts (E0 to E3, the JSON-LD fallback and plain-text
renderings) in ``layouts.py``, loaded when a Tempo page is parsed. docs/layouts.md describes them.
"""

from __future__ import annotations

import re
from typing import ClassVar

from newscrawl.outlets.base import Outlet
from newscrawl.outlets.rules import Paging
from newscrawl.outlets.tempo import rules, sources
from newscrawl.outlets.tempo import urls as tempo_urls


class Tempo(Outlet):
    name = "tempo"
    hosts = (tempo_urls.TEMPO_DOMAIN,)
    site_names = re.compile(r"tempo", re.IGNORECASE)
    text = rules.TEXT
    related = rules.RELATED
    paging = Paging(params=tempo_urls.PAGE_PARAMS)
    sources = sources.SOURCES
    # The families with numbers of their own (cekfakta:1752, en:715684) keep their keys.
    FAMILIES: ClassVar[frozenset[str]] = frozenset((tempo_urls.NEWS_FAMILY, *tempo_urls.OWN_FAMILIES))

    @property
    def key_prefixes(self) -> frozenset[str]:
        return self.FAMILIES

    def owns(self, host: str | None) -> bool:
        return tempo_urls.is_tempo_host(host)

    def match(self, url: str | None) -> re.Match[str] | None:
        return tempo_urls.match(url)

    def is_article_url(self, url: str | None) -> bool:
        return tempo_urls.is_article_url(url)

    def article_id(self, url: str | None) -> int | None:
        return tempo_urls.article_id(url)

    def key(self, url: str | None) -> str | None:
        return tempo_urls.article_key(url)

    def canonicalize(self, url: str, *, keep_page: bool = True) -> str:
        return tempo_urls.canonicalize(url, keep_page=keep_page)

    def section_of(self, url: str | None) -> str | None:
        return tempo_urls.section_of(url)

    def is_listing_url(self, url: str | None) -> bool:
        return tempo_urls.is_listing_url(url)

    def cache_clear(self) -> None:
        tempo_urls.cache_clear()


OUTLET = Tempo()
