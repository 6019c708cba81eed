"""Hostile bytes at the parser, one case each: what the crawl-level corpus (test_hostile_crawl.py)
found, pinned down where it is decided."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from newscrawl.parsers import NotAnArticle, article_page
from newscrawl.parsers.clean import clean_text
from newscrawl.parsers.document import decode
from newscrawl.store.fingerprint import normalize_text
from tests.site import pages

URL = "https://www.tempo.co/nasional/berita-uji-3200001"
TITLE = "Berita Uji Masukan Jahat"
BODY = ["TEMPO.CO, Jakarta - Berita uji.", *(" ".join([f"Paragraf {n}"] * 20) for n in ("pertama", "kedua", "ketiga"))]


def _page(title: str = TITLE) -> str:
    return pages.e3_article(URL, title, date(2024, 5, 14), BODY, [])


def test_utf8_cut_off_inside_a_character_keeps_the_text_before_it() -> None:
    assert decode("café “kutipan”".encode()[:-2]) == "café “kutipan"


def test_windows_1252_bytes_pasted_into_utf8_read_as_windows_1252() -> None:
    assert decode("“Senja” — ".encode() + "café “x”".encode("windows-1252")) == "“Senja” — café “x”"


def test_a_page_all_in_windows_1252_labelled_utf8_reads_as_windows_1252() -> None:
    data = '<meta charset="utf-8"><p>Kafe “Senja” — café €5</p>'.encode("windows-1252")
    assert decode(data) == '<meta charset="utf-8"><p>Kafe “Senja” — café €5</p>'


def test_a_declared_charset_other_than_utf8_still_decides_for_bytes_that_are_not_utf8() -> None:
    html = '<meta charset="iso-8859-2"><p>Łódź</p>'
    assert decode(html.encode("iso-8859-2")) == html


def test_nul_bytes_are_dropped_as_browsers_do() -> None:
    html = _page().replace(TITLE, "Berita Uji\0 Masukan Ja\0hat").replace("<html", "\0<html")
    article = article_page(URL, html.encode()).to_article()
    assert article.title == "Berita Uji Masukan Jahat"
    assert "\ufffd" not in article.title + article.body
    assert article.warnings == (f"document: {html.count(chr(0))} NUL bytes, dropped from the text as browsers do",)


def test_a_nul_byte_inside_a_link_does_not_make_it_another_article() -> None:
    """Dropped inside an attribute, a NUL joins the digits around it into another article's id: a
    page at /berita-uji-32000<NUL>01 (requested as %00) is not article 3200001, and its card
    linking /berita-terkait-32000<NUL>99 does not link article 3200099."""
    page_url = URL.replace("3200001", "32000\x0001")
    related = "https://www.tempo.co/nasional/berita-terkait-32000\x0099"
    html = pages.e3_article(page_url, TITLE, date(2024, 5, 14), BODY, [pages.Card(related, "Berita Terkait Uji")])
    fetched = URL.replace("3200001", "32000%0001")
    article = article_page(fetched, html.encode()).to_article()
    assert (article.canonical_url, article.article_id) == (fetched, None)
    assert all("3200099" not in (link.url or "") for link in article.related)
    assert article.warnings[-1].startswith("document: ")


def test_a_page_cut_off_inside_a_tag_leaves_no_markup_in_the_text() -> None:
    html = _page()
    cut = html.index("</p>", html.index("Paragraf kedua")) + 2  # "...kedua </"
    article = article_page(URL, html[:cut].encode()).to_article()
    assert article.body.endswith("Paragraf kedua")


@pytest.mark.parametrize("depth", [300, 2000])
def test_nesting_past_libxml2s_default_limit_is_read(depth: int) -> None:
    html = _page().replace('<div id="content-wrapper"', "<div>" * depth + '<div id="content-wrapper"')
    article = article_page(URL, html.encode()).to_article()
    assert article.body == "\n\n".join(BODY)
    assert article.warnings == ()


def test_text_nested_deeper_than_the_parser_reads_is_no_article() -> None:
    html = _page().replace('<div id="content-wrapper"', "<div>" * 5000 + '<div id="content-wrapper"')
    with pytest.raises(NotAnArticle, match="parser-limit: .*Excessive depth in document"):
        article_page(URL, html.encode()).to_article()


def test_nesting_past_the_limit_after_the_text_leaves_a_warning() -> None:
    html = _page().replace("</article>", "</article>" + "<div>" * 5000)
    article = article_page(URL, html.encode()).to_article()
    assert article.body.startswith("TEMPO.CO, Jakarta - Berita uji.")
    assert article.warnings == ("document: not read to the end: Excessive depth in document: 2048",)


def test_a_text_run_over_10_mb_is_read() -> None:
    long = "kata " * 2_200_000
    html = _page().replace("<p>Paragraf pertama", f"<p>{long}</p><p>Paragraf pertama", 1)
    article = article_page(URL, html.encode()).to_article()
    assert len(article.body) > 11_000_000
    assert article.body.endswith(BODY[-1])


@pytest.mark.parametrize("normalize", [clean_text, normalize_text], ids=["parser", "pipeline"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\U0001f469\u200d\U0001f4bb di kantor", "\U0001f469\u200d\U0001f4bb di kantor"),  # one emoji
        ("Nik\u200cpour: نیک\u200cپور", "Nikpour: نیک\u200cپور"),  # ZWNJ in a Persian name, not in Latin
        ("\u200dPresi\u200bden\u200c", "Presiden"),  # debris
        ("\u200fمرحبا\u200e \u202bx\u202c", "\u200fمرحبا\u200e \u202bx\u202c"),  # direction marks stay
    ],
)
def test_joiners_that_join_are_kept(normalize: Callable[[str], str], text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_direction_marks_between_latin_letters_are_debris() -> None:
    """Liputan6 2015 scatters U+200E through its stories; beside Hebrew or Arabic a mark stays."""
    assert clean_text("Lingkungan Hidup \u200edi Jakarta\u200e") == "Lingkungan Hidup di Jakarta"
    assert clean_text("kata \u200fשלום\u200f dan \u200eمرحبا") == "kata \u200fשלום\u200f dan \u200eمرحبا"
