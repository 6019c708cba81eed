"""Items that could not be written yet, kept on disk until they are.

The spool is a directory of ``batch-<time>-<pid>-<n>.jsonl`` files, one per batch that
failed, each line one record: ``{"kind": "article", "run_id": ..., "item": {...}}`` (the
``CrawledArticle`` as ``to_dict`` gives it) or ``{"kind": "run", "run": {...}}``. A file
appears whole (written aside, synced, renamed) and is deleted only after its records are
in the database. Replaying takes an exclusive ``flock`` on the file, so two crawls sharing
the directory do not replay it together (and the writes are idempotent if they ever do).

``rejects.jsonl`` in the same directory collects rows PostgreSQL refused, in the same line
format plus ``error`` and ``rejected_at``: once the cause is fixed, a copy of it named
``batch-<anything>.jsonl`` in the directory is replayed like any other spool file.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from newscrawl.pipelines.records import Pending, RunRecord, record_from_json

logger = logging.getLogger(__name__)

REJECTS = "rejects.jsonl"
_counter = itertools.count(1)


class Spool:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def rejects_path(self) -> Path:
        return self.directory / REJECTS

    def files(self) -> list[Path]:
        """Spool files, oldest first."""
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob("batch-*.jsonl"))

    def pending_articles(self) -> int:
        """Articles waiting in the spool (run records not counted)."""
        count = 0
        for path in self.files():
            with contextlib.suppress(FileNotFoundError), path.open("rb") as lines:
                count += sum(1 for line in lines if b'"kind": "article"' in line[:40])
        return count

    def add(self, records: list[Pending | RunRecord], *, replacing: Path | None = None) -> Path:
        """Write ``records`` as one new spool file (or as the new content of ``replacing``)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        path = replacing or self.directory / f"batch-{stamp}-{os.getpid()}-{next(_counter):06d}.jsonl"
        partial = path.with_name(f".{path.name}.partial")
        with partial.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(record.to_json() + "\n")
            _sync(out)
        partial.replace(path)
        _sync_directory(self.directory)
        return path

    @contextlib.contextmanager
    def claim(self, path: Path) -> Iterator[list[Pending | RunRecord] | None]:
        """The records of ``path`` while holding its lock; ``None`` if another process holds it or
        it is gone. Unreadable lines go to the rejects file. The file is deleted when the block
        ends without an exception, unless the block replaced it (``add(..., replacing=path)``)."""
        try:
            handle = path.open("r", encoding="utf-8")
        except FileNotFoundError:
            yield None
            return
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield None
                return
            if not path.exists():  # replayed and deleted by another process while we opened it
                yield None
                return
            before = path.stat().st_ino
            yield self._read(handle, path)
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_ino == before:
                    path.unlink()

    def reject(self, record: Pending, error: str) -> None:
        """Append a refused item to the rejects file."""
        line = json.loads(record.to_json())
        line.update(error=error, rejected_at=datetime.now(UTC).isoformat())
        self._append_reject(json.dumps(line))

    def _read(self, handle: IO[str], path: Path) -> list[Pending | RunRecord]:
        records: list[Pending | RunRecord] = []
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                records.append(record_from_json(line))
            except (ValueError, KeyError, TypeError) as exc:
                logger.error("Unreadable line %d of spool file %s moved to %s: %s", number, path, REJECTS, exc)
                self._append_reject(
                    json.dumps(
                        {
                            "kind": "unreadable",
                            "line": line.rstrip("\n"),
                            "error": f"{type(exc).__name__}: {exc}",
                            "rejected_at": datetime.now(UTC).isoformat(),
                        }
                    )
                )
        return records

    def _append_reject(self, line: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self.rejects_path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
            _sync(out)


def _sync(handle: IO[str]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
