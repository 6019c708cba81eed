"""Liputan6 (liputan6.com): its declaration (docs/outlets.md, "Liputan6").

One article has up to four spellings — the 2015–16 channel host (``tekno.liputan6.com/read/<id>/…``),
the channel path on www and m (``www.liputan6.com/hot/read/<id>/…``), AMP (``m.liputan6.com/amp/<id>/…``)
and, for photo stories, ``photo.liputan6.com/<category>/<slug>-<id>`` — all keyed by the number:
``liputan6:<id>``. Its layouts (``liputan6-2022-mobile``, ``liputan6-2016``, ``liputan6-2015``) are in
``layouts.py``; where it lists its articles in ``sources.py``.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from newscrawl.outlets.base import LISTING_PATH, Outlet
from newscrawl.outlets.liputan6.sources import SOURCES
from newscrawl.outlets.rules import SHARED_DATELINES, Paging, RelatedRules, TextRules

# "Liputan6.com, Jakarta Punya rumah…": the 2016 and 2022 templates often drop the dash after the
# place, which then ends at its one word (the shared forms, tried first, take a dash and longer names).
_DATELINE_WITHOUT_DASH = re.compile(r"^Liputan6\.com\s*,\s*(?P<place>[A-Z][a-z]+)(?=\s+[A-Z\"“])")


class Liputan6(Outlet):
    name = "liputan6"
    hosts = ("liputan6.com",)
    site_names = re.compile(r"\bliputan6\b", re.IGNORECASE)
    # /read/<id>/<slug> on a channel host, /<channel>/read/<id>/<slug> on www and m, /amp/<id>/<slug>,
    # and the photo (and video) stories' /<category>/<slug>-<id>.
    ARTICLE = re.compile(
        r"^/(?:(?:(?P<section>[a-z0-9-]+)/)?(?:read|amp)/|(?!tag/|kategori/)[\w-]+/[\w-]+-(?=\d{6,}/?$))"
        r"(?P<id>\d+)(?:/[^/?#]*)?/?$"
    )
    # Videos share the photo stories' form: no articles.
    NOT_ARTICLE = re.compile(r"^video\.")
    # The channel pages (/news, /hot) and their categories (/kategori/telko) list articles.
    LISTING = re.compile(rf"{LISTING_PATH.pattern}|^/[a-z0-9-]+/?$|^/(?:[a-z0-9-]+/)?kategori/", re.IGNORECASE)
    # The related links of a mobile page point to m.; its og:url writes www.
    MOBILE_HOSTS = MappingProxyType({"m.liputan6.com": "www.liputan6.com"})
    text = TextRules(
        datelines=(*SHARED_DATELINES, _DATELINE_WITHOUT_DASH),
        title_suffix=re.compile(r"\s+[-|]\s+(?:[\w ]+\s)?Liputan6\.com$", re.IGNORECASE),
        boilerplate=(r"lanjutkan\ membaca\ ?↓?", r"perbesar"),
    )
    related = RelatedRules(
        # "Related News" (2015–16) and the mobile "Rekomendasi" tab: cards of the one box.
        boxes=("//*[@id='related-news']",),
    )
    # The 2022 page holds every page of the article in one document (``div.article-content-body__item``).
    paging = Paging(params=("page",), in_one_document=True)
    sources = SOURCES


OUTLET = Liputan6()
