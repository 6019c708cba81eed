"""Who may import whom (docs/architecture.md). The parser layer stays pure: nothing under
newscrawl/parsers/ reaches Scrapy or psycopg, not even through another newscrawl module it imports.
An outlet package imports the core (items, urls, the parser core, the outlet types) and itself, never
another outlet, never Scrapy or psycopg; the outlets' declarations load no parser at all."""

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
            # "from newscrawl import outlets": the module imported is newscrawl.outlets
            names.update(f"{node.module}.{a.name}" for a in node.names if _module_file(f"{node.module}.{a.name}"))
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


# --- Every package: what it may import of newscrawl, and what it must never ------------------

CRAWL_COMPONENTS = ("state", "distributed", "guard", "monitors", "politeness", "progress", "rendering")
_BASE = {"items", "urls", "stats", "settings", "config"}
MAY_IMPORT: dict[str, set[str] | None] = {
    "items": set(),
    "stats": set(),
    "settings": set(),
    "config": set(),
    # Which Chromium renders: the crawl, the command line and the tests ask the same lookup.
    "browser": set(),
    "urls": {"items"},
    # The outlets: their declarations (data and URL rules: the registry, base, rules, generic, each package's
    # __init__) and their layouts over the parser core; finer rules in the outlet tests below.
    "outlets": {"items", "urls", "parsers"},
    "parsers": {"items", "urls", "outlets"},
    "check": {"items", "urls", "parsers", "outlets"},
    # The store: PostgreSQL and the spool, for a crawl, the command line or a re-parse alike; its keys and
    # canonical URLs by the outlets' declarations (which load no parser).
    "store": _BASE | {"outlets"},
    "crawl": _BASE | {"store"},
    "pipelines": _BASE | {"store", "crawl"},
    "spiders": _BASE | {"parsers", "outlets", "crawl", "archive", "guard", "rendering"},
    "archive": _BASE | {"parsers", "outlets", "store", "crawl", "spiders", "politeness"},
    **dict.fromkeys(CRAWL_COMPONENTS, _BASE | {"store", "crawl", "spiders", "outlets", "browser"}),
    "reparse": _BASE | {"parsers", "store", "crawl", "archive", "project"},
    # Reads every component's config, to check every setting when a crawl starts.
    "validation": _BASE | {"store", "crawl", "spiders", "archive", "pipelines", *CRAWL_COMPONENTS},
    "project": {"settings", "store"},
    # The command lines may use anything.
    "cli": None,
    "commands": None,
    "__main__": None,
    "__init__": set(),
}
NEVER: dict[str, tuple[str, ...]] = {
    "store": ("scrapy", "twisted", "spidermon", "scrapy_redis", "scrapy_playwright", "warcio"),
    "check": ("scrapy", "psycopg", "twisted"),
    "browser": ("scrapy", "psycopg", "twisted"),
    "crawl": ("twisted",),
}
NEWSCRAWL = ROOT / "newscrawl"


def _layer(path: Path) -> str:
    return path.relative_to(NEWSCRAWL).parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", sorted(NEWSCRAWL.rglob("*.py")), ids=lambda p: str(p.relative_to(NEWSCRAWL)))
def test_each_module_imports_only_what_its_layer_may(path: Path) -> None:
    layer = _layer(path)
    assert layer in MAY_IMPORT, f"newscrawl/{layer} is in no layer: add it to MAY_IMPORT in tests/test_layering.py"
    allowed = MAY_IMPORT[layer]
    ours = {name.split(".")[1] for name in _imports(path) if name.startswith("newscrawl.")}
    ours |= _from_package_imports(path)
    if allowed is not None:
        bad = sorted(ours - allowed - {layer})
        assert not bad, (
            f"{path.relative_to(ROOT)} ({layer}) imports newscrawl.{bad}; {layer} may import {sorted(allowed)}"
        )
    forbidden = sorted(n for n in _imports(path) if n.split(".")[0] in NEVER.get(layer, ()))
    assert not forbidden, f"{path.relative_to(ROOT)} ({layer}) imports {forbidden}"


def _from_package_imports(path: Path) -> set[str]:
    """``from newscrawl import stats`` names a module of its own."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "newscrawl" and node.level == 0:
            found.update(alias.name for alias in node.names)
    return found & set(MAY_IMPORT)


def test_the_layer_check_catches_a_store_that_imports_a_pipeline(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from newscrawl.pipelines.store import StorePipeline\n", encoding="utf-8")
    assert {name.split(".")[1] for name in _imports(bad)} - (MAY_IMPORT["store"] or set()) == {"pipelines"}


# -- outlets ----------------------------------------------------------------------------------
OUTLETS = ROOT / "newscrawl" / "outlets"
OUTLET_PACKAGES = sorted(p for p in OUTLETS.iterdir() if p.is_dir() and (p / "__init__.py").exists())
# What an outlet package may import of newscrawl: the contract, the URL helpers, the parser core and the
# declaration types; and itself. Never another outlet, never the registry (which lists them all).
OUTLET_MAY_IMPORT = (
    "newscrawl.items",
    "newscrawl.urls",
    "newscrawl.parsers",
    "newscrawl.outlets.base",
    "newscrawl.outlets.rules",
)
# The declaration side: the registry, the base types, the generic outlet.
DECLARATIONS = [OUTLETS / "__init__.py", OUTLETS / "base.py", OUTLETS / "rules.py", OUTLETS / "generic.py"]


def _ours(imports: set[str]) -> set[str]:
    return {name for name in imports if name.split(".")[0] == "newscrawl"}


def _allowed(name: str, own: str) -> bool:
    return (
        name in ("newscrawl", own)
        or name.startswith(own + ".")
        or any(name == m or name.startswith(m + ".") for m in OUTLET_MAY_IMPORT)
    )


def test_there_is_an_outlet_package() -> None:
    assert "tempo" in [p.name for p in OUTLET_PACKAGES]


@pytest.mark.parametrize("package", OUTLET_PACKAGES, ids=lambda p: p.name)
def test_an_outlet_imports_the_core_and_itself_never_another_outlet(package: Path) -> None:
    own = f"newscrawl.outlets.{package.name}"
    for path in sorted(package.rglob("*.py")):
        bad = sorted(name for name in _ours(_imports(path)) if not _allowed(name, own))
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


@pytest.mark.parametrize("package", OUTLET_PACKAGES, ids=lambda p: p.name)
def test_an_outlet_never_reaches_scrapy_psycopg_or_the_network(package: Path) -> None:
    for module, imports in _closure(sorted(package.rglob("*.py"))).items():
        bad = sorted(name for name in imports if name.split(".")[0] in FORBIDDEN or name in FORBIDDEN)
        assert not bad, f"{module.relative_to(ROOT)} (reached from {package.name}) imports {bad}"


def test_the_declarations_load_no_parser() -> None:
    """Keys, hosts and sources come without lxml or a parser: the spiders, the pipelines and the store
    read them; an outlet's layouts load when one of its pages is parsed (``Outlet.layouts``)."""
    for module, imports in _closure(DECLARATIONS).items():
        bad = sorted(n for n in imports if n.startswith("newscrawl.parsers") or n.split(".")[0] == "lxml")
        assert not bad, f"{module.relative_to(ROOT)} imports {bad}"
    listed = {OUTLETS / p.name / "__init__.py" for p in OUTLET_PACKAGES if not p.name.startswith("_")}
    assert listed <= set(_closure(DECLARATIONS)), "the registry imports every outlet's declaration"
    template = _closure([OUTLETS / "_template" / "__init__.py"])  # the template's declaration, not listed
    assert not [n for imports in template.values() for n in imports if n.startswith("newscrawl.parsers")]


@pytest.mark.parametrize("name", ["items", "urls"])
def test_the_contract_and_the_url_helpers_import_nothing_of_ours(name: str) -> None:
    assert _ours(_imports(ROOT / "newscrawl" / f"{name}.py")) == set()


def test_the_check_catches_an_outlet_importing_another(tmp_path: Path) -> None:
    bad = tmp_path / "kompas.py"
    bad.write_text("from newscrawl.outlets.tempo import urls\nfrom newscrawl.parsers.base import ArticlePage\n")
    refused = {n for n in _ours(_imports(bad)) if not _allowed(n, "newscrawl.outlets.kompas")}
    assert refused == {"newscrawl.outlets.tempo", "newscrawl.outlets.tempo.urls"}
