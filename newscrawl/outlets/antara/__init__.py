"""Antara (antaranews.com): its declaration (docs/outlets.md, "Antara").

``/berita/<id>/<slug>`` on www and on its channel hosts (``otomotif.antaranews.com``), one id
sequence across them: ``antara:<id>``. Its layout (``antara-2015``) is in ``layouts.py``; where it
lists its articles in ``sources.py``.
"""

from __future__ import annotations

import re

from newscrawl.outlets.antara.sources import SOURCES
from newscrawl.outlets.base import LISTING_PATH, Outlet
from newscrawl.outlets.rules import SHARED_DATELINES, Paging, RelatedRules, TextRules

# "Mataram, NTB (ANTARA News) -", "Jakarta (ANTARA News) -", "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --":
# the place, an optional province or date, the agency in brackets.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}(?:,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})?)"
    r"(?:,\s*\d{1,2}\s+\w+\s+\d{4})?\s*\((?:ANTARA|Antara)[^)]{0,30}\)\s*[-–—]{1,2}"
)


class Antara(Outlet):
    name = "antara"
    hosts = ("antaranews.com",)
    site_names = re.compile(r"\bantara\b", re.IGNORECASE)
    ARTICLE = re.compile(r"^/berita/(?P<id>\d+)(?:/[^/?#]*)?/?$")
    # Channel and sub-channel pages (/nasional, /nasional/info-keagamaan), topics (/tag/78/…), focus
    # pages (/fokus/…) list articles.
    LISTING = re.compile(rf"{LISTING_PATH.pattern}|^/[a-z-]+(?:/[a-z-]+)?/?$|^/(?:fokus|tag)/", re.IGNORECASE)
    text = TextRules(
        datelines=(_DATELINE, *SHARED_DATELINES),
        title_suffix=re.compile(r"\s+[-|]\s+ANTARA\s+News.*$", re.IGNORECASE),
        # The closing copyright line: "COPYRIGHT © ANTARA 2015" (www), "COPYRIGHT © 2016" (otomotif).
        boilerplate=(r"copyright\ ©(?:\ antara)?\ \d{4}",),
    )
    related = RelatedRules(
        # "Berita Lainnya" after the story and the floating "Baca Juga" box, in this order.
        boxes=("//div[contains(@class, 'terkait_bottom')]", "//div[@id='box_fly']"),
    )
    paging = Paging(params=("page",))
    sources = SOURCES


OUTLET = Antara()
