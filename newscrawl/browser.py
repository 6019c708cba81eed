"""Which Chromium renders JavaScript pages: found on this machine, never assumed.

In this order:

1. ``NEWSCRAWL_BROWSER_PATH`` (setting or environment variable): a path, or a command name
   looked up on ``PATH``. When it is set, nothing else is tried: a wrong value means no
   browser, said so, rather than another browser than the one asked for;
2. the Chromium ``playwright install chromium`` downloaded into Playwright's cache
   (``PLAYWRIGHT_BROWSERS_PATH``, else ``$XDG_CACHE_HOME/ms-playwright`` or
   ``~/.cache/ms-playwright``), the newest revision there;
3. a system Chromium on ``PATH``: ``chromium``, ``chromium-browser``, ``google-chrome``.

The crawl (``newscrawl.rendering``), ``python -m newscrawl browser`` (and so ``make crawl``)
and the tests' ``browser`` marker all ask :func:`find_browser`, so what one says the others
do. This module imports neither Scrapy nor Playwright: asking is cheap.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SETTING = "NEWSCRAWL_BROWSER_PATH"
SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome")
INSTALL_HINT = "apt-get install chromium, or playwright install chromium"
_REVISION = re.compile(r"chromium-(\d+)")


@dataclass(frozen=True)
class Browser:
    """The Chromium found (``path``, and ``source``: where), or why there is none (``problem``)
    and what would give one (``remedy``)."""

    path: Path | None
    source: str = ""
    problem: str = ""
    remedy: str = INSTALL_HINT

    def __str__(self) -> str:
        """What a crawl's log and ``python -m newscrawl browser`` say."""
        if self.path is None:
            return f"no Chromium: {self.problem}; JavaScript pages stay unrendered (to render them: {self.remedy})"
        return f"JavaScript pages are rendered with Chromium {self.path} ({self.source})"


def find_browser(configured: str | None = None, environ: Mapping[str, str] | None = None) -> Browser:
    """The browser a crawl uses; ``configured`` is ``NEWSCRAWL_BROWSER_PATH``'s value."""
    env = os.environ if environ is None else environ
    if configured:
        found = _executable(configured, env)
        if found is None:
            problem = f"{SETTING}={configured} is not an executable file (no other browser is looked for)"
            return Browser(None, problem=problem, remedy=f"point {SETTING} at Chromium, or unset it")
        return Browser(found, f"from {SETTING}")
    cache = playwright_cache(env)
    cached = _newest_in_cache(cache)
    if cached is not None:
        return Browser(cached, f"Playwright's cache, {cache}")
    for name in SYSTEM_BROWSERS:
        on_path = shutil.which(name, path=env.get("PATH", os.defpath))
        if on_path:
            return Browser(Path(on_path), f"{name} on PATH")
    problem = f"{SETTING} is not set, none in Playwright's cache ({cache}), none on PATH ({', '.join(SYSTEM_BROWSERS)})"
    return Browser(None, problem=problem)


def playwright_cache(environ: Mapping[str, str]) -> Path:
    """Where ``playwright install`` puts browsers on Linux (as Playwright's own registry decides)."""
    configured = environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if configured == "0":  # next to the Playwright package itself
        import playwright  # imported only for this rare value

        return Path(playwright.__file__).parent / "driver" / "package" / ".local-browsers"
    if configured:
        return Path(configured).expanduser().absolute()
    home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
    return Path(environ.get("XDG_CACHE_HOME") or home / ".cache") / "ms-playwright"


def _newest_in_cache(cache: Path) -> Path | None:
    """``chromium-<revision>/chrome-linux*/chrome`` with the highest revision."""
    found: list[tuple[int, Path]] = []
    for executable in cache.glob("chromium-*/chrome-linux*/chrome"):
        matched = _REVISION.fullmatch(executable.parent.parent.name)
        if matched and _is_executable(executable):
            found.append((int(matched[1]), executable))
    return max(found)[1] if found else None


def _executable(value: str, environ: Mapping[str, str]) -> Path | None:
    if os.sep not in value:  # a command name
        on_path = shutil.which(value, path=environ.get("PATH", os.defpath))
        return Path(on_path) if on_path else None
    path = Path(value).expanduser()
    return path if _is_executable(path) else None


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)
