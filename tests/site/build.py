"""The fake tempo.co: which stories exist, who links to whom, and what a crawl must find.

Every page is keyed by ``host/path?query`` (query sorted), the form the local server
looks pages up by. ``Site.expected`` is the test oracle: a plain breadth-first walk
of this module's own graph, independent of the spider's code.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from tests.site import pages
from tests.site.pages import Card

ROBOTS = "User-agent: *\nDisallow: /arsip/\n"
SEED_ID = 1831560
SEED_URL = (
    "https://dunia.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-as-dalam-urusan-negara-lain"
)
CEKFAKTA_URL = "https://cekfakta.tempo.co/fakta/1752/keliru-video-kode-rahasia-untuk-menghemat-listrik-prabayar"
E3_TWIN = "https://www.tempo.co/nasional/satu-berita-dua-alamat-1900027"
JS_PAGE = 1900015
"""The story whose page is client-rendered on a site built with ``javascript=True``."""
OFFSITE = ("https://www.example.com/berita/123/tempo-mirror", "https://twitter.com/tempodotco/status/1")


@dataclass
class Page:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0
    """Answer the first N requests with ``fail_status`` (and ``Retry-After: 1`` for 429)."""
    fail_status: int = 500
    stall: bool = False
    """Send the headers and half the body, then nothing more until the server stops: a page that never finishes."""


@dataclass
class Story:
    id: int
    title: str
    url: str
    day: date
    related: list[int] = field(default_factory=list)
    pick: int | None = None
    pages: int = 1
    script_body: bool = False
    emitted: bool = True
    """False for what is not an article or cannot be fetched (404, 403, soft 404, video, robots)."""
    text: list[str] | None = None
    """Paragraphs of a one-page story; by default the seed's, rotated (``pages.paragraphs``)."""

    @property
    def key(self) -> str:
        return f"cekfakta:{self.id}" if "cekfakta." in self.url else f"tempo:{self.id}"

    @property
    def section(self) -> str:
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        return parts.path.split("/")[1] if host == "www.tempo.co" else host.split(".")[0]


def page_key(url: str) -> str:
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{parts.hostname}{parts.path or '/'}" + (f"?{query}" if query else "")


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def e2_url(kanal: str, number: int, title: str) -> str:
    return f"https://{kanal}.tempo.co/read/{number}/{slug(title)}"


def e3_url(rubric: str, number: int, title: str) -> str:
    return f"https://www.tempo.co/{rubric}/{slug(title)}-{number}"


def e3_index(day: date, rubric: str | None = None, page: int = 1) -> str:
    query = {"page": page, "category": "date", "start_date": day.isoformat(), "end_date": day.isoformat()}
    if rubric:
        query["rubric_slug"] = rubric
    return f"https://www.tempo.co/indeks?{urlencode(query)}"


@dataclass
class Site:
    today: date
    stories: dict[int, Story] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    sources: dict[str, list[int]] = field(default_factory=dict)
    """Discovery sources (listings, feeds) and the story ids they list, by source URL."""

    def add(self, url: str, body: str | bytes, **kwargs: Any) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[page_key(url)] = Page(body=data, **kwargs)

    def url(self, number: int) -> str:
        return self.stories[number].url

    def card(self, number: int) -> Card:
        return Card(self.stories[number].url, self.stories[number].title)

    def keys(self, numbers: set[int]) -> set[str]:
        return {self.stories[n].key for n in numbers}

    def expected(self, sources: list[str], depth: int, sections: tuple[str, ...] = ()) -> set[int]:
        """Story ids a crawl starting from ``sources`` must emit with ``related_depth=depth``."""
        wanted = {n for n, s in self.stories.items() if not sections or s.section in sections}
        start = {n for source in sources for n in self.sources.get(source, ())} & wanted
        reached = dict.fromkeys(start, 0)
        queue = deque(sorted(start))
        while queue:
            number = queue.popleft()
            story = self.stories[number]
            if not story.emitted or reached[number] >= depth:
                continue
            for link in [*story.related, *([story.pick] if story.pick else [])]:
                if link in wanted and link not in reached:
                    reached[link] = reached[number] + 1
                    queue.append(link)
        return {n for n in reached if self.stories[n].emitted}


def build_site(today: date, bulk: int = 0, javascript: bool = False) -> Site:
    """The fake tempo.co of ``today``, with ``bulk`` more stories.

    With ``javascript``, story ``JS_PAGE`` is client-rendered: an inline script writes its
    paragraphs, as on Tempo's own such pages, so reading it takes a browser (or yields an
    empty body). Without, the same story is served pre-rendered, its text in the HTML: a
    crawl of that site never needs Chromium, whatever its ``NEWSCRAWL_RENDER``."""
    site = Site(today)
    _stories(site)
    site.stories[JS_PAGE].script_body = javascript
    _article_pages(site)
    _discovery(site)
    if bulk:
        _bulk(site, bulk)
    return site


def _story(site: Site, number: int, url: str, title: str, day: date | None = None, **kwargs: Any) -> None:
    site.stories[number] = Story(number, title, url, day or site.today, **kwargs)


def _stories(site: Site) -> None:
    seed = json.loads((pages.SEEDS / "e2-dunia-2024-02-08-kremlin-putin-xi.json").read_text(encoding="utf-8"))
    related_ids = [int(card["url"].split("/")[4]) for card in seed["related"]]
    _story(site, SEED_ID, SEED_URL, seed["title"], related=related_ids, pick=1831402, pages=2)
    # The seed page's "Berita terkait" cards and "Pilihan Editor" link, one hop away.
    for card in [*seed["related"], seed["editor_pick"]]:
        number = int(card["url"].split("/")[4])
        _story(site, number, card["url"], card["title"], site.today - timedelta(days=1))
    site.stories[1867804].related = [1867702, SEED_ID]  # cycles back to the seed
    site.stories[1867702].related = [1867804]
    site.stories[1867611].related = [1900201]
    _story(
        site, 1900201, e2_url("tekno", 1900201, "Rantai Dua Satelit Baru"), "Rantai Dua Satelit Baru", related=[1900202]
    )
    _story(site, 1900202, e3_url("sains", 1900202, "Rantai Tiga Teleskop"), "Rantai Tiga Teleskop", related=[1900201])
    _story(site, 1752, CEKFAKTA_URL, "Keliru, Video Kode Rahasia Untuk Menghemat Listrik Prabayar")

    e2, e3 = e2_url, e3_url
    specs: list[tuple[int, str, str, dict[str, Any]]] = [
        (1900001, "nasional", "Pemerintah Umumkan Cuti Bersama", {"related": [1900002, 1900003]}),
        (1900002, "nasional", "DPR Bahas Revisi Undang-Undang", {"related": [1900001, 1900301]}),
        (1900003, "internasional", "Pemilu Taiwan Dimulai", {"related": [1900002, 1900001]}),
        (1900004, "politik", "Koalisi Baru Terbentuk", {"related": [1900005], "pick": 1900401}),
        (1900005, "ekonomi", "Harga Beras Turun", {"related": [1900004]}),
        (1900006, "nasional", "Banjir Rendam Jakarta Utara", {"related": [1900010]}),
        (1900007, "hukum", "Sidang Korupsi Digelar", {}),
        (1900008, "internasional", "Gencatan Senjata Disepakati", {"related": [1900009]}),
        (1900009, "internasional", "Pengungsi Kembali ke Rumah", {"related": [1900008]}),
        (1900010, "nasional", "Jalan Tol Baru Diresmikan", {"related": [1900011]}),
        (1900011, "nasional", "Tarif Tol Naik Bulan Depan", {}),
        (1900012, "nasional", "Mudik Gratis Dibuka", {}),
        (1900013, "internasional", "KTT ASEAN Ditutup", {}),
        (1900014, "internasional", "Laporan Panjang Perang Dagang", {"pages": 2}),
        (JS_PAGE, "internasional", "Halaman yang Dirender JavaScript", {}),
        (1900016, "nasional", "Server Sempat Gagal", {}),
        (1900017, "politik", "Terlalu Banyak Permintaan", {}),
        (1900018, "nasional", "Halaman Terlarang", {"emitted": False}),
        (1900019, "nasional", "Berita yang Hilang", {"emitted": False}),
        (1900020, "nasional", "Berita Dihapus", {"emitted": False}),
        (1900021, "nasional", "Klip Video Banjir", {"emitted": False}),
        (1900022, "arsip", "Arsip Majalah Tertutup", {"emitted": False}),
        (1900023, "internasional", "Berita Lama di Sitemap Lama", {"day": date(2019, 1, 15)}),
        (1900024, "internasional", "Berita Lama di Sitemap Baru", {"day": date(2019, 1, 16)}),
        (1900025, "nasional", "Pindah ke Halaman Topik", {"emitted": False}),
        (1900026, "internasional", "Laporan yang Halaman Duanya Hilang", {"pages": 2}),
        (1900027, "nasional", "Satu Berita Dua Alamat", {}),
        (1900301, "sains", "Hanya Lewat Berita Terkait", {"related": [1900302]}),
        (1900302, "tekno", "Dua Langkah dari Penemuan", {"related": [1900303]}),
        (1900303, "sains", "Tiga Langkah dari Penemuan", {"related": [1900301]}),
        (1900401, "dunia", "Hanya Lewat Pilihan Editor", {}),
    ]
    yesterday, before = site.today - timedelta(days=1), site.today - timedelta(days=2)
    specs += [
        (1900501, "nasional", "Kemarin di Indeks E2 Satu", {"day": yesterday, "related": [1900502]}),
        (1900502, "dunia", "Kemarin di Indeks E2 Dua", {"day": yesterday}),
        (1900503, "internasional", "Kemarin Halaman Satu A", {"day": yesterday, "related": [1900001]}),
        (1900504, "ekonomi", "Kemarin Halaman Satu B", {"day": yesterday}),
        (1900505, "internasional", "Kemarin Halaman Satu C", {"day": yesterday}),
        (1900506, "hukum", "Kemarin Halaman Dua A", {"day": yesterday}),
        (1900507, "internasional", "Kemarin Halaman Dua B", {"day": yesterday}),
        (1900599, "hukum", "Halaman Indeks Basi", {"day": yesterday}),
        (1900511, "nasional", "Lusa di Indeks E2 Satu", {"day": before}),
        (1900512, "dunia", "Lusa di Indeks E2 Dua", {"day": before}),
        (1900513, "internasional", "Lusa di Indeks E3 Satu", {"day": before}),
        (1900514, "politik", "Lusa di Indeks E3 Dua", {"day": before}),
    ]
    for number, section, title, extra in specs:
        make = e2 if section in ("nasional", "dunia", "tekno") else e3
        _story(site, number, make(section, number, title), title, **extra)


def _article_pages(site: Site) -> None:
    for number, story in site.stories.items():
        if number == SEED_ID:
            for page, suffix in ((1, ""), (2, "?page_num=2")):
                data = (pages.SEEDS / f"e2-dunia-2024-02-08-kremlin-putin-xi.page{page}.html").read_bytes()
                site.add(SEED_URL + suffix, data)
            site.add(
                SEED_URL.replace("/read/", "/amp/"),
                (pages.SEEDS / "e2-dunia-2024-02-08-kremlin-putin-xi.html").read_bytes(),
            )
        elif number == 1752:
            site.add(CEKFAKTA_URL, (pages.SEEDS / "e2-cekfakta-2022-06-22-fakta-1752.html").read_bytes())
        else:
            _article(site, story)
    # What the special stories really are on the wire.
    _article(site, site.stories[1900005], pick=Card(OFFSITE[0], "Pilihan di luar Tempo"))
    # One story served under both its E2 and E3 addresses, no redirect: only the id tells.
    twin = site.stories[1900027]
    site.add(E3_TWIN, pages.e3_article(E3_TWIN, twin.title, twin.day, pages.paragraphs(twin.title, twin.id), []))
    site.pages.pop(page_key(site.url(1900019)))
    site.pages.pop(page_key(site.url(1900026) + "?page=2"))
    site.pages[page_key(site.url(1900018))].status = 403
    site.pages[page_key(site.url(1900016))].fail_first = 1
    throttled = site.pages[page_key(site.url(1900017))]
    throttled.fail_first, throttled.fail_status = 1, 429
    site.add(site.url(1900020), pages.not_found_template())
    # Article links that land on what is not an article: a video page, a tag listing.
    video = site.url(1900021).replace("nasional.tempo.co", "video.tempo.co")
    site.add(site.url(1900021), b"", status=301, headers={"Location": video})
    site.add(video, pages.video_page(video, "Klip Video Banjir"))
    site.add(site.url(1900025), b"", status=301, headers={"Location": "https://www.tempo.co/tag/banjir"})
    site.add("https://www.tempo.co/tag/banjir", pages.e3_listing("Banjir", [site.card(1900006)]))
    # Old and mobile URL forms answer with a redirect to the article's real address.
    old_1900013 = f"https://www.tempo.co/read/1900013/{slug(site.stories[1900013].title)}"
    site.add(old_1900013, b"", status=301, headers={"Location": site.url(1900013)})
    www_1900012 = site.url(1900012).replace("nasional.tempo.co", "www.tempo.co")
    site.add(www_1900012, b"", status=301, headers={"Location": site.url(1900012)})


def _article(site: Site, story: Story, pick: Card | None = None) -> None:
    related = [site.card(n) for n in story.related]
    pick = pick or (site.card(story.pick) if story.pick else None)
    e3 = story.url.startswith("https://www.tempo.co/")
    urls = [story.url] + [f"{story.url}?{'page' if e3 else 'page_num'}={n}" for n in range(2, story.pages + 1)]
    for page, url in enumerate(urls, 1):
        last = page == len(urls)
        body = story.text if story.text and len(urls) == 1 else pages.paragraphs(story.title, story.id, page)
        if e3:
            next_url = urls[page] if not last else None
            html = pages.e3_article(
                url, story.title, story.day, body, related, pick if last else None, next_url, story.script_body
            )
        else:
            pager = urls if len(urls) > 1 else None
            html = pages.e2_article(url, story.title, story.day, body, related, pick if last else None, pager, page)
        site.add(url, html)


def _listed(site: Site, source: str, numbers: list[int]) -> list[Card]:
    site.sources[source] = numbers
    return [site.card(n) for n in numbers]


def _discovery(site: Site) -> None:
    today, yesterday, before = site.today, site.today - timedelta(days=1), site.today - timedelta(days=2)
    home = _listed(
        site, "home", [1900001, 1900004, 1900017, SEED_ID, 1900012, 1900020, 1900021, 1900022, 1900025, 1900027]
    )
    home[0] = Card(home[0].url + "?utm_source=tempo&utm_medium=home", home[0].title)
    home[3] = Card(SEED_URL.replace("/read/", "/amp/"), home[3].title)  # the AMP duplicate
    home[4] = Card(site.url(1900012).replace("nasional.tempo.co", "m.tempo.co"), home[4].title)
    home[9] = Card(E3_TWIN, home[9].title)
    home += [Card(url, "Tautan luar") for url in OFFSITE]
    home.append(Card("https://video.tempo.co/read/12345/klip-banjir", "Video"))
    site.add("https://www.tempo.co/", pages.e3_listing("Tempo.co", home))

    nasional = _listed(site, "nasional", [1900001, 1900002, 1900010, 1900016, 1900018, 1900019, 1900027, 1900013])
    nasional[0] = Card(site.url(1900001).replace("https:", ""), nasional[0].title)  # protocol-relative
    nasional[-1] = Card(f"https://www.tempo.co/read/1900013/{slug(site.stories[1900013].title)}", "KTT ASEAN")
    site.add("https://nasional.tempo.co/", pages.e2_listing("Nasional", nasional))
    internasional = _listed(site, "internasional", [1900003, 1900013, 1900014, JS_PAGE, 1900026])
    relative = [Card(urlsplit(c.url).path, c.title) for c in internasional]
    site.add("https://www.tempo.co/internasional", pages.e3_listing("Internasional", relative))

    site.add(
        "https://www.tempo.co/rss",
        pages.rss(_listed(site, "rss", [1900005, SEED_ID, 1752])),
        content_type="application/rss+xml",
    )
    fresh = f"{today.isoformat()}T06:00:00+07:00"
    xml = "application/xml"
    site.add(
        "https://www.tempo.co/sitemap.xml",
        pages.sitemap_index(
            [
                ("https://www.tempo.co/sitemap-news.xml", fresh),
                ("https://www.tempo.co/sitemap-internasional.xml.gz", fresh),
                ("https://www.tempo.co/sitemap-2019-01.xml", "2019-01-31"),
            ]
        ),
        content_type=xml,
    )
    site.sources["sitemap"] = [1900006, 1900003]
    site.add(
        "https://www.tempo.co/sitemap-news.xml", pages.urlset([(site.url(1900006), fresh)], news=True), content_type=xml
    )
    # A gzipped child, served as a file (no Content-Encoding): the spider unpacks it.
    child = pages.urlset([(site.url(1900003), fresh), (site.url(1900024), "2019-01-16")])
    site.add(
        "https://www.tempo.co/sitemap-internasional.xml.gz",
        gzip.compress(child.encode()),
        content_type="application/x-gzip",
    )
    site.add(
        "https://www.tempo.co/sitemap-2019-01.xml", pages.urlset([(site.url(1900023), "2019-01-15")]), content_type=xml
    )

    site.add(
        f"https://www.tempo.co/indeks/{today}", pages.e2_listing("Indeks", _listed(site, f"e2:{today}", [1900007]))
    )
    site.add(e3_index(today), pages.e3_listing("Indeks", _listed(site, f"e3:{today}", [1900008, 1900009])))
    site.add(e3_index(today, "internasional"), pages.e3_listing("Indeks", [site.card(1900008), site.card(1900009)]))
    site.add(
        f"https://www.tempo.co/indeks/{yesterday}",
        pages.e2_listing("Indeks", _listed(site, f"e2:{yesterday}", [1900501, 1900502])),
    )
    site.add(
        f"https://www.tempo.co/indeks/{yesterday}/nasional", pages.e2_listing("Indeks Nasional", [site.card(1900501)])
    )
    first = _listed(site, f"e3:{yesterday}", [1900503, 1900504, 1900505, 1900506, 1900507])
    site.add(e3_index(yesterday), pages.e3_listing("Indeks", first[:3], last_page=2))
    site.add(e3_index(yesterday, page=2), pages.e3_listing("Indeks", first[3:], last_page=2, page=2))
    # Past the last page Tempo serves stale data, here with a story no other page lists.
    site.add(
        e3_index(yesterday, page=3), pages.e3_listing("Indeks", [site.card(1900599), first[0]], last_page=2, page=3)
    )
    site.add(e3_index(yesterday, "internasional"), pages.e3_listing("Indeks", [site.card(1900503), site.card(1900505)]))
    site.add(
        f"https://www.tempo.co/indeks/{before}",
        pages.e2_listing("Indeks", _listed(site, f"e2:{before}", [1900511, 1900512])),
    )
    site.add(e3_index(before), pages.e3_listing("Indeks", _listed(site, f"e3:{before}", [1900513, 1900514])))
    site.sources["sections=internasional"] = [*site.sources["internasional"], 1900008, 1900009]


def _bulk(site: Site, count: int) -> None:
    """``count`` more E3 stories on today's index, 20 a page, each relating to two others.

    Their text is the seed's vocabulary drawn at random in the seed's paragraph sizes, so
    that they are as different from each other as real stories are."""
    first = 2_000_000
    numbers = list(range(first, first + count))
    vocabulary = sorted({word for paragraph in pages.PARAGRAPHS for word in paragraph.split()})
    sizes = [len(paragraph.split()) for paragraph in pages.PARAGRAPHS]
    rng = random.Random(first)
    for i, number in enumerate(numbers):
        title = f"Berita Massal Nomor {i}"
        related = [numbers[(i + 1) % count], numbers[(i + 7) % count]]
        text = [f"TEMPO.CO, Jakarta - {title}.", *(" ".join(rng.choices(vocabulary, k=size)) + "." for size in sizes)]
        _story(site, number, e3_url("ekonomi", number, title), title, related=related, text=text)
    for number in numbers:
        _article(site, site.stories[number])
    per_page = 20
    last = (count + per_page - 1) // per_page
    listed = site.sources[f"e3:{site.today}"]
    for page in range(1, last + 1):
        chunk = numbers[(page - 1) * per_page : page * per_page]
        cards = [site.card(n) for n in ([*listed, *chunk] if page == 1 else chunk)]
        site.add(e3_index(site.today, page=page), pages.e3_listing("Indeks", cards, last_page=last, page=page))
    site.sources[f"e3:{site.today}"] = [*listed, *numbers]
