"""Where Okezone lists its articles (docs/outlets.md, "Okezone", Discovery), for the spiders.

Seen: the 2015 home page (22 article links) and the feeds its pages name in
``link[rel=alternate]``: ``www.okezone.com/feed``, ``<kanal>.okezone.com/feed`` and the syndication
RSS ``sindikasi.okezone.com/index.php/rss/0/RSS2.0``. Described (medium): the daily kanal index
``<kanal>.okezone.com/indeks/Y/M/D`` (then ``/<offset>``, ten at a time) and ``index.okezone.com``.
No sitemap is known from a saved page or a description.
"""

from __future__ import annotations

from newscrawl.outlets.rules import Source

KANALS = frozenset({"news", "economy", "sports", "bola", "lifestyle", "techno", "celebrity", "travel", "otomotif"})

SOURCES = (
    Source("home", "https://www.okezone.com/"),
    Source("section", "https://{section}.okezone.com/", KANALS),
    Source("feed", "https://www.okezone.com/feed", note="seen in link[rel=alternate] (2015-17)"),
    Source("feed", "https://{section}.okezone.com/feed", KANALS, "seen in link[rel=alternate] (2015-17)"),
    Source("feed", "https://sindikasi.okezone.com/index.php/rss/0/RSS2.0", note="syndication RSS (seen, 2015)"),
    Source(
        "index",
        "https://{section}.okezone.com/indeks/{day:%Y/%m/%d}/{offset}",
        KANALS,
        "daily kanal index, ten a page: the first without the offset, the next at /10, /20 … (described, medium)",
        step=10,
        unnumbered_first=True,
    ),
)
