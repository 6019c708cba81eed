"""Where Republika lists its articles (docs/outlets.md, "Republika", Discovery), for the spiders.

Seen: the 2015 RSS ``www.republika.co.id/rss/`` (10 items, ``pubDate`` in +0700, a leading newline).
Described (medium): the index ``/index/<offset>`` and ``/index/<offset>/<YYYY>/<MM>/<DD>`` (fifty a
page: the offset is 0, 50, 100 …), per kanal ``/index/<kanal>/<offset>``, the sitemap
``files/xml/sitemap.xml``, per-kanal RSS ``/rss/<kanal>``; robots.txt forbids ``/feed/*``.
"""

from __future__ import annotations

from newscrawl.outlets.rules import Source

WWW = "https://www.republika.co.id"
KANALS = frozenset({"nasional", "internasional", "ekonomi", "khazanah", "leisure", "sepakbola", "inpicture"})

SOURCES = (
    Source("home", WWW + "/"),
    Source("section", "https://{section}.republika.co.id/", KANALS),
    Source("feed", WWW + "/rss/", note="seen (2015)"),
    Source("feed", WWW + "/rss/{section}", KANALS, "per kanal (described, medium)"),
    Source("sitemap", "https://republika.co.id/files/xml/sitemap.xml", note="described, medium"),
    Source(
        "index",
        "https://republika.co.id/index/{offset}/{day:%Y/%m/%d}",
        note="daily index of fifty a page at offset 0, then 50, 100 … (described, medium)",
        step=50,
    ),
)
