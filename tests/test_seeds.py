"""Every case in seeds/cases.json parses to exactly its expected JSON, field by field.

The expected files were transcribed from the pages (see seeds/README.md), not
produced by the parser; a difference here is either a parser bug or a page change.
Cases of other outlets wait for their package (``newscrawl.outlets.<outlet>``): until it
exists their comparison is skipped with that reason, while their files are checked here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest

from newscrawl.items import Article
from newscrawl.parsers import NotAnArticle, merge_pages, parse, parse_listing
from tests.conftest import SEEDS, expected_path, load_all_cases, load_cases, pending_cases

CASES = load_cases()
ALL_CASES = load_all_cases()
ARTICLE_FIELDS = [f.name for f in dataclasses.fields(Article)]
# Fields the other outlets' expected files already carry, before the Article gains them:
# each goes right after the field named here.
UPCOMING_FIELDS = {"outlet": "site"}
# The other outlets' layouts are named <outlet>-<year of the template>[-variant]; pages of
# outlets without a package are read by the generic layout.
GENERIC = "generic"
# Copies of real pages keep their bytes: no re-encoding, no newline added by an editor.
UNCHANGED = {
    "000_38740b6e35ef3c76.txt": "1c22700639e04876c8c7a83d9568b0b7d25773c4f97152c574f08f8a0cfc76a8",
    "e2-cekfakta-2022-06-22-fakta-1752.html": "92454c95b10a755df3fc0423db87ff106191f0727d5ac112c8fe4af2123c4cd3",
    "e2-cekfakta-2022-03-listing.html": "5db7843c6fefcb5bad646646c52fc3af867bd6a1cc0c0c00836426f315007677",
    "e1-metro-2017-10-26-ahok-mockup.html": "b82b9ec5e8dd4ead37bb1c8b73a489718298ec031b47765e99ae83b607075995",
    "e1-indeks-2017-11-01-mockup.html": "5f29e507d23e428cad41f282205e944b1734ce9a6f1f9d2fa899d1e4a3491e45",
    "e0-gaya-2015-11-05-malas-bergerak.html": "caac030230ea58f063ea2b5501e4bdf030ed28d86ac60a8627540958a87949d2",
    "e0-en-2015-11-04-peatland-finland.html": "4ec244d8d411e8801285a5ebd23edfa17e74c28329300ce56202c1e6fedd4911",
    "e0-en-2015-11-04-index.html": "8f1a432f8791a92bca79ed2529537cf363fbcdf5c4f2046ea1f83c69873b80d0",
    "e3-internasional-2024-05-13-top-3-dunia-rafah.txt": (
        "2cd75456222501de6b5e8e7f00291d64e4bffdf4062d4d63d044fb44707f5888"
    ),
    "e2-dunia-2023-02-22-top-3-dunia-mukaab.txt": "062ff82b025105a38ddc8953dba12026a40ecc595b0aeb89ff35c3f93be8dec0",
}


def _fetched_at(case: dict[str, Any]) -> datetime | None:
    return datetime.fromisoformat(case["fetched_at"]) if case["fetched_at"] else None


def _result(case: dict[str, Any]) -> dict[str, Any]:
    inputs = [((SEEDS / i["file"]).read_bytes(), i["url"]) for i in case["inputs"]]
    if case["kind"] == "listing":
        (content, url), *_ = inputs
        return parse_listing(url, content, _fetched_at(case)).to_dict()
    pages = [parse(url, content, _fetched_at(case)) for content, url in inputs]
    return merge_pages(pages).to_dict()


def _expected(case: dict[str, Any]) -> dict[str, Any]:
    path = expected_path(case)
    assert path is not None, f"{case['name']} has no expected result"
    expected: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return expected


COMPARED = [pytest.param(c, id=c["name"]) for c in CASES if expected_path(c)] + [
    pytest.param(c, id=c["name"], marks=pytest.mark.skip(reason=f"no parser for outlet {c['outlet']} yet"))
    for c in pending_cases()
    if expected_path(c)
]


@pytest.mark.parametrize("case", COMPARED)
def test_case_matches_expected_json(case: dict[str, Any]) -> None:
    expected = _expected(case)
    got = _result(case)
    assert list(got) == list(expected), "keys differ from the expected file"
    for key in expected:
        assert got[key] == expected[key], f"{case['name']}: field {key!r}"


def _article_fields(case: dict[str, Any]) -> list[str]:
    """The Article's fields; for another outlet's case also the fields it is about to gain."""
    fields = list(ARTICLE_FIELDS)
    if "outlet" in case:
        for name, after in UPCOMING_FIELDS.items():
            if name not in fields:
                fields.insert(fields.index(after) + 1, name)
    return fields


@pytest.mark.parametrize("case", [c for c in ALL_CASES if c["kind"] == "article"], ids=lambda c: c["name"])
def test_expected_article_files_use_the_article_field_names(case: dict[str, Any]) -> None:
    assert list(_expected(case)) == _article_fields(case)


def test_every_seed_file_belongs_to_a_case() -> None:
    used = {i["file"] for c in ALL_CASES for i in c["inputs"]}
    used |= {p.relative_to(SEEDS).as_posix() for p in map(expected_path, ALL_CASES) if p}
    # The sample web archive is built from the cases' pages (seeds/README.md), no case of its own.
    on_disk = {p.relative_to(SEEDS).as_posix() for p in SEEDS.rglob("*") if p.is_file()}
    on_disk -= {"cases.json", "README.md", "sample.warc.gz"}
    assert on_disk - used == set(), "files in seeds/ that no case uses"
    assert used - on_disk == set(), "cases name files that are missing"


@pytest.mark.parametrize("case", [c for c in CASES if c["kind"] == "listing"], ids=lambda c: c["name"])
def test_a_listing_case_is_refused_as_an_article(case: dict[str, Any]) -> None:
    (page,) = case["inputs"]
    with pytest.raises(NotAnArticle) as raised:
        parse(page["url"], (SEEDS / page["file"]).read_bytes())
    assert raised.value.reason == "listing"


OUTLET_ARTICLES = [c for c in ALL_CASES if "outlet" in c and c["kind"] == "article"]


@pytest.mark.parametrize("case", OUTLET_ARTICLES, ids=lambda c: c["name"])
def test_outlet_expected_files_agree_with_their_case(case: dict[str, Any]) -> None:
    """What a hand-written file must hold whatever its page: the case's URL, outlet and layout,
    dates with their offset, links in canonical form, no leftover in-body "Baca juga" line."""
    expected = _expected(case)
    (page,) = case["inputs"]
    assert expected["url"] == page["url"]
    assert expected["site"] == urlsplit(page["url"]).hostname
    assert expected["layout"] == case["layout"]
    if case["outlet"] == GENERIC:
        assert expected["layout"] == GENERIC
        assert expected["outlet"] != GENERIC, "a generic page names its site's outlet"
    else:
        assert expected["outlet"] == case["outlet"]
        assert expected["layout"].startswith(case["outlet"] + "-")
    if expected["article_id"] is not None:
        assert str(expected["article_id"]) in page["url"]
    assert expected["language"] in ("id", "en")
    stamps = [expected["published_at"], expected["modified_at"]]
    parsed = [datetime.fromisoformat(s) for s in stamps if s]
    assert parsed, "no publication date"
    assert all(p.utcoffset() is not None for p in parsed), "dates carry the page's real offset"
    assert parsed == sorted(parsed), "modified before published"
    paragraphs = expected["body"].split("\n\n")
    assert all(p.strip() == p and p for p in paragraphs)
    assert not [p for p in paragraphs if p.lower().startswith(("baca juga", "baca:"))]
    links = [link["url"] for link in expected["related"] + expected["read_also"]]
    assert all(u.startswith("https://") and "utm_" not in u for u in links)
    related = [link["url"] for link in expected["related"]]
    assert len(set(related)) == len(related), "related links are deduplicated by URL"


@pytest.mark.parametrize("page", [i for c in ALL_CASES for i in c["inputs"] if "sha256" in i], ids=lambda i: i["file"])
def test_other_outlets_pages_are_unchanged_copies(page: dict[str, Any]) -> None:
    assert hashlib.sha256((SEEDS / page["file"]).read_bytes()).hexdigest() == page["sha256"]


@pytest.mark.parametrize("name", sorted(UNCHANGED))
def test_real_pages_are_unchanged_copies(name: str) -> None:
    assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == UNCHANGED[name]


def test_the_seed_has_what_the_issue_promises() -> None:
    got = json.loads((SEEDS / "000_38740b6e35ef3c76.json").read_text(encoding="utf-8"))
    assert got["title"] == "Kremlin: Putin dan Xi Jinping Tolak Campur Tangan AS dalam Urusan Negara Lain"
    assert got["reporters"] == []
    assert got["editors"] == ["Ida Rosdalina"]
    assert got["published_at"] == "2024-02-08T20:36:00+07:00"
    assert got["image_caption"].startswith("Presiden Rusia Vladimir Putin berjabat tangan")
    paragraphs = got["body"].split("\n\n")
    assert len(paragraphs) == 10
    assert paragraphs[0].startswith(
        "TEMPO.CO, Jakarta - Presiden Rusia Vladimir Putin dan Presiden Cina Xi Jinping berbicara"
    )
    assert paragraphs[-1].endswith("dalam urusan dalam negeri mereka.")
    assert "Advertising" not in got["body"]
    assert got["credit"] == "REUTERS"
    assert got["editor_pick"]["title"] == "Dokter di Rusia Sarankan Tes Genetik sebelum Menikah"
    related = got["related"]
    assert len(related) == 10
    assert related[0]["title"].startswith("AS Batasi Izin Ekspor Teknologi untuk Cina, Qualcomm dan Intel")
    assert related[0]["published_raw"] == "4 jam lalu"
    assert related[0]["summary"].startswith("AS membatasi izin ekspor teknologi untuk Cina.")
    assert related[-1]["title"] == "Warga Cina Diduga Menambang Emas Secara Ilegal, Ini Modusnya"
    assert related[-1]["published_raw"] == "1 hari lalu"
