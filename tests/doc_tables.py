"""Read the tables of the docs (docs/*.md, README.md) for the tests that hold them to the code."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

_HEADING = re.compile(r"^(#+) ", re.M)
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CODE = re.compile(r"`([^`]+)`")


def page(name: str) -> str:
    """The text of ``docs/<name>``, or of ``README.md`` (and other files) given a path from the root."""
    path = DOCS / name if (DOCS / name).exists() else ROOT / name
    return path.read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """From the heading line that starts with ``heading`` to the next heading of its level or higher."""
    start = text.index(heading)
    level = len(heading) - len(heading.lstrip("#"))
    for match in _HEADING.finditer(text, start + len(heading)):
        if len(match.group(1)) <= level:
            return text[start : match.start()]
    return text[start:]


def tables(text: str) -> list[list[dict[str, str]]]:
    """Every Markdown table in ``text``: a list of rows, each a dict from column header to cell."""
    found: list[list[dict[str, str]]] = []
    lines = text.splitlines()
    i = 0
    while i + 1 < len(lines):
        if lines[i].startswith("|") and re.match(r"^\|[\s:|-]+\|$", lines[i + 1].strip()):
            header = _cells(lines[i])
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(dict(zip(header, _cells(lines[i]), strict=False)))
                i += 1
            found.append(rows)
        else:
            i += 1
    return found


def table(text: str, first_column: str) -> list[dict[str, str]]:
    """The one table of ``text`` whose first column is headed ``first_column``."""
    matching = [t for t in tables(text) if t and next(iter(t[0])) == first_column]
    assert len(matching) == 1, f"expected one table headed {first_column!r}, found {len(matching)}"
    return matching[0]


def code(cell: str) -> list[str]:
    """The `code` spans of a cell, in order."""
    return _CODE.findall(cell)


def keys(text: str, first_column: str) -> list[str]:
    """The names in the first column of a table: the first `code` span of each row."""
    return [code(row[first_column])[0] for row in table(text, first_column) if code(row[first_column])]


def _cells(line: str) -> list[str]:
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(line.strip().strip("|"))]
