"""Many inputs: find them, read each as a page or as a file of records, and clean them all.

The inputs are files and folders (:mod:`cleannews.inputs.files`), read in order. A file
is a page, or holds many (JSON Lines by ``--input-format jsonl`` or a ``.jsonl`` name,
:mod:`cleannews.inputs.jsonl`; WARC, known by its first bytes,
:mod:`cleannews.inputs.warc`); a compressed file (gzip, bzip2, xz or zstd, known by its
first bytes) is decompressed (:mod:`cleannews.inputs.compression`). Each page gives
exactly one record; so does each input that cannot be read (missing, no permission, a
symbolic link that loops or leads nowhere, a compressed file that is broken or
decompresses past the size limit, a special file met in a folder walk, a folder that
holds no file), as an error record of stage ``read``, and the run goes on.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, cast

from cleannews.errors import InputTooLargeError
from cleannews.inputs.compression import (
    LONGEST_MAGIC,
    broken_stream_errors,
    compression_of,
    open_decompressed,
    read_limited,
)
from cleannews.inputs.failed import read_error
from cleannews.inputs.files import STDIN, Found, walk
from cleannews.inputs.jsonl import Fields, is_jsonl_name, read_jsonl
from cleannews.options import Options
from cleannews.pipeline import Document, clean_document
from cleannews.records import ErrorRecord, Record

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["INPUT_FORMATS", "STDIN", "Inputs", "ReadStats", "clean_paths", "expand_paths",
           "read_documents", "read_input"]

logger = logging.getLogger(__name__)

InputFormat = Literal["auto", "page", "jsonl", "warc"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("auto", "page", "jsonl", "warc")
# Enough of a file's start to tell a compression and, inside it, a WARC (a deflate
# block's code tables come before its first byte).
_SNIFF_BYTES = 1024


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a run reads, and how.

    Attributes:
        paths: files and folders in order (``-``: standard input).
        globs: keep only the files of a folder walk that match (``!PATTERN``: leave out).
        input_format: ``auto`` (a ``.jsonl`` name is JSON Lines, a WARC is known by its
            first bytes, anything else is one page), or ``page``, ``jsonl``, ``warc``.
        fields: the fields of a JSON Lines record that hold its page, url and id.
        url: the url of a page that gives none (a JSON record's own ``url`` wins).
    """

    paths: Iterable[str] = ()
    globs: tuple[str, ...] = ()
    input_format: InputFormat = "auto"
    fields: Fields = field(default_factory=Fields)
    url: str | None = None


@dataclass(slots=True)
class ReadStats:
    """What reading has seen: bytes read, and WARC responses that were not a page, by
    reason (``not_html``, ``http_status``: not a success)."""

    bytes_read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Yield each path as given, a folder replaced by its files (depth first, sorted)."""
    for found in walk(paths):
        yield found.path


def read_input(path: str, stdin: BinaryIO | None, max_bytes: int) -> bytes:
    """Read a whole input (decompressed), or one byte past ``max_bytes`` (0: no limit).

    Raises :class:`InputTooLargeError` for a compressed input past the limit, OSError
    for one that cannot be read.
    """
    with _open(path, stdin) as handle:
        return read_limited(handle, max_bytes)


@contextmanager
def _open(path: str, stdin: BinaryIO | None) -> Iterator[BinaryIO]:
    """The input's bytes: a file, closed after the block, or standard input, left open."""
    if path == STDIN:
        if stdin is None:
            raise OSError("standard input is not available")
        yield stdin
        return
    with Path(path).open("rb") as handle:
        yield handle


def read_documents(
    inputs: Inputs | Iterable[str], options: Options | None = None, *,
    url: str | None = None, stdin: BinaryIO | None = None, stats: ReadStats | None = None,
    skip: int = 0,
) -> Iterator[tuple[str, Document | ErrorRecord]]:
    """(input file, document or error record) for every page of every input, in order.

    Each file named (folders walked) is a page or, for JSON Lines and WARC, holds many;
    one that cannot be read gives an error record of stage ``read``. The first ``skip``
    are left out (a resumed run's done part): a page file left out is not even read.
    """
    if not isinstance(inputs, Inputs):
        inputs = Inputs(paths=inputs, url=url)
    max_bytes = (options or Options()).limits.max_input_bytes
    stats = stats if stats is not None else ReadStats()
    for found in walk(inputs.paths, inputs.globs):
        for item in _read_one(found, inputs, stdin, max_bytes, stats, skip > 0):
            if skip > 0:
                skip -= 1
                continue
            assert item is not None
            if isinstance(item, ErrorRecord):
                logger.warning("%s", item.error.message)
            yield found.path, item


def _read_one(found: Found, inputs: Inputs, stdin: BinaryIO | None, max_bytes: int,
              stats: ReadStats, skipping: bool) -> Iterator[Document | ErrorRecord | None]:
    """The pages of one input; a page file's is None, unread, when ``skipping``."""
    path, url = found.path, inputs.url
    if found.refused is not None:
        yield read_error(path, url, "unreadable", f"cannot read {path}: {found.refused}")
        return
    try:
        with _open(path, stdin) as handle:
            counted = _Counted(handle, stats)
            container = _container(path, counted, inputs.input_format)
            if container == "warc":
                yield from _read_warc(counted, path, max_bytes, stats)
                return
            stream = cast(BinaryIO, io.BufferedReader(counted))
            if container == "jsonl":
                yield from _read_jsonl(stream, path, inputs, max_bytes)
                return
            if skipping:
                yield None
                return
            content = read_limited(stream, max_bytes)
    except InputTooLargeError as error:
        yield read_error(path, url, "input_too_large", str(error))
        return
    except OSError as error:
        yield read_error(path, url, "unreadable", f"cannot read {path}: "
                          f"{error.strerror or error}")
        return
    except ValueError as error:  # a path no file can have ("embedded null byte")
        yield read_error(path, url, "unreadable", f"cannot read {path!r}: {error}")
        return
    yield Document(content, source=path, url=url)


def _container(path: str, handle: _Counted, input_format: InputFormat) -> str:
    """``jsonl``, ``warc`` or ``page``: what the file is read as. Leaves ``handle`` at the
    file's start (its first bytes are held back and read again)."""
    if input_format != "auto":
        return input_format
    if is_jsonl_name(path):
        return "jsonl"
    head = handle.peek(_SNIFF_BYTES)
    name = compression_of(head[:LONGEST_MAGIC])
    if name == "gzip":  # a WARC is gzipped record by record: the first member tells
        head = _gunzip_head(head)
    elif name is not None:
        return "page"
    from cleannews.inputs.warc import looks_like_warc

    return "warc" if looks_like_warc(head) else "page"


def _gunzip_head(head: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(wbits=31).decompress(head)
    except zlib.error:
        return b""


def _read_jsonl(handle: BinaryIO, path: str, inputs: Inputs, max_bytes: int,
                ) -> Iterator[Document | ErrorRecord]:
    name = compression_of(cast(io.BufferedReader, handle).peek(LONGEST_MAGIC)[:LONGEST_MAGIC])
    try:
        stream = open_decompressed(name, handle)
    except broken_stream_errors(name) as error:
        yield read_error(path, inputs.url, "unreadable", f"cannot read {path}: {error}")
        return
    yield from read_jsonl(stream, path, inputs.fields, max_bytes=max_bytes, url=inputs.url)


def _read_warc(handle: _Counted, path: str, max_bytes: int, stats: ReadStats,
               ) -> Iterator[Document | ErrorRecord]:
    from cleannews.inputs.warc import Skipped, read_warc

    pages = 0
    for item in read_warc(path, max_bytes=max_bytes, stream=cast(BinaryIO, handle)):
        if isinstance(item, Skipped):
            stats.skipped[item.reason] += 1
        else:
            pages += 1
            yield item
    if not pages:
        logger.warning("%s: a WARC with no HTML response", path)


class _Counted(io.RawIOBase):
    """A binary stream that counts the bytes read from it and can show its first bytes
    without consuming them (:meth:`peek`), standard input as well as a file."""

    def __init__(self, stream: BinaryIO, stats: ReadStats) -> None:
        super().__init__()
        self.stream = stream
        self.stats = stats
        self.held = b""

    def peek(self, size: int) -> bytes:
        """Up to ``size`` first bytes (fewer only at the end), read again afterwards."""
        while len(self.held) < size:
            more = self.stream.read(size - len(self.held))
            if not more:
                break
            self.held += more
        return self.held[:size]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if self.held:
            data, self.held = self.held[:len(view)], self.held[len(view):]
        else:
            data = self.stream.read(len(view))
        view[:len(data)] = data
        self.stats.bytes_read += len(data)
        return len(data)


def clean_paths(
    paths: Iterable[str], options: Options | None = None, *, url: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Record | ErrorRecord]:
    """Clean every file named (folders walked), yielding one record per page in order."""
    for _, item in read_documents(paths, options, url=url, stdin=stdin):
        yield item if isinstance(item, ErrorRecord) else clean_document(item, options)



