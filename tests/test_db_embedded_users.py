"""The embedded PostgreSQL starts and stops cleanly as root and as an ordinary user, in a
project folder and in a temporary folder closed to other users, through the commands a user
runs (``python -m newscrawl db url`` then ``db stop``, with the default ``.newscrawl/pgdata``).

As root, pgserver runs the server as its own system user; a folder above the data directory
closed again after the start (pytest closes ``/tmp/pytest-of-root`` whenever a session starts)
must not keep ``db stop`` from stopping it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.fix_db import ROOT

pytestmark = [pytest.mark.db, pytest.mark.slow]

SITE_PACKAGES = sysconfig.get_paths()["purelib"]


@dataclass(frozen=True)
class RunAs:
    """Who runs the commands: a user name (``None``: this process's own user), and the Python it can run."""

    user: str | None
    python: str

    def db(self, command: str, project: Path) -> subprocess.CompletedProcess[str]:
        env = {"PATH": os.environ.get("PATH", os.defpath), "PYTHONPATH": os.pathsep.join([str(ROOT), SITE_PACKAGES])}
        if self.user is None:
            env["HOME"] = os.environ.get("HOME", "/")
        return subprocess.run(
            [self.python, "-m", "newscrawl", "db", command],
            cwd=project,
            env=env,
            user=self.user,
            group=self.user,
            extra_groups=[] if self.user else None,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def _owner_of(pid: int) -> str:
    return pwd.getpwuid(Path(f"/proc/{pid}").stat().st_uid).pw_name


def _running(pid: int, wait: float = 0.0) -> bool:
    """Whether ``pid`` still runs (a zombie does not: in a container nobody may reap it)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        if state in ("Z", "X") or time.monotonic() >= deadline:
            return state not in ("Z", "X")
        time.sleep(0.1)


def _start_and_stop(run_as: RunAs, project: Path, close: Path | None = None) -> str:
    """``db url``, a query, ``db stop`` in ``project``; the system user the server ran as. With
    ``close``, that folder is closed to other users (mode 0700) between the start and the stop."""
    pgdata = project / ".newscrawl" / "pgdata"
    started = run_as.db("url", project)
    assert (started.returncode, started.stderr) == (0, ""), started.stderr
    url = started.stdout.strip()
    pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    try:
        owner = _owner_of(pid)
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == ("newscrawl",)
        if close is not None:
            close.chmod(0o700)
        stopped = run_as.db("stop", project)
        assert (stopped.returncode, stopped.stdout, stopped.stderr) == (
            0,
            "stopped the server in .newscrawl/pgdata\n",
            "",
        )
        assert not _running(pid, wait=5)
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(url, connect_timeout=2)
    finally:
        if _running(pid):  # a failed stop must not leave the server behind
            subprocess.run(["kill", str(pid)], check=False)
    return owner


@pytest.fixture
def folder() -> Iterator[Path]:
    """A temporary folder outside pytest's, which another pytest session may close while a server
    started in it runs (``tests.fix_db.embedded_pgdata``)."""
    path = Path(tempfile.mkdtemp(prefix="newscrawl-embedded-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root: this run is an ordinary user's")
def test_as_root_the_server_runs_as_pgserver_and_stops_even_from_a_closed_folder(folder: Path) -> None:
    run_as = RunAs(None, sys.executable)
    project = folder / "project"
    project.mkdir(mode=0o755)
    assert _start_and_stop(run_as, project) == "pgserver"
    closed = folder / "closed"
    (closed / "embedded0").mkdir(mode=0o700, parents=True)
    closed.chmod(0o700)
    assert _start_and_stop(run_as, closed / "embedded0", close=closed) == "pgserver"


@pytest.fixture
def ordinary_user() -> Iterator[RunAs]:
    """This process's user when it is not root; as root, a throwaway system user, removed after."""
    if os.geteuid() != 0:
        yield RunAs(None, sys.executable)
        return
    if not shutil.which("useradd"):
        pytest.skip("running as root without useradd: no ordinary user to run the server as")
    name = f"nctest{uuid.uuid4().hex[:8]}"
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/bin/false", name], check=True)
    uid = pwd.getpwnam(name).pw_uid
    try:
        yield RunAs(name, _python_for(name))
    finally:
        subprocess.run(["userdel", name], check=False, capture_output=True)
        shutil.rmtree(Path(tempfile.gettempdir()) / f"runtime-{uid}", ignore_errors=True)  # pgserver's lock


def _python_for(user: str) -> str:
    """This Python, else the system's of the same version (this one may live under /root, closed)."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    problems = []
    for python in (sys.executable, f"/usr/bin/python{version}"):
        try:
            probe = RunAs(user, python).db("--help", Path("/"))
        except OSError as exc:
            problems.append(f"{python}: {exc.strerror}")
            continue
        if probe.returncode == 0:
            return python
        problems.append(f"{python}: {probe.stderr.strip()[-200:]}")
    pytest.skip(f"no Python {version} that user {user} can run with this checkout ({'; '.join(problems)})")


def test_as_an_ordinary_user_the_server_runs_as_that_user_and_stops(ordinary_user: RunAs) -> None:
    home = Path(tempfile.mkdtemp(prefix="newscrawl-user-"))  # as /tmp/pytest-of-<user>: 0700, theirs
    try:
        if ordinary_user.user:
            shutil.chown(home, ordinary_user.user, ordinary_user.user)
        me = ordinary_user.user or pwd.getpwuid(os.geteuid()).pw_name
        project = home / "pytest-0" / "project"  # a project checkout in a folder only its user may enter
        project.mkdir(mode=0o700, parents=True)
        if ordinary_user.user:
            for folder in (project.parent, project):
                shutil.chown(folder, ordinary_user.user, ordinary_user.user)
        assert _start_and_stop(ordinary_user, project) == me
    finally:
        shutil.rmtree(home, ignore_errors=True)
