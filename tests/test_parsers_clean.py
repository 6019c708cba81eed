"""The shared cleanup: whitespace, boilerplate lines, "Baca juga", credits, datelines."""

from __future__ import annotations

import pytest

from newscrawl.parsers.clean import (
    clean_text,
    dateline_of,
    editor_pick_title,
    is_boilerplate,
    is_credit,
    read_also_title,
    split_names,
)


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
