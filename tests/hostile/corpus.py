"""A generated corpus of 1,000 hostile pages on the fake tempo.co, and what a crawl must make of each.

Built from a fixed seed, so every run serves the same bytes. Each ``Entry`` is one thing the crawl
meets (an article, a listing, a redirect chain) with the outcomes it may end in: ``stored`` (a row in
``articles``), ``listing`` (read as a listing), or a named reason as the crawl logs and counts it
(``skipped/not-html``, ``failed/redirect-loop``, ``dropped/short-body``, ``duplicate``). Where the
outcome depends on where a random cut falls (truncated pages, random bytes) a family is allowed
(``skipped/``); everywhere else exactly one outcome is.
"""

from __future__ import annotations

import base64
import itertools
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from tests.site import pages
from tests.site.build import Page, Site, e2_url, e3_url, page_key
from tests.site.pages import Card

PAGES = 1000
"""Distinct URLs the corpus serves (robots.txt aside)."""
DAY = date(2024, 5, 14)
PUBLISHED = datetime.fromisoformat("2024-05-14T10:15:00+07:00")  # the templates' time on DAY
CYCLE = 500
ENDLESS_ARTICLE = 35  # pages served; the spider reads 30 (MAX_ARTICLE_PAGES)
ENDLESS_INDEX = 202  # pages served; the spider reads 200 (MAX_LISTING_PAGES)
EMPTY_INDEX = 3  # pages served of an endless index that lists nothing; the spider reads the first
REDIRECT_CHAIN = 22  # URLs, 21 redirects: past Scrapy's REDIRECT_MAX_TIMES (20)
RANDOM_PAGES = 40
BIG = 10 * 1024 * 1024
DEEP = 5000
# Text for charset tests: windows-1252 has curly quotes, dashes and the euro; latin-1 only the letters.
CP1252_WORDS = ("café", "“Senja”", "—", "€5", "naïve", "Ñoño")
LATIN1_WORDS = ("café", "naïve", "Ñoño", "über")
_WORD = re.compile(r"^[A-Za-z]+$")
_VOCABULARY = sorted({w for p in pages.PARAGRAPHS for w in p.split() if _WORD.match(w)})


@dataclass(frozen=True)
class Entry:
    kind: str
    url: str
    expect: tuple[str, ...]
    """Allowed outcomes: ``stored``, ``listing``, an exact reason (``skipped/not-html``), a family (``skipped/``)."""
    start: bool = True
    """Given to the crawl in ``urls_file``; else reached through related links."""
    title: str | None = None
    body: str | None = None
    """What a stored row holds: this title, and this body (with ``prefix``, a prefix of it)."""
    prefix: bool = False
    also: tuple[str, ...] = ()
    """The other URLs of the entry (a redirect chain), whose log lines speak for it."""
    warning: str | None = None
    """The start of a warning its stored row must carry."""
    pages: int = 1

    def allows(self, outcome: str) -> bool:
        return any(outcome == e or (e.endswith("/") and outcome.startswith(e)) for e in self.expect)


@dataclass
class Corpus:
    site: Site = field(default_factory=lambda: Site(DAY))
    entries: list[Entry] = field(default_factory=list)
    endless_index: str = "https://www.tempo.co/indeks/2019-06-01"
    """Its pager always offers one more page, and every page lists an article."""
    empty_index: str = "https://www.tempo.co/indeks/2019-06-02"
    """Its pager always offers one more page, and no page lists an article."""

    @property
    def start_urls(self) -> list[str]:
        return [entry.url for entry in self.entries if entry.start]


def build_corpus(seed: int = 7) -> Corpus:
    builder = _Builder(random.Random(seed))
    builder.related_cycle()
    builder.endless()
    builder.big()
    builder.deep()
    builder.charsets()
    builder.nul_bytes()
    builder.empty_and_not_html()
    builder.redirects()
    builder.stalls()
    builder.random_bytes(RANDOM_PAGES)
    builder.truncated(PAGES - len(builder.corpus.site.pages))
    assert len(builder.corpus.site.pages) == PAGES
    return builder.corpus


class _Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.corpus = Corpus()
        self.site = self.corpus.site
        self._ids = itertools.count(3_100_000)

    # -- helpers -----------------------------------------------------------------------
    def url(self, title: str, e3: bool = True) -> str:
        number = next(self._ids)
        return e3_url("nasional", number, title) if e3 else e2_url("nasional", number, title)

    def paragraphs(self, title: str, count: int = 4, extra: tuple[str, ...] = ()) -> list[str]:
        """A lead naming the story and ``count`` paragraphs of seed words, ``extra`` words mixed in
        (no ``&<>"'``: a prefix of the page's text is then a prefix of the article's)."""
        body = [f"TEMPO.CO, Jakarta - {title}."]
        for _ in range(count):
            words = self.rng.choices(_VOCABULARY, k=self.rng.randrange(40, 80))
            for word in extra:
                words.insert(self.rng.randrange(len(words)), word)
            body.append(" ".join(words) + ".")
        return body

    def page(self, url: str, title: str, body: list[str], **kwargs: object) -> str:
        if url.startswith("https://www.tempo.co/"):
            return pages.e3_article(url, title, DAY, body, [], **kwargs)  # type: ignore[arg-type]
        return pages.e2_article(url, title, DAY, body, [], **kwargs)  # type: ignore[arg-type]

    def add(self, url: str, body: str | bytes, **kwargs: object) -> None:
        assert page_key(url) not in self.site.pages, url
        self.site.add(url, body, **kwargs)

    def article(self, kind: str, title: str) -> Entry:
        """A plain article page, stored as it is."""
        url = self.url(title)
        body = self.paragraphs(title)
        self.add(url, self.page(url, title, body))
        entry = Entry(kind, url, ("stored",), title=title, body="\n\n".join(body))
        self.corpus.entries.append(entry)
        return entry

    # -- the corpus --------------------------------------------------------------------
    def related_cycle(self) -> None:
        """500 stories, each relating to the next (a ring) and to those 10 and 100 further on."""
        titles = [f"Siklus Berita Nomor {i}" for i in range(CYCLE)]
        urls = [self.url(title) for title in titles]
        for i, (url, title) in enumerate(zip(urls, titles, strict=True)):
            related = [Card(urls[(i + step) % CYCLE], titles[(i + step) % CYCLE]) for step in (1, 10, 100)]
            body = self.paragraphs(title)
            self.add(url, pages.e3_article(url, title, DAY, body, related))
            self.corpus.entries.append(
                Entry("related-cycle", url, ("stored",), start=i == 0, title=title, body="\n\n".join(body))
            )

    def endless(self) -> None:
        """Pagers that always offer one more page: an article in each era, and two daily indexes, one
        listing an article of the cycle on each page (met again: a duplicate), one listing nothing."""
        warning = "pages: stopped after 30 pages"
        title = "Halaman Tanpa Akhir Lama"
        url = self.url(title, e3=False)
        chain = [url, *(f"{url}?page_num={n}" for n in range(2, ENDLESS_ARTICLE + 2))]
        for n in range(1, ENDLESS_ARTICLE + 1):
            self.add(chain[n - 1], self.page(chain[n - 1], title, self.paragraphs(title), pager=chain[: n + 1], page=n))
        self.corpus.entries.append(Entry("endless-pager", url, ("stored",), title=title, warning=warning, pages=30))
        title = "Halaman Tanpa Akhir Baru"
        url = self.url(title)
        chain = [url, *(f"{url}?page={n}" for n in range(2, ENDLESS_ARTICLE + 2))]
        for n in range(1, ENDLESS_ARTICLE + 1):
            self.add(chain[n - 1], self.page(chain[n - 1], title, self.paragraphs(title), next_url=chain[n]))
        self.corpus.entries.append(Entry("endless-pager", url, ("stored",), title=title, warning=warning, pages=30))
        cycle = [Card(e.url, e.title or "") for e in self.corpus.entries if e.kind == "related-cycle"]
        index = self.corpus.endless_index
        for n in range(1, ENDLESS_INDEX + 1):
            listed = [cycle[n % len(cycle)]]
            self.add(
                index + (f"?page={n}" if n > 1 else ""), pages.e3_listing("Indeks", listed, last_page=n + 1, page=n)
            )
        self.corpus.entries.append(Entry("endless-index", index, ("listing",)))
        index = self.corpus.empty_index
        for n in range(1, EMPTY_INDEX + 1):
            self.add(index + (f"?page={n}" if n > 1 else ""), pages.e3_listing("Indeks", [], last_page=n + 1, page=n))
        self.corpus.entries.append(Entry("empty-index", index, ("listing",)))

    def big(self) -> None:
        """10 MB pages: an article under 10 MB of inline script, and an article 10 MB long."""
        title = "Berita di Bawah Sepuluh Megabita Skrip"
        url = self.url(title)
        body = self.paragraphs(title)
        blob = base64.b64encode(self.rng.randbytes(BIG * 3 // 4)).decode()
        html = self.page(url, title, body).replace("</head>", f'<script>var iklan = "{blob}";</script>\n</head>')
        self.add(url, html)
        self.corpus.entries.append(Entry("10mb-script", url, ("stored",), title=title, body="\n\n".join(body)))
        title = "Berita Sepanjang Sepuluh Megabita"
        url = self.url(title, e3=False)
        body = [f"TEMPO.CO, Jakarta - {title}."]
        while sum(len(p) + 2 for p in body) < BIG:
            body.append(" ".join(self.rng.choices(_VOCABULARY, k=300)) + ".")
        self.add(url, self.page(url, title, body))
        self.corpus.entries.append(Entry("10mb-text", url, ("stored",), title=title, body="\n\n".join(body)))

    def deep(self) -> None:
        """5,000 levels of nesting: around the article text, after it, and inside a paragraph."""
        opened, closed = "<div>" * DEEP, "</div>" * DEEP
        title = "Teks di Dasar Lima Ribu Lapis"
        url = self.url(title)
        html = self.page(url, title, self.paragraphs(title))
        html = html.replace('<div id="content-wrapper"', opened + '<div id="content-wrapper"').replace(
            "</article>", closed + "</article>"
        )
        self.add(url, html)
        self.corpus.entries.append(Entry("deep-around", url, ("skipped/parser-limit",)))
        warning = "document: not read to the end"
        title = "Lima Ribu Lapis Setelah Teks"
        url = self.url(title)
        body = self.paragraphs(title)
        self.add(url, self.page(url, title, body).replace("</article>", "</article>" + opened + closed))
        self.corpus.entries.append(
            Entry("deep-after", url, ("stored",), title=title, body="\n\n".join(body), warning=warning)
        )
        title = "Lima Ribu Lapis di Tengah Paragraf"
        url = self.url(title, e3=False)
        body = self.paragraphs(title)
        cut = body[3].index(" ", len(body[3]) // 2)
        spans = "<span>" * DEEP + "tenggelam" + "</span>" * DEEP
        html = self.page(url, title, body).replace(body[3], body[3][:cut] + spans + body[3][cut:])
        self.add(url, html)
        self.corpus.entries.append(
            Entry("deep-inside", url, ("stored",), title=title, body="\n\n".join(body), prefix=True, warning=warning)
        )

    def charsets(self) -> None:
        """Declared charsets that lie, both ways, and none at all."""
        cases = [
            ("cp1252-as-utf8", "windows-1252", "utf-8", CP1252_WORDS, True),
            ("cp1252-as-utf8", "windows-1252", "utf-8", CP1252_WORDS, False),
            ("latin1-as-utf8", "latin-1", "utf-8", LATIN1_WORDS, False),
            ("utf8-as-cp1252", "utf-8", "windows-1252", CP1252_WORDS, True),
            ("utf8-as-cp1252", "utf-8", "windows-1252", CP1252_WORDS, False),
            ("utf8-as-latin1", "utf-8", "iso-8859-1", CP1252_WORDS, False),
            ("cp1252-unlabelled", "windows-1252", None, CP1252_WORDS, False),
        ]
        for kind, encoding, label, words, e3 in cases:
            title = f"Kafe {words[1]} {words[0]} dan {kind}"
            url = self.url(title, e3)
            body = self.paragraphs(title, extra=words)
            meta = f'<meta charset="{label}">' if label else ""
            html = re.sub(r'<meta charset="[^"]+">', meta, self.page(url, title, body))
            content_type = f"text/html; charset={label}" if label else "text/html"
            self.add(url, html.encode(encoding), content_type=content_type)
            self.corpus.entries.append(Entry(kind, url, ("stored",), title=title, body="\n\n".join(body)))
        # A UTF-8 page with a few windows-1252 bytes pasted in.
        title = "Kafe “Campuran” dan Bita Nyasar"
        url = self.url(title, e3=False)
        body = self.paragraphs(title, extra=CP1252_WORDS)
        data = self.page(url, title, body).encode()
        self.add(url, data.replace(body[2].encode(), body[2].encode("windows-1252")))
        entry = Entry("utf8-with-cp1252-bytes", url, ("stored",), title=title, body="\n\n".join(body))
        self.corpus.entries.append(entry)

    def nul_bytes(self) -> None:
        """NUL bytes in the title, the text, attributes and between tags: dropped, as browsers do."""
        for kind, e3 in (("nul-title", False), ("nul-title", True), ("nul-text", False), ("nul-markup", True)):
            title = f"Berita Bita Nol {kind} {'baru' if e3 else 'lama'}"
            url = self.url(title, e3)
            body = self.paragraphs(title)
            html = self.page(url, title, body)
            if kind == "nul-title":
                html = html.replace(title, title.replace("Bita", "Bi\0ta"))
            elif kind == "nul-text":
                html = html.replace(body[1], body[1].replace(" ", " \0", 5)).replace(body[3], "\0\0" + body[3])
            else:
                html = html.replace("<html", "\0\0<html").replace('lang="id"', 'lang="i\0d"').replace("</p>", "</p>\0")
            self.add(url, html)
            self.corpus.entries.append(Entry(kind, url, ("stored",), title=title, body="\n\n".join(body)))

    def empty_and_not_html(self) -> None:
        for e3, data in ((False, b""), (True, b"  \n\t  "), (False, b"\xef\xbb\xbf")):
            url = self.url("Halaman Kosong", e3)
            self.add(url, data)
            self.corpus.entries.append(Entry("empty", url, ("skipped/empty",)))
        listing = "https://www.tempo.co/topik/halaman-kosong"
        self.add(listing, b"")
        self.corpus.entries.append(Entry("empty-listing", listing, ("skipped/empty",)))
        listing = "https://www.tempo.co/topik/bita-acak"
        self.add(listing, self.rng.randbytes(5000))
        self.corpus.entries.append(Entry("random-listing", listing, ("listing", "skipped/")))
        noise = self.rng.randbytes(2000)
        for content_type, data in (
            ("image/png", b"\x89PNG\r\n\x1a\n" + noise),
            ("image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + noise),
            ("image/gif", b"GIF89a" + noise),
            ("application/pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + noise),
            ("application/json", b'{"@type": "NewsArticle", "headline": "Bukan HTML", "articleBody": "x"}'),
            ("application/xml", b'<?xml version="1.0"?><urlset><url><loc>https://www.tempo.co/</loc></url></urlset>'),
            ("text/xml; charset=utf-8", b'<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>'),
            ("application/octet-stream", noise),
            ("video/mp4", b"\x00\x00\x00\x18ftypmp42" + noise),
        ):
            url = self.url("Bukan Halaman HTML")
            self.add(url, data, content_type=content_type)
            self.corpus.entries.append(Entry(f"not-html {content_type}", url, ("skipped/not-html",)))

    def redirects(self) -> None:
        """Redirect loops of one, two and three URLs and a page that refreshes to itself, a chain
        longer than Scrapy follows, two addresses redirecting to one article, and a next page that
        redirects back to page 1."""
        for size in (1, 2, 3):
            chain = [self.url(f"Putaran Pengalihan {size}") for _ in range(size)]
            for here, there in zip(chain, [*chain[1:], chain[0]], strict=True):
                self.add(here, b"", status=301 if size != 2 else 302, headers={"Location": there})
            self.corpus.entries.append(Entry("redirect-loop", chain[0], ("failed/redirect-loop",), also=tuple(chain)))
        title = "Halaman yang Memuat Ulang Dirinya"
        url = self.url(title)
        refresh = f'<meta http-equiv="refresh" content="0; url={url}">\n</head>'
        self.add(url, self.page(url, title, self.paragraphs(title)).replace("</head>", refresh))
        self.corpus.entries.append(Entry("refresh-loop", url, ("failed/redirect-loop",)))
        chain = [self.url("Rantai Pengalihan Panjang") for _ in range(REDIRECT_CHAIN)]
        for here, there in zip(chain, chain[1:], strict=False):
            self.add(here, b"", status=301, headers={"Location": there})
        title = "Ujung Rantai Pengalihan"
        self.add(chain[-1], self.page(chain[-1], title, self.paragraphs(title)))
        self.corpus.entries.append(Entry("redirect-chain", chain[0], ("failed/too-many-redirects",), also=tuple(chain)))
        target = self.article("redirect-target", "Tujuan Dua Alamat Lama")
        for _ in range(2):
            old = self.url("Alamat Lama", e3=False)
            self.add(old, b"", status=301, headers={"Location": target.url})
            self.corpus.entries.append(Entry("redirect-duplicate", old, ("duplicate",)))
        title = "Halaman Dua Kembali ke Satu"
        url = self.url(title, e3=False)
        body = self.paragraphs(title)
        self.add(url, self.page(url, title, body, pager=[url, f"{url}?page_num=2"], page=1))
        self.add(f"{url}?page_num=2", b"", status=301, headers={"Location": url})
        warning = "pages: page 2 not fetched (http-301)"
        entry = Entry("next-page-redirect", url, ("stored",), title=title, body="\n\n".join(body), warning=warning)
        self.corpus.entries.append(entry)

    def stalls(self) -> None:
        """Pages that send their headers and half the body, then nothing."""
        title = "Halaman yang Tak Pernah Selesai"
        url = self.url(title)
        self.site.pages[page_key(url)] = Page(body=self.page(url, title, self.paragraphs(title)).encode(), stall=True)
        self.corpus.entries.append(Entry("never-finishes", url, ("failed/timeout",)))
        listing = "https://www.tempo.co/topik/tak-pernah-selesai"
        self.site.pages[page_key(listing)] = Page(body=pages.e3_listing("Topik", []).encode(), stall=True)
        self.corpus.entries.append(Entry("never-finishes-listing", listing, ("failed/timeout",)))

    def random_bytes(self, count: int) -> None:
        for i in range(count):
            url = self.url("Bita Acak", e3=i % 2 == 0)
            self.add(url, self.rng.randbytes(self.rng.randrange(1, 20_000)))
            self.corpus.entries.append(Entry("random-bytes", url, ("skipped/",)))

    def truncated(self, count: int) -> None:
        """Article pages cut short: anywhere, inside the text, or inside a multi-byte character."""
        for i in range(count):
            title = f"Berita Terpotong {i} “Kafe”"
            url = self.url(title, e3=i % 2 == 0)
            body = self.paragraphs(title, extra=CP1252_WORDS)
            data = self.page(url, title, body).encode()
            text_start = data.index(body[0].encode())
            if i % 3 == 0:
                cut = self.rng.randrange(1, len(data))
            elif i % 3 == 1:
                cut = self.rng.randrange(text_start, len(data))
            else:
                wide = [m.start() for m in re.finditer(rb"[\xc2-\xf4]", data[text_start:])]
                cut = text_start + self.rng.choice(wide) + 1
            self.add(url, data[:cut])
            expect = ("stored", "skipped/", "dropped/")
            self.corpus.entries.append(
                Entry("truncated", url, expect, title=title, body="\n\n".join(body), prefix=True)
            )
