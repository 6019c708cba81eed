"""``Outlet``: everything the crawler knows of one news outlet, in one class per outlet package.

An outlet package (``newscrawl/outlets/<name>/``) has two halves:

* its **declaration** (``__init__.py`` and what it imports: ``urls.py``, ``rules.py``, ``sources.py``):
  a subclass of ``Outlet`` with its name, hosts, URL rules, text rules, related blocks, multi-page
  form and discovery sources, and ``OUTLET``, its one instance. Data and regular expressions only:
  the spiders, the pipelines and the store read it (keys, hosts, sources) without loading a parser;
* its **layouts** (``layouts.py`` and the page modules it imports): the page classes, over the
  shared parser core (``newscrawl.parsers.base.ArticlePage``), in the order they are tried. They
  are loaded the first time a page of the outlet is parsed (``Outlet.layouts``).

The defaults below fit an outlet whose article URLs carry a number; each method can be overridden
where an outlet's URLs need more (Tempo's do). docs/outlets.md says how to add an outlet.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newscrawl import urls
from newscrawl.outlets.rules import Paging, RelatedRules, Source, TextRules

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from newscrawl.items import Article
    from newscrawl.parsers.base import ArticlePage

    TextReader = Callable[[str, str | None, datetime | None], Article]

# Listing pages by their path, on any host: the home page, date archives ("/2021/10",
# "/indeks/2024-05-13", "/indeks/2017/11/01/nasional"), indexes ("/indeks", "/index"), tags, search,
# authors, topics, feeds.
LISTING_PATH = re.compile(
    r"^/(?:$|(?:indeks|index)(?:[/?.]|$)|\d{4}/\d{1,2}(?:/\d{1,2})?(?:/[a-z_-]+)?/?$"
    r"|tag/|search\b|terpopuler\b|terkini\b|rss\b|penulis/|topik/|topic/)",
    re.IGNORECASE,
)
# Subdomains that name no section: the site itself, its mobile and AMP forms.
PLAIN_HOSTS = frozenset(("www", "m", "amp", "mobile"))


class Outlet:
    """One news outlet: subclass it in ``newscrawl/outlets/<name>/__init__.py`` and set the class
    attributes; override a method only where the outlet's URLs need it."""

    name: str
    """The outlet's name: ``Article.outlet``, its package's name and (by default) its key prefix."""
    hosts: tuple[str, ...]
    """The sites it owns (``kompas.com``), each with every subdomain (``money.kompas.com``)."""
    site_names: ClassVar[re.Pattern[str] | None] = None
    """Matches the names its pages give their site (``og:site_name``, the JSON-LD publisher): how a
    saved page with no URL is known to be the outlet's."""
    ARTICLE: ClassVar[re.Pattern[str] | None] = None
    """The path of an article URL. Named groups: ``id`` (the outlet's article number: ``article_id``
    and the key), else ``key`` (what names the article when it has no number); ``section`` when the
    path names the section."""
    NOT_ARTICLE: ClassVar[re.Pattern[str] | None] = None
    """Paths of pages that match ``ARTICLE`` but are no articles (videos, galleries), and hosts."""
    LISTING: ClassVar[re.Pattern[str]] = LISTING_PATH
    """Paths of listing pages (home, indexes, tags)."""
    MOBILE_HOSTS: ClassVar[Mapping[str, str]] = MappingProxyType({})
    """Hosts whose pages are another form of a page of another host (``m.x.com`` → ``www.x.com``)."""
    text: ClassVar[TextRules] = TextRules()
    related: ClassVar[RelatedRules] = RelatedRules()
    paging: ClassVar[Paging] = Paging()
    sources: ClassVar[tuple[Source, ...]] = ()
    """Where it lists its articles: home, section pages, feeds, sitemaps, dated indexes."""
    default_sections: ClassVar[tuple[str, ...]] = ()
    """The sections a latest-news crawl starts from when neither ``sections=`` nor
    ``NEWSCRAWL_SECTIONS`` names any; empty: every section its sources list."""
    generic: ClassVar[bool] = False
    """A site without a package, read by the generic layout (``newscrawl.outlets.generic``)."""

    def __repr__(self) -> str:
        return f"<Outlet {self.name}>"

    # -- hosts and keys ---------------------------------------------------------------
    @property
    def key_prefixes(self) -> frozenset[str]:
        """Every prefix its deduplication keys use; no two outlets share one (a test says so)."""
        return frozenset((self.name,))

    def owns(self, host: str | None) -> bool:
        """Whether ``host`` is one of the outlet's sites or their subdomains."""
        host = (host or "").lower().rstrip(".")
        return any(host == site or host.endswith("." + site) for site in self.hosts)

    def match(self, url: str | None) -> re.Match[str] | None:
        """``ARTICLE`` matched on the path of ``url``, when ``url`` is on one of the outlet's hosts."""
        if not url or self.ARTICLE is None or not self.owns(urls.host_of(url)):
            return None
        return self.ARTICLE.match(urls.path_of(url))

    def is_article_url(self, url: str | None) -> bool:
        """An article page of the outlet (its videos and galleries excluded)."""
        if self.match(url) is None:
            return False
        return self.NOT_ARTICLE is None or self.NOT_ARTICLE.search(f"{urls.host_of(url)}{urls.path_of(url)}") is None

    def article_id(self, url: str | None) -> int | None:
        """The outlet's article number in ``url``, or ``None``."""
        match = self.match(url)
        number = match.groupdict().get("id") if match else None
        return int(number) if number and number.isdigit() else None

    def key(self, url: str | None) -> str | None:
        """The deduplication key: ``<name>:<id>``, else ``<name>:<key group>``; ``None`` when the URL
        names no article of the outlet (the store then keys it by its canonical URL)."""
        match = self.match(url)
        if match is None:
            return None
        found = match.groupdict()
        name = found.get("id") or found.get("key")
        return f"{self.name}:{name}" if name else None

    # -- canonical form -----------------------------------------------------------------
    def canonicalize(self, url: str, *, keep_page: bool = True) -> str:
        """One spelling per page: https, lower-case host (mobile hosts as their main host), no
        fragment, no query but the page number (``keep_page``, and only past page 1)."""
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
        host = self.MOBILE_HOSTS.get(host, host)
        path = re.sub(r"/{2,}", "/", parts.path or "/")
        query = ""
        if keep_page:
            kept = [(k, v) for k, v in parse_qsl(parts.query) if k in self.paging.params and v not in ("", "0", "1")]
            query = urlencode(kept)
        return urlunsplit(("https", host, path, query, ""))

    def link_target(self, url: str) -> str:
        """How a link to one of the outlet's pages is stored: its canonical form, page dropped."""
        return self.canonicalize(url, keep_page=False)

    def page_number(self, url: str) -> int:
        """The page of a multi-page article ``url`` asks for (1 when none)."""
        return urls.page_number(url, self.paging.params)

    # -- sections and listings ------------------------------------------------------------
    def section_of(self, url: str | None) -> str | None:
        """The section an article URL names: its ``section`` group, else its kanal subdomain
        (``money`` of ``money.kompas.com``)."""
        match = self.match(url)
        if match is None:
            return None
        section = match.groupdict().get("section")
        if section:
            return section.lower()
        host = urls.host_of(url) or ""
        site = next((s for s in self.hosts if host.endswith("." + s)), None)
        sub = host[: -len(site) - 1] if site else ""
        return sub if sub and "." not in sub and sub not in PLAIN_HOSTS else None

    def is_listing_url(self, url: str | None) -> bool:
        """A listing page of the outlet by its path: home, date archive, index, tag, search."""
        return bool(url) and self.match(url) is None and bool(self.LISTING.match(urls.path_of(url)))

    def cache_clear(self) -> None:
        """Empty the outlet's memo of URL parsing, if it keeps one (for a benchmark)."""

    # -- its page side ----------------------------------------------------------------------
    @cached_property
    def layouts(self) -> tuple[type[ArticlePage], ...]:
        """The outlet's page classes in the order they are tried, from its ``layouts`` module
        (``LAYOUTS``), imported the first time a page of the outlet is read."""
        found: tuple[type[ArticlePage], ...] = self._layouts_module().LAYOUTS
        return found

    @cached_property
    def text_reader(self) -> TextReader | None:
        """What reads a plain-text rendering of the outlet's pages (``read_text`` of its layouts
        module), ``None`` when it has none."""
        reader: TextReader | None = getattr(self._layouts_module(), "read_text", None)
        return reader

    def _layouts_module(self) -> Any:
        return importlib.import_module(f"newscrawl.outlets.{self.name}.layouts")
