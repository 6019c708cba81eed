"""The outlet of a site that has no package: CNN Indonesia, Kumparan, Tirto, The Jakarta Post…

``newscrawl.outlets.outlet_of`` makes one per site (its registrable domain) the first time a page or
link of it is met. It is named after the site (``thejakartapost``), owns the site's hosts, keeps the
shared text rules, reads its pages with the generic layout (``newscrawl.parsers.generic``) and knows
only what any news site's URLs say: no article number (its articles are keyed by their canonical URL),
and whether a path looks like an article's — dated, numbered or a long slug — or a listing's.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from newscrawl import urls
from newscrawl.outlets.base import PLAIN_HOSTS, Outlet
from newscrawl.outlets.rules import Paging

# The generic layout's module: its ``LAYOUTS`` is the generic page alone, and it reads no text renderings.
GENERIC_LAYOUT = "newscrawl.parsers.generic"

# What an article's path looks like on most news sites: a date (/2015/06/19/, /20200624…), a number
# of five digits or more, or a slug of four words or more; an .html page under a path of its own.
_DATED = re.compile(r"/(?:19|20)\d\d/[01]?\d/|/(?:19|20)\d{6}|[/-]\d{5,}(?:[/.-]|$)")
_SLUG = re.compile(r"/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.html?|\.php)?/?$", re.IGNORECASE)
_NOT_ARTICLE = re.compile(
    r"/(?:video|videos|foto|photo|galeri|gallery|tag|tags|topik|topic|search|cari|penulis|author|indeks|index)"
    r"(?:/|$)",
    re.IGNORECASE,
)


class GenericOutlet(Outlet):
    """A site without a package, named after its registrable domain."""

    generic = True
    paging = Paging(params=urls.PAGE_PARAMS)

    def __init__(self, host: str, name: str | None = None) -> None:
        site = urls.site_of(host)
        self.name = name or urls.site_name(host) or site
        self.hosts = (site,) if site else ()

    def owns(self, host: str | None) -> bool:
        return bool(self.hosts) and urls.same_site(host, self.hosts[0])

    def match(self, url: str | None) -> re.Match[str] | None:
        return None  # no URL form is known: nothing names an article number

    def is_article_url(self, url: str | None) -> bool:
        """A page of the site whose path looks like an article's (dated, numbered or a long slug)."""
        if not url or not self.owns(urls.host_of(url)):
            return False
        path = urls.path_of(url)
        if self.LISTING.match(path) or _NOT_ARTICLE.search(path):
            return False
        return bool(_DATED.search(path) or _SLUG.search(path))

    def key(self, url: str | None) -> str | None:
        return None  # keyed by its canonical URL (``url:<canonical URL>``)

    def canonicalize(self, url: str, *, keep_page: bool = True) -> str:
        return urls.canonical(url, keep_page=keep_page, page_params=self.paging.params)

    def section_of(self, url: str | None) -> str | None:
        """The kanal subdomain (``health`` of ``health.detik.com``); else the page tells (the generic layout)."""
        host = urls.host_of(url) or ""
        site = self.hosts[0] if self.hosts else ""
        sub = host[: -len(site) - 1] if site and host.endswith("." + site) else ""
        return sub if sub and "." not in sub and sub not in PLAIN_HOSTS else None

    def is_listing_url(self, url: str | None) -> bool:
        return bool(url) and bool(self.LISTING.match(urls.path_of(url)))

    def _layouts_module(self) -> Any:
        return importlib.import_module(GENERIC_LAYOUT)
