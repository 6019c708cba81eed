"""The outlets the crawler knows, and which one a URL or a page belongs to.

``OUTLETS`` lists every outlet package once. ``for_url`` finds the outlet whose hosts hold a URL's
host (``None`` for a site without a package); ``outlet_of`` gives that outlet or, for a site without a
package, its generic outlet (``generic.py``). The functions below answer for any URL with the rules
of its outlet: whether it is an article, its key, its canonical form. They load no parser: the
spiders, the pipelines and the store use them; the parser core loads an outlet's layouts when it
reads one of its pages (``newscrawl.parsers.article_page``). docs/outlets.md says how to add one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newscrawl import urls
from newscrawl.outlets.base import Outlet
from newscrawl.outlets.detik import OUTLET as DETIK
from newscrawl.outlets.generic import GenericOutlet
from newscrawl.outlets.kompas import OUTLET as KOMPAS
from newscrawl.outlets.tempo import OUTLET as TEMPO
from newscrawl.outlets.tribunnews import OUTLET as TRIBUNNEWS

__all__ = [
    "OUTLETS",
    "GenericOutlet",
    "Outlet",
    "article_id",
    "article_key",
    "by_name",
    "canonicalize",
    "for_host",
    "for_url",
    "is_article_url",
    "link_target",
    "outlet_of",
    "page_number",
    "section_of",
]

OUTLETS: tuple[Outlet, ...] = (TEMPO, KOMPAS, DETIK, TRIBUNNEWS)
"""Every outlet with a package, once; the order is the order a page with no address is tried in."""

_BY_NAME = {outlet.name: outlet for outlet in OUTLETS}
_BY_SITE = {site: outlet for outlet in OUTLETS for site in outlet.hosts}
# The longest host a site of OUTLETS has, in labels: a host is looked up by its suffixes up to it.
_MAX_LABELS = max(site.count(".") + 1 for site in _BY_SITE)


def by_name(name: str) -> Outlet:
    """The outlet with a package named ``name``; ``KeyError`` if there is none."""
    return _BY_NAME[name]


@lru_cache(maxsize=4096)
def for_host(host: str | None) -> Outlet | None:
    """The outlet whose sites hold ``host`` (``dunia.tempo.co`` → Tempo), ``None`` if none does."""
    labels = (host or "").lower().rstrip(".").split(".")
    for size in range(min(len(labels), _MAX_LABELS), 1, -1):
        outlet = _BY_SITE.get(".".join(labels[-size:]))
        if outlet is not None:
            return outlet if outlet.owns(host) else None
    return None


def for_url(url: str | None) -> Outlet | None:
    """The outlet of ``url`` with a package, ``None`` for a site without one (or no URL)."""
    return for_host(urls.host_of(url))


def outlet_of(url: str | None) -> Outlet | None:
    """The outlet of ``url``: its package's, else the generic outlet of its site; ``None`` without a host."""
    host = urls.host_of(url)
    if host is None:
        return None
    return for_host(host) or generic_for(host)


@lru_cache(maxsize=1024)
def _generic(site: str) -> GenericOutlet:
    outlet = GenericOutlet(site)
    if outlet.name in _BY_NAME or any(outlet.name in o.key_prefixes for o in OUTLETS):
        # tempo.com is not Tempo: a site whose name is an outlet's is named by its whole domain
        outlet.name = site
    return outlet


def generic_for(host: str) -> GenericOutlet:
    """The generic outlet of the site of ``host`` (one object per site)."""
    return _generic(urls.site_of(host))


def by_site_name(names: tuple[str, ...]) -> Outlet | None:
    """The outlet whose pages give their site one of ``names`` (``og:site_name``), if one does."""
    for outlet in OUTLETS:
        pattern: re.Pattern[str] | None = outlet.site_names
        if pattern is not None and any(pattern.search(name) for name in names if name):
            return outlet
    return None


# -- what any URL is, by the rules of its outlet --------------------------------------------
def is_article_url(url: str | None) -> bool:
    """An article page of an outlet with a package (the generic outlets' guesses are not asked)."""
    outlet = for_url(url)
    return outlet is not None and outlet.is_article_url(url)


def article_id(url: str | None) -> int | None:
    outlet = for_url(url)
    return outlet.article_id(url) if outlet is not None else None


def article_key(url: str | None) -> str | None:
    """The deduplication key of the article ``url`` names (``tempo:1831560``), ``None`` when its outlet
    cannot key it by the URL (the store then uses its canonical URL)."""
    outlet = for_url(url)
    return outlet.key(url) if outlet is not None else None


def canonicalize(url: str, *, keep_page: bool = True) -> str:
    """The canonical form of ``url`` by its outlet's rules (a site without a package: https, no tracking)."""
    outlet = outlet_of(url)
    if outlet is None:
        return urls.canonical(url, keep_page=keep_page)
    return outlet.canonicalize(url, keep_page=keep_page)


def section_of(url: str | None) -> str | None:
    outlet = for_url(url)
    return outlet.section_of(url) if outlet is not None else None


def page_number(url: str) -> int:
    """The page of a multi-page article ``url`` asks for, by its outlet's paging parameters."""
    outlet = outlet_of(url)
    return outlet.page_number(url) if outlet is not None else urls.page_number(url)


def link_target(href: str | None, base: str | None) -> str | None:
    """An outgoing link as stored: absolute; canonical when it points into an outlet with a package or
    into the site of the page it is on (``base``); anywhere else as the page wrote it."""
    url = urls.absolute(href, base)
    if url is None:
        return None
    host = urls.host_of(url)
    outlet = for_host(host)
    if outlet is not None:
        return outlet.link_target(url)
    if base and urls.same_site(host, urls.host_of(base)):
        return generic_for(host or "").link_target(url)
    return url


def cache_clear() -> None:
    """Empty the memo of URL parsing (for a benchmark that must not profit from it)."""
    urls.cache_clear()
    for_host.cache_clear()
    for outlet in OUTLETS:
        outlet.cache_clear()
