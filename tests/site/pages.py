"""HTML of the fake tempo.co, in the markup of the seed pages.

E2 pages follow ``seeds/e2-dunia-2024-02-08-kremlin-putin-xi.html`` (``article.detail-artikel``,
the Reporter/Editor byline, ``div.detail-konten``, "Pilihan Editor:", a "Berita terkait"
block of ``card-box`` cards, a ``?page_num=`` pager); E3 pages follow
``seeds/e3-internasional-2024-02-08-kremlin-putin-xi.html`` (Tailwind classes, JSON-LD in
``@graph``, ``div#content-wrapper``, ``section.related-news``, ``a[rel=next]``). Listings
use the E2 ``main.main-left`` cards and the E3 ``divide-y`` list with its page buttons.
Paragraph text is the seed article's, so every page reads like Tempo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PARAGRAPHS = json.loads((SEEDS / "e2-dunia-2024-02-08-kremlin-putin-xi.json").read_text(encoding="utf-8"))[
    "body"
].split("\n\n")[1:]
MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


@dataclass(frozen=True)
class Card:
    """A link as a listing or a related block shows it."""

    url: str
    title: str


def paragraphs(title: str, number: int, page: int = 1) -> list[str]:
    """The seed's paragraphs, rotated per article; the first names the story."""
    start = (number * 3 + page * 5) % len(PARAGRAPHS)
    chosen = [PARAGRAPHS[(start + i) % len(PARAGRAPHS)] for i in range(3)]
    lead = f"TEMPO.CO, Jakarta - {title}." if page == 1 else f"Halaman {page}: {title}."
    return [lead, *chosen]


def e2_date(day: date) -> str:
    return f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year} 10:15 WIB"


def e2_article(
    url: str,
    title: str,
    day: date,
    body: list[str],
    related: list[Card],
    pick: Card | None = None,
    pager: list[str] | None = None,
    page: int = 1,
) -> str:
    """An E2 article page; ``pager`` holds the URLs of all its pages when it has several."""
    kanal = url.split("//", 1)[1].split(".", 1)[0]
    texts = "\n".join(f"<p>{escape(p)}</p>" for p in body)
    if pick:
        texts += f'\n<p><strong>Pilihan Editor:</strong> <a href="{pick.url}">{escape(pick.title)}</a></p>'
    if pager:
        links = " ".join(f'<a href="{u}"{" class=active" if n == page else ""}>{n}</a>' for n, u in enumerate(pager, 1))
        texts += f'\n<div class="paging margin-bottom-sm">{links}</div>'
    cards = "\n".join(
        f"""<div class="card-box ft240 margin-bottom-sm">
  <article class="text-card"><h2 class="title"><a href="{c.url}">{escape(c.title)}</a></h2>
  <h4 class="date">1 hari lalu</h4></article>
  <div class="detail-in teaser"><p>{escape(c.title)}: ringkasan.</p>
  <a href="{c.url}" class="sign-btn medium line">Baca Selengkapnya</a></div>
</div>"""
        for c in related
    )
    return f"""<!doctype html>
<html lang="en" class="no-js">
<head>
<title>{escape(title)} - {kanal.title()} Tempo.co</title>
<meta charset="UTF-8">
<meta property="og:locale" content="id_ID" />
<link rel="canonical" href="{url}" />
<meta property="og:type" content="article" />
<meta property="og:url" content="{url}" />
<meta property="og:title" content="{escape(title)}" />
<meta property="article:published_time" content="{day.isoformat()}T10:15:00+07:00" />
<link rel="amphtml" href="{url.replace("/read/", "/amp/")}" />
</head>
<body>
<div class="breadcrumbs margin-bottom-sm"><ul class="sitemap">
  <li><a href="https://www.tempo.co/">Beranda</a></li><li><a href="//{kanal}.tempo.co">{kanal.title()}</a></li>
</ul></div>
<main class="main-left">
  <article class="detail-artikel">
  <div class="detail-title">
  <h1 class="title margin-bottom-sm">{escape(title)}</h1>
  <div class="block-avatar margin-bottom-sm">
    <div class="box-avatar margin-right-sm"><div class="text-avatar">
      <p class="title margin-bottom-ss">Reporter</p>
      <p class="title bold"><a href="#"><span itemprop="author">Dewi Nurita</span></a></p>
    </div></div>
    <div class="box-avatar"><div class="text-avatar">
      <p class="title margin-bottom-ss">Editor</p>
      <p class="title bold"><a href="https://www.tempo.co/penulis/ida-rosdalina">
        <span itemprop="editor">Ida Rosdalina</span></a></p>
    </div></div>
  </div>
  <p class="date margin-bottom-sm" itemprop="datePublished">{e2_date(day)}</p>
  </div>
  <div class="detail-in"><div id="isi"><div class="detail-konten">
{texts}
  </div></div></div>
  </article>
  <div class="box-tag-detail"><a href="https://www.tempo.co/tag/rusia">Rusia</a></div>
  <div class="blockbox overflow margin-bottom-sm">
  <h2 class="titlebox">Berita terkait</h2>
{cards}
  </div>
</main>
<aside class="main-right fixed-col-right"><h2 class="titlebox">Terpopuler</h2></aside>
</body>
</html>
"""


def e3_article(
    url: str,
    title: str,
    day: date,
    body: list[str],
    related: list[Card],
    pick: Card | None = None,
    next_url: str | None = None,
    script_body: bool = False,
) -> str:
    """An E3 article page. With ``script_body`` the paragraphs are not in the HTML: an
    inline script writes them from the page's data, as Tempo's client-rendered pages do."""
    rubric = url.split("/")[3]
    texts = "\n".join(f"<p>{escape(p)}</p>" for p in body)
    if pick:
        texts += f'\n<p>Pilihan Editor: <a href="{pick.url}">{escape(pick.title)}</a></p>'
    script = ""
    if script_body:
        payload = json.dumps({"paragraphs": body}).replace("</", "<\\/")
        texts = ""
        script = f"""<script src="https://securepubads.g.doubleclick.net/tag/js/gpt.js" async></script>
<script>window.__NUXT__ = {payload};
document.addEventListener("DOMContentLoaded", function () {{
  setTimeout(function () {{
    var box = document.getElementById("content-wrapper");
    window.__NUXT__.paragraphs.forEach(function (text) {{
      var p = document.createElement("p"); p.textContent = text; box.appendChild(p);
    }});
  }}, 50);
}});</script>"""
    cards = "\n".join(
        f'<a href="{c.url}" class="flex gap-2"><span class="text-sm font-semibold">{escape(c.title)}</span></a>'
        for c in related
    )
    pager = f'<a rel="next" href="{next_url}" class="btn">Halaman berikutnya</a>' if next_url else ""
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "mainEntityOfPage": {"@type": "WebPage", "@id": url},
                "headline": title,
                "datePublished": f"{day.isoformat()}T10:15:00+07:00",
                "author": [{"@type": "Person", "name": "Ida Rosdalina"}],
                "articleSection": rubric.title(),
                "inLanguage": "id",
            }
        ],
    }
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{escape(title)} | tempo.co</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{escape(title)}">
<meta property="og:url" content="{url}">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{json.dumps(graph)}</script>
</head>
<body class="bg-neutral-100">
<div id="__nuxt"><main class="container mx-auto flex gap-8 py-6">
  <article class="grow space-y-6 overflow-x-clip z-10 w-full">
    <h1 class="text-[26px] leading-[34px] font-bold">{escape(title)}</h1>
    <p class="text-neutral-900 text-sm">{day.day} {MONTHS[day.month - 1]} {day.year} | 10.15 WIB</p>
    <div id="feature_image"><figure><figcaption>Foto: TEMPO</figcaption></figure></div>
    <section class="related-news flex flex-col gap-2">
{cards}
    </section>
    <div id="content-wrapper" class="space-y-4">
{texts}
    </div>
    {pager}
    <div id="article-tags"><a href="/tag/rusia"><span class="text-primary-main">Rusia</span></a></div>
  </article>
</main></div>
{script}
</body>
</html>
"""


def e2_listing(title: str, cards: list[Card]) -> str:
    items = "\n".join(
        f"""<div class="card-box ft240 margin-bottom-sm"><article class="text-card">
  <h2 class="title"><a href="{c.url}">{escape(c.title)}</a></h2><h4 class="date">2 jam lalu</h4>
</article></div>"""
        for c in cards
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="UTF-8"><title>{escape(title)} - Tempo.co</title></head>
<body><main class="main-left"><h1 class="titlebox">{escape(title)}</h1>
{items}
</main></body></html>
"""


def e3_listing(title: str, cards: list[Card], last_page: int | None = None, page: int = 1) -> str:
    items = "\n".join(
        f'<div><figure class="flex"><figcaption><p><a href="{c.url}">{escape(c.title)}</a></p></figcaption>'
        "</figure></div>"
        for c in cards
    )
    buttons = ""
    if last_page:
        buttons = "".join(
            f'<button data-type="page" value="{n}"{" aria-current=page" if n == page else ""}>{n}</button>'
            for n in range(1, last_page + 1)
        )
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{escape(title)} | tempo.co</title></head>
<body><main><h1>{escape(title)}</h1>
<div class="flex flex-col divide-y divide-neutral-500">
{items}
</div>
<nav>{buttons}</nav>
</main></body></html>
"""


def not_found_template() -> str:
    """The 200 page Tempo shows for an article that is gone (a "soft 404")."""
    return """<!DOCTYPE html><html lang="id"><head><title>Halaman tidak ditemukan | tempo.co</title></head>
<body><main><h1>Halaman tidak ditemukan</h1><p>Maaf, halaman yang Anda cari tidak tersedia.</p></main></body></html>
"""


def video_page(url: str, title: str) -> str:
    return f"""<!DOCTYPE html><html lang="id"><head><title>{escape(title)} | tempo.co</title>
<meta property="og:type" content="video.other"><link rel="canonical" href="{url}"></head>
<body><main><h1>{escape(title)}</h1><video src="https://video.tempo.co/clip.mp4"></video></main></body></html>
"""


def rss(items: list[Card]) -> str:
    entries = "\n".join(f"<item><title>{escape(c.title)}</title><link>{escape(c.url)}</link></item>" for c in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tempo.co</title><link>https://www.tempo.co/</link>
{entries}
</channel></rss>
"""


def sitemap_index(children: list[tuple[str, str]]) -> str:
    entries = "\n".join(f"<sitemap><loc>{loc}</loc><lastmod>{mod}</lastmod></sitemap>" for loc, mod in children)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{entries}
</sitemapindex>
"""


def urlset(entries: list[tuple[str, str]], news: bool = False) -> str:
    """A sitemap; with ``news`` the dates are Google-News ``news:publication_date`` only."""
    if news:
        rows = "\n".join(
            f"""<url><loc>{loc}</loc><news:news><news:publication><news:name>Tempo</news:name>
<news:language>id</news:language></news:publication><news:publication_date>{mod}</news:publication_date>
<news:title>Berita</news:title></news:news></url>"""
            for loc, mod in entries
        )
        namespaces = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    else:
        rows = "\n".join(f"<url><loc>{loc}</loc><lastmod>{mod}</lastmod></url>" for loc, mod in entries)
        namespaces = ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{namespaces}>
{rows}
</urlset>
"""
