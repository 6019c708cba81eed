"""``python -m newscrawl check-pages``: the parser judged on saved pages, seen before or not."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newscrawl.check import opinion, pages, report
from newscrawl.check.pages import collect
from newscrawl.items import Article
from newscrawl.parsers import parse
from tests.conftest import SEEDS, load_all_cases, load_cases, pending_cases

ROOT = Path(__file__).resolve().parent.parent
E3_PAGE = "e3-internasional-2024-02-08-kremlin-putin-xi.html"
OTHER_OUTLET = """<html><head><link rel="canonical" href="https://mediaindonesia.com/politik/123456/judul">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Judul",
"datePublished": "2026-01-20T10:00:00+07:00", "articleBody": "Isi berita dari media lain."}</script>
</head><body><h1>Judul</h1><div id="content-wrapper"><p>Isi.</p></div></body></html>"""


def _has_page(case: dict[str, Any]) -> bool:
    """A case with a page check-pages reads (feeds are XML)."""
    return any(i["file"].endswith((".html", ".htm", ".txt")) for i in case["inputs"])


def pending_cases_with_pages() -> list[dict[str, Any]]:
    """Cases waiting for their outlet's parser that have a page check-pages reads."""
    return [c for c in pending_cases() if _has_page(c)]


def _check(*paths: Path) -> tuple[int, str]:
    out = io.StringIO()
    status = report.run(list(paths), out)
    return status, out.getvalue()


def _copy_case(name: str, folder: Path, **expected_changes: Any) -> None:
    (case,) = [c for c in load_cases() if c["name"] == name]
    for page in case["inputs"]:
        shutil.copy(SEEDS / page["file"], folder / page["file"])
    expected = json.loads((SEEDS / f"{name}.json").read_text(encoding="utf-8"))
    (folder / f"{name}.json").write_text(json.dumps({**expected, **expected_changes}), encoding="utf-8")
    (folder / "cases.json").write_text(json.dumps([case]), encoding="utf-8")


def _coverage(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The coverage table's columns (outlets) and its rows (field: cells)."""
    at = next(i for i, line in enumerate(lines) if line.startswith("Fields by outlet"))
    columns = lines[at + 1].split()[1:]
    rows = {}
    for line in lines[at + 2 : at + 2 + len(dataclasses.fields(Article))]:
        name, *cells = line.split()
        rows[name] = [" ".join(cells[i : i + 2]) for i in range(0, len(cells), 2)]
    return columns, rows


def test_the_seeds_pass_with_a_table_of_every_field_per_outlet_and_a_summary() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl", "check-pages", "seeds/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    cases = len([c for c in load_cases() if _has_page(c)])
    columns, rows = _coverage(lines)
    # Tempo, then every other outlet with a package and cases, then the generic pages' sites (*)
    packaged = {c["outlet"] for c in load_cases() if c["kind"] == "article" and c.get("outlet", "generic") != "generic"}
    assert (columns[0], set(columns[1:-2]), columns[-2:]) == ("tempo", packaged, ["thejakartapost*", "all"])
    assert list(rows) == [f.name for f in dataclasses.fields(Article)]
    articles = sum(1 for c in load_cases() if c["kind"] == "article")
    alls = [cells[-1] for cells in rows.values()]
    # every field exact on every article with an expected result
    assert {re.sub(r"^\d+/\d+ ", "", cell) for cell in alls} == {f"={articles}/{articles}"}
    assert rows["outlet"][-1] == f"{articles}/{articles} ={articles}/{articles}"
    assert "Invariants broken: none" in lines
    waiting = [line for line in lines if re.search(r"waits for the \w+ parser$", line)]
    assert len(waiting) == len(pending_cases_with_pages())  # other outlets' pages: named, not judged
    assert lines[-1] == (
        f"check-pages: {cases + len(waiting)} pages: {articles} articles, {cases - articles} listings, 0 refused,"
        f" {len(waiting)} not judged; 0 invariants broken, 0 expected results differ, 0 suspects: OK"
    )


def test_an_outlets_cases_are_judged_once_its_package_exists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A case of an outlet without a package waits; the same case is judged when the package is there."""
    (case,) = [c for c in load_all_cases() if c["name"].startswith("kompas/kompas-2023")]
    page = case["inputs"][0]
    shutil.copy(SEEDS / page["file"], tmp_path / "page.html")
    (tmp_path / "cases.json").write_text(
        json.dumps([{**case, "name": "page", "inputs": [{**page, "file": "page.html"}]}])
    )
    expected = json.loads((SEEDS / f"{case['name']}.json").read_text(encoding="utf-8"))
    (tmp_path / "page.json").write_text(json.dumps({**expected, "title": "Judul Lain"}))
    monkeypatch.setattr(pages, "_has_parser", lambda outlet: outlet != "kompas")  # as if it had no package
    status, output = _check(tmp_path)
    assert status == 0
    assert output.splitlines()[0].endswith("page.html waits for the kompas parser")
    assert "Waiting for their outlet's parser (not judged): 1 (kompas 1)" in output
    monkeypatch.undo()  # newscrawl/outlets/kompas/ exists
    status, output = _check(tmp_path)
    assert status == 1  # judged now: the expected file's title is not the page's
    (differ,) = [line for line in output.splitlines() if "page.html: fields differ from the expected JSON:" in line]
    assert re.search(r"JSON:.*\btitle\b", differ)


def test_an_expected_result_that_differs_fails_and_names_the_field(tmp_path: Path) -> None:
    _copy_case("e2-cekfakta-2022-06-22-fakta-1752", tmp_path, title="Judul Lain", credit=None)
    status, output = _check(tmp_path)
    assert status == 1
    assert "fields differ from the expected JSON: title, credit" in output
    assert output.splitlines()[-1].endswith("1 expected results differ, 0 suspects: FAILED")


def test_a_broken_invariant_fails_and_names_the_page_and_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parser that lets the headline into the body (as the 2017-2021 cekfakta template made it)."""
    shutil.copy(SEEDS / E3_PAGE, tmp_path / E3_PAGE)

    def leaky(url: str | None, content: bytes, fetched_at: object = None) -> Article:
        article = parse(url, content)
        return replace(article, body=f"{article.title}\n\n{article.body}")

    monkeypatch.setattr(report, "parse", leaky)
    status, output = _check(tmp_path)
    assert status == 1
    assert f"{tmp_path / E3_PAGE}: body: paragraph 1 is the headline: 'Kremlin: Putin dan Xi" in output


def test_a_directory_it_has_never_seen(tmp_path: Path) -> None:
    """No cases.json: URLs from the pages themselves, from a README table, or unknown; another
    outlet's page read by the generic layout under its name; a JSON-LD body that disagrees with ours
    listed as a suspect."""
    shutil.copy(SEEDS / E3_PAGE, tmp_path / "own-url.html")
    disagreeing = (SEEDS / E3_PAGE).read_text(encoding="utf-8")
    disagreeing = re.sub(
        r'"articleBody": "(?:[^"\\]|\\.)*"', '"articleBody": "Teks lain sama sekali tentang hal lain."', disagreeing
    )
    assert "Teks lain" in disagreeing
    (tmp_path / "suspect.html").write_text(disagreeing, encoding="utf-8")
    shutil.copy(SEEDS / "000_38740b6e35ef3c76.txt", tmp_path / "from-readme.txt")
    shutil.copy(SEEDS / "000_38740b6e35ef3c76.txt", tmp_path / "no-url.txt")
    (tmp_path / "README.md").write_text(
        "| file | page |\n|---|---|\n| `from-readme.txt` | dunia.tempo.co/read/1831560/kremlin-putin: the seed |\n",
        encoding="utf-8",
    )
    (tmp_path / "other-outlet.html").write_text(OTHER_OUTLET, encoding="utf-8")
    status, output = _check(tmp_path)
    assert status == 0, output
    lines = output.splitlines()
    assert any(line.split()[0].endswith("no-url.txt") and line.endswith("(URL unknown)") for line in lines)
    assert re.search(r"other-outlet\.html +mediaindonesia/generic 'Judul'$", output, re.M)
    assert _coverage(lines)[0] == ["tempo", "mediaindonesia*", "all"]
    assert re.search(r"suspect\.html: JSON-LD articleBody: we have \d+% of its words, it has \d+% of ours", output)
    assert "URL unknown (read without one: host, id and section cannot be checked): 1" in output
    assert lines[-1] == (
        "check-pages: 5 pages: 5 articles, 0 listings, 0 refused, 0 not judged; 0 invariants broken,"
        " 0 expected results differ, 2 suspects: OK"
    )
    from_readme = collect([tmp_path])
    urls = {Path(p.name).name: (p.url_source, p.urls[0]) for p in from_readme}
    assert urls["from-readme.txt"] == ("README.md", "https://dunia.tempo.co/read/1831560/kremlin-putin")
    assert urls["own-url.html"][0] == "page"


def test_without_trafilatura_the_second_opinion_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(opinion, "import_module", missing)
    shutil.copy(SEEDS / E3_PAGE, tmp_path / E3_PAGE)
    status, output = _check(tmp_path)
    assert status == 0
    assert "(JSON-LD articleBody only: trafilatura is not installed; suspect under 70% token overlap)" in output


def test_a_missing_path_is_named_and_fails(tmp_path: Path) -> None:
    status, output = _check(tmp_path / "nowhere")
    assert status == 1
    assert output.splitlines()[0] == f"check-pages: {tmp_path / 'nowhere'}: no such file or directory"
