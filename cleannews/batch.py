"""Many inputs: read paths (walking directories in sorted order) and clean each in turn.

Every input gives exactly one record. A compressed file (gzip, bzip2, xz or zstd, known by
its first bytes, whatever its name) is decompressed. A file that cannot be read (missing,
no permission, a symbolic link that loops or leads nowhere, a compressed file that is
broken or decompresses past the size limit), a special file met in a directory walk (a
pipe would block the run), and a directory named on the command line that holds no file
each give an error record of stage ``read``, and the run goes on.
"""

from __future__ import annotations

import bz2
import gzip
import io
import logging
import lzma
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import BinaryIO

from cleannews.data import Metadata
from cleannews.errors import InputTooLargeError
from cleannews.options import Options
from cleannews.pipeline import Document, clean_document, document_id
from cleannews.records import ErrorInfo, ErrorRecord, Record

__all__ = ["clean_paths", "expand_paths", "read_documents", "read_input"]

logger = logging.getLogger(__name__)

STDIN = "-"


def _walk(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Yield (path, None) for each input, or (path, why) for one that gives an error record.

    A directory is replaced by what it holds, in sorted order, hidden entries left out;
    every entry that is not a directory is an input, so that a broken or looping symbolic
    link, or a pipe or socket, gives an error record instead of vanishing from the run
    (or, for a pipe, blocking it). A named directory that holds no file gives one too.
    """
    for path in paths:
        location = Path(path)
        if path == STDIN or not location.is_dir():
            yield path, None  # a missing file becomes an error record when it is read
            continue
        found = False
        for child in sorted(location.rglob("*")):
            if any(part.startswith(".") for part in child.parts[len(location.parts):]):
                continue
            if child.is_dir():  # walked by rglob, or a link to a directory (not followed)
                continue
            found = True
            regular = child.is_file() or not child.exists()  # a broken link fails on reading
            yield str(child), None if regular else "not a regular file (a pipe, socket or device)"
        if not found:
            yield path, "a directory that holds no file"


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Yield each path as given, replacing a directory by its entries in sorted order."""
    for path, _ in _walk(paths):
        yield path


def read_input(path: str, stdin: BinaryIO | None, max_bytes: int) -> bytes:
    """Read a whole input, or one byte past ``max_bytes`` (0: no limit; then it is too large).

    A compressed input (saved pages often are: ``page.html.gz``; crawls use bzip2, xz and
    zstd too), recognised by its first bytes, is decompressed, and the limit applies to
    what it holds: a small file that decompresses to gigabytes (a "gzip bomb") is stopped
    one byte past the limit, and raises :class:`InputTooLargeError`, which says so.
    """
    size = max_bytes + 1 if max_bytes else -1
    if path == STDIN:
        if stdin is None:
            raise OSError("standard input is not available")
        return _read_whole(stdin, size, max_bytes)
    with Path(path).open("rb") as handle:
        return _read_whole(handle, size, max_bytes)


# The compressions an input may come in, by the bytes it starts with.
COMPRESSIONS: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
_LONGEST_MAGIC = max(len(magic) for magic, _ in COMPRESSIONS)
_BZIP2_BLOCK_SIZES = frozenset(bytes([digit]) for digit in b"123456789")


def compression_of(head: bytes) -> str | None:
    """The compression an input starting with ``head`` is in (None if none).

    >>> compression_of(b"BZh91AY&SY"), compression_of(b"BZhang Wei"), compression_of(b"<html>")
    ('bzip2', None, None)
    """
    for magic, name in COMPRESSIONS:
        # "BZh" starts words too; bzip2 follows it with a block size from 1 to 9.
        if head.startswith(magic) and (name != "bzip2" or head[3:4] in _BZIP2_BLOCK_SIZES):
            return name
    return None


def _read_whole(handle: BinaryIO, size: int, max_bytes: int) -> bytes:
    """The input's bytes, or one byte past the limit: then the pipeline refuses it."""
    head = handle.read(_LONGEST_MAGIC)
    name = compression_of(head)
    if name is None:
        return head + handle.read(size - len(head) if size > 0 else -1)
    # Compressed bytes past the limit decompress past it too: no need to read them.
    data = _decompress(name, io.BytesIO(head + handle.read(size)), size)
    if max_bytes and len(data) > max_bytes:
        raise InputTooLargeError(f"{name} input decompresses to more than {max_bytes} bytes "
                                 "(--max-input-bytes; 0 for no limit)")
    return data


def _decompress(name: str, handle: io.BytesIO, size: int) -> bytes:
    """Up to ``size`` bytes (-1: all) of what the compressed input holds."""
    # What each library raises for a broken stream (a truncated one: EOFError).
    broken: tuple[type[Exception], ...] = (OSError, EOFError, ValueError, zlib.error,
                                           lzma.LZMAError)
    try:
        if name == "gzip":
            with gzip.GzipFile(fileobj=handle) as stream:
                return stream.read(size)
        if name == "bzip2":
            with bz2.BZ2File(handle) as stream:
                return stream.read(size)
        if name == "xz":
            with lzma.LZMAFile(handle) as stream:
                return stream.read(size)
        import zstandard  # imported on first use: most inputs are not zstd

        broken += (zstandard.ZstdError,)
        return _read_zstd(zstandard, handle, size)
    except broken as error:
        raise OSError(f"not a readable {name} file: {error}") from error


def _read_zstd(zstandard: ModuleType, handle: io.BytesIO, size: int) -> bytes:
    """Every frame of a zstd input, up to ``size`` bytes. Its reader returns what it could
    decode of a stream that ends early without a word (gzip, bzip2 and xz raise EOFError),
    so the length the first frame declares is checked."""
    with zstandard.ZstdDecompressor().stream_reader(
            handle, read_across_frames=True, closefd=False) as stream:
        data: bytes = stream.read(size)
    if size < 0 or len(data) < size:
        declared = zstandard.frame_content_size(handle.getvalue()[:ZSTD_FRAME_HEADER_MAX])
        if declared >= 0 and len(data) < declared:
            raise OSError(f"the stream ends early ({len(data)} of {declared} bytes)")
    return data


# The longest a zstd frame's header can be (the format's specification).
ZSTD_FRAME_HEADER_MAX = 18


def read_documents(
    paths: Iterable[str], options: Options | None = None, *, url: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | ErrorRecord]:
    """Read every file named (directories walked), in order: a document each, or an error
    record of stage ``read`` for one that cannot be read."""
    max_bytes = (options or Options()).limits.max_input_bytes
    for path, refused in _walk(paths):
        try:
            if refused is not None:
                yield _read_error(path, url, "unreadable", f"cannot read {path}: {refused}")
                continue
            content = read_input(path, stdin, max_bytes)
        except InputTooLargeError as error:
            yield _read_error(path, url, "input_too_large", str(error))
            continue
        except OSError as error:
            yield _read_error(path, url, "unreadable",
                              f"cannot read {path}: {error.strerror or error}")
            continue
        except ValueError as error:  # a path no file can have ("embedded null byte")
            yield _read_error(path, url, "unreadable", f"cannot read {path!r}: {error}")
            continue
        yield Document(content, source=path, url=url)


def clean_paths(
    paths: Iterable[str], options: Options | None = None, *, url: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Record | ErrorRecord]:
    """Clean every file named (directories walked), yielding one record per file in order."""
    for item in read_documents(paths, options, url=url, stdin=stdin):
        yield item if isinstance(item, ErrorRecord) else clean_document(item, options)


def _read_error(path: str, url: str | None, type_code: str, message: str) -> ErrorRecord:
    logger.warning("%s", message if path in message else f"{path}: {message}")
    try:  # the bytes of a file name that is not UTF-8
        name = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a str no file system gave (a lone "\ud800")
        name = path.encode("utf-8", "surrogatepass")
    return ErrorRecord(
        id=document_id(name),
        source=path,
        error=ErrorInfo("read", type_code, message),
        metadata=Metadata(url=url),
    )
