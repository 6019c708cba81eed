"""A crawl opens no console into itself: no telnet console (whose password Scrapy logs), no
remote-control server (whose token Scrapy writes to a job file that a killed crawl leaves
behind). Each can be turned on for debugging."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.site.run import ROOT, SCRAPY

SAMPLE = ROOT / "seeds" / "sample.warc.gz"


def _start(jobs: Path, log: Path, *settings: str) -> subprocess.Popen[bytes]:
    command = [str(SCRAPY), "crawl", "tempo", "-a", f"replay={SAMPLE}", "-s", "ITEM_PIPELINES={}"]
    command += ["-s", f"REMOTE_CONTROL_JOBS_DIR={jobs}", "-s", "DOWNLOAD_DELAY=0.5", "-s", "LOG_LEVEL=INFO"]
    for setting in settings:
        command += ["-s", setting]
    env = {**os.environ, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True)


def _killed_mid_crawl(jobs: Path, log: Path, *settings: str) -> str:
    process = _start(jobs, log, *settings)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "Spider opened" not in log.read_text():
        time.sleep(0.1)
    time.sleep(1.0)
    assert process.poll() is None, log.read_text()[-3000:]
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return log.read_text()


@pytest.mark.slow
def test_a_crawl_opens_no_console_and_a_killed_one_leaves_no_job_file(tmp_path: Path) -> None:
    jobs = tmp_path / "jobs"
    log = _killed_mid_crawl(jobs, tmp_path / "crawl.log")
    assert "Telnet" not in log
    assert "TelnetConsole" not in log
    assert "RemoteControl" not in log
    assert not jobs.exists() or not list(jobs.iterdir())


@pytest.mark.slow
def test_the_consoles_can_be_turned_on_for_debugging(tmp_path: Path) -> None:
    jobs = tmp_path / "jobs"
    log = _killed_mid_crawl(jobs, tmp_path / "crawl.log", "TELNETCONSOLE_ENABLED=True", "REMOTE_CONTROL_ENABLED=True")
    assert "Telnet console listening on 127.0.0.1:" in log
    assert len(list(jobs.iterdir())) == 1  # what a killed crawl leaves when its remote control was on
