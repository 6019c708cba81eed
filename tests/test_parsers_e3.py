"""The current www.tempo.co layout (docs/layouts.md, E3), each fact on the built page of
``seeds/`` changed the way another page of the same template would show it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from newscrawl.parsers import NotAnArticle, parse_html
from newscrawl.parsers.invariants import TEASER_WARNING
from tests.conftest import SEEDS

URL = "https://www.tempo.co/internasional/kremlin-putin-dan-xi-jinping-tolak-campur-tangan-as-dalam-urusan-negara-lain-1831560"
PAGE = (SEEDS / "e3-current-internasional-2024-02-08-kremlin-putin-xi.html").read_text(encoding="utf-8")
LAYER = "reporter:'',editor:'Ida Rosdalina'"
PAYWALL = (
    '<div class="paywall"><img alt="Image of Tempo" src="/img/plus.svg"><p>Berlangganan Tempo+ untuk membaca cerita'
    " lengkapnyaSudah Berlangganan? Masuk di sini</p><ul><li>Akses edisi mingguan dari Tahun 1971</li>"
    "<li>Akses penuh seluruh artikel Tempo+ harian</li></ul><p>Lihat Benefit Lainnya</p><button>close</button></div>"
)


def _ld(page: str) -> tuple[dict[str, Any], dict[str, Any]]:
    news, crumbs = (json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page))
    return news, crumbs


def _with_ld(page: str, news: dict[str, Any], crumbs: dict[str, Any] | None = None) -> str:
    scripts = re.findall(r'<script type="application/ld\+json">.*?</script>', page)
    page = page.replace(scripts[0], f'<script type="application/ld+json">{json.dumps(news)}</script>')
    if crumbs is not None:
        page = page.replace(scripts[1], f'<script type="application/ld+json">{json.dumps(crumbs)}</script>')
    return page


def _paid(access: str) -> str:
    """The page as Tempo Plus shows it: the first paragraph, then the paywall."""
    news, _ = _ld(PAGE)
    news["isAccessibleForFree"] = False
    news["articleBody"] = str(news["articleBody"]).split("\n")[0]
    first = PAGE.index('<div id="content-wrapper"')
    tags = PAGE.index('<div id="article-tags"')
    teaser = PAGE[first : PAGE.index("</div>", first) + len("</div>")]
    page = PAGE[:first] + teaser + PAYWALL + PAGE[tags:]
    return _with_ld(page.replace("access:'FREE'", f"access:'{access}'"), news)


def test_a_tempo_plus_page_keeps_its_teaser_flagged_premium_with_a_warning() -> None:
    article = parse_html(URL, _paid("VIP"))
    assert article.is_premium
    assert article.body.startswith("TEMPO.CO, Jakarta - Presiden Rusia Vladimir Putin")
    assert "\n\n" not in article.body  # the teaser paragraph only: no paywall or benefit line
    assert TEASER_WARNING in article.warnings


@pytest.mark.parametrize("access", ["FREEMIUM", "VIP"])
def test_the_datalayer_access_alone_marks_a_paid_article(access: str) -> None:
    assert parse_html(URL, PAGE.replace("access:'FREE'", f"access:'{access}'")).is_premium


def test_the_datalayer_tells_reporter_from_editor() -> None:
    page = PAGE.replace(LAYER, "reporter:'Dewi Nurita, Andi Adam Faturahman',editor:'Ida Rosdalina'")
    article = parse_html(URL, page)
    assert article.reporters == ("Dewi Nurita", "Andi Adam Faturahman")
    assert article.editors == ("Ida Rosdalina",)


def test_without_a_datalayer_the_json_ld_authors_are_named_once_each_and_their_roles_doubted() -> None:
    news, _ = _ld(PAGE)
    reporter = {"@type": "Person", "name": "Dewi Nurita", "url": "https://www.tempo.co/penulis/dewi-nurita-7"}
    news["author"] = [reporter, *news["author"], reporter]
    page = _with_ld(re.sub(r"<script>window\.dataLayer.*?</script>", "", PAGE), news)
    article = parse_html(URL, page)
    assert article.reporters == ("Dewi Nurita", "Ida Rosdalina")
    assert article.editors == ()
    assert any(w.startswith("reporters: the page names people without their roles") for w in article.warnings)


def test_the_byline_links_name_each_person_once_when_nothing_else_does() -> None:
    news, _ = _ld(PAGE)
    del news["author"]
    page = _with_ld(re.sub(r"<script>window\.dataLayer.*?</script>", "", PAGE), news)
    assert parse_html(URL, page).reporters == ("Ida Rosdalina",)


def test_tag_aliases_take_the_display_names_the_page_gives() -> None:
    news, _ = _ld(PAGE)
    news["keywords"] = ["Vladimir Putin", "Xi Jinping"]
    assert parse_html(URL, _with_ld(PAGE, news)).tags == ("Vladimir Putin", "Xi Jinping", "rusia", "cina", "kremlin")


def test_the_breadcrumb_rubric_is_the_section_when_the_url_does_not_say() -> None:
    unnamed = re.sub(r'<(?:link rel="canonical"|meta property="og:url")[^>]*>', "", PAGE)
    news, crumbs = _ld(unnamed)
    crumbs["itemListElement"][1] = {
        "@type": "ListItem",
        "position": 2,
        "name": "Gaya Hidup",
        "item": "https://tempo.co/gaya-hidup",
    }
    article = parse_html("https://www.tempo.co/read/1831560/kremlin-putin", _with_ld(unnamed, news, crumbs))
    assert article.section == "gaya-hidup"
    del crumbs["itemListElement"][1]["item"]
    article = parse_html("https://www.tempo.co/read/1831560/kremlin-putin", _with_ld(unnamed, news, crumbs))
    assert article.section == "gaya-hidup"


def test_one_graph_reads_like_separate_scripts() -> None:
    news, crumbs = _ld(PAGE)
    scripts = re.findall(r'<script type="application/ld\+json">.*?</script>', PAGE)
    graph = json.dumps({"@context": "https://schema.org", "@graph": [crumbs, news]})
    page = PAGE.replace(scripts[1], "").replace(scripts[0], f'<script type="application/ld+json">{graph}</script>')
    assert parse_html(URL, page) == parse_html(URL, PAGE)


def test_the_visible_date_form_of_published_time_is_read() -> None:
    news, _ = _ld(PAGE)
    del news["datePublished"]
    page = _with_ld(PAGE, news).replace('<p class="text-neutral-900 text-sm" data-v-85901760="">', "<p>")
    article = parse_html(URL, page)
    assert article.published_at == "2024-02-08T20:36:00+07:00"


def test_the_contributor_line_closing_the_body_is_the_credit() -> None:
    line = "Ananda Ridho Sulistya berkontribusi dalam penulisan artikel ini."
    article = parse_html(URL, PAGE.replace('<p data-v-85901760="">REUTERS</p>', f"<p>{line}</p>"))
    assert article.credit == line
    assert line not in article.body


def test_key_points_as_bullet_lines_without_a_list() -> None:
    bullets = "".join(f"<p>• Poin {n}.</p>" for n in (1, 2, 3))
    page = re.sub(r"<ul class=\"space-y-2\".*?</ul>", bullets, PAGE, flags=re.S)
    article = parse_html(URL, page)
    assert article.highlights == ("Poin 1.", "Poin 2.", "Poin 3.")
    assert "Poin 1." not in article.body


def test_a_paid_page_without_its_teaser_is_no_article() -> None:
    first = _paid("VIP")
    empty = re.sub(r'(<div id="content-wrapper"[^>]*>).*?(</div>)', r"\1\2", first, count=1, flags=re.S)
    empty = re.sub(r'"articleBody": "[^"]*"', '"articleBody": ""', empty)
    with pytest.raises(NotAnArticle) as raised:
        parse_html(URL, empty)
    assert raised.value.reason == "no-body"
