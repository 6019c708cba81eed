"""Tribunnews's declaration (``newscrawl/outlets/tribunnews``): URLs without a number keyed by their
path, the AMP and mobile forms, sections and discovery sources (docs/outlets.md, "Tribunnews")."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawl import outlets
from newscrawl.outlets.tribunnews import OUTLET as TRIBUNNEWS
from newscrawl.parsers import article_page
from tests.conftest import SEEDS

PAGE = "https://www.tribunnews.com/pendidikan/2020/05/04/jawaban-soal-apa-dampak-negatif"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (PAGE, "tribunnews:pendidikan/2020/05/04/jawaban-soal-apa-dampak-negatif"),
        (PAGE + "?page=2", "tribunnews:pendidikan/2020/05/04/jawaban-soal-apa-dampak-negatif"),
        (
            "http://m.tribunnews.com/amp/pendidikan/2020/05/04/jawaban-soal-apa-dampak-negatif",
            ("tribunnews:pendidikan/2020/05/04/jawaban-soal-apa-dampak-negatif"),
        ),
        ("https://jogja.tribunnews.com/2020/05/04/judul-berita", "tribunnews:jogja:2020/05/04/judul-berita"),
        ("https://www.tribunnews.com/nasional/7123456/judul-berita", "tribunnews:7123456"),
        ("https://www.tribunnews.com/pendidikan", None),
        ("https://www.tribunnews.com/tag/tvri", None),
        ("https://www.tribunnews.com/", None),
    ],
)
def test_the_path_is_the_key_of_an_article_without_a_number(url: str, key: str | None) -> None:
    assert outlets.article_key(url) == key


def test_forms_sections_and_pages() -> None:
    assert TRIBUNNEWS.article_id(PAGE) is None
    assert TRIBUNNEWS.section_of(PAGE) == "pendidikan"
    assert TRIBUNNEWS.section_of("https://jogja.tribunnews.com/2020/05/04/judul-berita") == "jogja"
    assert TRIBUNNEWS.canonicalize("http://m.tribunnews.com/amp/pendidikan/2020/05/04/x?page=3&utm_source=y") == (
        "https://www.tribunnews.com/pendidikan/2020/05/04/x?page=3"
    )
    assert TRIBUNNEWS.page_number(PAGE + "?page=4") == 4
    assert TRIBUNNEWS.text.dateline_of("TRIBUNNEWS.COM, JAKARTA - Kepala Dinas") == "Jakarta"
    assert TRIBUNNEWS.text.dateline_of("TRIBUNNEWS.COM - Berikut ini") is None


def test_tribunnews_lists_its_articles_for_the_spiders() -> None:
    assert {s.kind for s in TRIBUNNEWS.sources} == {"home", "section", "feed", "sitemap", "index"}
    dated = next(s for s in TRIBUNNEWS.sources if s.kind == "index" and s.needs("day"))
    assert dated.url.format(section="nasional", day=date(2020, 5, 4), page=1) == (
        "https://www.tribunnews.com/index-news/nasional?date=2020-05-04&page=1"
    )


def test_page_1_of_4_links_its_next_page() -> None:
    url = "https://www.tribunnews.com/pendidikan/2020/05/04/jawaban-soal-apa-dampak-negatif-jika-menunda-pekerjaan-belajar"
    url += "-dari-rumah-sma-di-tvri"
    page = (SEEDS / "tribunnews" / "tribunnews-2020-pendidikan-2020-05-04-jawaban-soal-page1.html").read_bytes()
    assert article_page(url, page).next_page_url() == url + "?page=2"
