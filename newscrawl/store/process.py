"""The store's outbox in a process of its own, so that its Python work (checking items, the
decisions, formatting ``COPY`` rows) runs on another core than the crawl's.

A crawl's process is bound by one core: its threads share one GIL. The store pipeline hands
each batch to a child process (``newscrawl.store.worker``, started as ``python -c``: a fresh
interpreter, not a fork of a threaded crawler, with the environment as it is now) over a
socket pair, as pickles; the child runs the ``Outbox`` (writer, spool, retries) as the
pipeline's thread did, and answers each call, in order, with its ``Report`` and the log records
it made, which the crawl's loggers then emit as their own.

The child ignores SIGINT and SIGTERM: a terminal's Ctrl-C and a service manager's stop reach
every process of the crawl, and the crawl's own shutdown is what closes the store, after the
last batch. When the crawl's process is gone, the child reads the end of the socket and exits.
A child that dies while it holds a call raises ``StoreProcessDied`` there; the caller still
holds what it sent (see ``pipelines.store``), and the next call starts a new child.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pickle
import socket
import subprocess
import sys
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any

import newscrawl
from newscrawl.store.worker import HEAD, Reply, framed

if TYPE_CHECKING:
    from newscrawl.store.config import StoreConfig
    from newscrawl.store.target import Target

logger = logging.getLogger(__name__)

# The child's first statements: the signals first (see the module docstring), then this
# package from where the crawl imported it (Scrapy puts a project's folder on sys.path itself).
_BOOT = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    "signal.signal(signal.SIGTERM, signal.SIG_IGN); sys.path.insert(0, sys.argv[1]); "
    "from newscrawl.store.worker import serve; serve(int(sys.argv[2]))"
)
_EXIT_WAIT = 30.0  # seconds a child that closed its end may take to exit


class StoreProcessDied(Exception):
    """The store's process ended while it held a call (its exit status is the message)."""


class StoreProcessError(Exception):
    """A call raised in the store's process (its traceback is the message)."""


class StoreProcess:
    """The child process of one store pipeline, started on the first call. Calls are sent in
    order and answered in order; several may be in flight (the child checks a batch while it
    writes the one before)."""

    def __init__(self, config: StoreConfig, target: Target) -> None:
        self._setup = (config, target)
        self._sending = asyncio.Lock()
        self._child: _Child | None = None

    async def call(self, name: str, *args: Any, start: bool = True) -> Reply:
        """``Outbox.<name>(*args)`` in the child (``close``: its writer's), its log records emitted
        here; a child is started first if none runs (none yet, or it ended between two calls)."""
        async with self._sending:
            child = self._child
            if child is None or child.ended.done():
                if not start:
                    raise StoreProcessDied("not running")
                child = self._child = await _Child.start(self._setup)
            answer = child.send(name, args)
            with contextlib.suppress(ConnectionError):  # the child's end: the answer says how
                await child.writer.drain()
        try:
            reply = await answer
        except StoreProcessDied:
            if self._child is child:
                self._child = None
            raise
        for fields in reply.records:
            record = logging.makeLogRecord(fields)
            if logging.getLogger(record.name).isEnabledFor(record.levelno):
                logging.getLogger(record.name).handle(record)
        if reply.error is not None:
            raise StoreProcessError(reply.error)
        return reply

    @property
    def pid(self) -> int | None:
        """The child's process id, while one runs."""
        return self._child.popen.pid if self._child is not None and not self._child.ended.done() else None

    async def close(self) -> None:
        """Close the child's database connection, and wait for the child to exit."""
        child = self._child
        if child is None:
            return
        child.closing = True
        with contextlib.suppress(StoreProcessDied):
            await self.call("close", start=False)
        self._child = None
        try:
            await asyncio.wait_for(asyncio.shield(child.ended), _EXIT_WAIT)
        except TimeoutError:  # closed, but it does not end: it would outlive the crawl
            logger.warning("The store's process %d did not exit when closed: killed", child.popen.pid)
            child.popen.kill()
            await child.ended


class _Child:
    def __init__(self, popen: subprocess.Popen[bytes], reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.popen = popen
        self.reader = reader
        self.writer = writer
        self._answers: deque[asyncio.Future[Reply]] = deque()
        self.closing = False
        self.ended = asyncio.ensure_future(self._read_replies())
        """Done when the child has exited, with how it ended."""

    @classmethod
    async def start(cls, setup: tuple[StoreConfig, Target]) -> _Child:
        ours, theirs = socket.socketpair()
        with theirs:
            root = str(Path(newscrawl.__file__).resolve().parent.parent)
            try:
                # stdout=2: nothing the child prints may mix with a feed the crawl writes to stdout.
                popen = subprocess.Popen(
                    [sys.executable, "-c", _BOOT, root, str(theirs.fileno())],
                    pass_fds=[theirs.fileno()],
                    stdin=subprocess.DEVNULL,
                    stdout=2,
                )
            except OSError as exc:
                ours.close()
                raise StoreProcessDied(f"could not be started: {exc}") from None
        reader, writer = await asyncio.open_unix_connection(sock=ours)
        _write(writer, setup)
        logger.debug("The store's process is %d", popen.pid)
        return cls(popen, reader, writer)

    def send(self, name: str, args: tuple[Any, ...]) -> asyncio.Future[Reply]:
        answer: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self._answers.append(answer)
        if not self.ended.done():
            _write(self.writer, (name, args))
        else:
            answer.set_exception(StoreProcessDied(self.ended.result()))
        return answer

    async def _read_replies(self) -> str:
        try:
            while True:
                size = int.from_bytes(await self.reader.readexactly(HEAD), "big")
                reply: Reply = pickle.loads(await self.reader.readexactly(size))
                answer = self._answers.popleft()
                if not answer.done():  # not a caller that was cancelled
                    answer.set_result(reply)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        self.writer.close()
        loop = asyncio.get_running_loop()
        try:
            code = await loop.run_in_executor(None, self.popen.wait, _EXIT_WAIT)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            code = await loop.run_in_executor(None, self.popen.wait)
        how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        if not self.closing:
            logger.warning("The store's process %d ended (%s)", self.popen.pid, how)
        while self._answers:
            answer = self._answers.popleft()
            if not answer.done():
                answer.set_exception(StoreProcessDied(how))
        return how


def _write(writer: asyncio.StreamWriter, message: Any) -> None:
    head, data = framed(message)
    writer.write(head)
    writer.write(data)
