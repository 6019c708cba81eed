"""What holds for every parse, whatever the layout (``parsers/invariants.py``): on every saved
page, and on pages of the same templates with other content — a header inside the body
container, a team credit at the end, site chrome between the paragraphs, another title,
another host, another archive URL. The site lines inserted are Tempo's (its chrome): those tests
run on Tempo's pages."""

from __future__ import annotations

import html as markup
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from newscrawl.items import Article
from newscrawl.parsers import NotAnArticle, merge_pages, parse, parse_html
from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.invariants import breaks
from newscrawl.parsers.query import text_of
from tests.conftest import SEEDS, load_cases

CASES = load_cases()
ARTICLE_INPUTS = [(i["file"], i["url"]) for c in CASES if c["kind"] == "article" for i in c["inputs"]]
HTML_ARTICLES = [(f, u) for f, u in ARTICLE_INPUTS if f.endswith(".html") and ".page" not in f]
LISTINGS = [(i["file"], i["url"]) for c in CASES if c["kind"] == "listing" for i in c["inputs"]]
# Tempo's cases (no "outlet" key): its chrome, its archive URLs, its listings.
TEMPO_HTML = [
    (i["file"], i["url"])
    for c in CASES
    if "outlet" not in c
    for i in c["inputs"]
    if (i["file"], i["url"]) in HTML_ARTICLES
]
TEMPO_LISTINGS = [
    (i["file"], i["url"]) for c in CASES if c["kind"] == "listing" and "outlet" not in c for i in c["inputs"]
]
OTHER_LISTINGS = [(i["file"], i["url"]) for c in CASES if c["kind"] == "listing" and "outlet" in c for i in c["inputs"]]
PROFILE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PARSER = etree.HTMLParser(encoding="utf-8")
CHROME_LINES = [
    "Baca berita dengan sedikit iklan, klik di sini",
    "Baca berita dengan sedikit iklan, klik disini",
    "Scroll ke bawah untuk melanjutkan membaca",
    "Advertisement",
    "Iklan",
    "Image of Tempo",
    "Perbesar",
    "image-gnews",
    "Berita Tempo Plus",
    "Lupa Kata Sandi? Klik di Sini",
    "atau Masuk melalui",
    "Belum Memiliki Akun Daftar di Sini",
    "Kirimkan Lagi Sekarang",
    "Konfirmasi Email",
]
ENDINGS = [
    "Berlangganan Tempo+ untuk membaca cerita lengkapnyaSudah Berlangganan? Masuk di sini",
    "Logo Tempo",
    "Unduh aplikasi Tempo",
    "Ikuti Media Sosial Kami",
    "© 2024 Tempo - Hak Cipta Dilindungi Hukum",
]
CREDITS = st.sampled_from(
    ["Tim Cek Fakta Tempo", "TIM CEKFAKTA TEMPO", "REUTERS", "ANTARA | AFP", "ANDRIAN HABIBI | DA"]
)
WORDS = st.lists(
    st.sampled_from(
        [
            "kota",
            "warga",
            "banjir",
            "pemerintah",
            "harga",
            "beras",
            "naik",
            "pasar",
            "jalan",
            "sekolah",
            "hujan",
            "listrik",
            "desa",
        ]
    ),
    min_size=3,
    max_size=9,
)
OTHER_HOSTS = st.sampled_from(
    ["www.cnnindonesia.com", "kumparan.com", "mediaindonesia.com", "www.thejakartapost.com", "tempo.com", "nottempo.co"]
)


def _original(name: str, url: str | None) -> Article:
    return parse(url, (SEEDS / name).read_bytes())


def _tree(name: str) -> etree._Element:
    return etree.fromstring((SEEDS / name).read_bytes(), PARSER)


def _holder(
    tree: etree._Element, paragraph: str, exact: bool = False, after: etree._Element | None = None
) -> etree._Element | None:
    """The innermost (last) element whose text holds the paragraph's start, or is the paragraph
    (``after``: only one that follows that element, as the end of a story follows its start)."""
    start = paragraph[:40]
    found = None
    seen_start = after is None
    for element in tree.iter("p", "div", "li"):  # block elements: a <p> sibling of them is valid HTML
        seen_start = seen_start or element is after
        text = clean_text(text_of(element))
        if seen_start and (text == paragraph if exact else start in text):
            found = element
    return found


def _closing(tree: etree._Element, credit: str, first: etree._Element) -> etree._Element | None:
    """The line of the story's closing credit after its first paragraph: a block whose text it is,
    else an element holding it as a desk code in parentheses (``<strong>(vyp/kna)</strong>``)."""
    found = _holder(tree, credit, exact=True, after=first)
    if found is not None:
        return found
    seen_start = False
    for element in tree.iter():
        seen_start = seen_start or element is first
        if seen_start and isinstance(element.tag, str) and clean_text(text_of(element)) == f"({credit})":
            found = element
    return found


def _story_container(tree: etree._Element, first: etree._Element, last_paragraph: str) -> etree._Element | None:
    """The innermost element holding the story's first and last paragraphs."""
    last = _holder(tree, last_paragraph)
    if last is None:
        return None
    around_last = set(last.iterancestors())
    return next((a for a in first.iterancestors() if a in around_last), None)


def _sibling(anchor: etree._Element, text: str, after: bool = False) -> None:
    line = etree.fromstring(f"<p>{markup.escape(text)}</p>")
    parent = anchor.getparent()
    assert parent is not None
    parent.insert(parent.index(anchor) + (1 if after else 0), line)


def _parse_tree(tree: etree._Element, url: str | None) -> Article:
    return parse_html(url, etree.tostring(tree, encoding="utf-8", method="html"))


@pytest.mark.parametrize(("name", "url"), ARTICLE_INPUTS, ids=[f for f, _ in ARTICLE_INPUTS])
def test_every_saved_article_keeps_the_invariants(name: str, url: str | None) -> None:
    assert breaks(_original(name, url)) == []


@pytest.mark.parametrize("case", [c for c in CASES if len(c["inputs"]) > 1], ids=lambda c: c["name"])
def test_merged_pages_keep_the_invariants(case: dict[str, Any]) -> None:
    assert breaks(merge_pages([_original(i["file"], i["url"]) for i in case["inputs"]])) == []


@PROFILE
@given(st.sampled_from(HTML_ARTICLES), st.booleans(), st.booleans(), st.one_of(st.none(), CREDITS))
def test_a_header_inside_the_body_container_is_not_body(
    page: tuple[str, str], title: bool, date: bool, credit: str | None
) -> None:
    """The 2017-2021 cekfakta template: headline and date line inside the body container, the
    desk's credit closing it."""
    name, url = page
    original = _original(name, url)
    paragraphs = original.body.split("\n\n")
    tree = _tree(name)
    first = _holder(tree, paragraphs[0])
    # The credit's line after the story's start (Tribunnews's "Sumber: TribunSolo.com" is also a
    # menu item of the page's header, which is no end of the story)
    if original.credit:
        last = _closing(tree, original.credit, first) if first is not None else None
    else:
        last = _holder(tree, paragraphs[-1])
    assume(first is not None and last is not None)
    assert first is not None
    assert last is not None
    if date and original.published_at_raw:
        _sibling(first, original.published_at_raw)
    if title:
        _sibling(first, original.title)
    if credit and last is first:  # the story is its container's own text, not <p>s: the credit closes it
        last.append(etree.fromstring(f"<p>{markup.escape(credit)}</p>"))
    elif credit:
        _sibling(last, credit, after=True)
    article = _parse_tree(tree, url)
    assert breaks(article) == []
    assert article.title == original.title
    assert article.body == original.body
    if credit:
        assert article.credit is not None
        container = _story_container(tree, first, paragraphs[-1])
        if last is first or any(a is container for a in last.iterancestors()):
            assert article.credit.endswith(credit)
        else:  # after a closing line outside the story's container (Okezone 2015's desk code): the
            # page's last line, read as the credit or left out as not the story's
            assert article.credit == original.credit or article.credit.endswith(credit)


@PROFILE
@given(st.sampled_from(TEMPO_HTML), st.lists(st.tuples(st.integers(0, 40), st.sampled_from(CHROME_LINES)), max_size=6))
def test_site_chrome_between_paragraphs_is_never_body(page: tuple[str, str], inserts: list[tuple[int, str]]) -> None:
    name, url = page
    original = _original(name, url)
    paragraphs = original.body.split("\n\n")
    tree = _tree(name)
    for where, line in inserts:
        holder = _holder(tree, paragraphs[where % len(paragraphs)])
        assume(holder is not None)
        assert holder is not None
        _sibling(holder, line, after=True)
    assert _parse_tree(tree, url) == original


@PROFILE
@given(st.sampled_from(TEMPO_HTML), st.integers(1, 40), st.sampled_from(ENDINGS))
def test_the_paywall_or_the_footer_ends_the_body(page: tuple[str, str], where: int, ending: str) -> None:
    name, url = page
    paragraphs = _original(name, url).body.split("\n\n")
    keep = where % len(paragraphs) or 1
    tree = _tree(name)
    holders = [_holder(tree, p) for p in paragraphs]
    assume(len({id(h) for h in holders}) == len(paragraphs))  # one element per paragraph
    holder = holders[keep - 1]
    assert holder is not None
    _sibling(holder, ending, after=True)
    article = _parse_tree(tree, url)
    # What stood before the cut, in the body or (an upper-case line left last) as the credit.
    credits = article.credit.split(" | ") if article.credit else []
    assert [*article.body.split("\n\n"), *credits] == paragraphs[:keep]
    assert breaks(article) == []


@PROFILE
@given(st.sampled_from(HTML_ARTICLES), WORDS)
def test_another_title_is_the_title_and_never_a_paragraph(page: tuple[str, str], words: list[str]) -> None:
    name, url = page
    original = _original(name, url)
    title = " ".join(w.capitalize() for w in words)
    source = (SEEDS / name).read_text(encoding="utf-8")
    assume(source.count(original.title) >= 1)
    tree = etree.fromstring(source.replace(original.title, title).encode(), PARSER)
    holder = _holder(tree, original.body.split("\n\n")[0])
    assume(holder is not None)
    assert holder is not None
    _sibling(holder, title)
    article = _parse_tree(tree, url)
    assert article.title == title
    assert title not in article.body.split("\n\n")


@PROFILE
@given(st.sampled_from(ARTICLE_INPUTS + LISTINGS), OTHER_HOSTS, WORDS)
def test_a_page_on_another_host_is_never_read_as_tempos(page: tuple[str, str], host: str, words: list[str]) -> None:
    """Whatever its markup: a site without a package is read by the generic layout, under its own
    name (never ``tempo``, not even for tempo.com), or refused."""
    name, _ = page
    try:
        article = parse(f"https://{host}/{'-'.join(words)}-123456", (SEEDS / name).read_bytes())
    except NotAnArticle:
        return
    assert article.layout == "generic"
    assert article.outlet not in (None, "tempo")
    assert article.warnings[0] == f"layout: generic (no outlet package for {host})"


ARCHIVE_PATHS = st.one_of(
    st.builds("/{}/{:02d}".format, st.integers(2000, 2030), st.integers(1, 12)),
    st.builds("/indeks/{}-{:02d}-{:02d}".format, st.integers(2000, 2030), st.integers(1, 12), st.integers(1, 28)),
    st.builds(
        "/indeks/{}/{:02d}/{:02d}/{}".format,
        st.integers(2000, 2030),
        st.integers(1, 12),
        st.integers(1, 28),
        st.sampled_from(["nasional", "dunia", "bisnis", ""]),
    ),
)
TEMPO_HOSTS = st.sampled_from(["www.tempo.co", "cekfakta.tempo.co", "nasional.tempo.co", "en.tempo.co", "tempo.co"])


@PROFILE
@given(st.sampled_from(TEMPO_LISTINGS), TEMPO_HOSTS, ARCHIVE_PATHS)
def test_a_listing_at_any_archive_url_is_a_listing(page: tuple[str, str], host: str, path: str) -> None:
    name, _ = page
    with pytest.raises(NotAnArticle) as raised:
        parse(f"https://{host}{path}", (SEEDS / name).read_bytes())
    assert raised.value.reason == "listing"


@PROFILE
@given(st.sampled_from(TEMPO_LISTINGS), TEMPO_HOSTS, WORDS)
def test_a_listing_at_a_url_without_an_article_id_is_a_listing(
    page: tuple[str, str], host: str, words: list[str]
) -> None:
    """Recognised by what it is: many article links, no id in the URL, no article JSON-LD."""
    name, _ = page
    with pytest.raises(NotAnArticle) as raised:
        parse(f"https://{host}/{'-'.join(words)}", (SEEDS / name).read_bytes())
    assert raised.value.reason == "listing"


OTHER_SITE_PATHS = st.one_of(
    ARCHIVE_PATHS, st.builds("/{}".format, st.sampled_from(["nasional", "", "indeks", "tag/banjir"]))
)


@PROFILE
@given(st.sampled_from(OTHER_LISTINGS), OTHER_SITE_PATHS)
def test_a_listing_of_a_site_without_a_package_is_a_listing(page: tuple[str, str], path: str) -> None:
    """By its address, or by its many links to the site's article-like pages: never a generic article."""
    name, url = page
    host = url.split("/")[2]
    with pytest.raises(NotAnArticle) as raised:
        parse(f"https://{host}{path}", (SEEDS / name).read_bytes())
    assert raised.value.reason == "listing"
