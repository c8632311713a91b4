"""WARC input: a crawl's HTTP responses whose payload is HTML, each made a Document.

:func:`read_warc` streams a WARC file (plain, gzipped per record as Common Crawl writes
it, or gzipped as a whole) through fastwarc, imported on first use: most runs read no
WARC. It yields, in the file's order:

- a :class:`~cleannews.pipeline.Document` for each HTTP ``response`` record whose payload
  is HTML (by the HTTP Content-Type, else by its first bytes);
- a :class:`Skipped` for each other ``response`` (an image, a PDF, a stylesheet, an HTTP
  error or redirect), so that a run can count them;
- an :class:`~cleannews.records.ErrorRecord` of stage ``read`` for a record too large,
  truncated, malformed or whose body cannot be decoded.

``warcinfo``, ``request``, ``metadata`` and the other record types are no input and are
not reported. fastwarc stops at bytes it cannot parse (raising, or silently at a truncated
gzip member): they give one error record, and reading goes on from the next record found
after them (:meth:`_Tape.skip_to_record`).
"""

from __future__ import annotations

import re
import warnings
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, BinaryIO

from cleannews.inputs.failed import read_error
from cleannews.pipeline import Document
from cleannews.records import ErrorRecord

if TYPE_CHECKING:
    from fastwarc.warc import HeaderMap, WarcRecord

__all__ = ["NOT_HTML", "NOT_OK", "Skipped", "looks_like_warc", "read_warc"]

# Skipped.reason: a response whose payload is no HTML page, or whose HTTP status is no success.
NOT_HTML = "not_html"
NOT_OK = "http_status"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A WARC ``response`` record that is no input: ``reason`` is :data:`NOT_HTML` (an
    image, a PDF, JSON, CSS, ...) or :data:`NOT_OK` (an HTTP status other than 2xx)."""

    source: str
    reason: str


_WARC_START = re.compile(rb"\s*WARC/1\.[01]\r?\n")


def looks_like_warc(head: bytes) -> bool:
    """Whether ``head``, an input's first (decompressed) bytes, starts a WARC record.

    >>> looks_like_warc(b"WARC/1.0\\r\\nWARC-Type: warcinfo\\r\\n")
    True
    >>> looks_like_warc(b"\\r\\nWARC/1.1\\r\\n")
    True
    >>> looks_like_warc(b"<html>WARC/1.0"), looks_like_warc(b"WARC/1.0 is a format")
    (False, False)
    """
    return _WARC_START.match(head) is not None


# Content types of an HTML page; a body sent with none of these generic ones is sniffed.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
GENERIC_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream",
                           "application/unknown", "unknown/unknown", "application/x-unknown"})
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)

# At most this much of a compressed file is read to tell one gzipped as a whole from one
# gzipped per record (whose first member, a warcinfo record or a page, ends well before).
_PEEK = 1 << 20
# fastwarc reads ahead in blocks of this size.
_BLOCK = 64 << 10
# The bytes of the current record kept to find where it ends (see _Tape); a longer record
# is not kept, and what follows it is not checked.
_KEEP_AT_MOST = 16 << 20


def looks_like_html(body: bytes) -> bool:
    """Whether a body's first bytes open an HTML document (after a BOM, white space and
    comments).

    >>> looks_like_html(b"\\xef\\xbb\\xbf\\n<!DOCTYPE html><p>x"), looks_like_html(b'{"html": 1}')
    (True, False)
    """
    return _HTML_START.match(body[:4096]) is not None


def read_warc(
    path: str, *, max_bytes: int, stream: BinaryIO | None = None,
) -> Iterator[Document | ErrorRecord | Skipped]:
    """Read the WARC file ``path`` (or ``stream``, a binary file such as standard input,
    named ``path`` in sources), record by record, never holding the whole file.

    Each yielded item's ``source`` is ``f"{path}:{offset}"``, the record's byte offset in
    the file: for a file gzipped per record (Common Crawl), the offset of the record's gzip
    member, as in Common Crawl's index; for a plain file, or one gzipped as a whole, the
    offset in the uncompressed WARC. A body larger than ``max_bytes`` (0: no limit) gives
    an ``input_too_large`` error record, read no further.

    A document's ``id`` is the WARC-Record-ID without its angle brackets
    (``urn:uuid:...``): the record's own identifier, unique in a crawl, kept as a dataset
    key; ``meta`` holds ``crawl_date`` (WARC-Date) and ``warc_record_id`` verbatim.
    """
    try:
        raw: BinaryIO = stream if stream is not None else Path(path).open("rb")  # noqa: SIM115
    except (OSError, ValueError) as error:
        message = error.strerror if isinstance(error, OSError) and error.strerror else error
        yield _error(path, None, None, "unreadable", f"cannot read {path}: {message}")
        return
    try:
        yield from _read(path, raw, max_bytes)
    finally:
        if stream is None:
            raw.close()


class _Tape:
    """The input as fastwarc reads it: counts its position (fastwarc asks for it, and a
    pipe cannot tell) and keeps the bytes from the current record's start on, so that the
    end of the last record can be found when fastwarc stops (:func:`_stopped_at`), and
    the next record after unreadable bytes (:meth:`skip_to_record`)."""

    def __init__(self, raw: BinaryIO | _Gunzip) -> None:
        self._raw = raw
        self.kept = bytearray()  # the bytes from kept_from on, up to what was read
        self.kept_from = 0
        self.whole = True  # whether kept starts at the current record's start
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        replay = self._position - self.kept_from  # bytes read before, then gone back to
        data = bytes(self.kept[replay:] if size < 0 else self.kept[replay:replay + size])
        if size < 0 or len(data) < size:
            more = self._raw.read(size - len(data) if size >= 0 else -1)
            self._keep(more)
            data += more
        self._position += len(data)
        return data

    def _keep(self, data: bytes) -> None:
        self.kept += data
        if len(self.kept) > _KEEP_AT_MOST:  # a long record: keep only the read-ahead
            drop = len(self.kept) - 2 * _BLOCK
            del self.kept[:drop]
            self.kept_from += drop
            self.whole = False

    def rewind(self) -> None:
        self._position = self.kept_from

    def read_ahead(self, size: int) -> bool:
        """Keep up to ``size`` more bytes of the input, unread; False at its end."""
        data = self._raw.read(size)
        self._keep(data)
        return bool(data)

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        if (whence, offset) not in ((0, self._position), (1, 0)):
            raise OSError("the input cannot seek")
        return self._position

    def close(self) -> None:
        """The caller closes the file it opened."""

    def keep_from(self, offset: int) -> None:
        """Forget the bytes before ``offset``, where a record starts."""
        self.whole = offset >= self.kept_from
        if self.whole:
            del self.kept[:offset - self.kept_from]
            self.kept_from = offset

    def skip_to_record(self, offset: int, gzipped: bool) -> int | None:
        """Go to the first record (gzip member) that starts at ``offset`` or after, and
        return where it starts; None when the input ends first."""
        self.keep_from(max(offset, self.kept_from))
        magic = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
        searched = 0
        while True:
            found = self.kept.find(magic, searched)
            if found < 0:
                drop = max(0, len(self.kept) - len(magic))  # what cannot start a match
                self.keep_from(self.kept_from + drop)
                searched = 0
                if not self.read_ahead(_BLOCK):
                    return None
                continue
            while len(self.kept) - found < 4096 and self.read_ahead(_BLOCK):
                pass
            if _starts_record(bytes(self.kept[found:found + 4096]), gzipped):
                self.keep_from(self.kept_from + found)
                self.rewind()
                return self.kept_from
            searched = found + 1


def _starts_record(data: bytes, gzipped: bool) -> bool:
    if gzipped:
        try:
            data = zlib.decompressobj(31).decompress(data, 64)
        except zlib.error:
            return False
    return _WARC_START.match(data) is not None


def _read(path: str, raw: BinaryIO, max_bytes: int) -> Iterator[Document | ErrorRecord | Skipped]:
    with warnings.catch_warnings():
        # fastwarc 1.1 warns on import that its own legacy stream classes are deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        import fastwarc  # imported on first use: most runs read no WARC

    tape = _Tape(raw)
    head = tape.read(_PEEK)
    tape.rewind()
    if not head.strip():
        return  # an empty file holds no record
    gzipped = head.startswith(b"\x1f\x8b")
    gunzip: _Gunzip | None = None
    if gzipped and _gzipped_as_a_whole(head):
        # fastwarc gives such a file's records no usable offsets: read it decompressed.
        gunzip = _Gunzip(tape)
        tape, gzipped = _Tape(gunzip), False
    start: int | None = 0
    said: int | None = None
    while start is not None:
        # fastwarc stops at bytes it cannot read: go on from the next record after them
        stop, said = yield from _read_from(fastwarc, path, tape, gzipped, max_bytes, gunzip,
                                           said)
        start = None if stop is None else tape.skip_to_record(stop, gzipped)


def _read_from(
    fastwarc: ModuleType, path: str, tape: _Tape, gzipped: bool, max_bytes: int,
    gunzip: _Gunzip | None, said: int | None,
) -> Generator[Document | ErrorRecord | Skipped, None, tuple[int | None, int | None]]:
    """Read records from the tape's position until fastwarc stops. Return where to look
    for the next record (None at the end of the input) and the offset of the last error
    record (``said``: the one before), so that one place gives one error."""
    begin = tape.tell()
    records = iter(fastwarc.ArchiveIterator(tape, parse_http=True))
    last: int | None = None
    reported = said  # the offset of the last error record
    why = "truncated or unreadable data"
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except BaseException as error:  # a Rust panic in fastwarc is a BaseException
            if not _from_reader(error):
                raise
            why = _reason(error)
            break
        last = record.stream_pos
        tape.keep_from(last)
        if record.record_type != fastwarc.WarcRecordType.response:
            continue
        item = _response(path, record, max_bytes)
        if isinstance(item, ErrorRecord):
            reported = last
        elif not gzipped and not _ends_where_it_says(tape, last):
            reported = last
            item = _error(path, last, record.headers.get("WARC-Target-URI"), "unreadable",
                          f"cannot read {path} at byte {last}: the record does not end "
                          "where its Content-Length says")
        yield item
    if last is None and not tape.kept.strip() and not tape.read_ahead(_BLOCK):
        return None, reported  # nothing left
    offset = _stopped_at(tape, last if last is not None else begin, gzipped)
    if gunzip is not None and gunzip.error is not None:
        why, gunzip.error = gunzip.error, None  # said once
    elif offset is None:
        return None, reported  # the last record ends the input
    if offset is None:
        offset = last if last is not None else begin
    if offset != reported:
        yield _error(path, offset, None, "unreadable",
                     f"cannot read {path} at byte {offset}: {why}")
    return (offset + 1 if offset in (last, begin) else offset), offset


class _Gunzip:
    """The decompressed bytes of a gzip stream (every member in turn). At a broken or
    truncated member it ends, keeping what it could decompress (gzip.GzipFile raises and
    loses the last block read), and says why in ``error``."""

    def __init__(self, raw: _Tape) -> None:
        self._raw = raw
        self._decompressor = zlib.decompressobj(31)
        self._pending = b""
        self._in_member = False
        self._ended = False
        self.error: str | None = None

    def read(self, size: int = -1) -> bytes:
        out = bytearray()
        while (size < 0 or len(out) < size) and not self._ended:
            if not self._pending:
                self._pending = self._raw.read(_BLOCK)
                if not self._pending:
                    if self._in_member:
                        self.error = "the gzip stream ends early"
                    self._ended = True
                    break
            try:
                out += self._decompressor.decompress(
                    self._pending, size - len(out) if size >= 0 else 0)
            except zlib.error as error:
                self.error = f"broken gzip data ({error})"
                self._ended = True
                break
            self._in_member = True
            if self._decompressor.eof:
                self._pending = self._decompressor.unused_data
                self._decompressor = zlib.decompressobj(31)
                self._in_member = False
            else:
                self._pending = self._decompressor.unconsumed_tail
        return bytes(out)


def _from_reader(error: BaseException) -> bool:
    """Whether an exception came from reading the input: any Exception, or a Rust panic
    in fastwarc (pyo3's PanicException derives from BaseException), but not Ctrl-C."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:200]


def _gzipped_as_a_whole(head: bytes) -> bool:
    """Whether a gzip file's first member holds more than one record (one gzip stream for
    the whole WARC) rather than one (a member per record, as crawlers write them)."""
    decompressor = zlib.decompressobj(31)
    data = b""
    for start in range(0, len(head), 4096):  # what decompresses before any broken bytes
        try:
            data += decompressor.decompress(head[start:start + 4096], _PEEK - len(data))
        except zlib.error:
            break
        if decompressor.eof or len(data) >= _PEEK:
            break
    end = _end_of_record(data, gzipped=False)
    return end is not None and bool(data[end:].strip())


def _stopped_at(tape: _Tape, last: int, gzipped: bool) -> int | None:
    """Where reading stopped: the end of the record at ``last`` (or ``last`` when it is cut
    short or unreadable), None when nothing but white space follows it."""
    if not tape.whole or tape.kept_from != last:
        return last  # the record was too long to keep
    while tape.read_ahead(_BLOCK) and len(tape.kept) < _PEEK:
        pass
    kept = bytes(tape.kept)
    end = _end_of_record(kept, gzipped)
    if end is None:
        return last
    return None if not kept[end:].strip() else last + end


def _ends_where_it_says(tape: _Tape, start: int) -> bool:
    """Whether the plain record read at ``start`` is followed by its two line ends (False
    when its Content-Length is wrong), as far as the bytes kept tell."""
    if not tape.whole or tape.kept_from != start:
        return True
    kept = memoryview(tape.kept)  # no copy of a long record's bytes
    header_end = tape.kept.find(b"\r\n\r\n", 0, 64 << 10)
    end = _end_of_record(kept[:header_end + 4].tobytes(), gzipped=False, lenient=True)
    if header_end < 0 or end is None:
        return False
    after = kept[end:end + 4].tobytes()
    kept.release()
    return after == b"\r\n\r\n" or len(after) < 4


def _end_of_record(data: bytes, gzipped: bool, lenient: bool = False) -> int | None:
    """The length of the record ``data`` starts with (its gzip member's when ``gzipped``),
    None if it is not whole; ``lenient``: whole as far as ``data`` goes."""
    if gzipped:
        decompressor = zlib.decompressobj(31)
        rest = data
        try:
            while decompressor.decompress(rest, _BLOCK) and not decompressor.eof:
                rest = decompressor.unconsumed_tail
        except zlib.error:
            return None
        return len(data) - len(decompressor.unused_data) if decompressor.eof else None
    header_end = data.find(b"\r\n\r\n")
    length = re.search(rb"\r\ncontent-length:[ \t]*(\d+)", data[:header_end], re.IGNORECASE)
    if header_end < 0 or length is None:
        return None
    end = header_end + 4 + int(length.group(1))
    if lenient and len(data) < end + 4:
        return end
    return end + 4 if data[end:end + 4] == b"\r\n\r\n" else None


def _response(path: str, record: WarcRecord, max_bytes: int) -> Document | ErrorRecord | Skipped:
    """The document, error or skip one ``response`` record gives."""
    offset: int = record.stream_pos
    source = f"{path}:{offset}"
    headers = record.headers
    url = headers.get("WARC-Target-URI")
    record_id = headers.get("WARC-Record-ID")
    meta = {"crawl_date": headers.get("WARC-Date"), "warc_record_id": record_id}
    if headers.get("Content-Length") is None or record_id is None:
        return _error(path, offset, url, "unreadable",
                      f"cannot read {path} at byte {offset}: truncated record header", meta)
    if not record.is_http:
        return Skipped(source, NOT_HTML)  # a dns: or other non-HTTP response
    http = record.http_headers
    status = http.status_code
    if status is None:
        return _error(path, offset, url, "unreadable",
                      f"cannot read {path} at byte {offset}: malformed or truncated HTTP headers",
                      meta)
    if not 200 <= status < 300:
        return Skipped(source, NOT_OK)
    content_type = next(iter(_values(http, "content-type")), "")
    mime = content_type.partition(";")[0].strip().lower()
    if mime not in HTML_TYPES and mime not in GENERIC_TYPES:
        return Skipped(source, NOT_HTML)
    length: int = record.content_length
    if max_bytes and length > max_bytes:
        return _error(path, offset, url, "input_too_large",
                      f"WARC record body is larger than {max_bytes} bytes "
                      "(--max-input-bytes; 0 for no limit)", meta)
    body: bytes = record.reader.read()
    if len(body) < length:
        return _error(path, offset, url, "unreadable",
                      f"cannot read {path} at byte {offset}: truncated record "
                      f"({len(body)} of {length} bytes)", meta)
    try:
        body = _decoded_body(body, http, max_bytes)
    except _TooLargeError:
        return _error(path, offset, url, "input_too_large",
                      f"WARC record body is larger than {max_bytes} bytes "
                      "(--max-input-bytes; 0 for no limit)", meta)
    except ValueError as error:
        return _error(path, offset, url, "unreadable",
                      f"cannot read {path} at byte {offset}: {error}", meta)
    if mime not in HTML_TYPES and not looks_like_html(body):
        return Skipped(source, NOT_HTML)
    charset = _CHARSET.search(content_type)
    return Document(
        content=body, source=source, url=url, id=record_id.strip().strip("<>") or None,
        encoding=charset.group(1).lower() if charset else None, meta=meta)


class _TooLargeError(Exception):
    """A body that decodes to more than the limit."""


def _decoded_body(body: bytes, http: HeaderMap, max_bytes: int) -> bytes:
    """The body without its transfer and content encodings (chunked; gzip, deflate, br).

    Common Crawl stores bodies decoded and renames the header X-Crawler-Content-Encoding,
    so they pass as they are. Raises ValueError for one that cannot be decoded.
    """
    transfer = ",".join(_values(http, "transfer-encoding")).lower()
    if "chunked" in transfer:
        body = _dechunked(body)
    codings = ",".join(_values(http, "content-encoding")).lower()
    for coding in reversed([part.strip() for part in codings.split(",") if part.strip()]):
        body = _decompressed(body, coding, max_bytes)
    return body


def _values(headers: HeaderMap, name: str) -> list[str]:
    """Every value of the header ``name`` (lower case), in order."""
    return [value for key, value in headers.items() if key.lower() == name]


def _dechunked(body: bytes) -> bytes:
    r"""A chunked body's data.

    >>> _dechunked(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n")
    b'abcde'
    """
    parts: list[bytes] = []
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            raise ValueError("malformed chunked body")
        size_text = body[position:line_end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise ValueError("malformed chunked body") from None
        if size == 0:
            return b"".join(parts)
        start = line_end + 2
        if start + size > len(body):
            raise ValueError("malformed chunked body (a chunk is cut)")
        parts.append(body[start:start + size])
        position = start + size + 2


def _decompressed(body: bytes, coding: str, max_bytes: int) -> bytes:
    limit = max_bytes + 1 if max_bytes else 0
    if coding in ("identity", "none"):
        return body
    if coding in ("gzip", "x-gzip", "deflate"):
        # gzip; deflate as the standard says (zlib) or as some servers send it (raw)
        windows = (31,) if coding != "deflate" else (15, -15)
        for window in windows:
            decompressor = zlib.decompressobj(window)
            try:
                data = decompressor.decompress(body, limit)
            except zlib.error:
                continue
            if limit and len(data) >= limit:
                raise _TooLargeError
            if decompressor.eof:
                return data
        raise ValueError(f"the body's {coding} content encoding cannot be decoded")
    if coding == "br":
        try:
            import brotli  # type: ignore[import-untyped]  # fastwarc depends on it
        except ImportError:
            raise ValueError("the body is brotli-compressed (br) and brotli is not installed") \
                from None
        try:
            data = brotli.decompress(body)
        except Exception as error:  # brotli.error
            raise ValueError("the body's br content encoding cannot be decoded") from error
        if max_bytes and len(data) > max_bytes:
            raise _TooLargeError
        return bytes(data)
    raise ValueError(f"the body has an unknown content encoding: {coding}")


def _error(path: str, offset: int | None, url: str | None, type_code: str, message: str,
           meta: dict[str, Any] | None = None) -> ErrorRecord:
    return read_error(path if offset is None else f"{path}:{offset}", url, type_code, message,
                      meta)
