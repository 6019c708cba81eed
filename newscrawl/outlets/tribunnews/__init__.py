"""Tribunnews (tribunnews.com): its declaration — hosts, URL rules and key, text rules, related boxes,
paging and where it lists its articles (docs/outlets.md, "Tribunnews"). Its layouts
(``tribunnews-2020``, ``tribunnews-2015``) are in ``layouts.py``, loaded when a Tribunnews page is parsed.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from newscrawl import urls
from newscrawl.outlets.base import PLAIN_HOSTS, Outlet
from newscrawl.outlets.rules import SHARED_DATELINES, Paging, RelatedRules, Source, TextRules

# Sections of www.tribunnews.com seen in the saved pages and the discovery notes.
SECTIONS = frozenset(
    ("nasional", "regional", "internasional", "bisnis", "metropolitan", "pendidikan", "sport", "seleb", "kesehatan")
)
# The AMP form: m.tribunnews.com/amp/<path>.
_AMP = re.compile(r"^/amp(?=/)")


class Tribunnews(Outlet):
    name = "tribunnews"
    hosts = ("tribunnews.com",)
    site_names = re.compile(r"tribun", re.IGNORECASE)
    # /<section>/YYYY/MM/DD/<slug> on www (the regional sites, jogja.tribunnews.com, without the
    # section), /amp/… on m.: no number, so the path is the key ("key"). Said of 2026 (medium):
    # /<section>/<id>/<slug>, keyed by the number.
    ARTICLE = re.compile(
        r"^/(?:amp/)?(?:(?P<key>(?:(?P<section>[a-z][a-z0-9-]*)/)?\d{4}/\d\d/\d\d/[^/]+?)"
        r"|(?P<section2>[a-z][a-z0-9-]*)/(?P<id>\d{5,})/[^/]+?)/?$"
    )
    NOT_ARTICLE = re.compile(r"/video(?:/|-)|/(?:foto|gallery)/")
    MOBILE_HOSTS = MappingProxyType({"m.tribunnews.com": "www.tribunnews.com"})
    text = TextRules(
        # "TRIBUNNEWS.COM, JAKARTA -" is a shared form; "TRIBUNNEWS.COM -" names no place.
        datelines=SHARED_DATELINES,
        title_suffix=re.compile(r"\s+-\s+Tribunnews\.com$", re.IGNORECASE),
        boilerplate=(r"halaman\ selanjutnya", r"halaman\ berikutnya"),
    )
    related = RelatedRules(
        boxes=(
            # 2020: the "Baca Juga" cards after the body, one table each, every link twice
            "//span[normalize-space() = 'Baca Juga']/parent::*/parent::div[.//table]",
            # 2015: the "Baca Juga" list beside the "Terkait" tag
            "id('related')//div[contains(@class, 'lsi-3')]",
        ),
    )
    paging = Paging(params=("page",))
    sources = (
        Source("home", "https://www.tribunnews.com/"),
        Source("section", "https://www.tribunnews.com/{section}", SECTIONS),
        Source("feed", "https://www.tribunnews.com/rss", note="seen (2020); its links point to the home page in 2026"),
        Source("sitemap", "https://www.tribunnews.com/{section}/sitemap-news.xml", SECTIONS, note="medium"),
        Source("index", "https://www.tribunnews.com/index-news?page={page}", note="latest first, about 10 pages"),
        Source(
            "index",
            "https://www.tribunnews.com/index-news/{section}?date={day:%Y-%m-%d}&page={page}",
            SECTIONS,
            note="per section (medium); the date parameter is described, not seen (low)",
        ),
    )

    def key(self, url: str | None) -> str | None:
        """``tribunnews:<path>`` (``pendidikan/2020/05/04/<slug>``), a regional site's with its name before
        it (``jogja:2020/05/04/<slug>``); ``tribunnews:<id>`` for the numbered form."""
        match = self.match(url)
        if match is None:
            return None
        if match["id"]:
            return f"{self.name}:{match['id']}"
        sub = (urls.host_of(url) or "").removesuffix(".tribunnews.com").removesuffix("tribunnews.com")
        site = "" if sub in PLAIN_HOSTS or not sub else f"{sub}:"
        return f"{self.name}:{site}{match['key']}"

    def section_of(self, url: str | None) -> str | None:
        match = self.match(url)
        if match is not None and match["section2"]:
            return match["section2"]
        return super().section_of(url)

    def canonicalize(self, url: str, *, keep_page: bool = True) -> str:
        """As every outlet's, with the AMP form (``m.tribunnews.com/amp/<path>``) as the article."""
        canonical = super().canonicalize(url, keep_page=keep_page)
        path = urls.path_of(canonical)
        return canonical.replace(path, _AMP.sub("", path), 1) if _AMP.match(path) else canonical


OUTLET = Tribunnews()
