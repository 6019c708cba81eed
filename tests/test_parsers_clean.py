"""The shared cleanup: whitespace, boilerplate lines, "Baca juga", credits, datelines (the text rules
every outlet shares, and Tempo's own)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawl.outlets.rules import TextRules, place_name
from newscrawl.outlets.tempo import OUTLET as TEMPO
from newscrawl.parsers import clean
from newscrawl.parsers.clean import (
    clean_text,
    editor_pick_title,
    read_also_title,
    split_names,
    take_credits,
)
from newscrawl.parsers.language import words_of

SHARED = TextRules()
is_boilerplate = TEMPO.text.is_boilerplate
dateline_of = TEMPO.text.dateline_of
is_credit = TEMPO.text.is_credit


def test_clean_text_folds_every_kind_of_space_and_drops_invisible_characters() -> None:
    raw = "\u00a0 Presiden\u00a0Rusia\u200b  Vladimir\u2009Putin \ufeff\n\t berjabat\u3000tangan "
    assert clean_text(raw) == "Presiden Rusia Vladimir Putin berjabat tangan"


def test_clean_text_composes_to_nfc() -> None:
    assert clean_text("Cafe\u0301") == "Caf\u00e9"


@pytest.mark.parametrize(
    "line",
    [
        "Advertising",
        "ADVERTISEMENT",
        "Scroll ke bawah untuk melanjutkan membaca",
        "Baca berita dengan sedikit iklan, klik di sini",
        "Tampilkan Ringkasan Artikel",
        "Dengarkan artikel",
        "Bagikan",
        "Facebook Twitter WhatsApp",
        "Podcast Rekomendasi Tempo",
        "Gabung Tempo Circle",
        "1 2",
        "12",
        "1 2 3 Selanjutnya",
        "** Punya informasi atau klaim yang ingin Anda cek faktanya? Hubungi ChatBot kami.",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Kedua negara akan melanjutkan proyek energi bersama pada tahun 2024, kata Ushakov.",
        "2024",
        "Iklan rokok dilarang tayang",
        "Berlangganan koran sejak 1990, ia tetap setia.",
        "REUTERS",
    ],
)
def test_article_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Baca juga: Rusia dan Cina Perluas Perdagangan", "Rusia dan Cina Perluas Perdagangan"),
        ("Baca Juga", ""),
        ("Baca juga:", ""),
        ("Baca : Lima Bulan Hidup di Penjara", "Lima Bulan Hidup di Penjara"),
        ("Baca: Rizieq Syihab, Mama Dedeh", "Rizieq Syihab, Mama Dedeh"),
        ("Baca - Judul", "Judul"),
    ],
)
def test_read_also_lines(line: str, title: str) -> None:
    assert read_also_title(line) == title


@pytest.mark.parametrize("line", ["Baca buku itu pelan-pelan.", "Bacaan Al Quran", "Baca jugalah buku"])
def test_prose_starting_with_baca_is_not_read_also(line: str) -> None:
    assert read_also_title(line) is None


def test_editor_pick() -> None:
    line = "Pilihan Editor: Dokter di Rusia Sarankan Tes Genetik sebelum Menikah"
    assert editor_pick_title(line) == "Dokter di Rusia Sarankan Tes Genetik sebelum Menikah"
    assert editor_pick_title("Pilihan editor sering berbeda.") is None


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("TEMPO.CO, Jakarta - Presiden Rusia", "Jakarta"),
        ("TEMPO.CO, Jakarta -Wakil Ketua Umum", "Jakarta"),
        ("TEMPO.CO, Yogyakarta – Sultan", "Yogyakarta"),
        ("TEMPO.CO, Kuala Lumpur - Perdana Menteri", "Kuala Lumpur"),
        ("Presiden Rusia Vladimir Putin", None),
    ],
)
def test_dateline(paragraph: str, place: str | None) -> None:
    assert dateline_of(paragraph) == place


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("REUTERS", True),
        ("Reuters", True),
        ("ANTARA | AFP", True),
        ("Al Jazeera", True),
        ("ANDRIAN HABIBI | DA", True),
        ("TIM CEKFAKTA TEMPO", True),
        ("Kedua negara akan melanjutkan proyek energi bersama.", False),
        ("Rusia mendukung kebijakan Cina terhadap Taiwan", False),
    ],
)
def test_credit_lines(line: str, credit: bool) -> None:
    assert is_credit(line) is credit


def test_split_names() -> None:
    assert split_names("Dewi Nurita, Egi Adyatama dan Fajar Pebrianto") == [
        "Dewi Nurita",
        "Egi Adyatama",
        "Fajar Pebrianto",
    ]


def test_clean_text_drops_control_characters() -> None:
    """lxml passes them through from the page; they never belong in stored text."""
    assert clean_text("a\x1bb\x00c \x0c d\x7f") == "abc d"
    assert clean_text("caf\u00e9\x1b\u200b!") == "caf\u00e9!"


@pytest.mark.parametrize(
    "line", ["Podcast Rekomendasi Tempo", "Gabung Tempo Circle", "** Punya informasi atau klaim yang ingin Anda cek?"]
)
def test_tempos_own_lines_are_boilerplate_of_tempo_only(line: str) -> None:
    assert bool(is_boilerplate(line)) is ("cek?" not in line)
    assert not SHARED.is_boilerplate(line)


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("LHOKSEUMAWE, KOMPAS.com – Polres Lhokseumawe", "Lhokseumawe"),
        ("JAKARTA, KOMPAS.com - Menteri", "Jakarta"),
        ("Mataram, NTB (ANTARA News) - Sebanyak 29", "Mataram, NTB"),
        ("REPUBLIKA.CO.ID, JAKARTA -- Aktris", "Jakarta"),
        ("Liputan6.com, Jakarta - Wakil Presiden", "Jakarta"),
        ("TRIBUNNEWS.COM, JAKARTA - Kepala Dinas", "Jakarta"),
        ("TRIBUNNEWS.COM - Berikut jawaban soal", None),
        ("TEMPO.CO, Jakarta - Presiden Rusia", "Jakarta"),
        ("Police captured the white suspect Thursday", None),
        ("KPK memeriksa pejabat", None),
    ],
)
def test_the_shared_datelines(paragraph: str, place: str | None) -> None:
    assert SHARED.dateline_of(paragraph) == place


def test_a_place_in_capitals_becomes_a_name_but_for_acronyms() -> None:
    assert place_name("CHARLESTON, South Carolina") == "Charleston, South Carolina"
    assert place_name("MATARAM, NTB") == "Mataram, NTB"


@pytest.mark.parametrize(
    ("last", "rest", "credit"),
    [
        ("Pasien dirawat intensif. (vyp/kna)", "Pasien dirawat intensif.", "vyp/kna"),
        ("by a neo-Nazi. (dmr)", "by a neo-Nazi.", "dmr"),
        ("(Cas/Isk)", None, "Cas/Isk"),
        ("Ia ditahan di Rutan Salemba (Jakarta Pusat).", "Ia ditahan di Rutan Salemba (Jakarta Pusat).", None),
    ],
)
def test_a_closing_desk_code_is_the_credit(last: str, rest: str | None, credit: str | None) -> None:
    paragraphs = ["Paragraf pertama.", last]
    assert take_credits(paragraphs, SHARED) == credit
    assert paragraphs == ["Paragraf pertama.", *([rest] if rest else [])]


def test_tempo_knows_no_desk_codes() -> None:
    paragraphs = ["Paragraf pertama.", "Ia berkata begitu. (dmr)"]
    assert take_credits(paragraphs, TEMPO.text) is None
    assert paragraphs[-1] == "Ia berkata begitu. (dmr)"


def _every_step(text: str) -> str:
    """``clean_text`` with every step taken, whatever the text: what the short ways must equal."""
    text = unicodedata.normalize("NFC", text)
    text = clean._INVISIBLE.sub("", text)
    text = clean._STRAY_MARK.sub("", clean._STRAY_JOINER.sub("", text))
    return " ".join(text.split())


ODD_TEXT = (
    " \t\n\r\x0b\x0c\x1c\x00\x01\x7f\x85\xa0\xad\u200b\u200c\u200d\u200e\u2060\ufeff\U0010fffdab.,-éé\u0301\U0001f469"
)


@given(st.text(alphabet=st.sampled_from(ODD_TEXT), max_size=40) | st.text(max_size=40))
def test_the_short_ways_clean_as_every_step_does(text: str) -> None:
    assert clean_text(text) == _every_step(text)


@given(
    st.text(
        alphabet=st.sampled_from("abzAZ yang dan the\u2014\u201c\u201dK\u212a\u0130\u00e9\u00df.,-\n0"), max_size=60
    )
    | st.text()
)
def test_words_for_the_language_are_the_runs_of_a_to_z(text: str) -> None:
    assert words_of(text) == [word.encode("ascii") for word in re.findall("[a-z]+", text.lower())]
