"""Where Liputan6 lists its articles (docs/outlets.md, "Liputan6", Discovery), for the spiders.

Seen: the 2016 date index ``www.liputan6.com/indeks/YYYY/MM/DD`` (links to 95 articles) and the 2021
mobile home page with its channel menu. Described (medium): the channel pages, which the 2026 site
renders on the server while its ``/indeks`` is filled by script, and the old ``/<channel>/feed/rss``.
No sitemap is known from a saved page or a description.
"""

from __future__ import annotations

from newscrawl.outlets.rules import Source

WWW = "https://www.liputan6.com"
# The channels of the 2021 mobile menu (m.liputan6.com/<channel>; www serves the same paths).
CHANNELS = frozenset(
    {
        "news", "bisnis", "saham", "hot", "showbiz", "bola", "tekno", "health", "lifestyle", "otomotif",
        "global", "regional", "surabaya", "citizen6", "cek-fakta", "ramadan", "photo", "disabilitas",
    }
)  # fmt: skip

SOURCES = (
    Source("home", WWW + "/"),
    Source("section", WWW + "/{section}", CHANNELS, "channel pages, server-rendered (2026)"),
    Source("feed", WWW + "/{section}/feed/rss", CHANNELS, "old per-channel RSS (described, medium)"),
    Source("index", WWW + "/indeks/{day:%Y/%m/%d}", note="2016 daily index (seen); script-filled in 2026"),
)
