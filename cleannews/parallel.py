"""Cleaning on every core: worker processes, records in input order, memory bounded.

:func:`clean_in_order` takes (tag, document or error record) pairs as they are read and
yields (tag, record) pairs in the same order. With one job, or fewer than two documents,
it cleans in this process. Otherwise each worker process cleans one document at a time
(its main thread, so the per-document time limit works there) under the memory limit; at
most a few documents per worker are in flight or waiting for their turn to be written,
however many inputs there are. A worker that dies (a crash in a parser, the kernel's
out-of-memory killer) costs the document it held an error record, and a new worker takes
its place.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from cleannews.data import Metadata
from cleannews.limits import memory_limit
from cleannews.options import Options
from cleannews.pipeline import Document, clean_document, document_id
from cleannews.records import ErrorInfo, ErrorRecord, Record

if TYPE_CHECKING:  # multiprocessing is imported when workers start: a page or -j 1 needs none
    import multiprocessing
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkServerContext, SpawnContext

__all__ = ["CleanFunction", "clean_in_order", "usable_cores"]

Tag = TypeVar("Tag")
CleanFunction = Callable[[Document, Options], "Record | ErrorRecord"]

# Documents in flight or waiting to be written, per worker: enough to keep every worker
# busy while one slow page holds up the writing, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 4


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def clean_in_order(
    items: Iterable[tuple[Tag, Document | ErrorRecord]], options: Options, *, jobs: int = 1,
    max_memory_bytes: int = 0, clean: CleanFunction = clean_document,
) -> Iterator[tuple[Tag, Record | ErrorRecord]]:
    """Clean each document (error records pass through), yielding records in input order.

    ``clean`` must be a module-level function (workers import it by name).

    >>> pairs = [("a", Document("The museum reopened on Monday.")), ("b", Document(""))]
    >>> [(tag, record.status) for tag, record in clean_in_order(pairs, Options())]
    [('a', 'ok'), ('b', 'empty')]
    """
    stream = iter(items)
    first = next(stream, None)
    second = next(stream, None) if first is not None else None
    head = [pair for pair in (first, second) if pair is not None]
    if jobs <= 1 or second is None:
        for tag, item in (*head, *stream):
            yield tag, item if isinstance(item, ErrorRecord) else clean(item, options)
        return
    with _Pool(jobs, options, max_memory_bytes, clean) as pool:
        yield from pool.run(_chain(head, stream))


def _chain(head: list[tuple[Tag, Document | ErrorRecord]],
           rest: Iterator[tuple[Tag, Document | ErrorRecord]],
           ) -> Iterator[tuple[Tag, Document | ErrorRecord]]:
    yield from head
    yield from rest


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    task: int | None = None  # the sequence number of the document it holds
    document: Document | None = None


class _Pool:
    def __init__(self, jobs: int, options: Options, max_memory_bytes: int,
                 clean: CleanFunction) -> None:
        # forkserver: workers forked from a clean process that has loaded the pipeline
        # once (fast to start, and safe whatever threads this process has); spawn elsewhere.
        import multiprocessing

        self.context: ForkServerContext | SpawnContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            self.context = multiprocessing.get_context("forkserver")
            self.context.set_forkserver_preload(["cleannews.warm"])
        else:
            self.context = multiprocessing.get_context("spawn")
        self.jobs = jobs
        self.arguments = (options, max_memory_bytes, clean)
        self.workers: list[_Worker] = []

    def __enter__(self) -> _Pool:
        self.workers = [self._start() for _ in range(self.jobs)]
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self.workers:
            with suppress(OSError, ValueError):
                worker.connection.send(None)
        for worker in self.workers:
            worker.process.join(timeout=1)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
            with suppress(OSError):  # closed already, at the interpreter's exit
                worker.connection.close()

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_work, args=(theirs, *self.arguments),
                                       daemon=True, name="cleannews-worker")
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def run(self, items: Iterator[tuple[Tag, Document | ErrorRecord]],
            ) -> Iterator[tuple[Tag, Record | ErrorRecord]]:
        tags: dict[int, Tag] = {}
        done: dict[int, Record | ErrorRecord] = {}
        sent = written = 0
        window = self.jobs * IN_FLIGHT_PER_WORKER
        exhausted = False
        while True:
            # Hand out documents while a worker is free and the window has room.
            while not exhausted and sent - written < window:
                free = next((worker for worker in self.workers if worker.task is None), None)
                if free is None:
                    break
                pair = next(items, None)
                if pair is None:
                    exhausted = True
                    break
                tags[sent], item = pair
                if isinstance(item, ErrorRecord):
                    done[sent] = item
                else:
                    self._send(free, sent, item)
                sent += 1
            while written in done:
                yield tags.pop(written), done.pop(written)
                written += 1
            busy = [worker for worker in self.workers if worker.task is not None]
            if not busy:
                if exhausted and written == sent:
                    return
                continue
            self._collect(busy, done)

    def _send(self, worker: _Worker, number: int, document: Document) -> None:
        """Give the worker the document; one that died since its last record is replaced."""
        try:
            worker.connection.send((number, document))
        except (OSError, ValueError):
            replacement = self._start()
            self.workers[self.workers.index(worker)] = replacement
            worker.process.join()
            worker.connection.close()
            worker = replacement
            worker.connection.send((number, document))
        worker.task, worker.document = number, document

    def _collect(self, busy: list[_Worker], done: dict[int, Record | ErrorRecord]) -> None:
        """Wait for a worker to finish (or die) and take its record."""
        from multiprocessing.connection import wait

        ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy]))
        for index, worker in enumerate(self.workers):
            if worker.task is None:
                continue
            if worker.connection in ready:
                try:
                    number, record = worker.connection.recv()
                except (EOFError, OSError):
                    pass  # it died while sending: below
                else:
                    done[number] = record
                    worker.task = worker.document = None
                    continue
            if worker.connection in ready or worker.process.sentinel in ready:
                worker.process.join()
                assert worker.document is not None
                done[worker.task] = _died(worker.document, worker.process.exitcode)
                worker.connection.close()
                self.workers[index] = self._start()


def _died(document: Document, exitcode: int | None) -> ErrorRecord:
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        how = f"was killed by {name}"
        if number == signal.SIGKILL:
            how += " (the kernel's out-of-memory killer does this)"
    else:
        how = f"exited with status {exitcode}"
    return ErrorRecord(
        id=document.id or document_id(document.content),
        source=document.source,
        error=ErrorInfo("record", "worker_died",
                        f"the worker process cleaning this input {how}"),
        metadata=Metadata(url=document.url),
        meta=document.meta,
    )


def _work(connection: Connection, options: Options, max_memory_bytes: int,
          clean: CleanFunction) -> None:
    """A worker's life: clean each document it is sent until it is sent None."""
    # Ctrl-C reaches the whole process group; the parent decides what it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with memory_limit(max_memory_bytes):
        while True:
            try:
                task = connection.recv()
            except (EOFError, OSError):
                return  # the parent went away
            if task is None:
                return
            number, document = task
            connection.send((number, clean(document, options)))
