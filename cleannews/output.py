"""Where records are written: standard output or a file, whole lines only.

Each piece of output is written whole, with Ctrl-C (and SIGTERM) held back until it is
out; an output file is written beside its destination and renamed onto it only when the
run ends, so a full disk or a crash never leaves a partial file that looks complete.
:mod:`cleannews.records` makes the lines; this module only puts them somewhere.
"""

from __future__ import annotations

import gzip
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO, cast

__all__ = ["STDOUT", "Sink", "compressing", "compression_for", "interrupts",
           "leave_quietly_for_a_closed_pipe", "open_output"]

STDOUT = "-"


class Sink:
    """Text out to a binary stream as UTF-8, each piece whole: Ctrl-C waits until it is out.

    Each piece is flushed, so that a reader downstream sees each record as it is made,
    unless ``flush_each`` is false (a compressed file, which flushing would bloat).
    """

    def __init__(self, stream: BinaryIO, flush_each: bool = True) -> None:
        self.stream = stream
        self.flush_each = flush_each

    def write(self, text: str) -> None:
        data = text.encode("utf-8", "replace")  # "replace": a lone surrogate from a path name
        with interrupts.held():
            self.stream.write(data)
            if self.flush_each:
                self.stream.flush()


# Output compressions, by the file name's ending.
OUTPUT_COMPRESSIONS = {".gz": "gzip", ".zst": "zstd"}


def compression_for(path: str) -> str | None:
    """The compression an output file's name asks for (None: none).

    >>> compression_for("pages.jsonl.gz"), compression_for("pages.jsonl")
    ('gzip', None)
    """
    return next((name for suffix, name in OUTPUT_COMPRESSIONS.items()
                 if path.endswith(suffix)), None)


@contextmanager
def compressing(stream: BinaryIO, compression: str | None) -> Iterator[BinaryIO]:
    """A stream that compresses into ``stream`` (left open), the same bytes every run: no
    time stamp or file name in a gzip header, so a resumed run's files equal an
    uninterrupted one's."""
    if compression is None:
        yield stream
        return
    if compression == "gzip":
        with gzip.GzipFile(filename="", mode="wb", fileobj=stream, mtime=0) as packed:
            yield cast(BinaryIO, packed)
        return
    import zstandard  # imported only for a .zst output

    with zstandard.ZstdCompressor().stream_writer(stream, closefd=False) as packed:
        yield cast(BinaryIO, packed)


class Interrupts:
    """Ctrl-C and SIGTERM stop the run, but never while a record is being written.

    While :meth:`held`, a signal is only noted; it stops the run when the block ends. (A
    signal mask would not do: the kernel may hand the signal to another thread of the
    process, and Python then runs the handler in the main thread at once.)
    """

    def __init__(self) -> None:
        self.holding = 0
        self.pending = False

    def handle(self, signum: int, frame: object) -> None:
        if self.holding:
            self.pending = True
            return
        raise KeyboardInterrupt

    @contextmanager
    def held(self) -> Iterator[None]:
        self.holding += 1
        try:
            yield
        finally:
            self.holding -= 1
            if not self.holding and self.pending:
                self.pending = False
                raise KeyboardInterrupt

    @contextmanager
    def installed(self) -> Iterator[None]:
        """Handle SIGINT and SIGTERM in the block (only the main thread can)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {number: signal.signal(number, self.handle)
                    for number in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


interrupts = Interrupts()


@contextmanager
def open_output(path: str) -> Iterator[Sink]:
    """Open where the records go: standard output, or a file that appears only when complete.

    A regular file is written beside its destination (``.NAME.*.partial``) and renamed onto
    it at the end, so a full disk or a crash never leaves a partial file that looks
    complete; after Ctrl-C it holds the whole records written so far. Anything else (a
    device such as ``/dev/null``, a named pipe) is written directly. A name ending in
    ``.gz`` or ``.zst`` is compressed. Raises OSError when the destination cannot be
    written.
    """
    if path == STDOUT:
        yield Sink(sys.stdout.buffer)
        return
    target = Path(path)
    if target.exists() and not target.is_file():
        with target.open("wb") as device:
            yield Sink(device)
        return
    partial, stream = partial_file(target)
    compression = compression_for(path)
    try:
        try:
            with compressing(stream, compression) as packed:
                yield Sink(packed, flush_each=compression is None)
        finally:
            stream.close()  # a full disk may only say so here, when the last bytes go out
        partial.replace(target)
    except KeyboardInterrupt:
        partial.replace(target)
        raise
    except BaseException:
        with suppress(OSError):  # the disk is full: the partial file goes all the same
            stream.close()
        partial.unlink(missing_ok=True)
        raise


def partial_file(target: Path) -> tuple[Path, BinaryIO]:
    """A new file beside ``target`` (``.NAME.*.partial``), to be renamed onto it when done."""
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=PARTIAL_SUFFIX)
    partial = Path(name)
    partial.chmod(0o666 & ~_umask())  # what a plain open() would have made
    return partial, os.fdopen(descriptor, "wb")


PARTIAL_SUFFIX = ".partial"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def leave_quietly_for_a_closed_pipe() -> None:
    """Point standard output at /dev/null, so the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real descriptor (a test runner's stream): nothing will flush it
