"""The pipelines' pure work in worker processes of their own, on another core than the crawl's.

A crawl's process is bound by one core: its threads share one GIL. The store's Python work
(checking items, the decisions, formatting ``COPY`` rows) and the fingerprints are pure work on
plain values, so each pipeline hands it to a child process of its own: ``WorkerProcess(service)``
starts ``newscrawl.store.worker`` (as ``python -c``: a fresh interpreter, not a fork of a
threaded crawler, with the environment as it is now), sends it the service (``worker.Service``)
and then calls, as pickles over a socket pair; the child answers each call, in order, with its
result and the log records it made, which the crawl's loggers then emit as their own.

The child ignores SIGINT and SIGTERM: a terminal's Ctrl-C and a service manager's stop reach
every process of the crawl, and the crawl's own shutdown is what closes the pipelines, after
the last batch. When the crawl's process is gone, the child reads the end of the socket and
exits. A child that dies while it holds a call raises ``WorkerDied`` there; the caller still
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
    from newscrawl.store.worker import Service

logger = logging.getLogger(__name__)

# The child's first statements: the signals first (see the module docstring), then this
# package from where the crawl imported it (Scrapy puts a project's folder on sys.path itself).
_BOOT = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    "signal.signal(signal.SIGTERM, signal.SIG_IGN); sys.path.insert(0, sys.argv[1]); "
    "from newscrawl.store.worker import serve; serve(int(sys.argv[2]))"
)
_EXIT_WAIT = 30.0  # seconds a child that closed its end may take to exit


class WorkerDied(Exception):
    """The worker process ended while it held a call (how it ended is the message)."""


class WorkerError(Exception):
    """A call raised in the worker process (its traceback is the message)."""


class WorkerProcess:
    """The child process of one pipeline, running ``service``, started on the first call. Calls
    are sent in order and answered in order; several may be in flight."""

    def __init__(self, service: Service) -> None:
        self._service = service
        self._child: _Child | None = None
        self._starting: asyncio.Task[_Child] | None = None

    async def call(self, name: str, *args: Any, start: bool = True) -> Any:
        """The service's call ``name`` with ``args`` in the child, its result, its log records
        emitted here; a child is started first if none runs (none yet, or it ended between calls)."""
        child = self._child
        if child is None or child.ended.done():
            if not start:
                raise WorkerDied("not running")
            child = await self._started()
        try:
            reply = await child.send(name, args)
        except WorkerDied:
            if self._child is child:
                self._child = None
            raise
        for fields in reply.records:
            record = logging.makeLogRecord(fields)
            if logging.getLogger(record.name).isEnabledFor(record.levelno):
                logging.getLogger(record.name).handle(record)
        if reply.error is not None:
            raise WorkerError(reply.error)
        return reply.result

    async def start(self) -> None:
        """Start the child now rather than on the first call (a crawl opens before it runs)."""
        if self._child is None or self._child.ended.done():
            await self._started()

    @property
    def pid(self) -> int | None:
        """The child's process id, while one runs."""
        return self._child.popen.pid if self._child is not None and not self._child.ended.done() else None

    async def close(self) -> None:
        """Close the service (the store's database connection), and wait for the child to exit."""
        child = self._child
        if child is None:
            return
        child.closing = True
        with contextlib.suppress(WorkerDied):
            await self.call("close", start=False)
        self._child = None
        try:
            await asyncio.wait_for(asyncio.shield(child.ended), _EXIT_WAIT)
        except TimeoutError:  # closed, but it does not end: it would outlive the crawl
            logger.warning("The worker process %d did not exit when closed: killed", child.popen.pid)
            child.popen.kill()
            await child.ended

    async def _started(self) -> _Child:
        """A new child; callers that come while it starts wait for the same one, and send in
        the order they came."""
        if self._starting is None:
            self._starting = asyncio.ensure_future(_Child.start(self._service))
        starting = self._starting
        try:
            self._child = await asyncio.shield(starting)
        finally:
            if self._starting is starting:
                self._starting = None
        return self._child


class _Child(asyncio.Protocol):
    """One child process and its socket: each call written at once, each answer read as it
    comes, without a coroutine per message (the fingerprint pipeline sends one per item)."""

    def __init__(self, popen: subprocess.Popen[bytes]) -> None:
        self.popen = popen
        self.closing = False
        self.ended: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        """Done when the child has exited, with how it ended."""
        self._transport: asyncio.Transport | None = None
        self._received = bytearray()
        self._answers: deque[asyncio.Future[Reply]] = deque()
        self._exiting: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, service: Service) -> _Child:
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
                raise WorkerDied(f"could not be started: {exc}") from None
        child = cls(popen)
        try:
            await asyncio.get_running_loop().create_unix_connection(lambda: child, sock=ours)
        except OSError as exc:
            popen.kill()
            ours.close()
            raise WorkerDied(f"could not be connected to: {exc}") from None
        child.write(service)
        logger.debug("Worker process %d: %s", popen.pid, type(service).__name__)
        return child

    def send(self, name: str, args: tuple[Any, ...]) -> asyncio.Future[Reply]:
        answer: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        if self.ended.done():
            answer.set_exception(WorkerDied(self.ended.result()))
            return answer
        self._answers.append(answer)
        if self._exiting is None:  # else the child is gone, and the answer fails once it is reaped
            self.write((name, args))
        return answer

    def write(self, message: Any) -> None:
        assert self._transport is not None
        self._transport.writelines(framed(message))

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        received = self._received
        received += data
        while len(received) >= HEAD:
            end = HEAD + int.from_bytes(received[:HEAD], "big")
            if len(received) < end:
                return
            reply: Reply = pickle.loads(received[HEAD:end])
            del received[:end]
            answer = self._answers.popleft()
            if not answer.done():  # not a caller that was cancelled
                answer.set_result(reply)

    def connection_lost(self, exc: Exception | None) -> None:
        self._exiting = asyncio.ensure_future(self._exited())

    async def _exited(self) -> None:
        """Wait for the child that closed its end; every call it still held fails."""
        loop = asyncio.get_running_loop()
        try:
            code = await loop.run_in_executor(None, self.popen.wait, _EXIT_WAIT)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            code = await loop.run_in_executor(None, self.popen.wait)
        how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        if not self.closing:
            logger.warning("The worker process %d ended (%s)", self.popen.pid, how)
        self.ended.set_result(how)
        while self._answers:
            answer = self._answers.popleft()
            if not answer.done():
                answer.set_exception(WorkerDied(how))
