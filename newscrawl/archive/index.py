"""What WARC files hold: their response records, found by reading each file through once, and
the stretches of them that are damaged.

Reading is defensive. ``scan`` checks every record's length and digest; when one is damaged
(a file cut short, flipped bytes, a wrong digest) it reports where, searches on for the next
record it can read (the next gzip member, or WARC header in an uncompressed file) and goes
on from there, so one bad record costs only itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive import warc
from newscrawl.items import WarcRecord

SUFFIXES = (".warc.gz", ".warc")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."


@dataclass(frozen=True, slots=True)
class Entry:
    """A response record found by ``scan``."""

    url: str
    fetched_at: datetime
    rendered: bool
    record: WarcRecord


@dataclass(frozen=True, slots=True)
class Damage:
    """A damaged stretch of a WARC file: where it starts, why, and where reading resumed."""

    file: str
    offset: int
    reason: str
    resumed_at: int | None
    """Offset of the next readable record; ``None`` when nothing after the damage could be read."""

    def __str__(self) -> str:
        rest = (
            f"skipped {self.resumed_at - self.offset} bytes, reading goes on at offset {self.resumed_at}"
            if self.resumed_at is not None
            else "the rest of the file is skipped"
        )
        return f"{self.file}: damaged WARC record at offset {self.offset} ({self.reason}); {rest}"


def warc_files(path: Path) -> list[Path]:
    """``path`` itself if it is a WARC file, else the WARC files in the directory, by name."""
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith(SUFFIXES))
    return []


def archive_info(files: list[Path]) -> tuple[datetime | None, dict[str, str]]:
    """When the archive was begun (the earliest ``WARC-Date`` among the files' first records)
    and the fields of that file's ``warcinfo`` record."""
    found: list[tuple[datetime, dict[str, str]]] = []
    for path in files:
        try:
            with path.open("rb") as handle:
                first = next(iter(ArchiveIterator(handle)))
                when = warc.parse_warc_date(first.rec_headers.get_header("WARC-Date"))
                text = first.raw_stream.read().decode("utf-8") if first.rec_type == "warcinfo" else ""
        except Exception:  # noqa: BLE001,S112 - a damaged first record: scan() reports it when the replay opens
            continue
        fields = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
        found.append((when, fields))
    if not found:
        return None, {}
    return min(found, key=lambda pair: pair[0])


def scan(path: Path) -> Iterator[Entry | Damage]:
    """Every response record of the file, and each damaged stretch, in file order."""
    file = str(path.resolve())
    size = path.stat().st_size
    with path.open("rb") as handle:
        marker = _GZIP_MAGIC if handle.read(3) == _GZIP_MAGIC else _WARC_MAGIC
        start: int | None = 0
        damage: tuple[int, str] | None = None
        while start is not None:
            handle.seek(start)
            records = ArchiveIterator(handle, check_digests=True)
            try:
                for found in records:
                    fetched_at, rendered = _record_facts(found)
                    offset, length = records.get_record_offset(), records.get_record_length()
                    if damage is not None:
                        yield Damage(file, damage[0], damage[1], offset)
                        damage = None
                    if found.rec_type == "response":
                        url = found.rec_headers.get_header("WARC-Target-URI")
                        yield Entry(url, fetched_at, rendered, WarcRecord(file, offset, length))
                if records.offset < size:  # warcio stops quietly at a gzip member cut short
                    raise warc.ArchiveError(warc.INCOMPLETE)
                start = None
            except Exception as exc:  # noqa: BLE001 - damaged bytes raise anything; reported, then skipped
                # The offset of the record being read when it failed (warcio moves it on at a record's end).
                bad = records.offset
                start = _next_marker(handle, bad + 1, marker)
                reason = warc.failure_reason(exc)
                if reason == warc.INCOMPLETE and start is None:
                    reason = "truncated: the file ends inside it"
                damage = damage or (bad, reason)
        if damage is not None:
            yield Damage(file, damage[0], damage[1], None)


def _record_facts(found: Any) -> tuple[datetime, bool]:
    """Read the record through (checking its length and digest); its date and rendered mark."""
    read = 0
    while chunk := found.raw_stream.read(warc.CHUNK):
        read += len(chunk)
    expected = found.payload_length if found.payload_length >= 0 else found.length
    if found.rec_type is None or expected is None or read < expected:
        raise warc.ArchiveError(warc.INCOMPLETE)
    if found.digest_checker.passed is False:
        raise warc.ArchiveError("payload digest mismatch")
    headers = found.rec_headers
    return warc.parse_warc_date(headers.get_header("WARC-Date")), headers.get_header(warc.RENDERED) == "true"


def _next_marker(handle: BinaryIO, position: int, marker: bytes) -> int | None:
    """Offset of the next ``marker`` (a gzip member or a WARC header) at or after ``position``."""
    handle.seek(position)
    carry = b""
    base = position
    while chunk := handle.read(warc.CHUNK):
        data = carry + chunk
        found = data.find(marker)
        if found >= 0:
            return base + found
        carry = data[-(len(marker) - 1) :]
        base += len(data) - len(carry)
    return None
