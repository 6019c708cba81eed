"""Every case in seeds/cases.json parses to exactly its expected JSON, field by field.

The expected files were transcribed from the pages (see seeds/README.md), not
produced by the parser; a difference here is either a parser bug or a page change.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import datetime
from typing import Any

import pytest

from newscrawl.items import Article
from newscrawl.parsers import NotAnArticle, merge_pages, parse, parse_listing
from tests.conftest import SEEDS, load_cases

CASES = load_cases()
ARTICLE_FIELDS = [f.name for f in dataclasses.fields(Article)]
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


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_matches_expected_json(case: dict[str, Any]) -> None:
    expected = json.loads((SEEDS / f"{case['name']}.json").read_text(encoding="utf-8"))
    got = _result(case)
    assert list(got) == list(expected), "keys differ from the expected file"
    for key in expected:
        assert got[key] == expected[key], f"{case['name']}: field {key!r}"


@pytest.mark.parametrize("case", [c for c in CASES if c["kind"] == "article"], ids=lambda c: c["name"])
def test_expected_article_files_use_the_article_field_names(case: dict[str, Any]) -> None:
    expected = json.loads((SEEDS / f"{case['name']}.json").read_text(encoding="utf-8"))
    assert list(expected) == ARTICLE_FIELDS


def test_every_seed_file_belongs_to_a_case() -> None:
    used = {i["file"] for c in CASES for i in c["inputs"]} | {f"{c['name']}.json" for c in CASES}
    # The sample web archive is built from the cases' pages (seeds/README.md), no case of its own.
    on_disk = {p.name for p in SEEDS.iterdir() if p.is_file()} - {"cases.json", "README.md", "sample.warc.gz"}
    assert on_disk - used == set(), "files in seeds/ that no case uses"
    assert used - on_disk == set(), "cases name files that are missing"


@pytest.mark.parametrize("case", [c for c in CASES if c["kind"] == "listing"], ids=lambda c: c["name"])
def test_a_listing_case_is_refused_as_an_article(case: dict[str, Any]) -> None:
    (page,) = case["inputs"]
    with pytest.raises(NotAnArticle) as raised:
        parse(page["url"], (SEEDS / page["file"]).read_bytes())
    assert raised.value.reason == "listing"


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
