"""The saved pages ``check-pages`` reads, and what is known of each: URL, fetch time, expected result.

A directory is walked for ``.html``/``.htm`` and ``.txt`` files. Where a ``cases.json`` lies beside
the pages or above them (the ``seeds/`` layout), it gives each listed page its URL and fetch time,
groups the pages of a multi-page article, and names the expected result ``<case>.json``; a case of
an outlet whose parser does not exist yet (``"outlet"``, no ``newscrawl.outlets.<outlet>``) waits. Any other page's
URL is its own (``<link rel=canonical>``/``og:url``, or a URL line heading a text rendering),
else the one a ``README.md`` beside it (or above it) gives in a table row that names the file;
failing all three it is unknown, and the report says so.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.parsers import NotAnArticle, is_html
from newscrawl.parsers.document import Document

PAGE_SUFFIXES = (".html", ".htm", ".txt")
CASES = "cases.json"
README = "README.md"
# A URL line at the top of a text rendering ("https://…" or "URL: https://…").
_TEXT_URL = re.compile(r"^\s*(?:url\s*:\s*)?(https?://\S+)\s*$", re.IGNORECASE)
_TEXT_URL_LINES = 5
# In a README row: an http(s) URL, else a bare "host.tld/path" (the tempo-pages README writes them so).
_ROW_URL = re.compile(r"https?://[^\s|)`<>]+")
_ROW_BARE_URL = re.compile(r"(?<![\w/@.:-])((?:[a-z0-9-]+\.)+(?:co|com|id|net|org)(?:\.id)?/[^\s|)`<>]*)")
_TRAILING = "…:.,;'\""
# How far above a page its cases.json may lie (seeds/<outlet>/<page> is one level).
_CASES_LEVELS = 3


@dataclass(slots=True)
class Page:
    """One thing to check: a saved page, or the pages of one case in ``cases.json``."""

    name: str
    files: list[Path]
    urls: list[str | None]
    url_source: str
    """Where the URL came from: ``cases.json``, ``page``, ``README`` or ``unknown``."""
    fetched_at: datetime | None = None
    kind: str = "article"
    expected: dict[str, Any] | None = None
    contents: list[bytes] = field(default_factory=list)
    waits_for: str | None = None
    """The outlet whose parser this case waits for, when it does."""

    @property
    def is_text(self) -> bool:
        return not is_html(self.contents[0]) if self.contents else False


def collect(paths: list[Path]) -> Iterator[Page]:
    """Every page under ``paths``, in path order; a case's pages once, as one."""
    seen: set[Path] = set()
    for root in paths:
        files = sorted(p for p in root.rglob("*") if _is_page(p)) if root.is_dir() else [root]
        base = root if root.is_dir() else root.parent
        for path in files:
            if path.resolve() in seen:
                continue
            page = _case_page(path, seen) or _lone_page(path, base)
            seen.update(f.resolve() for f in page.files)
            yield page


def _is_page(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in PAGE_SUFFIXES and path.name != README


def _case_page(path: Path, seen: set[Path]) -> Page | None:
    found = _case_of(path)
    if found is None:
        return None
    folder, case = found
    expected_file = folder / f"{case['name']}.json"
    wanted = case.get("expected", True) is not None and expected_file.is_file()
    inputs = case.get("inputs") or []
    return Page(
        name=str(folder / case["name"]) if len(inputs) > 1 else str(path),
        files=[folder / i["file"] for i in inputs],
        urls=[i.get("url") for i in inputs],
        url_source=CASES,
        fetched_at=datetime.fromisoformat(case["fetched_at"]) if case.get("fetched_at") else None,
        kind=case.get("kind", "article"),
        expected=json.loads(expected_file.read_text(encoding="utf-8")) if wanted else None,
        waits_for=case["outlet"] if "outlet" in case and not _has_parser(case["outlet"]) else None,
    )


def _case_of(path: Path) -> tuple[Path, dict[str, Any]] | None:
    """The folder of the ``cases.json`` that lists ``path``, and its case."""
    for folder in [path.parent, *path.parent.parents][:_CASES_LEVELS]:
        cases = _cases(folder)
        if cases:
            case = cases.get(path.relative_to(folder).as_posix())
            return (folder, case) if case is not None else None
    return None


def _cases(folder: Path) -> dict[str, dict[str, Any]]:
    """``cases.json`` of ``folder`` by input file (its path from ``folder``); empty without one."""
    index = folder / CASES
    if not index.is_file():
        return {}
    return {i["file"]: case for case in json.loads(index.read_text(encoding="utf-8")) for i in case.get("inputs", [])}


def _has_parser(outlet: str) -> bool:
    try:
        return importlib.util.find_spec(f"newscrawl.outlets.{outlet}") is not None
    except ModuleNotFoundError:  # no newscrawl.outlets package yet
        return False


def _lone_page(path: Path, base: Path) -> Page:
    content = path.read_bytes()
    url, source = _own_url(content), "page"
    if url is None:
        url, source = _readme_url(path, base), README
    return Page(str(path), [path], [url], source if url else "unknown", contents=[content])


def _own_url(content: bytes) -> str | None:
    if is_html(content):
        try:
            return Document(content).canonical
        except NotAnArticle:
            return None
    head = content[:2048].decode("utf-8", "replace").splitlines()[:_TEXT_URL_LINES]
    return next((m[1] for m in map(_TEXT_URL.match, head) if m), None)


def _readme_url(path: Path, base: Path) -> str | None:
    """The URL a README table row beside or above ``path`` (up to ``base``) gives it."""
    folder = path.parent
    while True:
        readme = folder / README
        if readme.is_file():
            found = _url_in_rows(readme.read_text(encoding="utf-8", errors="replace"), path, folder)
            if found:
                return found
        if folder == base or folder.parent == folder or base not in folder.parents:
            return None
        folder = folder.parent


def _url_in_rows(text: str, path: Path, folder: Path) -> str | None:
    names = {path.name, path.relative_to(folder).as_posix()}
    for row in text.splitlines():
        if not row.lstrip().startswith("|") or not any(name in row for name in names):
            continue
        # A cell naming the file is the file's own (its name, its origin), not its URL.
        cells = [cell for cell in row.split("|") if not any(name in cell for name in names)]
        for pattern in (_ROW_URL, _ROW_BARE_URL):
            match = next((m for m in map(pattern.search, cells) if m), None)
            if match:
                url = match.group(0).rstrip(_TRAILING)
                return url if url.startswith("http") else "https://" + url
    return None
