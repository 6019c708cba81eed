"""The docs hang together: a short README that maps every page, and links that lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.doc_tables import DOCS, ROOT, page, table

PAGES = sorted(DOCS.glob("*.md"))
READMES = [ROOT / "README.md", ROOT / "bench" / "README.md", ROOT / "seeds" / "README.md"]
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def _anchors(path: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    headings = re.findall(r"^#+ (.+)$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", h.replace("`", "").strip().lower()).replace(" ", "-") for h in headings}


def test_the_readme_is_a_front_page() -> None:
    lines = page("README.md").splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines; move detail into docs/"


def test_the_readme_maps_every_page_of_docs() -> None:
    cells = [row["page"] for row in table(page("README.md"), "page")]
    mapped = {Path(link).name for cell in cells for link in _LINK.findall(cell) if link.startswith("docs/")}
    on_disk = {p.name for p in PAGES}
    assert on_disk - mapped == set(), f"docs pages missing from the map in README.md: {sorted(on_disk - mapped)}"
    assert mapped - on_disk == set(), f"README.md maps pages that do not exist: {sorted(mapped - on_disk)}"


@pytest.mark.parametrize("path", READMES + PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_leads_to_a_file_and_heading_that_exist(path: Path) -> None:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    broken = []
    for target in _LINK.findall(text):
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto:
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(f"{target} (no file {file_part})")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target} (no heading #{anchor} in {linked.relative_to(ROOT)})")
    assert not broken, f"{path.relative_to(ROOT)}: broken links: {broken}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_each_page_starts_with_its_title_and_what_it_is_for(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# "), f"{path.name}: the first line is not a title"
    opening = lines[2] if len(lines) > 2 and not lines[1] else ""
    assert opening.strip(), f"{path.name}: no paragraph after the title saying what the page is for"
    assert not opening.startswith(("#", "|", "`")), f"{path.name}: the title is followed by {opening[:20]!r}"


# Labels that mean nothing to a reader of the code ("issue" and a number), and documents that are not in
# the repository, which a reference would send the reader looking for.
_LABEL = re.compile(r"\bissue\s?#?\d", re.IGNORECASE)
_OUTSIDE = re.compile(r"\b(?:tempo-markup|outlets-markup|peers|house-style|architecture-target)\.md\b")
_TEXT = {".py", ".md", ".sql", ".json", ".toml", ".cfg", ".txt", ".service", ".timer", ""}


def _own_files() -> list[Path]:
    skip = {".git", ".venv", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", ".newscrawl"}
    found = []
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if path.is_file() and not skip & set(parts) and path.suffix in _TEXT and "egg-info" not in str(path):
            found.append(path)
    return sorted(found)


def test_no_issue_labels_and_no_references_to_documents_outside_the_repository() -> None:
    found = []
    for path in _own_files():
        if path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if _LABEL.search(line) or _OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not found, "say the thing instead (a document of the repository: docs/…):\n" + "\n".join(found)


def test_the_label_check_sees_a_label() -> None:
    assert _LABEL.search("# --- Storage (Issue" + " 3) ---")  # split: a grep for labels finds none here
    assert _OUTSIDE.search("selectors from tempo-markup.md §5.1")
    assert not _LABEL.search("the issues of the week")
