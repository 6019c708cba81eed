"""Okezone (okezone.com): its declaration (docs/outlets.md, "Okezone").

``<kanal>.okezone.com/read/YYYY/MM/DD/<sub-kanal id>/<id>/<slug>``: the number after the sub-kanal
id names the article, ``okezone:<id>``; the kanal subdomain is the section. Its layouts
(``okezone-2017``, ``okezone-2015``) are in ``layouts.py``; where it lists its articles in
``sources.py``.
"""

from __future__ import annotations

import re

from newscrawl.outlets.base import LISTING_PATH, Outlet
from newscrawl.outlets.okezone.sources import SOURCES
from newscrawl.outlets.rules import Paging, RelatedRules, TextRules


class Okezone(Outlet):
    name = "okezone"
    hosts = ("okezone.com",)
    site_names = re.compile(r"\bokezone\b", re.IGNORECASE)
    # Also on m.okezone.com, the same path (its kanal is then unknown: no section, the same key).
    ARTICLE = re.compile(r"^/read/\d{4}/\d\d/\d\d/\d+/(?P<id>\d+)(?:/[^/?#]*)?/?$")
    # Its video and TV sites, which every page links: no articles.
    NOT_ARTICLE = re.compile(r"^(?:video|tv)\.okezone\.com")
    # Sub-kanal pages (/nasional), "more" lists and the per-article feeds list or repeat articles.
    LISTING = re.compile(rf"{LISTING_PATH.pattern}|^/[a-z-]+/?$|^/(?:more|feed\w*)/", re.IGNORECASE)
    text = TextRules(
        # "… :: Okezone News" (2015), "… - Health :: Okezone Lifestyle" (one word, the rubric, before the
        # site's "::"; a title's own "- Ini Hasilnya" stays), "… : Okezone Celebrity" (2017): in <title>,
        # and in og:title where a page puts it there.
        title_suffix=re.compile(r"(?:(?:\s+-\s+\w+)?\s+::|\s+[:|-])\s+Okezone(?:\s+\w+)?$", re.IGNORECASE),
        # The comment counter closing the 2017 story's container ("0 Komentar"), and the promos the
        # 2026 template puts in its text (described: the generic layout reads that template).
        boilerplate=(
            r"\d+\ komentar",
            r"follow\ berita\ okezone\ di\ (?:whatsapp\ channel|google\ news)",
            r"telusuri\ berita\ .{2,60}\ lainnya",
        ),
    )
    related = RelatedRules(
        # "Berita Rekomendasi" after the story and the floating "Baca Juga" box, in this order.
        boxes=("//div[contains(@class, 'meta-bottom-content')]", "//div[@id='artikelbox']"),
    )
    # ?page=2 selects a page; ?page=all gives them all (the 2026 template, described).
    paging = Paging(params=("page",), all_pages=("page", "all"))
    sources = SOURCES


OUTLET = Okezone()
