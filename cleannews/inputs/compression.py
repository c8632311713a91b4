"""Compressed inputs, known by their first bytes whatever their names: gzip, bzip2, xz, zstd.

A whole page is read up to a size limit (:func:`read_limited`); a file of many records
(JSON Lines) is read as a stream (:func:`open_decompressed`).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from types import ModuleType
from typing import BinaryIO, cast

from cleannews.errors import InputTooLargeError

__all__ = ["COMPRESSIONS", "compression_of", "open_decompressed", "read_limited"]

# The compressions an input may come in, by the bytes it starts with.
COMPRESSIONS: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
LONGEST_MAGIC = max(len(magic) for magic, _ in COMPRESSIONS)
_BZIP2_BLOCK_SIZES = frozenset(bytes([digit]) for digit in b"123456789")
# The longest a zstd frame's header can be (the format's specification).
ZSTD_FRAME_HEADER_MAX = 18


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


def _broken(name: str) -> tuple[type[Exception], ...]:
    """What each library raises for a broken stream (a truncated one: EOFError)."""
    broken: tuple[type[Exception], ...] = (OSError, EOFError, ValueError, zlib.error,
                                           lzma.LZMAError)
    if name == "zstd":
        import zstandard  # imported on first use: most inputs are not zstd

        broken += (zstandard.ZstdError,)
    return broken


def read_limited(handle: BinaryIO, max_bytes: int) -> bytes:
    """The input's bytes (decompressed if they are compressed), or one byte past
    ``max_bytes`` (0: no limit) for an uncompressed one: then the pipeline refuses it.

    A compressed input past the limit raises :class:`InputTooLargeError`: a small file
    that decompresses to gigabytes (a "gzip bomb") is stopped one byte past the limit.
    A broken one raises OSError.
    """
    size = max_bytes + 1 if max_bytes else -1
    head = handle.read(LONGEST_MAGIC)
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
    try:
        if name == "zstd":
            import zstandard

            return _read_zstd(zstandard, handle, size)
        with open_decompressed(name, handle) as stream:
            return stream.read(size)
    except _broken(name) as error:
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


def open_decompressed(name: str | None, handle: BinaryIO) -> BinaryIO:
    """A stream of what ``handle`` holds, decompressed as ``name`` says (None: as it is).

    Reading it raises OSError for a broken stream (:func:`broken_stream_errors` lists what
    the libraries raise, for callers that read it line by line).
    """
    if name is None:
        return handle
    if name == "gzip":
        return cast(BinaryIO, gzip.GzipFile(fileobj=handle))
    if name == "bzip2":
        return cast(BinaryIO, bz2.BZ2File(handle))
    if name == "xz":
        return cast(BinaryIO, lzma.LZMAFile(handle))
    import zstandard

    reader = zstandard.ZstdDecompressor().stream_reader(handle, read_across_frames=True,
                                                        closefd=False)
    return cast(BinaryIO, io.BufferedReader(cast(io.RawIOBase, reader)))


def broken_stream_errors(name: str | None) -> tuple[type[Exception], ...]:
    """The exceptions reading a broken ``name`` stream raises (OSError for a plain one)."""
    return _broken(name) if name is not None else (OSError,)
