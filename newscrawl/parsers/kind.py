"""What a page is, decided before it is read as an article: a video, an error template or a
listing each raise ``NotAnArticle`` with that reason.

A listing is recognised by what it is, not only by its URL: no article id in its URL (nor, on a
site without a package, an article's form), no article JSON-LD, and links to many articles (a
monthly archive such as cekfakta's ``/2021/10`` has an era's article markers all over it, but is
still a list of cards).
"""

from __future__ import annotations

import re

from newscrawl import urls
from newscrawl.outlets.base import Outlet
from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.document import Document, ld_text
from newscrawl.parsers.errors import NotAnArticle
from newscrawl.parsers.listing import article_links
from newscrawl.parsers.query import text_of

# Links to this many distinct articles, on a page that is not one, make a listing.
MIN_LISTING_LINKS = 5
_ERROR_TITLE = re.compile(
    r"^(?:404\b.*|.*\b(?:halaman|page|artikel|berita)\s+(?:(?:yang\s+anda\s+cari\s+)?tidak|tak|not)\s+"
    r"(?:ditemukan|found|tersedia)\b.*|not\s+found)$",
    re.IGNORECASE,
)


def refuse_non_articles(doc: Document, url: str | None, outlet: Outlet) -> None:
    """Raise ``NotAnArticle`` for a page of ``outlet`` that is not an article."""
    host = urls.host_of(url) or ""
    if host.startswith("video.") or urls.path_of(url).startswith("/video/") or _og_type(doc).startswith("video"):
        raise NotAnArticle("video", "video page")
    heading = next(doc.tree.iter("h1"), None)
    heading_text = clean_text(text_of(heading)) if heading is not None else ""
    error = next((t for t in (heading_text, doc.title_tag) if _ERROR_TITLE.match(t)), None)
    if error and not doc.ld_article:
        raise NotAnArticle("error-page", f"error template: {error!r}")
    address = url or doc.canonical
    if doc.ld_article or not address:
        return
    if outlet.is_listing_url(address):
        raise NotAnArticle("listing", f"listing URL {urls.path_of(address)!r}")
    # An address that names an article (by its number, or by its form on a site without a package)
    # is one, however many links it holds.
    named = (outlet.article_id(a) is not None or outlet.is_article_url(a) for a in (address, doc.canonical))
    if not any(named):
        linked = len(article_links(doc, url, outlet))
        if linked >= MIN_LISTING_LINKS:
            raise NotAnArticle("listing", f"no article id in the URL, no article JSON-LD, links to {linked} articles")


def site_names(doc: Document) -> tuple[str, ...]:
    """The names the page gives its site: ``og:site_name`` and the JSON-LD publisher."""
    return tuple(name for name in (doc.meta.get("og:site_name", ""), ld_text(doc.ld_article.get("publisher"))) if name)


def _og_type(doc: Document) -> str:
    return doc.meta.get("og:type", "")
