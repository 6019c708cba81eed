"""The store's process (``store.process`` starts it): the ``Outbox`` of one crawl, answering
the calls the crawl's process sends over a socket, in order, until it is closed or the crawl's
process is gone.

A message is an 8-byte length and a pickle. The first one sets the outbox up (the store's
settings and the database target); each next one is a call, ``(name, args)``, answered by a
``Reply``. A thread reads the calls as they come, so that a batch's items are checked
(``decisions.ready``: fingerprints, identity, column values) while the database writes the batch
before it. Log records are kept, not printed: the reply carries them to the crawl's log.
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
from typing import TYPE_CHECKING, Any

from newscrawl.store import decisions
from newscrawl.store.outbox import Outbox, Report
from newscrawl.store.spool import Spool
from newscrawl.store.writer import ArticleWriter

if TYPE_CHECKING:
    from collections.abc import Callable

HEAD = 8
"""Bytes of a message's length, before its pickle."""

Call = tuple[str, tuple[Any, ...]]


@dataclass(slots=True)
class Reply:
    """What one call did, the outbox's state after it, and the log records it made."""

    report: Report | None
    available: bool
    delay: float
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
    """The process's main, on the socket ``fd``: the outbox from the first message, then each
    call answered in order, until ``close`` or the end of the socket."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # the crawl gone: end quietly
    records = _Records()
    logging.root.handlers = [records]
    logging.root.setLevel(logging.DEBUG)
    with socket.socket(fileno=fd) as sock, sock.makefile("rb") as incoming, sock.makefile("wb") as outgoing:
        setup = _read(incoming)
        if setup is None:
            return
        config, target = setup
        writer = ArticleWriter(config.database_url, config.pgdata, connect_timeout=config.connect_timeout)
        outbox = Outbox(
            writer,
            Spool(config.spool_dir, target),
            batch_size=config.batch_size,
            retry_delay=config.retry_delay,
            retry_max_delay=config.retry_max_delay,
        )
        calls: dict[str, Callable[..., Any]] = {
            "start": outbox.start,
            "send": outbox.send,
            "send_run": outbox.send_run,
            "retry": outbox.retry,
            "close": writer.close,
        }
        waiting: queue.SimpleQueue[Call | None] = queue.SimpleQueue()
        receiver = threading.Thread(target=_receive, args=(incoming, waiting), name="newscrawl-store-calls")
        receiver.start()
        try:
            while (message := waiting.get()) is not None:
                name, args = message
                try:
                    reply = Reply(calls[name](*args), outbox.available, outbox.delay)
                except Exception:  # the boundary: the crawl's process raises it in the caller
                    reply = Reply(None, outbox.available, outbox.delay, error=traceback.format_exc())
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


def _receive(incoming: io.BufferedIOBase, waiting: queue.SimpleQueue[Call | None]) -> None:
    while (message := _read(incoming)) is not None:
        name, args = message
        if name == "send":
            for pending in args[0]:
                # Checked now, while the database writes the batch before; an item that raises
                # raises again when the writer checks it, in its call.
                with contextlib.suppress(Exception):
                    decisions.ready(pending)
        waiting.put(message)
    waiting.put(None)


def _read(channel: io.BufferedIOBase) -> Any:
    head = channel.read(HEAD)
    if len(head) < HEAD:
        return None
    return pickle.loads(channel.read(int.from_bytes(head, "big")))
