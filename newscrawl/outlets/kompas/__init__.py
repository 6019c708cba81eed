"""Kompas (kompas.com): its declaration — hosts, URL rules and key, text rules, related boxes,
paging and where it lists its articles (docs/outlets.md, "Kompas"). Its layouts (``kompas-2023``,
``kompas-2015``) are in ``layouts.py``, loaded when a Kompas page is parsed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from newscrawl import urls
from newscrawl.outlets.base import Outlet
from newscrawl.outlets.rules import SHARED_DATELINES, Paging, RelatedRules, Source, TextRules

# Kanals seen in the saved pages and their discovery notes; a spider may be given any other.
KANALS = frozenset(("nasional", "regional", "internasional", "money", "bola", "tekno", "otomotif", "health"))
# The AMP form of an article: amp.kompas.com/<kanal>/read/… is <kanal>.kompas.com/read/….
_AMP = re.compile(r"^/(?P<kanal>[a-z]+)(?P<rest>/read/.*)$")
# The 2016 index links its articles as /read/xml/YYYY/…: the same page as /read/YYYY/….
_XML = re.compile(r"^/read/xml/")


class Kompas(Outlet):
    name = "kompas"
    hosts = ("kompas.com",)
    site_names = re.compile(r"\bkompas(?:\.com)?\b", re.IGNORECASE)
    # /read/YYYY/MM/DD/<number>/<slug> on the kanal's host (money.kompas.com), the 2016 index's
    # /read/xml/… form, and the AMP and www forms with the kanal in the path (amp.kompas.com/money/read/…,
    # www.kompas.com/tren/read/…). The number is the time of day and a counter: unique only within
    # its date, so the key is the date and the number. Old slugs are dotted Title.Case words.
    ARTICLE = re.compile(
        r"^/(?:(?P<section>[a-z]+)/)?read/(?:xml/)?(?P<year>\d{4})/(?P<month>\d\d)/(?P<day>\d\d)/(?P<id>\d{6,12})"
        r"/[^/]+/?$"
    )
    # Its video and photo kanals use the same /read/ form.
    NOT_ARTICLE = re.compile(r"^(?:video|vik|foto)\.kompas\.com")
    text = TextRules(
        # "LHOKSEUMAWE, KOMPAS.com –" and "JAKARTA, KOMPAS.com -" are among the shared forms.
        datelines=SHARED_DATELINES,
        title_suffix=re.compile(r"\s+-\s+Kompas\.com(?:\s+[A-Z][a-z]+)?$"),
        paywall="Kompas.com+",
    )
    related = RelatedRules(
        boxes=(
            # 2023: "Artikel Terkait", "Berita Terkait" and its hidden copy (the same links, deduplicated)
            "//div[contains(@class, 'aTerkait')]",
            "//div[contains(@class, 'related__inline')]",
            "//div[contains(@class, 'terkait-dev')]",
            # 2015-16: "Terkait" / "Berita Terkait" beside the body, the bola kanal's "Baca Juga" after it
            "//div[contains(@class, 'kcm-read-terkait')]",
        ),
    )
    # ?page=2 is page 2; ?page=all is every page in one document.
    paging = Paging(params=("page",), all_pages=("page", "all"))
    sources = (
        Source("home", "https://www.kompas.com/"),
        Source("section", "https://{section}.kompas.com/", KANALS),
        Source("sitemap", "https://{section}.kompas.com/sitemap.xml", KANALS, note="per kanal (medium)"),
        Source(
            "index",
            "https://indeks.kompas.com/?site=all&date={day:%Y-%m-%d}&page={page}",
            note="paged; site=<kanal> for one kanal (medium: ?page=N and &site= described, the date parameter low)",
        ),
        Source("index", "https://indeks.kompas.com/?site={section}&page={page}", KANALS, note="latest first"),
    )

    def key(self, url: str | None) -> str | None:
        """``kompas:<YYYYMMDD><number>``: the number repeats across days, the slug does not count."""
        match = self.match(url)
        if match is None:
            return None
        return f"{self.name}:{match['year']}{match['month']}{match['day']}{match['id']}"

    def canonicalize(self, url: str, *, keep_page: bool = True) -> str:
        """As every outlet's, with the AMP form (``amp.kompas.com/<kanal>/read/…``) as the kanal's page and
        the 2016 index's ``/read/xml/…`` as ``/read/…``."""
        parts = urlsplit(url.strip())
        amp = _AMP.match(parts.path) if urls.host_of(url) in ("amp.kompas.com", "m.kompas.com") else None
        host = f"{amp['kanal']}.kompas.com" if amp else parts.netloc
        path = _XML.sub("/read/", amp["rest"] if amp else parts.path)
        return super().canonicalize(urlunsplit((parts.scheme, host, path, parts.query, "")), keep_page=keep_page)


OUTLET = Kompas()
