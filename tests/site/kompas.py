"""The fake kompas.com, served by the same local server as the fake tempo.co (``SiteServer``).

Its articles are Kompas's real saved pages (``seeds/kompas/``), byte for byte, under their https
addresses; the 2023 one (``MENHUB``) is page 1 of 2, and its page 2 and ``?page=all`` document are
that real page with the story's second half in place of the first (``content_current_page``, the
pager and the "Halaman Selanjutnya" teaser as Kompas writes them). Its dated index is the real
2016 ``indeks.kompas.com`` page, with a pager to a page 2. The other pages — the articles the seeds
link as related or the index lists, the home, kanal pages and sitemaps — are stand-ins in the 2023
template's markup (``read__title``, ``read__time``, ``read__content``, the ``related__inline``
"Berita Terkait" box with ``http://`` links, as on the real page).

``KompasSite.expected`` is the oracle: a breadth-first walk of the site's own graph.
"""

from __future__ import annotations

import json
import random
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from html import escape, unescape
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from tests.site import pages
from tests.site.build import Site, page_key
from tests.site.pages import Card

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "kompas"
MENHUB = "https://money.kompas.com/read/2023/11/02/213419026/menhub-bocorkan-penyebab-harga-tiket-pesawat-masih-mahal"
SECTIONS = "money,bola,internasional"
"""The kanals of the test's latest-news crawl (``NEWSCRAWL_SECTIONS``): their pages and sitemaps."""
FAR = "https://money.kompas.com/read/2023/08/01/101500126/dua-langkah-dari-menhub"
"""Reached only through a related link of a related article: two hops from discovery."""
STALE = "https://internasional.kompas.com/read/2016/02/10/09000011/berita-lama-di-sitemap"
"""In a sitemap with a date older than ``NEWSCRAWL_LATEST_DAYS``: left out of the crawl."""


@dataclass
class Story:
    url: str
    title: str
    related: list[str] = field(default_factory=list)


@dataclass
class KompasSite:
    site: Site
    stories: dict[str, Story] = field(default_factory=dict)
    """By https URL (the form the spider requests)."""
    sources: dict[str, list[str]] = field(default_factory=dict)
    """Each discovery page and the article URLs it lists."""

    def expected(self, depth: int) -> set[str]:
        """URLs of the articles a latest-news crawl with ``related_depth=depth`` must emit."""
        start = {url for listed in self.sources.values() for url in listed if url in self.stories}
        reached = dict.fromkeys(start, 0)
        queue = deque(sorted(start))
        while queue:
            url = queue.popleft()
            if reached[url] >= depth:
                continue
            for link in self.stories[url].related:
                if link in self.stories and link not in reached:
                    reached[link] = reached[url] + 1
                    queue.append(link)
        return set(reached)


def https(url: str) -> str:
    """The address the spider asks for: https, no query (a seed's ``?utm_…`` dropped)."""
    parts = urlsplit(url)
    return f"https://{parts.hostname}{parts.path}"


def build_kompas(today: date) -> KompasSite:
    kompas = KompasSite(Site(today))
    for path in sorted(SEEDS.glob("*.json")):
        seed = json.loads(path.read_text(encoding="utf-8"))
        url = https(seed["url"])
        related = [https(card["url"]) for card in seed["related"]]
        kompas.stories[url] = Story(url, seed["title"], related)
        for card in seed["related"]:
            _stand_in(kompas, https(card["url"]), card["title"], [url])
        if url == MENHUB:
            _menhub_pages(kompas, path.with_suffix(".html").read_bytes())
        else:
            kompas.site.add(url, path.with_suffix(".html").read_bytes())
    # One related article links further on: two hops from the seed, never fetched at depth 1.
    first_related = kompas.stories[MENHUB].related[0]
    kompas.stories[first_related].related.append(FAR)
    _stand_in(kompas, FAR, "Dua Langkah dari Menhub", [])
    for url, story in kompas.stories.items():
        if _is_stand_in(kompas, url):
            kompas.site.add(url, article(url, story.title, today, _text(url), _cards(kompas, story.related)))
    _discovery(kompas, today)
    return kompas


def _is_stand_in(kompas: KompasSite, url: str) -> bool:
    """A story with no page yet: no seed is saved for it."""
    return page_key(url) not in kompas.site.pages


def _stand_in(kompas: KompasSite, url: str, title: str, related: list[str]) -> None:
    kompas.stories.setdefault(url, Story(url, title, related))


def _cards(kompas: KompasSite, links: list[str]) -> list[Card]:
    # Kompas writes its related links with http://, the spider asks for https.
    return [Card(link.replace("https://", "http://"), kompas.stories[link].title) for link in links]


def _text(url: str) -> list[str]:
    """Paragraphs of words drawn from the seeds' vocabulary, different for every story (so that no two
    stand-ins are near copies of each other)."""
    rng = random.Random(url)
    words = _vocabulary()
    return [" ".join(rng.choices(words, k=45)).capitalize() + "." for _ in range(5)]


def _vocabulary() -> list[str]:
    body = json.loads((SEEDS / "kompas-2023-money-2023-11-02-menhub-tiket-pesawat.json").read_text(encoding="utf-8"))
    return sorted({w.strip('.,"()') for w in body["body"].split()} - {""})


# -- the 2023 seed's pages -------------------------------------------------------------------------
def _menhub_pages(kompas: KompasSite, first: bytes) -> None:
    """Page 1 as saved; page 2 and the whole story (``?page=all``) made from it."""
    second = [f"Halaman 2: {paragraph}" for paragraph in _text(MENHUB + "?page=2")]
    kompas.site.add(MENHUB, first)
    kompas.site.add(MENHUB + "?page=1", first)
    kompas.site.add(MENHUB + "?page=2", _menhub_page(first, second, replace=True))
    kompas.site.add(MENHUB + "?page=all", _menhub_page(first, second, replace=False))


def _menhub_page(first: bytes, paragraphs: list[str], *, replace: bool) -> bytes:
    """The real page 1 with ``paragraphs`` in place of its text (page 2) or after it (every page)."""
    root = lxml_html.document_fromstring(first)
    (body,) = _elements(root, "//div[contains(@class, 'read__content')]/div[contains(@class, 'clearfix')]")
    if replace:
        for child in list(body):
            body.remove(child)
    for text in paragraphs:
        etree.SubElement(body, "p").text = text
    for meta in _elements(root, "//meta[@name='content_current_page']"):
        meta.set("content", "2" if replace else "all")
    # "Halaman Selanjutnya": none after the last page; the whole story has no pager either.
    gone = "//div[contains(@class, 'read__paging__footnote')]"
    for element in _elements(root, gone if replace else gone + " | //div[contains(@class, 'read__paging')]"):
        _drop(element)
    for link in _elements(root, "//a[contains(@class, 'paging__link')]"):
        active = link.get("href", "").endswith("?page=2")
        link.set("class", "paging__link paging__link--active" if active else "paging__link ")
    return bytes(etree.tostring(root, method="html", doctype="<!DOCTYPE html>", encoding="utf-8"))


def _elements(root: etree._Element, query: str) -> list[etree._Element]:
    found = root.xpath(query)
    return [node for node in found if isinstance(node, etree._Element)] if isinstance(found, list) else []


def _drop(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


# -- discovery ---------------------------------------------------------------------------------------
def _seed(name: str) -> str:
    for path in SEEDS.glob(f"*{name}*.json"):
        return https(json.loads(path.read_text(encoding="utf-8"))["url"])
    raise LookupError(name)


def _discovery(kompas: KompasSite, today: date) -> None:
    site = kompas.site
    home = [MENHUB, _seed("menteri-yuddy")]
    kompas.sources["home"] = home
    # The AMP form and a tracking query: one article for the spider's gate.
    amp = MENHUB.replace("money.kompas.com/", "amp.kompas.com/money/") + "?utm_source=home"
    site.add("https://www.kompas.com/", listing("Kompas.com", [Card(amp, "Menhub"), _card(kompas, home[1])]))
    money = [MENHUB]
    kompas.sources["money"] = money
    site.add("https://money.kompas.com/", listing("Money", [_card(kompas, url) for url in money]))
    bola = [_seed("samsul-arif"), _seed("pelatih-ditawari")]
    kompas.sources["bola"] = bola
    site.add("https://bola.kompas.com/", listing("Bola", [_card(kompas, url) for url in bola]))
    site.add("https://internasional.kompas.com/", listing("Internasional", []))

    fresh = datetime.combine(today, time(6), UTC).isoformat()
    kompas.sources["sitemap"] = [_seed("zuckerberg")]
    xml = "application/xml"
    site.add(
        "https://internasional.kompas.com/sitemap.xml",
        pages.urlset([(_seed("zuckerberg"), fresh), (STALE, "2016-02-10")]),
        content_type=xml,
    )
    kompas.stories[STALE] = Story(STALE, "Berita Lama di Sitemap")
    site.add(STALE, article(STALE, "Berita Lama di Sitemap", date(2016, 2, 10), _text(STALE), []))
    site.add("https://money.kompas.com/sitemap.xml", pages.urlset([(MENHUB, fresh)]), content_type=xml)
    site.add("https://bola.kompas.com/sitemap.xml", pages.urlset([]), content_type=xml)
    _indexes(kompas, today)


def _indexes(kompas: KompasSite, today: date) -> None:
    """Today's index: the real 2016 page (its ten stories as stand-ins) with a pager to page 2."""
    first = index_url(today, 1)
    real = (SEEDS / "kompas-2015-indeks-2016-02-23.html").read_text(encoding="utf-8")
    # Its links are of the /read/xml/ form; the spider asks for the article's own address, /read/.
    listed = [
        https(href).replace("/read/xml/", "/read/")
        for href in re.findall(r'<h3><a href="([^"]+/read/xml/[^"]+)"', real)
    ]
    titles = re.findall(r'<h3><a href="[^"]+/read/xml/[^"]+">([^<]+)</a>', real)
    for url, title in zip(listed, titles, strict=True):
        _stand_in(kompas, url, unescape(title), [MENHUB])
        kompas.site.add(url, article(url, kompas.stories[url].title, today, _text(url), _cards(kompas, [MENHUB])))
    pager = f'<div class="paging"><a href="{escape(index_url(today, 2))}">2</a></div>'
    kompas.site.add(first, real.replace("</body>", pager + "</body>"))
    kompas.sources["index"] = listed
    second = [_seed("lhokseumawe")]
    kompas.sources["index page 2"] = second
    kompas.site.add(index_url(today, 2), listing("Indeks", [_card(kompas, url) for url in second]))


def index_url(day: date, page: int) -> str:
    return f"https://indeks.kompas.com/?site=all&date={day.isoformat()}&page={page}"


def _card(kompas: KompasSite, url: str) -> Card:
    return Card(url, kompas.stories[url].title)


# -- markup --------------------------------------------------------------------------------------
def article(url: str, title: str, day: date, paragraphs: list[str], related: list[Card]) -> str:
    """A one-page article in the 2023 template's markup."""
    published = datetime.combine(day, time(10, 15), timezone(timedelta(hours=7)))
    graph = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": title,
        "datePublished": published.astimezone(UTC).isoformat(),
        "dateModified": published.astimezone(UTC).isoformat(),
        "author": {"@type": "Person", "name": "Yoga Sukmana"},
        "publisher": {"@type": "Organization", "name": "Kompas.com"},
    }
    lead, *rest = paragraphs
    texts = f"<p><strong>JAKARTA, KOMPAS.com -</strong> {escape(lead)}</p>\n"
    texts += "\n".join(f"<p>{escape(text)}</p>" for text in rest)
    box = "".join(
        f'<h4 class="related__inline__title"><a href="{escape(c.url)}">{escape(c.title)}</a></h4>' for c in related
    )
    related_box = (
        f'<div class="related__inline ga--related mt2 clearfix"><h3><span>Berita Terkait</span></h3>{box}</div>'
    )
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{escape(title)} - Kompas.com</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{escape(title)}">
<meta property="og:url" content="{escape(url)}">
<meta property="og:site_name" content="KOMPAS.com">
<meta name="content_author" content="Isna Rifka Sri Rahayu">
<meta name="content_editor" content="Yoga Sukmana">
<meta name="content_total_pages" content="1">
<meta name="content_current_page" content="1">
<link rel="canonical" href="{escape(url)}">
<script type="application/ld+json">{json.dumps(graph)}</script>
</head><body>
<div class="read__header"><h1 class="read__title">{escape(title)}</h1>
<div class="read__time"><a href="https://www.kompas.com">Kompas.com</a> - {published:%d/%m/%Y, %H:%M} WIB</div></div>
<div class="read__content"><div class="clearfix">
{texts}
</div></div>
{related_box if related else ""}
</body></html>
"""


def listing(title: str, cards: list[Card]) -> str:
    """A home or kanal page: its latest stories as headline links."""
    items = "\n".join(
        f'<div class="article__list"><h3><a href="{escape(c.url)}">{escape(c.title)}</a></h3></div>' for c in cards
    )
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{escape(title)} - Kompas.com</title></head>
<body><div class="latest">
{items}
</div></body></html>
"""
