"""The pages of the sample archive that ``seeds/`` has no copy of: listings, feeds and the
stand-ins for related articles, in Tempo's markup (E3 listings, E2 article pages).

A stand-in carries what the linking article's "Berita terkait" card shows (title, teaser,
time) and says plainly that it is a stand-in; nothing else about the story is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from newscrawl.parsers.dates import WIB

MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
STAND_IN_EDITOR = "Arsip Contoh newscrawl"
NOTES = {
    "id": (
        "Halaman ini pengganti dalam arsip contoh newscrawl: judul, waktu dan ringkasannya diambil dari kartu "
        '"Berita terkait" artikel yang menautnya. Isi lengkap beritanya tidak ada dalam arsip contoh ini.'
    ),
    "en": (
        "This page stands in for the original in the newscrawl sample archive: its title, time and teaser come "
        "from the related-article card of the story that links to it. The full story is not in this sample."
    ),
}


@dataclass(frozen=True, slots=True)
class Card:
    """An article as a listing, a feed or a "Berita terkait" block shows it."""

    url: str
    title: str
    published: datetime
    summary: str | None = None


def stand_in(card: Card, language: str) -> str:
    """An E2 article page for a related article the sample has no copy of."""
    lead = card.summary or card.title
    paragraphs = [f"TEMPO.CO, Jakarta - {lead}" if language == "id" else lead, NOTES[language]]
    when = card.published.astimezone(WIB)
    shown = f"{DAYS[when.weekday()]}, {when.day} {MONTHS[when.month - 1]} {when.year} {when:%H:%M} WIB"
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="{language}">
<head>
<meta charset="UTF-8">
<title>{escape(card.title)} - Tempo.co</title>
<meta property="og:locale" content="{"id_ID" if language == "id" else "en_US"}" />
<link rel="canonical" href="{card.url}" />
<meta property="og:type" content="article" />
<meta property="og:url" content="{card.url}" />
<meta property="og:title" content="{escape(card.title)}" />
</head>
<body>
<main class="main-left">
  <article class="detail-artikel">
  <div class="detail-title">
  <h1 class="title margin-bottom-sm">{escape(card.title)}</h1>
  <div class="block-avatar margin-bottom-sm"><div class="box-avatar"><div class="text-avatar">
    <p class="title margin-bottom-ss">Editor</p>
    <p class="title bold"><span itemprop="editor">{STAND_IN_EDITOR}</span></p>
  </div></div></div>
  <p class="date margin-bottom-sm" itemprop="datePublished">{shown}</p>
  </div>
  <div class="detail-in"><div class="detail-konten">
{body}
  </div></div>
  </article>
</main>
</body>
</html>
"""


def listing(title: str, cards: list[Card]) -> str:
    """An E3 listing (home, section or daily index page): its cards in the ``divide-y`` list."""
    items = "\n".join(
        f"""  <div class="py-4"><a href="{c.url}"><h2 class="text-lg font-bold">{escape(c.title)}</h2></a>
    <p class="text-sm">{c.published.astimezone(WIB):%d/%m/%Y %H:%M}</p></div>"""
        for c in cards
    )
    empty = "" if cards else '  <p class="py-4">Arsip contoh newscrawl: tidak ada berita di halaman ini.</p>'
    return f"""<!DOCTYPE html>
<html lang="id">
<head><meta charset="utf-8"><title>{escape(title)} | tempo.co</title></head>
<body><main class="container mx-auto">
<h1 class="text-2xl font-bold">{escape(title)}</h1>
<div class="divide-y divide-neutral-500">
{items}{empty}
</div>
</main></body>
</html>
"""


def rss(title: str, cards: list[Card]) -> str:
    items = "".join(
        f"<item><title>{escape(c.title)}</title><link>{escape(c.url)}</link>"
        f"<pubDate>{c.published:%a, %d %b %Y %H:%M:%S %z}</pubDate></item>"
        for c in cards
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://www.tempo.co/</link>{items}</channel></rss>\n"
    )


def sitemap_index(children: list[tuple[str, datetime]]) -> str:
    entries = "".join(f"<sitemap><loc>{u}</loc><lastmod>{when.isoformat()}</lastmod></sitemap>" for u, when in children)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n'
    )


def urlset(cards: list[Card]) -> str:
    entries = "".join(f"<url><loc>{c.url}</loc><lastmod>{c.published.isoformat()}</lastmod></url>" for c in cards)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n'
    )
