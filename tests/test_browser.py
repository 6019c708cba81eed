"""Which Chromium renders JavaScript pages (``newscrawl.browser``), found rather than assumed:
the lookup's order, what ``python -m newscrawl browser`` says, and the tests' ``browser``
marker, which asks the same lookup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.browser import find_browser
from tests.fix_db import ROOT


def executable(path: Path, mode: int = 0o755) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(mode)
    return path


@pytest.fixture
def machine(tmp_path: Path) -> dict[str, str]:
    """An environment with an empty home and nothing on PATH: a machine without a browser."""
    (tmp_path / "home").mkdir()
    (tmp_path / "bin").mkdir()
    return {"HOME": str(tmp_path / "home"), "PATH": str(tmp_path / "bin")}


def test_without_any_browser_none_is_found_and_every_place_looked_in_is_named(
    machine: dict[str, str], tmp_path: Path
) -> None:
    found = find_browser(None, machine)
    assert found.path is None
    assert str(found) == (
        "no Chromium: NEWSCRAWL_BROWSER_PATH is not set, none in Playwright's cache"
        f" ({tmp_path}/home/.cache/ms-playwright), none on PATH (chromium, chromium-browser, google-chrome);"
        " JavaScript pages stay unrendered (to render them: apt-get install chromium, or playwright install chromium)"
    )


def test_a_system_chromium_is_found_on_path_in_order(machine: dict[str, str], tmp_path: Path) -> None:
    chrome = executable(tmp_path / "bin" / "google-chrome")
    assert find_browser(None, machine).path == chrome
    chromium = executable(tmp_path / "bin" / "chromium")
    executable(tmp_path / "bin" / "chromium-browser")
    found = find_browser(None, machine)
    assert (found.path, found.source) == (chromium, "chromium on PATH")
    assert str(found) == f"JavaScript pages are rendered with Chromium {chromium} (chromium on PATH)"


def test_playwrights_own_chromium_comes_before_the_system_one(machine: dict[str, str], tmp_path: Path) -> None:
    executable(tmp_path / "bin" / "chromium")
    cache = tmp_path / "home" / ".cache" / "ms-playwright"
    executable(cache / "chromium-1200" / "chrome-linux" / "chrome")
    newest = executable(cache / "chromium-1255" / "chrome-linux64" / "chrome")
    executable(cache / "chromium_headless_shell-1300" / "chrome-linux64" / "chrome")  # not a full browser
    executable(cache / "chromium-1300" / "chrome-linux64" / "chrome", mode=0o644)  # a broken download
    found = find_browser(None, machine)
    assert (found.path, found.source) == (newest, f"Playwright's cache, {cache}")


def test_playwrights_cache_is_where_playwright_puts_it(machine: dict[str, str], tmp_path: Path) -> None:
    elsewhere = executable(tmp_path / "browsers" / "chromium-1255" / "chrome-linux64" / "chrome")
    assert find_browser(None, {**machine, "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "browsers")}).path == elsewhere
    cached = executable(tmp_path / "xdg" / "ms-playwright" / "chromium-1255" / "chrome-linux64" / "chrome")
    assert find_browser(None, {**machine, "XDG_CACHE_HOME": str(tmp_path / "xdg")}).path == cached


def test_the_configured_browser_comes_first(machine: dict[str, str], tmp_path: Path) -> None:
    executable(tmp_path / "bin" / "chromium")
    executable(tmp_path / "home" / ".cache" / "ms-playwright" / "chromium-1255" / "chrome-linux64" / "chrome")
    mine = executable(tmp_path / "opt" / "chrome")
    found = find_browser(str(mine), machine)
    assert (found.path, found.source) == (mine, "from NEWSCRAWL_BROWSER_PATH")
    assert find_browser("chromium", machine).path == tmp_path / "bin" / "chromium"  # a command name


@pytest.mark.parametrize("wrong", ["/nonexistent", "{tmp}/opt", "{tmp}/opt/chrome.txt", "no-such-command"])
def test_a_wrong_configured_browser_is_not_replaced_by_another(
    machine: dict[str, str], tmp_path: Path, wrong: str
) -> None:
    executable(tmp_path / "bin" / "chromium")
    executable(tmp_path / "home" / ".cache" / "ms-playwright" / "chromium-1255" / "chrome-linux64" / "chrome")
    executable(tmp_path / "opt" / "chrome.txt", mode=0o644)  # a directory, a file that cannot run
    value = wrong.format(tmp=tmp_path)
    found = find_browser(value, machine)
    assert found.path is None
    assert str(found) == (
        f"no Chromium: NEWSCRAWL_BROWSER_PATH={value} is not an executable file (no other browser is looked for);"
        " JavaScript pages stay unrendered (to render them: point NEWSCRAWL_BROWSER_PATH at Chromium, or unset it)"
    )


def _browser_command(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", "browser"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_the_browser_command_says_which_browser_a_crawl_uses(machine: dict[str, str], tmp_path: Path) -> None:
    chromium = executable(tmp_path / "bin" / "chromium")
    done = _browser_command(machine)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{find_browser(None, machine)}\n", "")
    assert str(chromium) in done.stdout
    done = _browser_command({**machine, "NEWSCRAWL_BROWSER_PATH": "/nonexistent"})
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("no Chromium: NEWSCRAWL_BROWSER_PATH=/nonexistent is not an executable file")


# --- the tests' ``browser`` marker ----------------------------------------------------

SAMPLE = """
import pytest

@pytest.mark.browser
def test_renders_one(): pass

@pytest.mark.browser
def test_renders_two(): pass

def test_reads_static_html(): pass
"""


def _pytest(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """An inner pytest run of ``SAMPLE`` with the project's browser plugin, as ``make test`` runs it."""
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-p", "tests.fix_browser", "-c", os.devnull, "--rootdir", str(tmp_path)]
    command += ["-p", "no:cacheprovider", "--basetemp", str(tmp_path / "tmp"), "-rs", str(tmp_path / "test_sample.py")]
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "NEWSCRAWL_BROWSER_PATH")}
    return subprocess.run(command, cwd=ROOT, env={**environ, **env}, capture_output=True, text=True, check=False)


def test_without_a_browser_the_rendering_tests_skip_with_one_reason(tmp_path: Path) -> None:
    done = _pytest(tmp_path, NEWSCRAWL_BROWSER_PATH="/nonexistent")
    assert done.returncode == 0, done.stdout
    reason = (
        "Chromium not found: apt-get install chromium to run the 2 rendering tests (NEWSCRAWL_BROWSER_PATH=/nonexistent"
        " is not an executable file (no other browser is looked for))"
    )
    (skipped,) = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]  # one line for both
    assert skipped.startswith("SKIPPED [2] ")
    assert skipped.endswith(reason)
    assert "1 passed, 2 skipped" in done.stdout.splitlines()[-1]
    assert "browser: no Chromium: NEWSCRAWL_BROWSER_PATH=/nonexistent" in done.stdout  # the run's header


def test_without_a_browser_under_ci_the_rendering_tests_fail(tmp_path: Path) -> None:
    done = _pytest(tmp_path, NEWSCRAWL_BROWSER_PATH="/nonexistent", CI="true")
    assert done.returncode == 1
    assert "1 passed, 2 errors" in done.stdout.splitlines()[-1]
    assert "CI=true and no browser: Chromium not found: apt-get install chromium to run the 2 rendering" in done.stdout


def test_with_a_browser_the_rendering_tests_run(tmp_path: Path) -> None:
    done = _pytest(tmp_path, NEWSCRAWL_BROWSER_PATH=str(executable(tmp_path / "chromium")), CI="true")
    assert done.returncode == 0, done.stdout
    assert "3 passed" in done.stdout.splitlines()[-1]
