"""detik (detik.com): its declaration — hosts, URL rules and key, text rules, related boxes, paging and
where it lists its articles (docs/outlets.md, "detik"). Its layouts (``detik-2023``, ``detik-2015``)
are in ``layouts.py``, loaded when a detik page is parsed.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from newscrawl import urls
from newscrawl.outlets.base import Outlet
from newscrawl.outlets.rules import SHARED_DATELINES, Paging, RelatedRules, Source, TextRules

# The kanals, each a section with its own index; a subdomain with its news sitemap, but for those
# under www.detik.com (the 2024 index page's kanal menu: www.detik.com/edu/indeks, /hikmah/indeks).
KANALS = frozenset(
    ("news", "finance", "inet", "health", "sport", "oto", "travel", "food", "hot", "wolipop", "edu", "hikmah")
)
ON_WWW = frozenset(("edu", "hikmah"))
# The AMP form of a 2021-on article is its URL with /amp after it.
_AMP = re.compile(r"/amp/?$")


class Detik(Outlet):
    name = "detik"
    hosts = ("detik.com",)
    site_names = re.compile(r"detik", re.IGNORECASE)
    # Three forms share one id sequence: 2021 on /<kanal path>/d-<id>/<slug>[/amp]; 2015
    # [/<kanal>]/read/YYYY/MM/DD/<HHMMSS>/<id>/<kanal id>/<slug> and photo stories
    # /readfoto/…/<id>/<kanal id>/<photo n>/<slug>; mid-2015 news.detik.com /<kanal>/<id>/<slug>
    # (/berita/2943745/…, /bbc-world/2945405/…). A shortest kanal path first, so the 2015 form's
    # date is never taken for it.
    ARTICLE = re.compile(
        r"^/+(?:[\w-]+/)*?(?:d-|read(?:foto)?/\d{4}/\d\d/\d\d/\d{6}/|(?=\d{6,}/))"
        r"(?P<id>\d+)(?:/\d+){0,2}/[^/]+(?:/amp)?/?$"
    )
    # Videos: the 20.detik.com kanal and the 2015 /readvideo/ form.
    NOT_ARTICLE = re.compile(r"^20\.detik\.com|/readvideo/")
    MOBILE_HOSTS = MappingProxyType({"m.detik.com": "www.detik.com"})
    text = TextRules(
        # "<strong>Jakarta</strong> - ": the place alone, without the site's name, before the shared forms.
        datelines=(re.compile(r"^(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+[-–—]\s"), *SHARED_DATELINES),
        title_suffix=re.compile(r"\s+[-|]\s+detik\w*$", re.IGNORECASE),
        boilerplate=(
            r"\[gambas:[^\]]*\]",  # embed placeholders: [Gambas:Twitter], [Gambas:Video 20detik]
            r"simak\ (?:juga\ )?video\b.*",  # the video promo after the story, "Simak Video:" too
            r"scroll\ to\ resume\ content",  # the parallax ad's caption
        ),
    )
    related = RelatedRules(
        # One walk over the page: 2023 "Berita Terkait" ("Berita detikcom Lainnya" is the site's feed, no
        # related box); 2015 "Baca Juga" and "Foto Video Terkait" (kanal article, photo story), and the
        # "Baca Juga" after the mid-2015 article.
        boxes=(
            "//div[contains(@class, 'cb-berita-terkait') or @id = 'bacajugabox'"
            " or contains(concat(' ', normalize-space(@class), ' '), ' bacajuga ')]",
        ),
    )
    paging = Paging(params=("page",))
    sources = (
        Source("home", "https://www.detik.com/"),
        Source("section", "https://{section}.detik.com/", KANALS - ON_WWW),
        Source("section", "https://www.detik.com/{section}", ON_WWW, note="seen in the 2024 kanal menu"),
        Source(
            "index",
            "https://{section}.detik.com/indeks/{page}?date={day:%m/%d/%Y}",
            KANALS - ON_WWW,
            note="the pager seen (news, 2024: /indeks/2, 20 a page, up to 500) with the date, month first (medium)",
        ),
        Source(
            "index",
            "https://www.detik.com/{section}/indeks/{page}?date={day:%m/%d/%Y}",
            ON_WWW,
            note="www.detik.com/<kanal>/indeks seen in the 2024 kanal menu; paged as the others (medium)",
        ),
        Source("sitemap", "https://{section}.detik.com/sitemap_news.xml", KANALS - ON_WWW, note="per kanal (medium)"),
        Source(
            "feed",
            "https://rss.detik.com/index.php/detikcom",
            note="seen in 2015 (feedsportal: the article URL in <guid>, true GMT); may be gone (low)",
        ),
    )

    def canonicalize(self, url: str, *, keep_page: bool = True) -> str:
        """As every outlet's, with an article's AMP form (``…/<slug>/amp``) as the article."""
        canonical = super().canonicalize(url, keep_page=keep_page)
        path = urls.path_of(canonical)
        if _AMP.search(path) and self.ARTICLE is not None and self.ARTICLE.match(path):
            return canonical.replace(path, _AMP.sub("", path), 1)
        return canonical


OUTLET = Detik()
