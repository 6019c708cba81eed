"""Where Tempo lists its articles (docs/layouts.md, "Where Tempo lists its articles"), as data.

E1/E2 sections are kanal subdomains (``https://dunia.tempo.co/``) with daily indexes at
``/indeks/YYYY-MM-DD[/<kanal>]``; E3 sections are rubric paths on www.tempo.co (``/internasional``)
with the daily index ``/indeks?page=N&category=date&...``. The tempo spider's start pages are built
from ``SOURCES`` (``newscrawl/spiders/sources.py``), as every outlet's are from its declaration.
"""

from __future__ import annotations

from newscrawl.outlets.rules import Source

WWW = "https://www.tempo.co"
HOME = f"{WWW}/"
SITEMAP = f"{WWW}/sitemap.xml"
FEED = f"{WWW}/rss"

KANALS = frozenset(
    {
        "nasional", "bisnis", "dunia", "tekno", "metro", "gaya", "bola", "sport",
        "seleb", "travel", "otomotif", "cantik", "fokus", "cekfakta", "en",
    }
)  # fmt: skip
RUBRICS = frozenset(
    {
        "politik", "hukum", "ekonomi", "lingkungan", "wawancara", "sains", "investigasi", "cekfakta",
        "kolom", "hiburan", "internasional", "arsip", "otomotif", "olahraga", "sepakbola", "digital",
        "gaya-hidup", "teroka", "prelude", "tokoh", "data", "infografik", "pemilu",
    }
)  # fmt: skip
# Rubrics with a free RSS feed at /api/gateway/rss/free/<rubric> (docs/layouts.md).
FREE_RSS = frozenset({"cekfakta", "ekonomi", "hukum", "wawancara", "investigasi"})
# What a latest-news crawl starts from by default: the news sections of both forms, the E2 kanals
# and the E3 rubrics that carry daily news (not the archives, columns and data pages).
DEFAULT_SECTIONS = (
    "nasional", "politik", "hukum", "ekonomi", "bisnis", "internasional", "dunia", "metro", "sains",
    "digital", "tekno", "lingkungan", "olahraga", "sepakbola", "otomotif", "gaya-hidup", "hiburan", "cekfakta",
)  # fmt: skip
_E3_DAY = "category=date&start_date={day:%Y-%m-%d}&end_date={day:%Y-%m-%d}"

SOURCES = (
    Source("home", HOME),
    Source("section", "https://{section}.tempo.co/", KANALS, "E1/E2 kanal sites"),
    # A slug Tempo never used is taken for an E3 rubric: any rubric path has a page.
    Source("section", WWW + "/{section}", RUBRICS, "E3 rubrics", any_section=True),
    Source("feed", FEED),
    Source("feed", WWW + "/api/gateway/rss/free/{section}", FREE_RSS, "free rubrics only"),
    Source("sitemap", SITEMAP),
    Source("index", WWW + "/indeks/{day:%Y-%m-%d}", note="E2 daily index, all kanals"),
    Source("index", WWW + "/indeks/{day:%Y-%m-%d}/{section}", KANALS, "E2 daily index of a kanal"),
    Source("index", WWW + "/indeks?page={page}&" + _E3_DAY, note="E3 daily index, paged"),
    # E3, per rubric
    Source("index", WWW + "/indeks?page={page}&" + _E3_DAY + "&rubric_slug={section}", RUBRICS, any_section=True),
)
