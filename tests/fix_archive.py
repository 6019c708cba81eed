"""Helpers for the archive tests: a replay crawl cut off from every network, and a tripwire
that counts any connection a crawl would make."""

from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path
from typing import Any

from newscrawl import settings as project
from tests.site.run import Crawl, crawl


class Tripwire:
    """A TCP listener that counts connections and refuses them (502): set as the crawl's HTTP(S)
    proxy, it sees every request that tries to reach a server."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def __enter__(self) -> Tripwire:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._socket.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._socket.accept()
            except OSError:  # closed
                return
            self.connections += 1
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(4096)
                    conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass


def offline_crawl(
    workdir: Path,
    tripwire: Tripwire,
    arguments: dict[str, str],
    settings: dict[str, str] | None = None,
    pipelines: bool = False,
    spider: str = "tempo",
) -> Crawl:
    """``scrapy crawl <spider>`` with the project's add-ons only (no test-site handler: a request the
    project's own handlers sent would go to tempo.co itself) and every proxy set to ``tripwire``."""
    proxies = dict.fromkeys(("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"), tripwire.url)
    saved = {name: os.environ.get(name) for name in (*proxies, "no_proxy", "NO_PROXY")}
    os.environ.update(proxies)
    for name in ("no_proxy", "NO_PROXY"):
        os.environ.pop(name, None)
    try:
        overrides: dict[str, Any] = {"ADDONS": json.dumps(project.ADDONS), **(settings or {})}
        return crawl("offline", workdir, arguments, overrides, pipelines=pipelines, spider=spider)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def records_of(item: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(r["file"], r["offset"], r["length"]) for r in item["warc_records"]]
