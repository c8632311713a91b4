"""Where records are written: standard output or a file, whole lines only.

Each piece of output is written whole, with Ctrl-C (and SIGTERM) held back until it is
out; an output file is written beside its destination and renamed onto it only when the
run ends, so a full disk or a crash never leaves a partial file that looks complete.
:mod:`cleannews.records` makes the lines; this module only puts them somewhere.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

__all__ = ["STDOUT", "Sink", "interrupts", "leave_quietly_for_a_closed_pipe", "open_output"]

STDOUT = "-"


class Sink:
    """Text out to a binary stream as UTF-8, each piece whole: Ctrl-C waits until it is out."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        data = text.encode("utf-8", "replace")  # "replace": a lone surrogate from a path name
        with interrupts.held():
            self.stream.write(data)
            self.stream.flush()


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
    device such as ``/dev/null``, a named pipe) is written directly. Raises OSError when
    the destination cannot be written.
    """
    if path == STDOUT:
        yield Sink(sys.stdout.buffer)
        return
    target = Path(path)
    if target.exists() and not target.is_file():
        with target.open("wb") as stream:
            yield Sink(stream)
        return
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=".partial")
    partial = Path(name)
    partial.chmod(0o666 & ~_umask())  # what a plain open() would have made
    stream = os.fdopen(descriptor, "wb")
    try:
        yield Sink(stream)
        stream.close()  # a full disk may only say so here, when the last bytes go out
        partial.replace(target)
    except KeyboardInterrupt:
        stream.close()
        partial.replace(target)
        raise
    except BaseException:
        with suppress(OSError):  # the disk is full: the partial file goes all the same
            stream.close()
        partial.unlink(missing_ok=True)
        raise


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
