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
    default_sections = sources.DEFAULT_SECTIONS  # before the class's own name sources hides the module
    sources = sources.SOURCES
    # The families with numbers of their own (cekfakta:1752, en:715684) keep their keys.
    FAMILIES: ClassVar[frozenset[str]] = frozenset((tempo_urls.NEWS_FAMILY, *tempo_urls.OWN_FAMILIES))

    @property
    def key_prefixes(self) -> frozenset[str]:
        return self.FAMILIES

    # Tempo's URL functions themselves, not methods calling them: a page's related cards ask them
    # for every link, and a call less each is measurable in the parser's speed.
    owns = staticmethod(tempo_urls.is_tempo_host)
    match = staticmethod(tempo_urls.match)
    is_article_url = staticmethod(tempo_urls.is_article_url)
    article_id = staticmethod(tempo_urls.article_id)
    key = staticmethod(tempo_urls.article_key)
    canonicalize = staticmethod(tempo_urls.canonicalize)
    section_of = staticmethod(tempo_urls.section_of)
    is_listing_url = staticmethod(tempo_urls.is_listing_url)

    def cache_clear(self) -> None:
        tempo_urls.cache_clear()


OUTLET = Tempo()
