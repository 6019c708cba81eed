"""The WARC layer (``newscrawl.archive.warc`` and ``index``): records written, read back, checked
by warcio's own tools, and damaged files read as far as they can be, each damage named by file
and offset."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.archive import index, warc
from newscrawl.items import WarcRecord

WHEN = datetime(2024, 5, 14, 5, 0, 0, 123456, tzinfo=UTC)
WARCIO = Path(sys.executable).with_name("warcio")


def exchange(number: int, **changes: object) -> warc.Exchange:
    fields: dict[str, object] = {
        "url": f"https://dunia.tempo.co/read/{number}/berita",
        "status": 200,
        "headers": (("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")),
        "body": f"<html><body><h1>Berita {number}</h1>{'<p>isi</p>' * 40}</body></html>".encode(),
        "fetched_at": WHEN,
        "request_headers": (("User-Agent", "newscrawl/0.1.0"),),
    }
    fields.update(changes)
    return warc.Exchange(**fields)  # type: ignore[arg-type]


def write(path: Path, exchanges: list[warc.Exchange]) -> list[WarcRecord]:
    records = []
    with path.open("wb") as handle:
        handle.write(warc.warcinfo_record(path.name, {"software": "tests"}, WHEN))
        for item in exchanges:
            data, length = warc.exchange_records(item)
            records.append(WarcRecord(str(path.resolve()), handle.tell(), length))
            handle.write(data)
    return records


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, list[WarcRecord]]:
    path = tmp_path / "crawl.warc.gz"
    return path, write(path, [exchange(n) for n in range(1, 7)])


def test_a_record_reads_back_as_it_was_fetched(archive: tuple[Path, list[WarcRecord]]) -> None:
    _, records = archive
    got = warc.read_record(records[2])
    sent = exchange(3)
    assert (got.url, got.status, got.body, got.fetched_at, got.rendered) == (sent.url, 200, sent.body, WHEN, False)
    # The client has already de-chunked the body: a reader must not try again.
    assert got.headers == (("Content-Type", "text/html; charset=utf-8"),)


def test_a_rendered_page_is_marked(tmp_path: Path) -> None:
    (record,) = write(tmp_path / "r.warc.gz", [exchange(1, rendered=True)])
    assert warc.read_record(record).rendered is True
    assert f"{warc.RENDERED}: true" in gzip.decompress(Path(record.file).read_bytes()).decode("utf-8", "replace")


def test_warcio_check_and_index_accept_the_files(archive: tuple[Path, list[WarcRecord]]) -> None:
    path, records = archive
    check = subprocess.run([str(WARCIO), "check", "-v", str(path)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("digest pass") == 1 + 2 * len(records)  # warcinfo, every response and request
    index = subprocess.run([str(WARCIO), "index", str(path)], capture_output=True, text=True, check=True)
    entries = [json.loads(line) for line in index.stdout.splitlines()]
    responses = [e for e in entries if e["warc-type"] == "response"]
    assert [int(e["offset"]) for e in responses] == [r.offset for r in records]
    assert [e["warc-type"] for e in entries[:3]] == ["warcinfo", "response", "request"]


def test_scan_finds_every_response_record(archive: tuple[Path, list[WarcRecord]]) -> None:
    path, records = archive
    found = list(index.scan(path))
    assert [f.record for f in found if isinstance(f, index.Entry)] == records
    assert [f.url for f in found if isinstance(f, index.Entry)] == [exchange(n).url for n in range(1, 7)]


def test_a_corrupt_record_is_named_and_the_others_still_read(archive: tuple[Path, list[WarcRecord]]) -> None:
    path, records = archive
    data = bytearray(path.read_bytes())
    bad = records[2]
    for position in range(bad.offset + 40, bad.offset + 60):
        data[position] ^= 0x5A
    path.write_bytes(bytes(data))
    found = list(index.scan(path))
    (damage,) = [f for f in found if isinstance(f, index.Damage)]
    # Reading goes on with the very next record: the damaged response's request.
    assert (damage.file, damage.offset, damage.resumed_at) == (str(path.resolve()), bad.offset, bad.offset + bad.length)
    assert str(damage).startswith(f"{path.resolve()}: damaged WARC record at offset {bad.offset} (")
    assert [f.record for f in found if isinstance(f, index.Entry)] == records[:2] + records[3:]
    with pytest.raises(warc.ArchiveError, match=f"offset {bad.offset}"):
        warc.read_record(bad)


def test_a_record_that_is_no_http_response_is_named(archive: tuple[Path, list[WarcRecord]]) -> None:
    # What a record damaged inside its headers may read as (seen once with the bytes flipped above).
    path, records = archive
    data = path.read_bytes()
    bad = records[2]
    member = gzip.compress(
        gzip.decompress(data[bad.offset : bad.offset + bad.length]).replace(
            b"WARC-Type: response", b"WARC-Type: resource"
        )
    )
    path.write_bytes(data[: bad.offset] + member + data[bad.offset + bad.length :])
    with pytest.raises(warc.ArchiveError, match=f"offset {bad.offset}: a resource record, not an HTTP response"):
        warc.read_record(WarcRecord(bad.file, bad.offset, len(member)))


def test_a_truncated_file_reads_up_to_the_cut(archive: tuple[Path, list[WarcRecord]]) -> None:
    path, records = archive
    cut = records[4].offset + records[4].length // 2
    path.write_bytes(path.read_bytes()[:cut])
    found = list(index.scan(path))
    assert [f.record for f in found if isinstance(f, index.Entry)] == records[:4]
    assert [str(f) for f in found if isinstance(f, index.Damage)] == [
        f"{path.resolve()}: damaged WARC record at offset {records[4].offset} (truncated: the file ends inside it);"
        " the rest of the file is skipped"
    ]


def test_a_changed_body_fails_its_digest(archive: tuple[Path, list[WarcRecord]]) -> None:
    path, records = archive
    plain = path.with_suffix("")  # uncompressed, so one byte of the body can change in place
    plain.write_bytes(gzip.decompress(path.read_bytes()))
    text = plain.read_bytes()
    position = text.index(b"<h1>Berita 2</h1>")
    plain.write_bytes(text[:position] + b"<h1>Berita X</h1>" + text[position + 17 :])
    found = list(index.scan(plain))
    assert [f.reason for f in found if isinstance(f, index.Damage)] == ["payload digest mismatch"]
    assert len([f for f in found if isinstance(f, index.Entry)]) == len(records) - 1


def test_the_body_is_decoded_as_the_crawl_decoded_it() -> None:
    body = b"<html>" + b"Berita terkini " * 50 + b"</html>"
    encoded = exchange(1, headers=(("Content-Encoding", "gzip"),), body=gzip.compress(body))
    assert warc.decoded_body(encoded) == body
    with pytest.raises(warc.ArchiveError, match="content encoding 'compress'"):
        warc.decoded_body(exchange(1, headers=(("Content-Encoding", "compress"),)))


def test_warc_files_of_a_directory_are_the_warc_files_by_name(tmp_path: Path) -> None:
    for name in ("b.warc.gz", "a.warc", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in index.warc_files(tmp_path)] == ["a.warc", "b.warc.gz"]
    assert index.warc_files(tmp_path / "missing") == []
