"""The parser layer stays pure: nothing under newscrawl/parsers/ reaches Scrapy or psycopg,
not even through another newscrawl module it imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("scrapy", "psycopg", "twisted", "itemadapter", "requests", "urllib.request", "http.client", "socket")


def _imports(path: Path) -> set[str]:
    """What ``path`` imports when it runs: imports under ``if TYPE_CHECKING:`` are for the type
    checker only, and not followed."""
    names: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            block.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != "newscrawl":
        return None
    base = ROOT.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _closure(start: list[Path]) -> dict[Path, set[str]]:
    """Every newscrawl module reachable from ``start``, with its imports."""
    seen: dict[Path, set[str]] = {}
    todo = list(start)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen[path] = _imports(path)
        todo.extend(f for f in map(_module_file, seen[path]) if f is not None)
    return seen


PARSER_FILES = sorted((ROOT / "newscrawl" / "parsers").glob("*.py"))


def test_parser_package_exists() -> None:
    assert len(PARSER_FILES) >= 5


@pytest.mark.parametrize("path", PARSER_FILES, ids=lambda p: p.name)
def test_parser_modules_import_nothing_impure(path: Path) -> None:
    for module, imports in _closure([path]).items():
        bad = sorted(name for name in imports if name.split(".")[0] in FORBIDDEN or name in FORBIDDEN)
        assert not bad, f"{module.relative_to(ROOT)} (reached from {path.name}) imports {bad}"


def test_the_check_catches_an_impure_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom scrapy.http import HtmlResponse\n", encoding="utf-8")
    assert "scrapy.http" in _imports(bad)


def test_imports_for_the_type_checker_only_are_not_followed(tmp_path: Path) -> None:
    typed = tmp_path / "typed.py"
    typed.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import scrapy\nimport os\n")
    assert _imports(typed) == {"typing", "os"}
