"""Items that could not be written yet, kept on disk until they are.

The spool is a directory of ``batch-<time>-<pid>-<n>.jsonl`` files, one per batch that
failed, each line one record for one database: ``{"kind": "article", "target": {...},
"run_id": ..., "item": {...}}`` (the ``CrawledArticle`` as ``to_dict`` gives it) or
``{"kind": "run", "target": {...}, "run": {...}}``. ``target`` names the database the record
was accepted for (``newscrawl.store.target``: host, port, database, schema, or the embedded
server's directory; never a password). A spool writes back only its own target's records:
every database URL shares the directory, and a record must never land in another database.
Lines of other targets stay where they are and are counted (``waiting``); lines written
before targets were recorded have none and wait for ``python -m newscrawl db spool``.

A file appears whole (written aside, synced, renamed) and is deleted only after its records
are in the database. Replaying takes an exclusive ``flock`` on the file, so two crawls sharing
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
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from newscrawl.store.records import Pending, RunRecord, record_from_json
from newscrawl.store.target import Target

logger = logging.getLogger(__name__)

REJECTS = "rejects.jsonl"
_counter = itertools.count(1)
# The start every spool line has: its kind and, since targets are recorded, its target.
_HEAD = re.compile(r'\{"kind": "(?P<kind>[a-z]+)"(?:, "target": (?P<target>\{[^{}]*\}))?')


@dataclass(slots=True)
class Waiting:
    """What the spool holds for one target."""

    files: int = 0
    articles: int = 0
    runs: int = 0


def line_head(line: str | bytes) -> tuple[str | None, Target | None]:
    """The kind and target of a spool line, read from its first characters (no full parse)."""
    text = line[:600].decode("utf-8", "replace") if isinstance(line, bytes) else line[:600]
    match = _HEAD.match(text)
    if match is None:
        return None, None
    target = None
    if match["target"]:
        with contextlib.suppress(ValueError):
            target = Target.from_dict(json.loads(match["target"]))
    return match["kind"], target


class Spool:
    """The spool in ``directory`` as seen by a crawl writing to ``target``."""

    def __init__(self, directory: Path, target: Target) -> None:
        self.directory = directory
        self.target = target

    @property
    def rejects_path(self) -> Path:
        return self.directory / REJECTS

    def files(self) -> list[Path]:
        """Spool files of every target, oldest first."""
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob("batch-*.jsonl"))

    def own_files(self) -> list[Path]:
        """Spool files holding records for this spool's target, oldest first."""
        return [path for path in self.files() if self.target in _targets_of(path)]

    def waiting(self) -> dict[Target | None, Waiting]:
        """Per target (``None``: lines that name none), the files and records waiting."""
        found: dict[Target | None, Waiting] = {}
        for path in self.files():
            with contextlib.suppress(FileNotFoundError), path.open("rb") as lines:
                counted: set[Target | None] = set()
                for line in lines:
                    kind, target = line_head(line)
                    waiting = found.setdefault(target, Waiting())
                    if target not in counted:
                        counted.add(target)
                        waiting.files += 1
                    if kind == "article":
                        waiting.articles += 1
                    elif kind == "run":
                        waiting.runs += 1
        return found

    def pending_articles(self) -> int:
        """Articles waiting in the spool for this spool's target (run records not counted)."""
        return self.waiting().get(self.target, Waiting()).articles

    def add(self, records: list[Pending | RunRecord], *, replacing: Path | None = None) -> Path:
        """Write ``records`` as one new spool file (or as the new content of ``replacing``)."""
        return self._write([record.to_json(self.target) for record in records], replacing)

    def _write(self, lines: list[str], replacing: Path | None = None) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        path = replacing or self.directory / f"batch-{stamp}-{os.getpid()}-{next(_counter):06d}.jsonl"
        partial = path.with_name(f".{path.name}.partial")
        with partial.open("w", encoding="utf-8") as out:
            for line in lines:
                out.write(line.rstrip("\n") + "\n")
            _sync(out)
        partial.replace(path)
        _sync_directory(self.directory)
        return path

    @contextlib.contextmanager
    def claim(self, path: Path) -> Iterator[list[Pending | RunRecord] | None]:
        """This target's records in ``path`` while holding its lock; ``None`` if another process
        holds it, it is gone, or it holds no record of this target. Lines of other targets in the
        same file (a rejects file copied back by hand) are first moved to a file of their own.
        Unreadable lines go to the rejects file. The file is deleted when the block ends without
        an exception, unless the block replaced it (``add(..., replacing=path)``)."""
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
            mine: list[str] = []
            others: list[str] = []
            readable = False
            for line in filter(str.strip, handle):
                kind, target = line_head(line)
                if kind is None or target == self.target:  # an unreadable line goes to the rejects
                    mine.append(line)
                    readable = readable or kind is not None
                else:
                    others.append(line)
            if not readable:
                yield None
                return
            if others:
                self._write(others)
                self._write(mine, replacing=path)
            before = path.stat().st_ino
            yield self._read(mine, path)
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_ino == before:
                    path.unlink()

    def discard(self, target: Target | None) -> Waiting:
        """Delete the records spooled for ``target`` (``None``: those that name no target)."""
        return self._rewrite(target, None)

    def adopt(self, target: Target | None) -> Waiting:
        """Hand the records spooled for ``target`` to this spool's target: the next crawl writing
        there writes them (a database that moved, or lines that name no target)."""
        return self._rewrite(target, self.target)

    def _rewrite(self, source: Target | None, destination: Target | None) -> Waiting:
        """Every spool line of ``source`` retargeted to ``destination``, or dropped when that is
        ``None``; files locked one by one, as a replay does. What was changed."""
        changed = Waiting()
        for path in self.files():
            with contextlib.suppress(FileNotFoundError), path.open("r", encoding="utf-8") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                if not path.exists():
                    continue
                kept: list[str] = []
                hit = False
                for line in filter(str.strip, handle):
                    kind, target = line_head(line)
                    if kind is None or target != source:
                        kept.append(line)
                        continue
                    hit = True
                    changed.articles += kind == "article"
                    changed.runs += kind == "run"
                    if destination is not None:
                        rest = {k: v for k, v in json.loads(line).items() if k not in ("kind", "target")}
                        kept.append(json.dumps({"kind": kind, "target": destination.as_dict(), **rest}))
                if not hit:
                    continue
                changed.files += 1
                if kept:
                    self._write(kept, replacing=path)
                else:
                    path.unlink()
        return changed

    def reject(self, record: Pending, error: str) -> None:
        """Append a refused item to the rejects file."""
        line = json.loads(record.to_json(self.target))
        line.update(error=error, rejected_at=datetime.now(UTC).isoformat())
        self._append_reject(json.dumps(line))

    def _read(self, lines: list[str], path: Path) -> list[Pending | RunRecord]:
        records: list[Pending | RunRecord] = []
        for number, line in enumerate(lines, 1):
            try:
                records.append(record_from_json(line)[0])
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


def _targets_of(path: Path) -> set[Target | None]:
    targets: set[Target | None] = set()
    with contextlib.suppress(FileNotFoundError), path.open("rb") as lines:
        for line in lines:
            kind, target = line_head(line)
            if kind is not None:
                targets.add(target)
    return targets


def _sync(handle: IO[str]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
