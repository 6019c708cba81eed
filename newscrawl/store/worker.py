"""A worker process (``store.process`` starts it): a pipeline's ``Service`` answering the calls
the crawl's process sends over a socket, in order, until it is closed or the crawl's process
is gone.

A message is an 8-byte length and a pickle. The first one is the service; each next one is a
call, ``(name, args)``, answered by a ``Reply``. A thread reads the calls as they come and lets
the service prepare each one (the store checks a batch's items while the database writes the
batch before it). Log records are kept, not printed: the reply carries them to the crawl's log.
"""

from __future__ import annotations

import contextlib
import io
import logging
import pickle
import queue
import signal
import socket
import threading
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

HEAD = 8
"""Bytes of a message's length, before its pickle."""

Call = tuple[str, tuple[Any, ...]]


class Service(Protocol):
    """What a worker process runs: built in the crawl's process, pickled, opened in the worker."""

    def open(self) -> dict[str, Callable[..., Any]]:
        """The calls by name, ``close`` among them (the last call a worker answers)."""
        ...

    def prepare(self, name: str, args: tuple[Any, ...]) -> None:
        """Work on a call as it arrives, in the reading thread, before its turn comes."""
        ...


@dataclass(slots=True)
class Reply:
    """What one call returned, and the log records it made."""

    result: Any = None
    records: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    """The traceback of a call that raised."""


def framed(message: Any) -> tuple[bytes, bytes]:
    """A message's length and pickle, to write one after the other."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(HEAD, "big"), data


class _Records(logging.Handler):
    """Every log record of the child, kept for the reply as plain fields (the message formatted)."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        fields = dict(record.__dict__, msg=record.getMessage(), args=None, exc_info=None)
        if record.exc_info:
            fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
        self.kept.append(fields)

    def take(self) -> list[dict[str, Any]]:
        kept, self.kept = self.kept, []
        return kept


def serve(fd: int) -> None:
    """The process's main, on the socket ``fd``: the service from the first message, then each
    call answered in order, until ``close`` or the end of the socket."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # the crawl gone: end quietly
    records = _Records()
    logging.root.handlers = [records]
    logging.root.setLevel(logging.DEBUG)
    with socket.socket(fileno=fd) as sock, sock.makefile("rb") as incoming, sock.makefile("wb") as outgoing:
        service: Service | None = _read(incoming)
        if service is None:
            return
        calls = service.open()
        waiting: queue.SimpleQueue[Call | None] = queue.SimpleQueue()
        receiver = threading.Thread(target=_receive, args=(incoming, waiting, service), name="newscrawl-worker-calls")
        receiver.start()
        try:
            while (message := waiting.get()) is not None:
                name, args = message
                try:
                    reply = Reply(calls[name](*args))
                except Exception:  # the boundary: the crawl's process raises it in the caller
                    reply = Reply(error=traceback.format_exc())
                reply.records = records.take()
                for part in framed(reply):
                    outgoing.write(part)
                outgoing.flush()
                if name == "close":
                    break
        finally:
            # Ends the receiver's read (closing the file under it would wait for that read forever).
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            receiver.join()


def _receive(incoming: io.BufferedIOBase, waiting: queue.SimpleQueue[Call | None], service: Service) -> None:
    try:
        while (message := _read(incoming)) is not None:
            service.prepare(*message)
            waiting.put(message)
    finally:  # also after a message that could not be read: the process ends, its calls fail there
        waiting.put(None)


def _read(channel: io.BufferedIOBase) -> Any:
    head = channel.read(HEAD)
    if len(head) < HEAD:
        return None
    return pickle.loads(channel.read(int.from_bytes(head, "big")))
