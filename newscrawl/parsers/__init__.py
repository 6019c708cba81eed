"""What a news page means. Pure: no Scrapy, no database, no network (a test enforces it).

Entry points:

* ``parse_html(url, html, fetched_at=None) -> Article`` for an article page of any outlet;
* ``parse_text(text, url=None, fetched_at=None) -> Article`` for plain-text renderings (of the
  outlets that read them: Tempo);
* ``parse(url, content, fetched_at=None)``: either, by sniffing the content;
* ``article_page(url, html, fetched_at=None)``: the page object, for callers that also
  need the next-page link;
* ``merge_pages(articles)``: one ``Article`` from the pages of a multi-page story;
* ``parse_listing(url, html, fetched_at=None) -> Listing`` for index and section pages.

The page's outlet (``newscrawl.outlets``) is found by its URL — without one, by its canonical link,
by the site name it gives itself, or by the outlet whose layouts know its markup — and its layouts
are tried in their order; a site without a package is read by the generic layout (``generic.py``).
Anything that is not an article raises ``NotAnArticle``; nothing else escapes. What every
``Article`` satisfies, whatever the layout, is ``invariants.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from lxml import etree

from newscrawl import outlets, urls
from newscrawl.items import Article
from newscrawl.outlets.base import Outlet
from newscrawl.outlets.generic import GenericOutlet
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import dedupe
from newscrawl.parsers.document import Document, decode
from newscrawl.parsers.errors import NotAnArticle
from newscrawl.parsers.kind import refuse_non_articles, site_names
from newscrawl.parsers.listing import Listing, article_links, parse_listing
from newscrawl.parsers.metadata import slug

__all__ = [
    "Listing",
    "NotAnArticle",
    "article_links",
    "article_page",
    "is_html",
    "merge_pages",
    "page_outlet",
    "parse",
    "parse_html",
    "parse_listing",
    "parse_text",
]

_HTML_START = re.compile(
    r"^\s*(?:\ufeff)?\s*(?:<!doctype|<html|<head|<body|<\?xml|<!--|<meta|<div|<p\b)", re.IGNORECASE
)
_HTML_TAG = re.compile(r"<(?:html|head|body|div|p|article|main)\b[^>]*>", re.IGNORECASE)
# Links to this many distinct articles of its outlet make a page no layout recognises a listing.
MIN_LISTING_LINKS = 5


def is_html(content: str | bytes) -> bool:
    """HTML or plain text? Decided from the start of the content, tags anywhere as a fallback."""
    head = content[:2048].decode("utf-8", "replace") if isinstance(content, bytes) else content[:2048]
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head))


def page_outlet(doc: Document, url: str | None) -> Outlet:
    """The outlet of a page: by the host of ``url``, else of its canonical link; without either, the
    outlet whose name the page gives its site (``og:site_name``, the JSON-LD publisher), else whose
    name ends its ``<title>``; a page that says nothing of where it is from goes to the outlet one of
    whose layouts recognises it (of several, the one whose articles it links to most), else to the
    first whose articles it links to (a listing of them).
    A site without a package has its generic outlet."""
    for address in (url, doc.canonical):
        outlet = outlets.outlet_of(address)
        if outlet is not None:
            return outlet
    names = site_names(doc)
    named = outlets.by_site_name(names)
    if named is not None:
        return named
    if not names:
        titled = _outlet_by_title(doc.title_tag)
        if titled is not None:
            return titled
        # The generic layout an outlet may keep last takes any page: only its own layouts say.
        claimed = [
            outlet
            for outlet in outlets.OUTLETS
            if any(not layout.READS_ANY_PAGE and layout.recognise(doc, url) is not False for layout in outlet.layouts)
        ]
        if len(claimed) == 1:
            return claimed[0]
        if claimed:
            # A marker can be shared markup (schema.org's h1[itemprop=headline] is Tempo's E1 marker and
            # on Antara's 2015 pages): the page's own articles are the ones its menus and boxes link.
            return max(claimed, key=lambda outlet: len(article_links(doc, url, outlet)))
        for outlet in outlets.OUTLETS:  # a listing of an outlet's articles is that outlet's (a listing)
            if len(article_links(doc, url, outlet)) >= MIN_LISTING_LINKS:
                return outlet
    return GenericOutlet("", name=slug(names[0]).replace("-", "") if names else None)


def _outlet_by_title(title: str) -> Outlet | None:
    """The outlet whose site name ends the page's ``<title>`` (its ``TextRules.title_suffix``):
    "… - ANTARA News" names Antara on a page with no ``og:site_name``."""
    for outlet in outlets.OUTLETS:
        suffix = outlet.text.title_suffix
        if title and suffix is not None and suffix.search(title):
            return outlet
    return None


def article_page(
    url: str | None, html: str | bytes | Document, fetched_at: datetime | None = None, outlet: Outlet | None = None
) -> ArticlePage:
    """The page object of the first of its outlet's layouts that recognises the page (``outlet``:
    read it as that outlet's, whatever its address); raises ``NotAnArticle``."""
    doc = html if isinstance(html, Document) else Document(html, url)
    outlet = outlet or page_outlet(doc, url)
    refuse_non_articles(doc, url, outlet)
    for layout in outlet.layouts:
        found = layout.recognise(doc, url)
        if found is not False:
            return layout(doc, url, fetched_at, found if isinstance(found, etree._Element) else None, outlet)
    if len(article_links(doc, url, outlet)) >= MIN_LISTING_LINKS:
        raise NotAnArticle("listing", "no article markup, many article links")
    raise NotAnArticle("unknown-layout", f"no layout of {outlet.name} matches and no NewsArticle JSON-LD")


def parse_html(url: str | None, html: str | bytes, fetched_at: datetime | None = None) -> Article:
    """Parse an article page of any outlet into an ``Article``."""
    return article_page(url, html, fetched_at).to_article()


def parse_text(text: str, url: str | None = None, fetched_at: datetime | None = None) -> Article:
    """Parse a plain-text rendering of an article page, by the text reader of its outlet (a
    rendering without a URL: of the first outlet whose reader takes it)."""
    if urls.host_of(url):
        outlet = outlets.outlet_of(url)
        reader = outlet.text_reader if outlet is not None else None
        if reader is None:
            raise NotAnArticle("no-text-layout", f"nothing reads text renderings of {urls.host_of(url)}")
        return reader(text, url, fetched_at)
    refusal: NotAnArticle | None = None
    for candidate in outlets.OUTLETS:
        reader = candidate.text_reader
        if reader is None:
            continue
        try:
            return reader(text, url, fetched_at)
        except NotAnArticle as exc:
            refusal = refusal or exc
    raise refusal or NotAnArticle("no-text-layout", "no outlet reads text renderings")


def parse(url: str | None, content: str | bytes, fetched_at: datetime | None = None) -> Article:
    """``parse_html`` or ``parse_text``, whichever the content is."""
    if is_html(content):
        return parse_html(url, content, fetched_at)
    text = content if isinstance(content, str) else decode(content)
    return parse_text(text, url, fetched_at)


def merge_pages(pages: list[Article]) -> Article:
    """One article from its pages in order: header from page 1, bodies concatenated,
    end-of-story parts (credit, "Pilihan Editor", related) from the last page that has them."""
    if not pages:
        raise ValueError("merge_pages needs at least one page")
    first = pages[0]
    if len(pages) == 1:
        return first
    paragraphs = [p for page in pages for p in page.body.split("\n\n") if p]
    return replace(
        first,
        body="\n\n".join(_drop_repeats(paragraphs)),
        credit=next((p.credit for p in reversed(pages) if p.credit), None),
        editor_pick=next((p.editor_pick for p in reversed(pages) if p.editor_pick), None),
        related=next((p.related for p in reversed(pages) if p.related), ()),
        read_also=tuple(dict.fromkeys(link for page in pages for link in page.read_also)),
        tags=dedupe([t for page in pages for t in page.tags]),
        pages=len(pages),
        warnings=tuple(dict.fromkeys(w for page in pages for w in page.warnings)),
    )


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    """Pages sometimes repeat the last paragraph of the previous page; keep one copy."""
    out: list[str] = []
    for paragraph in paragraphs:
        if not out or out[-1] != paragraph:
            out.append(paragraph)
    return out
