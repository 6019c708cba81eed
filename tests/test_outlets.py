"""The outlet registry and the interface an outlet package fills in (``newscrawl/outlets/``): every
package listed once, keys unique across outlets, a URL's outlet by its host, the defaults an outlet
gets from ``Outlet``, a site without a package read as its own generic outlet."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest

from newscrawl import outlets
from newscrawl.outlets import OUTLETS, GenericOutlet, Outlet
from newscrawl.outlets._template import OUTLET as TEMPLATE
from newscrawl.outlets.rules import Paging, Source
from newscrawl.outlets.tempo import OUTLET as TEMPO
from newscrawl.parsers import page_outlet, parse_html
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.document import Document
from newscrawl.parsers.generic import GenericPage
from tests.conftest import SEEDS

PACKAGES = Path(__file__).resolve().parent.parent / "newscrawl" / "outlets"


class Detik(Outlet):
    """detik's URL rules as docs/outlets.md gives them: the interface proven on a real rule set."""

    name = "detik"
    hosts = ("detik.com",)
    ARTICLE = re.compile(r"^/(?:[\w-]+/)*(?:d-(?P<id>\d+)/[^/]+|read/\d{4}/\d\d/\d\d/\d{6}/(?P<id2>\d+)/\d+/[^/]+)/?$")
    NOT_ARTICLE = re.compile(r"^20\.detik\.com|/readvideo/")
    MOBILE_HOSTS = MappingProxyType({"m.detik.com": "www.detik.com"})
    paging = Paging(params=("page",))

    def article_id(self, url: str | None) -> int | None:
        match = self.match(url)
        number = (match["id"] or match["id2"]) if match else None
        return int(number) if number else None

    def key(self, url: str | None) -> str | None:
        number = self.article_id(url)
        return f"{self.name}:{number}" if number is not None else None


DETIK = Detik()
HEALTH = "https://health.detik.com/true-story/d-7016153/curhat-wanita-kena-stroke-di-umur-26"


def test_every_outlet_package_is_listed_once_under_its_name() -> None:
    packages = sorted(p.name for p in PACKAGES.iterdir() if (p / "__init__.py").exists() and not p.name.startswith("_"))
    names = [outlet.name for outlet in OUTLETS]
    assert sorted(names) == packages
    assert len(set(names)) == len(names)
    assert all(outlets.by_name(name).name == name for name in names)


def test_deduplication_keys_stay_unique_across_outlets() -> None:
    """No two outlets share a key prefix, none is the store's ``url:``, and Tempo keeps its families."""
    prefixes = [prefix for outlet in OUTLETS for prefix in outlet.key_prefixes]
    assert len(prefixes) == len(set(prefixes))
    assert "url" not in prefixes
    assert TEMPO.key_prefixes >= {"tempo", "cekfakta", "en"}
    assert outlets.article_key("https://dunia.tempo.co/read/1831560/x") == "tempo:1831560"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://dunia.tempo.co/read/1831560/x", "tempo"),
        ("https://tempo.co/", "tempo"),
        ("https://mediaindonesia.com/read/2024/02/08/1831560/x", None),
        ("https://tempo.co.evil.example/read/1/x", None),
        ("https://nottempo.co/read/1/x", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_the_outlet_of_a_url_by_its_host(url: str | None, name: str | None) -> None:
    found = outlets.for_url(url)
    assert (found.name if found else None) == name


def test_a_site_without_a_package_is_its_own_generic_outlet() -> None:
    jakpost = outlets.outlet_of("http://www.thejakartapost.com/news/2015/06/19/suspect-caught.html")
    assert isinstance(jakpost, GenericOutlet)
    assert (jakpost.name, jakpost.hosts, jakpost.generic) == ("thejakartapost", ("thejakartapost.com",), True)
    assert outlets.outlet_of("https://www.cnnindonesia.com/nasional/x") is outlets.generic_for("cnnindonesia.com")
    assert outlets.generic_for("www.cnnindonesia.com").name == "cnnindonesia"
    # tempo.com is not Tempo: a site named like an outlet goes by its whole domain
    assert outlets.generic_for("www.tempo.com").name == "tempo.com"
    assert outlets.article_key("http://www.thejakartapost.com/news/2015/06/19/x.html") is None  # keyed by URL


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("https://www.thejakartapost.com/news/2015/06/19/suspect-caught.html", True),
        ("https://www.cnnindonesia.com/nasional/20200624123456-20-517185/judul-berita", True),
        ("https://kumparan.com/kumparannews/satu-dua-tiga-empat-lima-1xyz", True),
        ("https://www.cnnindonesia.com/", False),
        ("https://www.cnnindonesia.com/nasional", False),
        ("https://www.cnnindonesia.com/tag/banjir-jakarta-hari-ini", False),
        ("https://www.cnnindonesia.com/video/20200624123456-20-517185/judul", False),
        ("https://other.example.com/news/2015/06/19/x.html", False),
    ],
)
def test_the_generic_outlet_guesses_articles_by_their_form(url: str, article: bool) -> None:
    site = outlets.generic_for("www.cnnindonesia.com") if "cnn" in url else outlets.outlet_of(url)
    if "other.example" in url:
        site = outlets.generic_for("www.thejakartapost.com")
    assert site is not None
    assert site.is_article_url(url) is article


@pytest.mark.parametrize(
    ("href", "base", "stored"),
    [
        (
            "https://m.tempo.co/amp/1831560/x?utm_source=y",
            "https://www.kompas.com/",
            "https://www.tempo.co/read/1831560/x",
        ),
        (
            "http://www.thejakartapost.com/news/x.html?utm_medium=box&id=3",
            "https://www.thejakartapost.com/a",
            "https://www.thejakartapost.com/news/x.html?id=3",
        ),
        (
            "http://elsewhere.example/x?utm_source=y",
            "https://www.thejakartapost.com/a",
            "http://elsewhere.example/x?utm_source=y",
        ),
        ("javascript:void(0)", "https://www.tempo.co/", None),
    ],
)
def test_a_link_is_stored_by_the_rules_of_its_outlet(href: str, base: str, stored: str | None) -> None:
    """Into an outlet with a package: its canonical form; into the page's own site: https, no tracking;
    anywhere else: as the page wrote it."""
    assert outlets.link_target(href, base) == stored


def test_an_outlet_gets_its_url_rules_from_its_article_pattern() -> None:
    mobile = "http://m.detik.com/news/berita/d-7016153/judul?page=2&utm_source=x#top"
    assert DETIK.is_article_url(HEALTH)
    assert DETIK.article_id("http://inet.detik.com/read/2015/11/05/100026/3062623/323/google") == 3062623
    assert DETIK.key(HEALTH) == "detik:7016153"
    assert DETIK.canonicalize(mobile) == "https://www.detik.com/news/berita/d-7016153/judul?page=2"
    assert DETIK.canonicalize(mobile, keep_page=False) == "https://www.detik.com/news/berita/d-7016153/judul"
    assert DETIK.page_number(mobile) == 2
    assert DETIK.section_of(HEALTH) == "health"  # the kanal subdomain
    assert DETIK.section_of("https://www.detik.com/edu/d-1/x") is None
    assert not DETIK.is_article_url("https://20.detik.com/detikflash/d-7016154/video")
    assert not DETIK.is_article_url("https://www.kompas.com/d-7016153/x")
    assert DETIK.is_listing_url("https://news.detik.com/indeks")
    assert not DETIK.is_listing_url(HEALTH)


def test_the_template_is_a_complete_outlet() -> None:
    url = "https://m.contoh.co.id/news/read/123456/judul?page=2"
    assert (TEMPLATE.key(url), TEMPLATE.section_of(url), TEMPLATE.page_number(url)) == ("_template:123456", "news", 2)
    assert TEMPLATE.canonicalize(url, keep_page=False) == "https://www.contoh.co.id/news/read/123456/judul"
    assert [layout.layout for layout in TEMPLATE.layouts] == ["contoh-2024", "generic"]
    assert all(issubclass(layout, ArticlePage) for layout in TEMPLATE.layouts)
    assert TEMPLATE.text.dateline_of("JAKARTA, Contoh - Harga beras naik") == "Jakarta"


def test_discovery_sources_are_templates_the_spiders_fill_in() -> None:
    for outlet in (*OUTLETS, TEMPLATE):
        for source in outlet.sources:
            section = next(iter(source.sections), "nasional")
            url = source.url.format(section=section, day=date(2024, 5, 13), page=2, offset=source.step)
            assert url.startswith("https://"), (outlet.name, source)
            assert "{" not in url, (outlet.name, source)
    index = next(s for s in TEMPO.sources if s.kind == "index" and s.needs("page") and not s.needs("section"))
    assert index.needs("day")
    assert "start_date=2024-05-13" in index.url.format(day=date(2024, 5, 13), page=1)


def test_tempos_layouts_load_when_a_tempo_page_is_parsed() -> None:
    assert [layout.layout for layout in TEMPO.layouts] == ["E2", "E3", "E1", "E0", "E3", "E3"]
    assert TEMPO.text_reader is not None
    article = parse_html(
        "https://dunia.tempo.co/read/1831560/x", (SEEDS / "e2-dunia-2024-02-08-kremlin-putin-xi.html").read_bytes()
    )
    assert (article.outlet, article.layout) == ("tempo", "E2")


def test_sources_name_their_kind() -> None:
    assert Source("index", "https://x.id/indeks/{day:%Y-%m-%d}?page={page}").needs("page")
    assert not Source("home", "https://x.id/").needs("section")


def test_a_page_without_an_address_is_not_claimed_by_an_outlet_s_generic_layout() -> None:
    """An outlet may keep the generic layout last (it takes any page): a page that says nothing of
    where it is from goes to an outlet only when one of its own layouts knows it."""
    assert any(GenericPage in outlet.layouts for outlet in OUTLETS)
    page = SEEDS / "generic" / "generic-thejakartapost-2015-06-19-charleston-church-shooting.html"
    assert page_outlet(Document(page.read_bytes()), None).name == "thejakartapost"
