"""Text renderings (docs/layouts.md): the current layout, paid pages, magazine pieces, and
E2 pages rendered behind the login modal."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newscrawl.parsers import NotAnArticle, parse_text
from newscrawl.parsers.invariants import TEASER_WARNING, breaks
from tests.conftest import SEEDS

SEED = (SEEDS / "000_38740b6e35ef3c76.txt").read_text(encoding="utf-8")
CURRENT = (SEEDS / "e3-internasional-2024-05-13-top-3-dunia-rafah.txt").read_text(encoding="utf-8")
CURRENT_URL = (
    "https://www.tempo.co/internasional/top-3-dunia-israel-ingin-kosongkan-rafah-tawon-serang-tentara-idf-59828"
)
MODAL = (SEEDS / "e2-dunia-2023-02-22-top-3-dunia-mukaab.txt").read_text(encoding="utf-8").split("\nTop 3 Dunia")[0]
FOOTER = (
    "Logo Tempo\nUnduh aplikasi Tempo\nGoogle Play\nApp Store\nIkuti Media Sosial Kami\n"
    "© 2024 Tempo - Hak Cipta Dilindungi Hukum\nTentang Kami\nKontak\n"
)
PAID = (
    """Baca berita dengan sedikit iklan, klik di sini

Politik

Berita Tempo Plus

Pilkada Tak Langsung, Ide Lama Prabowo

Presiden Prabowo ingin kepala daerah dipilih DPRD. Ide lama yang ditolak publik satu dekade lalu.

12 Desember 2024 | 06.00 WIB

Image of Tempo
Perbesar
Presiden Prabowo Subianto di Istana Negara, Jakarta. Tempo/Subekti

Poin penting
  • Prabowo mengusulkan kepala daerah dipilih DPRD.
  • Ide yang sama ditolak publik pada 2014.
  • Partai koalisi mulai menyiapkan revisi undang-undang.

PRESIDEN Prabowo Subianto kembali melontarkan ide lama: kepala daerah dipilih oleh DPRD, bukan oleh rakyat.

Image of Tempo
Berlangganan Tempo+ untuk membaca cerita lengkapnyaSudah Berlangganan? Masuk di sini
  • Akses edisi mingguan dari Tahun 1971
  • Akses penuh seluruh artikel Tempo+ harian
Lihat Benefit Lainnya
close
"""
    + FOOTER
)


def test_a_current_layout_rendering_gives_rubric_title_summary_date_caption_and_body() -> None:
    article = parse_text(CURRENT, CURRENT_URL)
    assert article.section == "internasional"
    assert article.title == "Top 3 Dunia: Israel Ingin Kosongkan Rafah, Tawon Serang Tentara IDF"
    assert article.subtitle is not None
    assert article.subtitle.startswith("Top 3 dunia adalah Israel meminta")
    assert article.published_at_raw == "13 Mei 2024 | 06.00 WIB"
    assert article.image_caption is not None
    assert article.image_caption.startswith("Warga Palestina melakukan")
    assert "Image of Tempo" not in article.image_caption
    assert "Perbesar" not in article.image_caption
    assert "Baca berita dengan sedikit iklan" not in article.body


def test_a_paid_rendering_is_premium_with_its_key_points_and_the_teaser_only() -> None:
    article = parse_text(PAID, "https://www.tempo.co/politik/pilkada-tak-langsung-ide-lama-prabowo-1184612")
    assert article.is_premium
    assert article.section == "politik"
    assert article.title == "Pilkada Tak Langsung, Ide Lama Prabowo"
    assert (
        article.subtitle
        == "Presiden Prabowo ingin kepala daerah dipilih DPRD. Ide lama yang ditolak publik satu dekade lalu."
    )
    assert article.published_at == "2024-12-12T06:00:00+07:00"
    assert article.image_caption == "Presiden Prabowo Subianto di Istana Negara, Jakarta. Tempo/Subekti"
    assert article.highlights == (
        "Prabowo mengusulkan kepala daerah dipilih DPRD.",
        "Ide yang sama ditolak publik pada 2014.",
        "Partai koalisi mulai menyiapkan revisi undang-undang.",
    )
    assert article.body == (
        "PRESIDEN Prabowo Subianto kembali melontarkan ide lama: kepala daerah dipilih oleh DPRD, bukan oleh rakyat."
    )
    assert TEASER_WARNING in article.warnings


def test_the_rubric_label_names_the_section_when_the_url_does_not() -> None:
    assert parse_text(PAID, "https://www.tempo.co/read/1184612/x").section == "politik"


def test_the_footer_ends_a_free_rendering() -> None:
    article = parse_text(CURRENT + "\n\n" + FOOTER, CURRENT_URL)
    assert article.body == parse_text(CURRENT, CURRENT_URL).body
    assert not article.is_premium


def test_an_e2_rendering_behind_the_login_modal_reads_as_without_it() -> None:
    url = "https://dunia.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping"
    assert parse_text(MODAL + "\n\n" + SEED, url) == parse_text(SEED, url)


def test_a_byline_without_a_date_needs_the_article_id_of_the_url() -> None:
    undated = (SEEDS / "e2-dunia-2023-02-22-top-3-dunia-mukaab.txt").read_text(encoding="utf-8")
    assert parse_text(undated, "https://dunia.tempo.co/read/1694834").editors == ("Ida Rosdalina",)
    with pytest.raises(NotAnArticle) as raised:
        parse_text(undated)
    assert raised.value.reason == "no-date"


def test_a_title_that_asks_a_question_is_no_summary() -> None:
    text = CURRENT.replace(
        "Top 3 Dunia: Israel Ingin Kosongkan Rafah, Tawon Serang Tentara IDF\n\nTop 3 dunia adalah Israel meminta warga"
        " Palestina kosongkan Rafah, ratusan tawon menyerang tentara Israel hingga Biden desak Hamas bebaskan sandera.",
        "Apa Arti Serangan ke Rafah bagi Gencatan Senjata?",
    )
    article = parse_text(text, CURRENT_URL)
    assert article.title == "Apa Arti Serangan ke Rafah bagi Gencatan Senjata?"
    assert article.subtitle is None
    assert article.section == "internasional"


def test_another_outlets_text_is_refused() -> None:
    with pytest.raises(NotAnArticle) as raised:
        parse_text(SEED, "https://www.kompas.com/read/2024/02/08/kremlin")
    assert raised.value.reason == "other-site"


# -- the same templates with other content ------------------------------------------------------
_VOCABULARY = [
    "warga",
    "kota",
    "banjir",
    "pemerintah",
    "harga",
    "beras",
    "pasar",
    "jalan",
    "sekolah",
    "hujan",
    "listrik",
    "desa",
    "rakyat",
]
_WORDS = st.lists(st.sampled_from(_VOCABULARY), min_size=4, max_size=12)
_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober"]
_DATES = st.tuples(st.integers(1, 28), st.sampled_from(_MONTHS), st.integers(2015, 2026), st.integers(0, 23))
_RUBRICS = st.sampled_from(["Politik", "Hukum", "Ekonomi", "Internasional", "Arsip", "Gaya Hidup", "Sains"])
_NAMES = st.sampled_from(["Dewi Nurita", "Ida Rosdalina", "Andi Adam Faturahman", "Syailendra Persada"])


def _sentence(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


def _distinct(*texts: str) -> bool:
    """No two texts alike: a paragraph that repeats the headline or the caption is theirs, not body."""
    keys = [" ".join(t.casefold().strip(" .").split()) for t in texts]
    return len(set(keys)) == len(keys)


@settings(max_examples=60, deadline=None)
@given(
    rubric=_RUBRICS,
    title=_WORDS,
    summary=st.one_of(st.none(), _WORDS),
    when=_DATES,
    caption=_WORDS,
    points=st.lists(_WORDS, max_size=4),
    body=st.lists(_WORDS, min_size=1, max_size=6),
    paid=st.booleans(),
    modal=st.booleans(),
    footer=st.booleans(),
)
def test_any_current_layout_rendering(
    rubric: str,
    title: list[str],
    summary: list[str] | None,
    when: tuple[int, str, int, int],
    caption: list[str],
    points: list[list[str]],
    body: list[list[str]],
    paid: bool,
    modal: bool,
    footer: bool,
) -> None:
    day, month, year, hour = when
    heading = " ".join(w.capitalize() for w in title)
    paragraphs = [_sentence(words) for words in body]
    paragraphs[0] = "TEMPO.CO, Jakarta - " + paragraphs[0]
    if paid:
        paragraphs = paragraphs[:1]
    texts = [heading, *paragraphs, *(_sentence(p) for p in points), *([_sentence(summary)] if summary else [])]
    assume(_distinct(*texts))
    lines = [MODAL] if modal else []
    lines += ["Baca berita dengan sedikit iklan, klik di sini", rubric, *(["Berita Tempo Plus"] if paid else [])]
    lines += [heading, *([_sentence(summary)] if summary else []), f"{day} {month} {year} | {hour:02d}.00 WIB"]
    lines += ["Image of Tempo", "Perbesar", _sentence(caption)[:-1] + " Tempo/Subekti"]
    if points:
        lines += ["Poin penting", *(f"  • {_sentence(p)}" for p in points)]
    for number, paragraph in enumerate(paragraphs):
        lines += [paragraph, *(["Baca berita dengan sedikit iklan, klik di sini"] if number % 2 else [])]
    if paid:
        lines += ["Image of Tempo", PAID.split("PRESIDEN")[1].split("\n", 3)[3].split("Logo Tempo")[0]]
    article = parse_text("\n\n".join(lines) + ("\n" + FOOTER if footer else ""), "https://www.tempo.co/read/1184612/x")
    assert article.title == heading
    assert article.subtitle == (_sentence(summary) if summary else None)
    assert article.section == rubric.lower().replace(" ", "-")
    assert article.published_at == f"{year}-{_MONTHS.index(month) + 1:02d}-{day:02d}T{hour:02d}:00:00+07:00"
    assert article.image_caption == _sentence(caption)[:-1] + " Tempo/Subekti"
    assert article.highlights == tuple(_sentence(p) for p in points)
    assert article.body == "\n\n".join(paragraphs)
    assert article.is_premium == paid
    assert breaks(article) == []


@settings(max_examples=40, deadline=None)
@given(
    title=_WORDS,
    reporter=st.one_of(st.none(), _NAMES),
    editor=_NAMES,
    when=st.one_of(st.none(), _DATES),
    caption=_WORDS,
    body=st.lists(_WORDS, min_size=1, max_size=5),
    modal=st.booleans(),
    one_line=st.booleans(),
)
def test_any_e2_rendering(
    title: list[str],
    reporter: str | None,
    editor: str,
    when: tuple[int, str, int, int] | None,
    caption: list[str],
    body: list[list[str]],
    modal: bool,
    one_line: bool,
) -> None:
    """E2's byline as label lines, or E1's "Reporter: name" on one line."""
    heading = " ".join(w.capitalize() for w in title)
    paragraphs = [_sentence(words) for words in body]
    paragraphs[0] = "TEMPO.CO, Jakarta - " + paragraphs[0]
    assume(_distinct(heading, _sentence(caption), *paragraphs))
    date = f"Kamis, {when[0]} {when[1]} {when[2]} {when[3]:02d}:00 WIB" if when else None
    lines = [MODAL] if modal else []
    if one_line:
        byline = [*([f"Reporter: {reporter}"] if reporter else []), f"Editor: {editor}"]
    else:
        byline = ["Reporter", *([reporter] if reporter else []), "Editor", editor]
    lines += [heading, *byline, *([date] if date else [])]
    lines += ["image-gnews", _sentence(caption), _sentence(caption), "Iklan", *paragraphs]
    article = parse_text("\n\n".join(lines), "https://dunia.tempo.co/read/1694834")
    assert article.title == heading
    assert article.reporters == ((reporter,) if reporter else ())
    assert article.editors == (editor,)
    assert article.published_at_raw == date
    assert article.image_caption == _sentence(caption)
    assert article.body == "\n\n".join(paragraphs)
    assert breaks(article) == []
