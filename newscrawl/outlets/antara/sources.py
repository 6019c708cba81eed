"""Where Antara lists its articles (docs/outlets.md, "Antara", Discovery), for the spiders.

Seen: the 2015 RSS ``/rss/news.xml`` (20 items, ``<link>`` the article URL, ``pubDate`` in
+0700). Described (medium): ``/terkini?page=N`` and the ``/rss/`` feeds. No sitemap and no dated
index are known from a saved page or a description; regional hosts are other sites.
"""

from __future__ import annotations

from newscrawl.outlets.rules import Source

WWW = "https://www.antaranews.com"

SOURCES = (
    Source("home", WWW + "/"),
    Source("feed", WWW + "/rss/news.xml", note="2015 (seen)"),
    Source("feed", WWW + "/rss/", note="feed list (described, medium)"),
    Source("index", WWW + "/terkini?page={page}", note="latest news, paged, no date (described, medium)"),
)
