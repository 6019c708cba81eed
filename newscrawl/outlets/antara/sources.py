"""Where Antara lists its articles (docs/outlets.md, "Antara", Discovery), for the spiders.

Seen: the 2015 RSS ``/rss/news.xml`` (20 items, ``<link>`` the article URL, ``pubDate`` in
+0700) and the per-channel feeds the 2015–16 pages name in ``link[rel=alternate]``
(``/rss/terkini``, ``/rss/nasional`` …). Described (medium): ``/terkini?page=N``. No sitemap and no
dated index are known from a saved page or a description; regional hosts are other sites.
"""

from __future__ import annotations

from newscrawl.outlets.rules import Source

WWW = "https://www.antaranews.com"
# The feeds of the 2015-16 pages' link[rel=alternate].
FEEDS = frozenset(
    {
        "terkini",
        "top-news",
        "nasional",
        "internasional",
        "ekonomi",
        "olahraga",
        "hiburan",
        "teknologi",
        "warta-bumi",
        "artikel",
    }
)

SOURCES = (
    Source("home", WWW + "/"),
    Source("feed", WWW + "/rss/news.xml", note="2015 (seen)"),
    Source("feed", WWW + "/rss/{section}", FEEDS, "per channel, seen in link[rel=alternate] (2015-16)"),
    Source("index", WWW + "/terkini?page={page}", note="latest news, paged, no date (described, medium)"),
)
