"""WARC/1.1 through warcio: the records newscrawl writes, and one record read back.

A fetch is written as a ``response`` record followed by its ``request`` record
(``WARC-Concurrent-To`` the response), each its own gzip member, so that one record can
be read at its offset alone (``warcio extract FILE OFFSET``). The body is kept as it came
off the wire, still content-encoded: a replay hands it to the same decompression
middleware as the crawl did. ``Transfer-Encoding`` is left out of the stored headers
because the HTTP client has already undone it (a reader would try to de-chunk again). A
page rendered through the browser carries ``WARC-Newscrawl-Rendered: true``; its body is
the browser's DOM, not the server's bytes.

Whole files are read by ``newscrawl.archive.index``.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.items import WarcRecord

WARC_VERSION = "1.1"
RENDERED = "WARC-Newscrawl-Rendered"
ARGUMENTS_FIELD = "newscrawl-arguments"
"""``warcinfo`` field: the recorded crawl's ``-a`` arguments, as JSON (a replay's default)."""
CHUNK = 1 << 16
# Headers that describe the transfer, not the content: the client has already undone them.
_HOP_BY_HOP = frozenset({"transfer-encoding"})
INCOMPLETE = "incomplete record"
"""Why a record is damaged when it ends before its declared length."""


class ArchiveError(Exception):
    """A WARC record that cannot be read; the message names the file and the offset."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """One fetch: what was asked and what came back."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime
    rendered: bool = False
    request_headers: tuple[tuple[str, str], ...] = ()
    method: str = "GET"
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None


def warc_date(when: datetime) -> str:
    """WARC/1.1 date: UTC, microseconds (two fetches within one second stay ordered)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_warc_date(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.strip())
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def exchange_records(exchange: Exchange, ids: tuple[str, str] | None = None) -> tuple[bytes, int]:
    """The response and request records of ``exchange``, gzip-compressed, and the length of the
    response record (the first bytes). ``ids`` fixes their ``WARC-Record-ID``s (reproducible files)."""
    response_id, request_id = ids or (_record_id(), _record_id())
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version=WARC_VERSION)
    warc_headers = {"WARC-Record-ID": response_id, "WARC-Date": warc_date(exchange.fetched_at)}
    if exchange.ip_address:
        warc_headers["WARC-IP-Address"] = exchange.ip_address
    if exchange.rendered:
        warc_headers[RENDERED] = "true"
    reason = _reason(exchange.status)
    response = writer.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.body),
        length=len(exchange.body),
        http_headers=StatusAndHeaders(
            f"{exchange.status} {reason}".strip(), _stored_headers(exchange), protocol=exchange.protocol
        ),
        warc_headers_dict=warc_headers,
    )
    writer.write_record(response)
    response_length = buffer.tell()
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request_headers = list(exchange.request_headers)
    if not any(name.lower() == "host" for name, _ in request_headers):
        request_headers.insert(0, ("Host", parts.netloc))
    request = writer.create_warc_record(
        exchange.url,
        "request",
        http_headers=StatusAndHeaders(
            f"{exchange.method} {target} {exchange.protocol}", request_headers, is_http_request=True
        ),
        warc_headers_dict={
            "WARC-Record-ID": request_id,
            "WARC-Date": warc_date(exchange.fetched_at),
            "WARC-Concurrent-To": response_id,
        },
    )
    writer.write_record(request)
    return buffer.getvalue(), response_length


def warcinfo_record(filename: str, fields: dict[str, str], when: datetime, record_id: str | None = None) -> bytes:
    """The ``warcinfo`` record that opens a file: what wrote it, for which crawl."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version=WARC_VERSION)
    body = "".join(f"{name}: {value}\r\n" for name, value in fields.items() if value).encode("utf-8")
    record = writer.create_warc_record(
        "",
        "warcinfo",
        payload=io.BytesIO(body),
        length=len(body),
        warc_content_type="application/warc-fields",
        warc_headers_dict={
            "WARC-Record-ID": record_id or _record_id(),
            "WARC-Date": warc_date(when),
            "WARC-Filename": filename,
        },
    )
    writer.write_record(record)
    return buffer.getvalue()


def read_record(record: WarcRecord) -> Exchange:
    """The fetch kept in ``record``; ``ArchiveError`` if it cannot be read."""
    where = f"{record.file}: offset {record.offset}"
    try:
        with Path(record.file).open("rb") as handle:
            handle.seek(record.offset)
            data = handle.read(record.length)
    except OSError as exc:
        raise ArchiveError(f"{where}: cannot read: {exc.strerror or exc}") from None
    try:
        found = next(iter(ArchiveIterator(io.BytesIO(data), check_digests=True)))
        exchange = _exchange(found, where)
        if found.digest_checker.passed is False:
            raise ArchiveError(f"{where}: payload digest mismatch")
    except ArchiveError:
        raise
    except Exception as exc:  # noqa: BLE001 - warcio raises anything from bad bytes; the boundary reports it
        raise ArchiveError(f"{where}: {failure_reason(exc)}") from None
    return exchange


def decoded_body(exchange: Exchange) -> bytes:
    """The body with its ``Content-Encoding`` undone, as the crawl's decompression middleware
    handed it to the spider; ``ArchiveError`` for an encoding that cannot be undone."""
    body = exchange.body
    encodings = [
        part.strip().lower()
        for name, value in exchange.headers
        if name.lower() == "content-encoding"
        for part in value.split(",")
    ]
    for encoding in reversed(encodings):  # applied in the order listed, so undone from the last
        if encoding in ("", "identity"):
            continue
        kind = "gzip" if encoding == "x-gzip" else encoding
        if kind not in DecompressingBufferedReader.get_supported_decompressors():
            raise ArchiveError(f"{exchange.url}: content encoding {encoding!r} cannot be decoded")
        reader = DecompressingBufferedReader(io.BytesIO(body), decomp_type=kind)
        chunks = []
        while chunk := reader.read(CHUNK):
            chunks.append(chunk)
        body = b"".join(chunks)
    return body


def _exchange(found: Any, where: str) -> Exchange:
    if found.rec_type != "response" or found.http_headers is None:
        # Also what a record damaged inside its headers can read as: the message says where it is.
        raise ArchiveError(f"{where}: a {found.rec_type} record, not an HTTP response")
    http = found.http_headers
    body = found.raw_stream.read()
    headers = found.rec_headers
    return Exchange(
        url=headers.get_header("WARC-Target-URI"),
        status=int(http.get_statuscode()),
        headers=tuple(http.headers),
        body=body,
        fetched_at=parse_warc_date(headers.get_header("WARC-Date")),
        rendered=headers.get_header(RENDERED) == "true",
        protocol=http.protocol or "HTTP/1.1",
        ip_address=headers.get_header("WARC-IP-Address"),
    )


def _stored_headers(exchange: Exchange) -> list[tuple[str, str]]:
    headers = [(name, value) for name, value in exchange.headers if name.lower() not in _HOP_BY_HOP]
    # The body as received: a rendered page's is the DOM, whose length the server never sent.
    for index, (name, value) in enumerate(headers):
        if name.lower() == "content-length" and value.strip() != str(len(exchange.body)):
            headers[index] = (name, str(len(exchange.body)))
    return headers


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def failure_reason(exc: BaseException) -> str:
    """A short, printable reason: warcio's messages can carry the damaged bytes themselves."""
    name = type(exc).__name__
    if isinstance(exc, ArchiveError):
        return str(exc)
    if name == "ArchiveLoadFailed":
        return "not a WARC record"
    if isinstance(exc, EOFError) or name == "AttributeError":  # warcio on a header cut short
        return INCOMPLETE
    if name == "error":  # zlib.error
        return "gzip data corrupt"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else name
    return text[:120].encode("ascii", "backslashreplace").decode("ascii")
