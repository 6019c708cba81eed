"""TEMPLATE of an outlet package's declaration: copy ``_template/`` to ``newscrawl/outlets/<name>/``,
rename the class, fill in every attribute from the outlet's pages (docs/outlets.md has them per
outlet) and list ``OUTLET`` once in ``newscrawl/outlets/__init__.py``. Everything here is an example
for a made-up outlet, Contoh (contoh.co.id); keep a value only where the outlet's pages show it.

The declaration is data and URL rules only: it may import ``newscrawl.urls``, ``newscrawl.items``,
``newscrawl.outlets.base`` and ``newscrawl.outlets.rules`` (and its own modules), never a parser, never
another outlet (tests/test_layering.py). Its layouts are in ``layouts.py``.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from newscrawl.outlets.base import Outlet
from newscrawl.outlets.rules import SHARED_DATELINES, Paging, RelatedRules, Source, TextRules


class Contoh(Outlet):
    # The package's name: Article.outlet, the prefix of its deduplication keys ("contoh:<id>").
    name = "_template"
    # Its sites; every subdomain of each is the outlet's (news.contoh.co.id, m.contoh.co.id).
    hosts = ("contoh.co.id",)
    # The names its pages give their site (og:site_name, the JSON-LD publisher), for a page saved alone.
    site_names = re.compile(r"\bcontoh\b", re.IGNORECASE)
    # An article's path: "id" the outlet's number (article_id, and the key), "section" where the path names
    # it (else the kanal subdomain is the section). Without a number, a "key" group names the article.
    ARTICLE = re.compile(r"^/(?P<section>[a-z-]+)/read/(?P<id>\d+)/[^/?#]+/?$")
    # Pages of the article form that are no articles (its videos); matched on host + path.
    NOT_ARTICLE = re.compile(r"^video\.|/video/")
    # Mobile and AMP hosts, as the host of the canonical URL.
    MOBILE_HOSTS = MappingProxyType({"m.contoh.co.id": "www.contoh.co.id"})
    text = TextRules(
        # "JAKARTA, CONTOH.co.id -" is among the shared forms; an outlet's own form goes first.
        datelines=(re.compile(r"^(?P<place>[A-Z][A-Za-z ]{2,30}), Contoh\s+[-–]\s"), *SHARED_DATELINES),
        title_suffix=re.compile(r"\s+[-|]\s+Contoh\.co\.id$"),
        boilerplate=(r"simak\ juga\ video\ .*",),  # whole lines, regular expressions (verbose, any case)
        paywall="Contoh+",
    )
    related = RelatedRules(
        # The related boxes by their markup, read in order, deduplicated by URL (hidden copies too);
        # without them the boxes are found by their headings (RelatedRules.headings).
        boxes=("//div[contains(@class, 'berita-terkait')]",),
    )
    # ?page=2 selects a page; ?page=all asks for all of them in one document.
    paging = Paging(params=("page",), all_pages=("page", "all"))
    # Where it lists its articles, for the spiders: {section}, {day:%Y-%m-%d} and {page} are filled in.
    sources = (
        Source("home", "https://www.contoh.co.id/"),
        Source("section", "https://{section}.contoh.co.id/", frozenset({"news", "bisnis"})),
        Source("feed", "https://www.contoh.co.id/rss"),
        Source("sitemap", "https://www.contoh.co.id/sitemap_news.xml"),
        Source("index", "https://www.contoh.co.id/indeks?date={day:%m/%d/%Y}&page={page}", note="paged, month first"),
    )


OUTLET = Contoh()
