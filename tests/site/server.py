"""The local HTTP server behind the fake tempo.co, on 127.0.0.1 and a free port.

A request for ``https://dunia.tempo.co/read/1`` arrives (through the test download
handler) as ``GET /dunia.tempo.co/read/1``: the first path segment is the host the
spider asked for. Every request is logged, so tests can assert what was (never)
requested.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from tests.site.build import ROBOTS, Page, Site, page_key

STALL_LIMIT = 600.0
"""Seconds a page that never finishes holds its connection at most, should the server not be stopped."""


@dataclass(frozen=True)
class Hit:
    host: str
    path: str
    """Path and query as the spider asked for them."""
    status: int
    user_agent: str

    @property
    def url(self) -> str:
        return f"https://{self.host}{self.path}"


class SiteServer:
    """``with SiteServer(site) as server:`` serves ``site``; ``block_all`` answers 403 to
    everything; ``delay`` slows every page down (robots.txt excepted)."""

    def __init__(self, site: Site, block_all: bool = False, delay: float = 0.0) -> None:
        self.site = site
        self.block_all = block_all
        self.delay = delay
        self.hits: list[Hit] = []
        self.max_in_flight: dict[str, int] = {}
        """The most requests each host had in progress at once."""
        self._in_flight: dict[str, int] = {}
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()  # releases the handlers of pages that never finish
        self._httpd.shutdown()
        self._httpd.server_close()

    def answer(self, raw_path: str, user_agent: str, if_none_match: str | None = None) -> Page:
        """The page for ``raw_path``; a 200 carries an ``ETag``, and a conditional request that
        names it gets ``304 Not Modified`` with no body."""
        host, _, rest = raw_path.lstrip("/").partition("/")
        path = "/" + rest
        with self._lock:
            page = self._page(host, path)
            if page.status == 200:
                tag = etag(page.body)
                page = Page(304, b"", headers={"ETag": tag}) if if_none_match == tag else _with_etag(page, tag)
            self.hits.append(Hit(host, path, page.status, user_agent))
            self._in_flight[host] = self._in_flight.get(host, 0) + 1
            self.max_in_flight[host] = max(self.max_in_flight.get(host, 0), self._in_flight[host])
        if self.delay and path != "/robots.txt":
            time.sleep(self.delay)
        with self._lock:
            self._in_flight[host] -= 1
        return page

    def requested(self, url: str) -> list[int]:
        """Statuses served for ``url`` (host, path and query as given), in order."""
        return requested(self.hits, url)

    def _page(self, host: str, path: str) -> Page:
        if self.block_all:
            return Page(403, b"<h1>Forbidden</h1>")
        if path == "/robots.txt":
            return Page(body=ROBOTS.encode(), content_type="text/plain")
        key = page_key(f"https://{host}{path}")
        page = self.site.pages.get(key)
        if page is None:
            return Page(404, b"<html><body><h1>404 Not Found</h1></body></html>")
        served = self._served[key] = self._served.get(key, 0) + 1
        if served <= page.fail_first:
            headers = {"Retry-After": "1"} if page.fail_status == 429 else {}
            return Page(page.fail_status, b"<h1>Try again</h1>", headers=headers)
        return page


def requested(hits: list[Hit], url: str) -> list[int]:
    """Statuses ``hits`` show served for ``url`` (host, path and query as given), in order."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return [hit.status for hit in hits if hit.host == parts.hostname and hit.path == path]


def etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def _with_etag(page: Page, tag: str) -> Page:
    return replace(page, headers={**page.headers, "ETag": tag})


def _handler_for(server: SiteServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle's algorithm the body waits for
        # the client's delayed ACK, 40 ms a response.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            page = server.answer(self.path, self.headers.get("User-Agent", ""), self.headers.get("If-None-Match"))
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if page.stall:
                self.wfile.write(page.body[: len(page.body) // 2])
                self.wfile.flush()
                server._stopping.wait(STALL_LIMIT)
                self.close_connection = True
                return
            self.wfile.write(page.body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            pass

    return Handler


def unused_port() -> int:
    """A port nothing listens on: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class BlackHole:
    """Accepts TCP connections (the kernel does) and never answers: a network that hangs."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(128)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def __enter__(self) -> BlackHole:
        return self

    def __exit__(self, *exc: object) -> None:
        self._socket.close()
