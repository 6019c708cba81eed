"""Tempo's layouts, in the order they are tried (docs/layouts.md): each era by its markers (E2, E3,
E1, E0), then a page without markers at an E3 address, then any page with a NewsArticle JSON-LD,
read as E3 from JSON-LD and meta with a warning. ``read_text`` reads plain-text renderings."""

from __future__ import annotations

from lxml import etree

from newscrawl.outlets.tempo import urls
from newscrawl.outlets.tempo.e0 import E0Page
from newscrawl.outlets.tempo.e1 import E1Page
from newscrawl.outlets.tempo.e2 import E2Page
from newscrawl.outlets.tempo.e3 import E3Page
from newscrawl.outlets.tempo.text import parse_text as read_text
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.document import Document

__all__ = ["LAYOUTS", "read_text"]


class E3ByAddress(E3Page):
    """A page at a www.tempo.co ``/<rubric>/<slug>-<id>`` address that shows none of E3's markers."""

    @classmethod
    def recognise(cls, doc: Document, url: str | None) -> etree._Element | bool:
        return urls.is_e3_url(url)


class E3FromJsonLd(E3Page):
    """A page with no era's markers but a NewsArticle JSON-LD: read from it and its metas, as E3."""

    @classmethod
    def recognise(cls, doc: Document, url: str | None) -> etree._Element | bool:
        return bool(doc.ld_article)

    def layout_warning(self) -> str:
        return "layout: no known era markers; parsed from JSON-LD and meta"


LAYOUTS: tuple[type[ArticlePage], ...] = (E2Page, E3Page, E1Page, E0Page, E3ByAddress, E3FromJsonLd)
