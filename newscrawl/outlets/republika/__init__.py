"""Republika (republika.co.id, and ihram.co.id for its hajj pages): its declaration (docs/outlets.md,
"Republika").

``<kanal>.republika.co.id/berita/<kanal>/<sub-kanal>/YY/MM/DD/<code>-<slug>``: the code names the
article (no number: ``article_id`` is ``None``), ``republika:<code>``, the same for its short form
``/r/<code>``, the In Picture photos ``<url>-1`` … and the ihram.co.id copy of a hajj page. Its
layouts (``republika-2017``, ``republika-2016``) are in ``layouts.py``; where it lists its articles
in ``sources.py``.
"""

from __future__ import annotations

import re

from newscrawl.outlets.base import LISTING_PATH, Outlet
from newscrawl.outlets.republika.sources import SOURCES
from newscrawl.outlets.rules import Paging, RelatedRules, TextRules


class Republika(Outlet):
    name = "republika"
    # ihram.co.id serves the jurnal-haji pages under the same paths and codes.
    hosts = ("republika.co.id", "ihram.co.id")
    site_names = re.compile(r"\brepublika\b|\bihram\.co\.id\b", re.IGNORECASE)
    # 2015–17 /berita/<kanal>/<sub-kanal>/YY/MM/DD/<code>-<slug>, the 2026 /berita/<code>/<slug>
    # (described), the short /r/<code> and the AMP m.republika.co.id/amp_version/<code> (both in the
    # 2016 pages); a code has letters and digits.
    ARTICLE = re.compile(
        r"^/(?:berita/(?:(?P<section>[\w-]+)/[\w-]+/\d\d/\d\d/\d\d/)?|r/|amp_version/)"
        r"(?P<key>(?=[a-z]*\d)[0-9a-z]{6,12})(?:[-/][^/?#]*)?/?$"
    )
    # Its videos (video.republika.co.id/berita/video/…): no articles.
    NOT_ARTICLE = re.compile(r"^video\.|/berita/video/")
    # Kanal pages (/kanal/news/nasional) and the hot-topic indexes (/indeks/hot_topic/…) list articles.
    LISTING = re.compile(rf"{LISTING_PATH.pattern}|^/kanal/", re.IGNORECASE)
    text = TextRules(
        title_suffix=re.compile(r"\s+\|\s+(?:Republika\s+Online|ihram\.co\.id)$", re.IGNORECASE),
    )
    related = RelatedRules(
        # "Berita Terkait" (2016), "FOTO TERKAIT:" (In Picture), "BERITA TERKAIT" (2017); never the
        # "Berita Lainnya" latest news. Relative: the layouts look for them in the article's column.
        boxes=(
            ".//div[contains(@class, 'detail-terkait-1')]",
            ".//div[contains(@class, 'box-ft')]",
            ".//div[contains(@class, 'terkait')][div[contains(@class, 'kop-terkait')][contains(., 'TERKAIT')]]",
        ),
    )
    paging = Paging(params=("page",))
    sources = SOURCES


OUTLET = Republika()
