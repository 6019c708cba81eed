"""Every ``NEWSCRAWL_*`` setting can be given as an environment variable of the same name (an
environment file of systemd or scrapyd), read like ``-s``, which still wins over it."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis

from newscrawl import settings as project
from newscrawl.spiders.plan import today_in_jakarta
from tests.site.build import build_site
from tests.site.run import ROOT, SCRAPY, crawl
from tests.site.server import SiteServer

SETTINGS_FILE = ROOT / "newscrawl" / "settings.py"


def _declared() -> list[str]:
    """The NEWSCRAWL_* names settings.py assigns, read from its source."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(SETTINGS_FILE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name) and t.id.startswith("NEWSCRAWL_"))
    return sorted(names)


def _without_ours(env: os._Environ[str]) -> dict[str, str]:
    return {name: value for name, value in env.items() if not name.startswith("NEWSCRAWL_")}


def _project_settings(env: dict[str, str], *names: str) -> dict[str, object]:
    code = (
        "import json, sys; from scrapy.utils.project import get_project_settings; s = get_project_settings();"
        " print(json.dumps({n: s.get(n) for n in sys.argv[1:]}, default=str))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *names],
        cwd=ROOT,
        env={**_without_ours(os.environ), "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values: dict[str, object] = json.loads(done.stdout)
    return values


def test_every_declared_setting_is_read_from_the_environment() -> None:
    names = _declared()
    assert len(names) > 30
    assert set(names) == {n for n in dir(project) if n.startswith("NEWSCRAWL_")}
    values = _project_settings({name: f"from-env-{name}" for name in names}, *names)
    assert values == {name: f"from-env-{name}" for name in names}


def test_without_the_environment_the_defaults_apply() -> None:
    values = _project_settings({}, "NEWSCRAWL_REDIS_JOB", "NEWSCRAWL_DB_BATCH_SIZE", "NEWSCRAWL_DATABASE_URL")
    assert values == {"NEWSCRAWL_REDIS_JOB": "main", "NEWSCRAWL_DB_BATCH_SIZE": 200, "NEWSCRAWL_DATABASE_URL": None}


def test_a_command_line_setting_wins_over_the_environment() -> None:
    done = subprocess.run(
        [str(SCRAPY), "settings", "--get", "NEWSCRAWL_REDIS_JOB", "-s", "NEWSCRAWL_REDIS_JOB=from-command-line"],
        cwd=ROOT,
        env={**os.environ, "NEWSCRAWL_REDIS_JOB": "from-env"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "from-command-line"


def test_a_bad_value_in_the_environment_is_refused_like_one_given_with_s() -> None:
    done = subprocess.run(
        [str(SCRAPY), "crawl", "tempo"],
        cwd=ROOT,
        env={**os.environ, "NEWSCRAWL_REDIS_URL": "redis://queue/0", "NEWSCRAWL_REDIS_JOB": "a b"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "scrapy crawl: error: NEWSCRAWL_REDIS_JOB: 'a b' may only hold letters, digits, '.', '_' and '-'"
    )


@pytest.mark.slow
def test_the_redis_job_of_the_environment_names_the_shared_frontier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two crawls with other job names in their environment must not share one frontier."""
    url = os.environ.get("NEWSCRAWL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and no Redis at {url}: {exc}")
        pytest.skip(f"no Redis at {url}: {exc}")
    job = f"envjob-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("NEWSCRAWL_REDIS_URL", url)
    monkeypatch.setenv("NEWSCRAWL_REDIS_JOB", job)
    monkeypatch.setenv("NEWSCRAWL_REDIS_IDLE_CLOSE", "1")
    site = build_site(today_in_jakarta())
    with SiteServer(site) as server:
        done = crawl(server.url, tmp_path, {"urls": site.url(1900001), "related_depth": "0"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"Shared frontier newscrawl:tempo:{job}: first worker" in done.stderr
    assert f"Shared frontier newscrawl:tempo:{job}: last worker out" in done.stderr
    assert not redis.Redis.from_url(url).keys(f"newscrawl:tempo:{job}:*")
