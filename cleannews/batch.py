"""Many inputs: read paths (walking directories in sorted order) and clean each in turn.

Every input gives exactly one record. A file that cannot be read (missing, no permission,
a symbolic link that loops or leads nowhere, a gzip file that is broken or decompresses
past the size limit), a special file met in a directory walk (a pipe would block the run),
and a directory named on the command line that holds no file each give an error record of
stage ``read``, and the run goes on.
"""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
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

    A gzip-compressed input (saved pages often are: ``page.html.gz``), recognised by its
    first bytes, is decompressed, and the limit applies to what it holds: a small file that
    decompresses to gigabytes (a "gzip bomb") is stopped one byte past the limit, and
    raises :class:`InputTooLargeError`, which says so.
    """
    size = max_bytes + 1 if max_bytes else -1
    if path == STDIN:
        if stdin is None:
            raise OSError("standard input is not available")
        return _read_whole(stdin, size, max_bytes)
    with Path(path).open("rb") as handle:
        return _read_whole(handle, size, max_bytes)


GZIP_MAGIC = b"\x1f\x8b"


def _read_whole(handle: BinaryIO, size: int, max_bytes: int) -> bytes:
    """The input's bytes, or one byte past the limit: then the pipeline refuses it."""
    head = handle.read(2)
    if head != GZIP_MAGIC:
        return head + handle.read(size - len(head) if size > 0 else -1)
    # Compressed bytes past the limit decompress past it too: no need to read them.
    data = _read_gzip(io.BytesIO(head + handle.read(size)), size)
    if max_bytes and len(data) > max_bytes:
        raise InputTooLargeError(f"gzip input decompresses to more than {max_bytes} bytes "
                                 "(--max-input-bytes; 0 for no limit)")
    return data


def _read_gzip(handle: BinaryIO, size: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=handle) as unzipped:
            return unzipped.read(size)
    except (OSError, EOFError, zlib.error) as error:
        raise OSError(f"not a readable gzip file: {error}") from error


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
