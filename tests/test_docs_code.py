"""The docs' tables hold what the code has, and each default lives in one place.

A `NEWSCRAWL_*` setting, a crawl argument or a `NotAnArticle` reason the code has and a table lacks, or a row the
code no longer has, fails here with a message naming the key and the table to fix. Defaults live in
`newscrawl/settings.py` only: the tables must show them as they are there, and no component may carry a default of
its own for a `NEWSCRAWL_*` setting.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from newscrawl.spiders.plan import ARGUMENTS
from newscrawl.store.reader import PASSWORD_VARIABLE
from tests.doc_tables import ROOT, code, page, section, table

PACKAGE = ROOT / "newscrawl"
SETTINGS_FILE = PACKAGE / "settings.py"
SOURCES = sorted(PACKAGE.rglob("*.py"))
_NAME = re.compile(r"^NEWSCRAWL_[A-Z0-9_]+$")
_GETTERS = {"get", "getint", "getfloat", "getbool", "getlist", "getdict", "getwithbase"}
_ENVIRONMENT = object()
# Environment variables one command reads that are no crawl settings (a password must never be one),
# with the page that documents each.
COMMAND_ENVIRONMENT = {PASSWORD_VARIABLE: "reading.md"}


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in SOURCES}


def _defaults() -> dict[str, Any]:
    """Every setting newscrawl/settings.py assigns, with its default as written there; for a value read
    from the environment, ``(_ENVIRONMENT, default)``."""
    found: dict[str, Any] = {}
    for node in ast.parse(SETTINGS_FILE.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            continue
        value = node.value
        if isinstance(value, ast.Call) and ast.unparse(value.func) == "os.environ.get":
            found[node.targets[0].id] = (_ENVIRONMENT, ast.literal_eval(value.args[1]) if len(value.args) > 1 else None)
            continue
        try:
            found[node.targets[0].id] = ast.literal_eval(value)
        except ValueError:
            found[node.targets[0].id] = value  # a dictionary built from others (ADDONS …): no literal default
    return found


def _read_in_code() -> dict[str, set[str]]:
    """``NEWSCRAWL_*`` names the package reads (a string that is exactly the name), with the files reading each."""
    names: dict[str, set[str]] = {}
    for path, tree in _trees().items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                continue
            if _NAME.match(node.value) and node.value not in COMMAND_ENVIRONMENT:
                names.setdefault(node.value, set()).add(_rel(path))
    for name in _defaults():
        if _NAME.match(name):
            names.setdefault(name, set()).add(_rel(SETTINGS_FILE))
    return names


def _settings_table() -> list[dict[str, str]]:
    return table(page("settings.md"), "setting")


def _documented_settings() -> dict[str, dict[str, str]]:
    return {code(row["setting"])[0]: row for row in _settings_table()}


def test_every_setting_the_code_reads_has_a_row_in_docs_settings_md() -> None:
    documented = _documented_settings()
    missing = {name: sorted(files) for name, files in _read_in_code().items() if name not in documented}
    assert not missing, "".join(
        f"\n{name} (read in {', '.join(files)}) is missing from the table in docs/settings.md:"
        " add a row | `NAME` | default | meaning | component |"
        for name, files in sorted(missing.items())
    )


@pytest.mark.parametrize(("name", "where"), sorted(COMMAND_ENVIRONMENT.items()))
def test_each_command_s_own_environment_variable_is_documented_on_its_page(name: str, where: str) -> None:
    assert f"`{name}`" in page(where)
    assert f"`{name}`" in page("settings.md")  # where a reader of the settings would look for it


def test_docs_settings_md_lists_no_setting_the_code_no_longer_has() -> None:
    gone = sorted(set(_documented_settings()) - set(_read_in_code()))
    assert not gone, f"docs/settings.md lists settings no code reads any more: remove their rows: {gone}"


def test_every_setting_has_its_default_in_settings_py() -> None:
    defaults = _defaults()
    elsewhere = {name: sorted(files) for name, files in _read_in_code().items() if name not in defaults}
    assert not elsewhere, "".join(
        f"\n{name} (read in {', '.join(files)}) has no default in newscrawl/settings.py: define it there, once"
        for name, files in sorted(elsewhere.items())
    )


def _default_tables() -> list[tuple[str, dict[str, str]]]:
    """Rows of every docs table with a setting and its default: docs/settings.md and the politeness table."""
    politeness = table(section(page("crawling.md"), "## Politeness"), "setting")
    return [("docs/settings.md", row) for row in _settings_table()] + [("docs/crawling.md", row) for row in politeness]


@pytest.mark.parametrize(
    ("doc", "row"), _default_tables(), ids=lambda v: code(v["setting"])[0] if isinstance(v, dict) else v
)
def test_the_documented_default_is_the_one_in_settings_py(doc: str, row: dict[str, str]) -> None:
    name = code(row["setting"])[0]
    defaults = _defaults()
    assert name in defaults, f"{doc}: {name} has no default in newscrawl/settings.py"
    shown = code(row["default"])
    assert shown, f"{doc}: the default of {name} is not given as `value`"
    expected = defaults[name]
    if isinstance(expected, tuple) and expected and expected[0] is _ENVIRONMENT:
        expected = expected[1]
        assert "environment" in row["default"], f"{doc}: say that {name} is read from the environment"
    assert ast.literal_eval(shown[0]) == expected, (
        f"{doc}: the default of {name} is shown as {shown[0]}; newscrawl/settings.py has {expected!r}"
    )


@pytest.mark.parametrize("row", _settings_table(), ids=lambda row: code(row["setting"])[0])
def test_each_component_named_for_a_setting_reads_it(row: dict[str, str]) -> None:
    name = code(row["setting"])[0]
    for component in code(row["component"]):
        files = _module_files(component)
        assert files, f"docs/settings.md: {name}: no module {component}"
        assert any(name in f.read_text(encoding="utf-8") for f in files), (
            f"docs/settings.md: {name} is said to be read by {component}, which does not mention it"
        )


def _module_files(dotted: str) -> list[Path]:
    """The file of a module (or a class in it), or every file of a package."""
    parts = dotted.split(".")
    while parts:
        base = ROOT.joinpath(*parts)
        if base.with_suffix(".py").exists():
            return [base.with_suffix(".py")]
        if base.is_dir():
            return sorted(base.rglob("*.py"))
        parts.pop()
    return []


def _fallbacks() -> list[str]:
    """Places that give a ``NEWSCRAWL_*`` setting a default of their own instead of settings.py's."""
    found = []
    for path, tree in _trees().items():
        if path == SETTINGS_FILE:
            continue
        for node in ast.walk(tree):
            name = _setting_read(node)
            if isinstance(node, ast.Call) and name and len(node.args) > 1 and not _is_the_default(node.args[1], name):
                found.append(f"{_rel(path)}:{node.lineno}: {ast.unparse(node)}")
            if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and _setting_read(node.values[0]):
                name = _setting_read(node.values[0])
                for other in node.values[1:]:
                    if _is_literal(other) and not (isinstance(other, ast.Constant) and other.value in (None, "")):
                        found.append(f"{_rel(path)}:{node.lineno}: {ast.unparse(node)}")
    return found


def _is_literal(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
    except ValueError:
        return False
    return True


def _setting_read(node: ast.AST) -> str | None:
    """The setting a ``settings.get*("NEWSCRAWL_X", …)`` call reads."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _GETTERS
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and _NAME.match(node.args[0].value)
    ):
        return node.args[0].value
    return None


def _is_the_default(node: ast.AST, name: str | None) -> bool:
    """``defaults.NEWSCRAWL_X`` (newscrawl/settings.py's value), or a conversion of it."""
    if isinstance(node, ast.Call) and len(node.args) == 1:
        node = node.args[0]  # list(defaults.X), dict(defaults.X)
    return (
        isinstance(node, ast.Attribute) and node.attr == name or isinstance(node, ast.Constant) and node.value is None
    )


def test_no_component_has_a_default_of_its_own_for_a_setting() -> None:
    found = _fallbacks()
    assert not found, "a default written outside newscrawl/settings.py; use `defaults.<NAME>` from it:\n" + "\n".join(
        found
    )


def test_the_fallback_check_sees_a_default_of_its_own() -> None:
    own = ast.parse('settings.getfloat("NEWSCRAWL_NO_PAGE_TIMEOUT", 45.0)', mode="eval").body
    shared = ast.parse(
        'settings.getfloat("NEWSCRAWL_NO_PAGE_TIMEOUT", defaults.NEWSCRAWL_NO_PAGE_TIMEOUT)', mode="eval"
    )
    assert isinstance(own, ast.Call)
    assert isinstance(shared.body, ast.Call)
    assert _setting_read(own) == "NEWSCRAWL_NO_PAGE_TIMEOUT"
    assert not _is_the_default(own.args[1], "NEWSCRAWL_NO_PAGE_TIMEOUT")
    assert _is_the_default(shared.body.args[1], "NEWSCRAWL_NO_PAGE_TIMEOUT")


def test_every_crawl_argument_has_a_row_in_docs_crawling_md() -> None:
    rows = table(section(page("crawling.md"), "## What is crawled"), "argument")
    documented = {name for row in rows for name in code(row["argument"])}
    assert set(ARGUMENTS) - documented == set(), (
        f"spider arguments missing from the table in docs/crawling.md: {sorted(set(ARGUMENTS) - documented)}"
    )
    assert documented - set(ARGUMENTS) == set(), (
        f"docs/crawling.md lists arguments the spider no longer takes: {sorted(documented - set(ARGUMENTS))}"
    )


def _reasons_in_code() -> dict[str, set[str]]:
    """Every reason a ``NotAnArticle`` is raised with, and where."""
    found: dict[str, set[str]] = {}
    for path, tree in _trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("NotAnArticle") and node.args:
                reason = node.args[0]
                where = f"{_rel(path)}:{node.lineno}"
                literal = reason.value if isinstance(reason, ast.Constant) else None
                assert isinstance(literal, str), (
                    f"{where}: give NotAnArticle its reason as a string literal, so that this test can see it"
                )
                found.setdefault(literal, set()).add(where)
    return found


def test_every_not_an_article_reason_has_a_row_in_docs_article_md() -> None:
    documented = {code(row["reason"])[0] for row in table(page("article.md"), "reason")}
    in_code = _reasons_in_code()
    missing = {reason: sorted(places) for reason, places in in_code.items() if reason not in documented}
    assert not missing, "".join(
        f"\nNotAnArticle reason {reason!r} (raised at {', '.join(places)}) is missing from the reasons table in"
        " docs/article.md: add a row | `reason` | the page |"
        for reason, places in sorted(missing.items())
    )
    gone = sorted(documented - set(in_code))
    assert not gone, f"docs/article.md lists NotAnArticle reasons no code raises any more: remove them: {gone}"


def test_every_article_field_has_a_row_in_docs_article_md() -> None:
    from dataclasses import fields

    from newscrawl.items import Article

    documented = [code(row["field"])[0] for row in table(page("article.md"), "field")]
    names = [f.name for f in fields(Article)]
    missing = [name for name in names if name not in documented]
    assert not missing, (
        f"Article fields missing from the table in docs/article.md: {missing}: add a row"
        " | `field` | in the `Article` (JSON) | column | meaning |"
    )
    gone = [name for name in documented if name not in names]
    assert not gone, f"docs/article.md lists fields the Article no longer has: {gone}"
