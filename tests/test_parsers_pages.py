"""How the parsers read whole pages: agreement between renderings, robustness to markup
changes, what is not an article, and the smaller signals (premium, drift warnings)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime

import pytest

from newscrawl.parsers import NotAnArticle, article_page, merge_pages, parse, parse_html, parse_listing, parse_text
from tests.conftest import SEEDS

FETCHED = datetime.fromisoformat("2024-05-14T12:00:00+07:00")
E2_URL = (
    "https://dunia.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-as-dalam-urusan-negara-lain"
)
E3_URL = "https://www.tempo.co/internasional/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-as-dalam-urusan-negara-lain-1831560"
SEED_TEXT = (SEEDS / "000_38740b6e35ef3c76.txt").read_text(encoding="utf-8")
E2_HTML = (SEEDS / "e2-dunia-2024-02-08-kremlin-putin-xi.html").read_text(encoding="utf-8")
E3_HTML = (SEEDS / "e3-internasional-2024-02-08-kremlin-putin-xi.html").read_text(encoding="utf-8")

# What a plain-text rendering cannot show: links, images, tags, the layout itself.
INVISIBLE_IN_TEXT = {"layout", "image_url", "tags", "modified_at", "warnings"}


def _without_urls(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_urls(v) for k, v in value.items() if k != "url"}
    if isinstance(value, list):
        return [_without_urls(v) for v in value]
    return value


def test_html_and_text_renderings_of_the_seed_agree_on_every_field_both_show() -> None:
    html = parse_html(E2_URL, E2_HTML, FETCHED).to_dict()
    text = parse_text(SEED_TEXT, E2_URL, FETCHED).to_dict()
    assert text["layout"] == "text"
    for field in html.keys() - INVISIBLE_IN_TEXT:
        if field in ("editor_pick", "related", "read_also"):
            assert _without_urls(text[field]) == _without_urls(html[field]), field
        else:
            assert text[field] == html[field], field


def test_e3_and_e2_pages_of_the_same_story_agree_on_its_text() -> None:
    e2 = parse_html(E2_URL, E2_HTML)
    e3 = parse_html(E3_URL, E3_HTML)
    for field in ("title", "editors", "reporters", "published_at", "dateline", "body", "credit", "image_caption"):
        assert getattr(e3, field) == getattr(e2, field), field
    assert e3.editor_pick is not None
    assert e2.editor_pick is not None
    assert e3.editor_pick.title == e2.editor_pick.title


def test_related_block_survives_a_redesign_of_its_classes_and_heading() -> None:
    """Class names and the heading's tag and case change; the text anchors do not."""
    restyled = re.sub(r'\sclass="[^"]*"', "", E2_HTML)
    restyled = restyled.replace("<h2>Berita terkait</h2>", "<div><span>BERITA TERKAIT</span></div>")
    restyled = restyled.replace("<article>", '<article class="detail-artikel">', 1)  # keep the era marker
    original = parse_html(E2_URL, E2_HTML, FETCHED).related
    assert "BERITA TERKAIT" in restyled
    assert len(original) == 10
    assert parse_html(E2_URL, restyled, FETCHED).related == original


def test_a_merged_two_page_article_equals_the_one_page_article() -> None:
    page1 = article_page(E2_URL, (SEEDS / "e2-dunia-2024-02-08-kremlin-putin-xi.page1.html").read_bytes(), FETCHED)
    next_url = page1.next_page_url()
    assert next_url == f"{E2_URL}?page_num=2"
    page2 = article_page(next_url, (SEEDS / "e2-dunia-2024-02-08-kremlin-putin-xi.page2.html").read_bytes(), FETCHED)
    assert page2.next_page_url() is None
    first, second = page1.to_article(), page2.to_article()
    assert len(first.body.split("\n\n")) == 5
    assert first.credit is None
    assert second.credit == "REUTERS"
    merged = merge_pages([first, second])
    whole = parse_html(E2_URL, E2_HTML, FETCHED)
    assert merged.pages == 2
    assert merged.body == whole.body
    assert merged.to_dict() | {"pages": 1} == whole.to_dict()


def test_merge_keeps_one_copy_of_a_paragraph_repeated_across_pages() -> None:
    whole = parse_html(E2_URL, E2_HTML)
    paragraphs = whole.body.split("\n\n")
    page1 = replace(whole, body="\n\n".join(paragraphs[:6]))
    page2 = replace(whole, body="\n\n".join(paragraphs[5:]))
    assert merge_pages([page1, page2]).body == whole.body


@pytest.mark.parametrize(
    ("url", "html", "reason"),
    [
        ("https://cekfakta.tempo.co/2022/03", (SEEDS / "e2-cekfakta-2022-03-listing.html").read_bytes(), "listing"),
        (
            "https://www.tempo.co/indeks/2017/11/01",
            (SEEDS / "e1-indeks-2017-11-01-mockup.html").read_bytes(),
            "listing",
        ),
        ("https://video.tempo.co/read/31234/banjir-jakarta", E2_HTML, "video"),
        (
            "https://www.tempo.co/read/99999999/hilang",
            "<html><head><title>Halaman Tidak Ditemukan - Tempo.co</title></head>"
            "<body><h1>404</h1><p>Halaman yang Anda cari tidak ditemukan.</p></body></html>",
            "error-page",
        ),
        (E2_URL, "", "empty"),
        (E2_URL, b"   \n\t  ", "empty"),
        (E2_URL, "<html><body><p>Just a page.</p></body></html>", "unknown-layout"),
        # the 2017-2021 template's monthly archive (cekfakta's /2021/10): era markers all over a list of cards
        ("https://cekfakta.tempo.co/2021/10", (SEEDS / "e1-indeks-2017-11-01-mockup.html").read_bytes(), "listing"),
    ],
)
def test_what_is_not_an_article(url: str | None, html: str | bytes, reason: str) -> None:
    with pytest.raises(NotAnArticle) as raised:
        parse_html(url, html)
    assert raised.value.reason == reason


@pytest.mark.parametrize(
    ("url", "html", "host"),
    [
        ("https://mediaindonesia.com/politik/123456/judul", E3_HTML, "mediaindonesia.com"),
        (
            None,
            E3_HTML.replace("https://www.tempo.co/internasional/kremlin", "https://mediaindonesia.com/x"),
            "mediaindonesia.com",
        ),
        (
            None,
            re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>', "", E3_HTML)
            .replace('content="tempo.co"', 'content="Media Indonesia"')
            .replace('"Organization", "name": "Tempo"', '"Organization", "name": "Media Indonesia"'),
            "mediaindonesia",
        ),
    ],
)
def test_another_outlets_page_in_tempos_markup_is_never_read_as_tempos(url: str | None, html: str, host: str) -> None:
    """By its URL, its canonical link or its site name it is another site's: the generic layout
    reads it under that site's name, never one of Tempo's layouts."""
    article = parse_html(url, html)
    assert (article.outlet, article.layout) == ("mediaindonesia", "generic")
    assert article.warnings[0] == f"layout: generic (no outlet package for {host})"
    assert article.title == parse_html(E3_URL, E3_HTML).title


def test_the_2017_2021_cekfakta_template_keeps_its_header_and_credit_out_of_the_body() -> None:
    """Its headline and date line sit inside div#isi, and "Tim Cek Fakta Tempo" closes it."""
    html = (SEEDS / "e1-metro-2017-10-26-ahok-mockup.html").read_text(encoding="utf-8")
    headline = re.search(r'<h1 itemprop="headline">.*?</h1>', html, re.S)
    date = re.search(r'<span id="date"[^>]*>[^<]*</span>', html)
    assert headline is not None
    assert date is not None
    html = html.replace(headline[0], "").replace(date[0], "")
    html = html.replace(
        '<div id="isi" itemprop="articleBody">', f'<div id="isi">{headline[0]}{date[0]}<br>&nbsp;<h3></h3>'
    )
    html = html.replace("<p><strong>ANDRIAN HABIBI | DA</strong></p>", "<p><strong>Tim Cek Fakta Tempo</strong></p>")
    article = parse_html("https://cekfakta.tempo.co/fakta/1532/keliru-kpk", html)
    paragraphs = article.body.split("\n\n")
    assert article.title == "Ahok Hampir Khatam Al Quran, Ini Kata Politikus PPP"
    assert paragraphs[0].startswith("TEMPO.CO, Jakarta -Wakil Ketua Umum DPP")
    assert "Kamis, 26 Oktober 2017 12:34 WIB" not in paragraphs
    assert article.credit == "Tim Cek Fakta Tempo"
    assert article.dateline == "Jakarta"


def test_binary_garbage_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle):
        parse(E2_URL, bytes(range(256)) * 40)


def test_premium_flag_from_json_ld() -> None:
    paid = E3_HTML.replace('"isAccessibleForFree": true', '"isAccessibleForFree": false')
    assert paid != E3_HTML
    assert parse_html(E3_URL, paid).is_premium
    assert not parse_html(E3_URL, E3_HTML).is_premium


def test_client_rendered_page_gets_its_body_from_json_ld() -> None:
    """An E3 page whose HTML has no text in #content-wrapper yet (rendered by script)."""
    empty = re.sub(r'(<div id="content-wrapper"[^>]*>).*?(</div>\n)', r"\1\2", E3_HTML, flags=re.S)
    article = parse_html(E3_URL, empty)
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', E3_HTML, re.S)
    assert script is not None
    body_ld = json.loads(script[1])
    assert article.body == body_ld["@graph"][2]["articleBody"]
    assert "body: DOM body empty, taken from JSON-LD articleBody" in article.warnings


def test_client_rendered_page_without_json_ld_body_is_no_article_for_want_of_a_body() -> None:
    """The spider's signal to render the page in a browser: an article has a body."""
    empty = re.sub(r'(<div id="content-wrapper"[^>]*>).*?(</div>\n)', r"\1\2", E3_HTML, flags=re.S)
    empty = re.sub(r'"articleBody": "[^"]*"', '"articleBody": ""', empty)
    with pytest.raises(NotAnArticle) as raised:
        parse_html(E3_URL, empty)
    assert raised.value.reason == "no-body"


def test_title_drift_is_reported() -> None:
    title = "Kremlin: Putin dan Xi Jinping Tolak Campur Tangan AS dalam Urusan Negara Lain"
    drifted = E2_HTML.replace(f'property="og:title" content="{title}"', 'property="og:title" content="Judul Lain"')
    assert drifted != E2_HTML
    article = parse_html(E2_URL, drifted)
    assert article.title == "Judul Lain"
    assert any(w.startswith("title: meta/DOM disagree") for w in article.warnings)


def test_json_ld_author_who_is_the_labelled_editor_is_not_a_reporter() -> None:
    article = parse_html(E3_URL, E3_HTML)
    assert article.reporters == ()
    assert article.editors == ("Ida Rosdalina",)


def test_wrong_charset_declaration_does_not_garble_the_text() -> None:
    latin1 = E2_HTML.replace("“", '"').replace("”", '"').encode("latin-1", errors="replace")
    assert b'charset="UTF-8"' in latin1 or b"charset=UTF-8" in latin1
    article = parse_html(E2_URL, latin1)
    assert article.title == "Kremlin: Putin dan Xi Jinping Tolak Campur Tangan AS dalam Urusan Negara Lain"
    accented = E2_HTML.replace("Ida Rosdalina", "Ida Rosdalína").encode("latin-1", errors="replace")
    assert parse_html(E2_URL, accented).editors == ("Ida Rosdalína",)


def test_english_text_is_detected_as_english() -> None:
    english = (
        "Indonesia Can Learn from Finland\n\nReporter\n\nEditor\n\nJane Doe\n\n"
        "Thursday, 5 November 2015 11:13 WIB\n\n"
        "TEMPO.CO, Jakarta - The government said on Thursday that the peatland fires were under control, "
        "and that the ministry of forestry was working with the provinces to prevent a repeat.\n\n"
        "The minister said the country would learn from the experience of Finland, where peatlands cover "
        "about one third of the territory."
    )
    article = parse_text(english)
    assert article.language == "en"
    assert article.editors == ("Jane Doe",)
    assert article.published_at == "2015-11-05T11:13:00+07:00"


def test_text_of_a_listing_is_not_an_article() -> None:
    listing = "\n".join(f"Judul berita nomor {i}\n{i} jam lalu" for i in range(1, 9))
    with pytest.raises(NotAnArticle) as raised:
        parse_text("Indeks Berita\n" + listing)
    assert raised.value.reason == "listing"


def test_text_without_a_date_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle) as raised:
        parse_text("Sebuah judul\n\nSebuah paragraf tanpa tanggal sama sekali.")
    assert raised.value.reason == "no-date"


def test_inline_read_also_link_with_a_bare_label_is_taken_out_of_the_body() -> None:
    html = E2_HTML.replace(
        "<p>Kedua negara akan melanjutkan",
        '<p><strong>Baca Juga</strong></p>\n<p><a href="/read/1829977/rusia-dan-cina">Rusia dan Cina Perluas '
        "Perdagangan</a></p>\n<p>Kedua negara akan melanjutkan",
    )
    article = parse_html(E2_URL, html)
    assert "Baca Juga" not in article.body
    assert "Perluas Perdagangan" not in article.body
    assert [(link.title, link.url) for link in article.read_also] == [
        ("Rusia dan Cina Perluas Perdagangan", "https://dunia.tempo.co/read/1829977/rusia-dan-cina")
    ]


def test_e3_index_gives_its_entries_and_last_page() -> None:
    cards = "".join(
        f'<div><figure><figcaption><p><a href="/politik/judul-berita-{n}-18689{n:02d}">Judul {n}</a></p>'
        f"</figcaption></figure></div>"
        for n in range(1, 6)
    )
    pager = "".join(f'<button data-type="page" value="{n}">{n}</button>' for n in (1, 2, 3, 17))
    html = (
        f'<html><body><main><div class="flex flex-col divide-y divide-neutral-500">{cards}</div>'
        f"<nav>{pager}</nav></main></body></html>"
    )
    listing = parse_listing("https://www.tempo.co/indeks?page=1&category=date&start_date=2025-01-02", html)
    assert [e.title for e in listing.entries] == [f"Judul {n}" for n in range(1, 6)]
    assert listing.entries[0].url == "https://www.tempo.co/politik/judul-berita-1-1868901"
    assert listing.last_page == 17


def test_the_text_outranks_a_declared_language() -> None:
    """A template that declares Indonesian (og:locale id_ID) on an English story."""
    story = (
        "<p>The two leaders said that the ties between the countries were at their best and that the trade "
        "was growing, and they agreed on the need to work with the others in the region.</p>"
        "<p>It was said by the ministers that this is the first call of the year and that the talks were on "
        "the trade, the war and the energy projects of the two states.</p>"
    )
    head, rest = E2_HTML.split('<div class="detail-konten">')
    english = f'{head}<div class="detail-konten">{story}</div>' + rest[rest.index("</article>") :]
    article = parse_html(E2_URL, english)
    assert article.body.startswith("The two leaders said")
    assert article.body.endswith("the energy projects of the two states.")
    assert article.language == "en"
    assert "language: declared 'id' but the text reads as 'en'" in article.warnings


def _generic_page(byline: str) -> str:
    paragraph = "<p>" + "Pemerintah kota mengumumkan rencana baru untuk memperbaiki jalan di pusat kota. " * 3 + "</p>"
    return f"""<html><head><title>Jalan Kota Diperbaiki Pekan Ini - Contoh</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-05-14T10:00:00+07:00"></head><body>
<h1>Jalan Kota Diperbaiki Pekan Ini</h1>{byline}
<div class="photo"><img src="https://contoh.id/a.jpg"><span class="author">Facebook</span> Jalan di pusat kota</div>
<div class="content">{paragraph * 5}</div></body></html>"""


@pytest.mark.parametrize(
    ("byline", "reporters"), [('<div class="author">Budi Santoso</div>', ("Budi Santoso",)), ("", ())]
)
def test_a_photo_credit_marked_author_is_no_writer_of_a_generic_page(byline: str, reporters: tuple[str, ...]) -> None:
    """Kompas 2015 marks its photo credit ``<span class="author">Facebook</span>`` beside the picture."""
    article = parse_html("https://www.contoh.id/berita/2024/05/14/jalan-kota", _generic_page(byline))
    assert (article.layout, article.reporters) == ("generic", reporters)
