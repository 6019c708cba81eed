"""Sitemaps, RSS and Atom: the URLs a feed lists, each with its modification time.

Scrapy's ``scrapy.utils.sitemap.Sitemap`` flattens every child of ``<url>`` to its
text, which loses the nested Google-News ``<news:news><news:publication_date>``, so
the crawler reads all feed kinds here, with one forgiving parser that never fetches
entities or DTDs (a feed is untrusted input).
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from lxml import etree

from newscrawl import urls
from newscrawl.parsers.dates import WIB

if TYPE_CHECKING:
    from collections.abc import Callable

    _Fields = Callable[[etree._Element], tuple[str | None, str | None]]

FeedKind = Literal["sitemapindex", "urlset", "rss", "atom", "unknown"]

_PARSER = etree.XMLParser(
    recover=True, resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
)
# W3C datetime as sitemaps use it: YYYY, YYYY-MM, YYYY-MM-DD, or a full time with an offset.
_W3C = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    modified: datetime | None = None
    """``lastmod``, else the news ``publication_date``, ``pubDate`` or Atom ``updated``; aware."""


@dataclass(frozen=True, slots=True)
class Feed:
    kind: FeedKind
    entries: tuple[FeedEntry, ...] = ()
    """Child sitemaps for a ``sitemapindex``, pages for every other kind, in document order."""


def parse_feed(body: bytes, base_url: str | None = None) -> Feed:
    """The entries of a sitemap index, URL set, RSS 2.0/1.0 or Atom document.

    Anything else (HTML, empty or broken bytes) is ``Feed("unknown")``; nothing raises.
    """
    try:
        root = etree.fromstring(body, _PARSER) if body.strip() else None
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return Feed("unknown")
    kind = _local(root)
    if kind == "sitemapindex":
        return Feed("sitemapindex", _entries(root, "sitemap", _sitemap_fields, base_url))
    if kind == "urlset":
        return Feed("urlset", _entries(root, "url", _sitemap_fields, base_url))
    if kind in ("rss", "RDF"):
        return Feed("rss", _entries(root, "item", _rss_fields, base_url))
    if kind == "feed":
        return Feed("atom", _entries(root, "entry", _atom_fields, base_url))
    return Feed("unknown")


def parse_date(value: str | None) -> datetime | None:
    """A feed date as an aware datetime: W3C/ISO 8601 or RFC 822; naive values are WIB."""
    value = (value or "").strip()
    if not value:
        return None
    parsed: datetime | None
    try:
        if _W3C.match(value):
            value = (value + "-01-01")[:10]
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)


def _entries(root: etree._Element, tag: str, fields: _Fields, base_url: str | None) -> tuple[FeedEntry, ...]:
    found: list[FeedEntry] = []
    for element in root.iter():
        if isinstance(element.tag, str) and _local(element) == tag:
            href, date = fields(element)
            url = urls.absolute(href, base_url)
            if url:
                found.append(FeedEntry(url, parse_date(date)))
    return tuple(found)


def _sitemap_fields(element: etree._Element) -> tuple[str | None, str | None]:
    loc = _child_text(element, "loc")
    lastmod = _child_text(element, "lastmod")
    if lastmod is None:
        news = _child(element, "news")
        lastmod = _child_text(news, "publication_date") if news is not None else None
    return loc, lastmod


def _rss_fields(element: etree._Element) -> tuple[str | None, str | None]:
    link = _child_text(element, "link")
    guid = _child(element, "guid")
    named = (guid.text or "").strip() if guid is not None else ""
    if not link:
        if guid is not None and guid.get("isPermaLink", "true").lower() == "true":
            link = named or None
    elif named.startswith(("http://", "https://")) and urls.host_of(named) != urls.host_of(link):
        # The link is a redirector's (detik's 2015 feedsportal feed): the guid names the article.
        link = named
    return link, _child_text(element, "pubDate") or _child_text(element, "date")


def _atom_fields(element: etree._Element) -> tuple[str | None, str | None]:
    links = [child for child in element if isinstance(child.tag, str) and _local(child) == "link"]
    chosen = next((link for link in links if link.get("rel", "alternate") == "alternate"), None)
    href = chosen.get("href") if chosen is not None else None
    return href, _child_text(element, "updated") or _child_text(element, "published")


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if isinstance(c.tag, str) and _local(c) == name), None)


def _child_text(element: etree._Element, name: str) -> str | None:
    child = _child(element, name)
    text = (child.text or "").strip() if child is not None else ""
    return text or None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname
