"""What a Tempo page means. Pure: no Scrapy, no database, no network (a test enforces it).

Entry points:

* ``parse_html(url, html, fetched_at=None) -> Article`` for any article layout era;
* ``parse_text(text, url=None, fetched_at=None) -> Article`` for plain-text renderings;
* ``parse(url, content, fetched_at=None)``: either, by sniffing the content;
* ``article_page(url, html, fetched_at=None)``: the page object, for callers that also
  need the next-page link;
* ``merge_pages(articles)``: one ``Article`` from the pages of a multi-page story;
* ``parse_listing(url, html, fetched_at=None) -> Listing`` for index and section pages.

Anything that is not an article raises ``NotAnArticle``; nothing else escapes. What every
``Article`` satisfies, whatever the layout, is ``invariants.py``; the one place that refuses
pages of other outlets is ``outlet.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from newscrawl import urls
from newscrawl.items import Article
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.clean import dedupe
from newscrawl.parsers.document import Document, decode
from newscrawl.parsers.e0 import E0Page
from newscrawl.parsers.e1 import E1Page
from newscrawl.parsers.e2 import E2Page
from newscrawl.parsers.e3 import E3Page
from newscrawl.parsers.errors import NotAnArticle
from newscrawl.parsers.kind import refuse_non_articles
from newscrawl.parsers.listing import Listing, article_links, parse_listing
from newscrawl.parsers.text import parse_text

__all__ = [
    "Listing",
    "NotAnArticle",
    "article_links",
    "article_page",
    "is_html",
    "merge_pages",
    "parse",
    "parse_html",
    "parse_listing",
    "parse_text",
]

_HTML_START = re.compile(
    r"^\s*(?:\ufeff)?\s*(?:<!doctype|<html|<head|<body|<\?xml|<!--|<meta|<div|<p\b)", re.IGNORECASE
)
_HTML_TAG = re.compile(r"<(?:html|head|body|div|p|article|main)\b[^>]*>", re.IGNORECASE)


def is_html(content: str | bytes) -> bool:
    """HTML or plain text? Decided from the start of the content, tags anywhere as a fallback."""
    head = content[:2048].decode("utf-8", "replace") if isinstance(content, bytes) else content[:2048]
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head))


def article_page(url: str | None, html: str | bytes | Document, fetched_at: datetime | None = None) -> ArticlePage:
    """The page object of the layout era the page belongs to; raises ``NotAnArticle``."""
    doc = html if isinstance(html, Document) else Document(html, url)
    refuse_non_articles(doc, url)
    for era in (E2Page, E3Page, E1Page, E0Page):
        marker = era.MARKER.first(doc.tree)
        if marker is not None:
            return era(doc, url, fetched_at, marker)
    if urls.is_e3_url(url):
        return E3Page(doc, url, fetched_at)
    if doc.ld_article:
        page = E3Page(doc, url, fetched_at)
        page.layout_warning = "layout: no known era markers; parsed from JSON-LD and meta"
        return page
    if len(article_links(doc, url)) >= 5:
        raise NotAnArticle("listing", "no article markup, many article links")
    raise NotAnArticle("unknown-layout", "no article markup and no NewsArticle JSON-LD")


def parse_html(url: str | None, html: str | bytes, fetched_at: datetime | None = None) -> Article:
    """Parse an article page of any layout era into an ``Article``."""
    return article_page(url, html, fetched_at).to_article()


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
