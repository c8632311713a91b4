"""Many inputs: read paths (walking directories in sorted order) and clean each in turn.

A file that cannot be read, or does not exist, gives an error record of stage ``read``
and the run goes on.
"""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from cleannews.pipeline import Document, Options, clean_document, document_id
from cleannews.records import ErrorInfo, ErrorRecord, Record

__all__ = ["clean_paths", "expand_paths", "read_input"]

logger = logging.getLogger(__name__)

STDIN = "-"


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Yield each path as given, replacing a directory by its files in sorted order."""
    for path in paths:
        if path == STDIN:
            yield path
            continue
        location = Path(path)
        if location.is_dir():
            for child in sorted(location.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.parts[
                        len(location.parts):]):
                    yield str(child)
        else:
            yield path  # a missing file becomes an error record when it is read


def read_input(path: str, stdin: BinaryIO | None, max_bytes: int) -> bytes:
    """Read a whole input, or one byte past ``max_bytes`` (then it is too large anyway).

    A gzip-compressed input (saved pages often are: ``page.html.gz``) is decompressed,
    and the limit applies to what it holds.
    """
    size = max_bytes + 1 if max_bytes else -1
    if path == STDIN:
        if stdin is None:
            raise OSError("standard input is not available")
        head = stdin.read(2)
        if head == GZIP_MAGIC:
            return _read_gzip(io.BytesIO(head + stdin.read()), size)
        return head + stdin.read(size - 2 if size > 0 else -1)
    with Path(path).open("rb") as handle:
        if handle.read(2) == GZIP_MAGIC:
            handle.seek(0)
            return _read_gzip(handle, size)
        handle.seek(0)
        return handle.read(size)


GZIP_MAGIC = b"\x1f\x8b"


def _read_gzip(handle: BinaryIO, size: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=handle) as unzipped:
            return unzipped.read(size)
    except (OSError, EOFError, zlib.error) as error:
        raise OSError(f"not a readable gzip file: {error}") from error


def clean_paths(
    paths: Iterable[str], options: Options | None = None, *, url: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Record | ErrorRecord]:
    """Clean every file named (directories walked), yielding one record per file in order."""
    options = options or Options()
    for path in expand_paths(paths):
        try:
            content = read_input(path, stdin, options.max_input_bytes)
        except OSError as error:
            logger.warning("%s: cannot read: %s", path, error)
            message = f"cannot read {path}: {error.strerror or error}"
            yield ErrorRecord(
                id=document_id(path.encode("utf-8", "surrogateescape")),
                source=path,
                error=ErrorInfo("read", "unreadable", message),
                url=url,
            )
            continue
        yield clean_document(Document(content, source=path, url=url), options)
