"""Tempo's URL forms through the outlet registry: ids, canonical spelling, and one key per article
across all its forms; and the outlet-neutral address helpers (``newscrawl.urls``)."""

from __future__ import annotations

import pytest

from newscrawl import outlets, urls
from newscrawl.outlets.tempo import OUTLET as TEMPO

READ = "https://dunia.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping"


@pytest.mark.parametrize(
    ("url", "article_id"),
    [
        (READ, 1831560),
        ("https://cekfakta.tempo.co/fakta/1752/keliru-video-kode-rahasia", 1752),
        ("https://www.tempo.co/internasional/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-1831560", 1831560),
        ("https://www.tempo.co/teroka/synchronize-fest-2025-bakal-ada-guruh--2069043", 2069043),
        ("https://nasional.tempo.co/amp/1831560/kremlin", 1831560),
        ("http://gaya.tempo.co/read/news/2015/11/05/060716092/ini-7-alasan", 716092),
        ("https://www.tempo.co/indeks/2024-02-08", None),
        ("https://www.tempo.co/ekonomi/prediksi-ekonomi-2025", None),
        ("https://mediaindonesia.com/read/2024/02/08/1831560/x", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_article_id(url: str | None, article_id: int | None) -> None:
    assert outlets.article_id(url) == article_id


def test_one_key_for_every_form_of_an_article() -> None:
    forms = [
        READ,
        "http://dunia.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping?utm_source=twitter#comments",
        "https://dunia.tempo.co/amp/1831560/kremlin-putin-dan-xi-jinping",
        "https://m.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping",
        "https://www.tempo.co/read/1831560/kremlin-putin-dan-xi-jinping",
        "https://www.tempo.co/internasional/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-1831560",
    ]
    assert {outlets.article_key(u) for u in forms} == {"tempo:1831560"}


def test_families_keep_their_own_id_sequences() -> None:
    assert outlets.article_key("https://cekfakta.tempo.co/fakta/1752/x") == "cekfakta:1752"
    assert outlets.article_key("https://en.tempo.co/read/1752/x") == "en:1752"
    assert outlets.article_key("https://nasional.tempo.co/read/1752/x") == "tempo:1752"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "http://Dunia.Tempo.co/read/1831560/kremlin?TeknoUtama&campaign=TeknoUtama_Click_1#x",
            "https://dunia.tempo.co/read/1831560/kremlin",
        ),
        ("https://dunia.tempo.co/amp/1831560/kremlin/", "https://dunia.tempo.co/read/1831560/kremlin"),
        ("https://m.tempo.co/read/1831560/kremlin", "https://www.tempo.co/read/1831560/kremlin"),
        ("https://tempo.co/indeks/2024-02-08", "https://www.tempo.co/indeks/2024-02-08"),
        (
            "https://dunia.tempo.co/read/1831560/kremlin?page_num=2",
            "https://dunia.tempo.co/read/1831560/kremlin?page_num=2",
        ),
        ("https://dunia.tempo.co/read/1831560/kremlin?page_num=1", "https://dunia.tempo.co/read/1831560/kremlin"),
        ("https://www.tempo.co/indeks?page=3&utm_medium=x", "https://www.tempo.co/indeks?page=3"),
    ],
)
def test_canonicalize(url: str, canonical: str) -> None:
    assert outlets.canonicalize(url) == canonical


def test_canonicalize_can_drop_the_page() -> None:
    assert outlets.canonicalize(f"{READ}?page_num=2", keep_page=False) == READ


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        (
            "//cekfakta.tempo.co/fakta/1684/x",
            "https://cekfakta.tempo.co/2022/03",
            "https://cekfakta.tempo.co/fakta/1684/x",
        ),
        ("/ekonomi/harga-beras-1868877", "https://www.tempo.co/", "https://www.tempo.co/ekonomi/harga-beras-1868877"),
        ("http:http://cdn.tmpo.co/data/a.jpg", "https://gaya.tempo.co/", "http://cdn.tmpo.co/data/a.jpg"),
        ("javascript:void(0)", "https://www.tempo.co/", None),
        ("#comments", "https://www.tempo.co/", None),
        ("mailto:redaksi@tempo.co", None, None),
        ("", "https://www.tempo.co/", None),
    ],
)
def test_absolute(href: str, base: str | None, expected: str | None) -> None:
    assert urls.absolute(href, base) == expected


def test_only_tempo_hosts_are_tempo() -> None:
    assert outlets.for_host("tempo.co.evil.example") is None
    assert TEMPO.owns("dunia.tempo.co")
    assert TEMPO.owns("tempo.co")
    assert not TEMPO.owns("nottempo.co")
    assert not TEMPO.owns("tempo.co.evil.example")


def test_video_pages_are_not_articles() -> None:
    assert not outlets.is_article_url("https://video.tempo.co/read/12345/judul")


def test_section_of() -> None:
    assert outlets.section_of(READ) == "dunia"
    assert outlets.section_of("https://www.tempo.co/politik/dpr-setujui-revisi-1868950") == "politik"
    assert outlets.section_of("https://www.tempo.co/read/1831560/x") is None


def test_page_number() -> None:
    assert outlets.page_number(READ) == 1
    assert outlets.page_number(f"{READ}?page_num=3") == 3
    assert outlets.page_number("https://www.tempo.co/indeks?page=12&category=date") == 12


def test_e3_video_rubric_is_not_an_article() -> None:
    assert not outlets.is_article_url("https://www.tempo.co/video/arsip/judul-video-1868950")
    assert not outlets.is_article_url("https://www.tempo.co/video/judul-video-1868950")
