"""``scrapy crawl tempo`` against the fake tempo.co as a background process: the test can act while it
runs (stop the database under it), and the kernel reports its peak memory when it ends.

The settings are ``tests.site.run``'s, with the pipelines on; ``wait`` reaps the process with
``os.wait4``, whose resource usage is that process's own (``ru_maxrss``: its peak resident set).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.site.run import ROOT, SCRAPY, harness_settings
from tests.stats_check import registered_only


@dataclass
class Finished:
    returncode: int
    log: str
    stats: dict[str, Any]
    peak_rss_mb: float

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0))

    @property
    def summary(self) -> str:
        """The end-of-crawl table the ``crawl`` command prints."""
        return self.log[self.log.rindex("Crawl summary: ") :]


class BackgroundCrawl:
    def __init__(
        self, site: str, work: Path, arguments: dict[str, str] | None = None, settings: dict[str, str] | None = None
    ) -> None:
        work.mkdir(parents=True, exist_ok=True)
        self.work = work
        self.command = [str(SCRAPY), "crawl", "tempo"]
        for name, value in (arguments or {}).items():
            self.command += ["-a", f"{name}={value}"]
        for name, value in {**harness_settings(site, work, pipelines=True), **(settings or {})}.items():
            self.command += ["-s", f"{name}={value}"]
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BackgroundCrawl:
        env = {**os.environ, "NEWSCRAWL_CONTACT": "crawler-tests@example.org"}
        with (self.work / "crawl.log").open("wb") as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
            )
        return self

    def running(self) -> bool:
        """Still running? Asked without reaping the process: ``wait`` does that, for its rusage."""
        assert self.process is not None
        return os.waitid(os.P_PID, self.process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None

    def wait(self, timeout: float) -> Finished:
        """Wait for the crawl to end (killing it after ``timeout`` seconds)."""
        assert self.process is not None
        killer = threading.Timer(timeout, self._kill)
        killer.start()
        try:
            _, status, usage = os.wait4(self.process.pid, 0)
        finally:
            killer.cancel()
        self.process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        stats_file = self.work / "stats.json"
        return Finished(
            self.process.returncode,
            (self.work / "crawl.log").read_text(encoding="utf-8", errors="replace"),
            registered_only(json.loads(stats_file.read_text(encoding="utf-8"))) if stats_file.exists() else {},
            usage.ru_maxrss / 1024,  # KiB on Linux
        )

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.returncode is None and self.running():
            self._kill()
            self.process.wait(timeout=30)

    def _kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
