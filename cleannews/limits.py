"""Limits that keep one pathological page from holding up a run or taking the machine down.

A time limit per document (:func:`time_limit`, used by the pipeline for every document) and
a memory limit per process (:func:`memory_limit`, set by whatever runs the documents: the
CLI, and each worker process where there are workers). Both act only where the platform
allows: a timer signal needs Unix and the main thread of its process, an address-space
limit needs Unix.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from cleannews.errors import DocumentTimeout

__all__ = ["DEFAULT_MAX_MEMORY_MB", "memory_limit", "time_limit"]

# A 16 MiB page parses in well under 1 GiB, and the process itself maps about 300 MB: the
# cap stops only a runaway page, before it takes the machine's memory from everything else.
DEFAULT_MAX_MEMORY_MB = 4096


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block after ``seconds`` (0: no limit).

    A timer signal interrupts Python code at once, and code in a C library (a parser) when
    it returns to Python. It works in the main thread of any process, so in every worker
    process of a pool; elsewhere (another thread, Windows) there is no limit.

    >>> with time_limit(5):
    ...     sum(range(10))
    45
    """
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"took longer than {seconds:g} seconds (--timeout-seconds)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def memory_limit(max_bytes: int) -> Iterator[bool]:
    """Cap this process's address space at ``max_bytes`` in the block (0: no limit).

    Past the cap an allocation fails with MemoryError, which the pipeline turns into an
    error record of type ``out_of_memory`` for the one document that needed it, instead of
    the kernel killing the process (or another one) when the machine runs out. Only the
    soft limit is lowered, and it is put back after the block. Yields whether it set a limit
    (not where the platform has none, nor where a lower one is in force already).

    >>> with memory_limit(0) as limited:
    ...     limited
    False
    """
    try:
        import resource
    except ImportError:  # not on Windows
        yield False
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    tighter = max_bytes > 0 and (soft == resource.RLIM_INFINITY or max_bytes < soft)
    if tighter and hard != resource.RLIM_INFINITY:
        tighter = max_bytes <= hard
    if not tighter:
        yield False
        return
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))
    try:
        yield True
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
