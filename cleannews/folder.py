"""A run's records written to a folder: shards or a mirror of the inputs, and resuming.

``--output-dir DIR`` writes JSON Lines files (gzip by default): shards of a fixed number
of records (``part-00000.jsonl.gz``, ...), or with ``--mirror`` one file per input file,
at the input's path under DIR (``saved/a.html`` → ``DIR/saved/a.html.jsonl.gz``; a
leading ``/`` or ``../`` is dropped, as tar does, so no path leaves DIR). Each file is
written under a temporary name and renamed when complete.

After each complete file, ``DIR/cleannews-run.json`` records how far the run got: how
many inputs are done, how many files, and the counts for the summary. ``--resume`` reads
it, skips the inputs done, and writes the rest exactly as an uninterrupted run would have:
files come out in input order and their bytes depend only on the records (a gzip header
carries no time). A run file made with other settings is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from cleannews.inputs.compression import compression_of, open_decompressed
from cleannews.output import PARTIAL_SUFFIX, compressing, partial_file

__all__ = ["RUN_FILE", "FolderOutput", "Progress", "RunRefusedError", "mirror_path",
           "settings_digest"]

RUN_FILE = "cleannews-run.json"
OUTPUT_SUFFIXES = {"gzip": ".jsonl.gz", "zstd": ".jsonl.zst", "none": ".jsonl"}


class RunRefusedError(Exception):
    """The folder cannot take this run (not empty, or an earlier run's other settings)."""


@dataclass
class Progress:
    """How far a run got: what ``cleannews-run.json`` holds."""

    settings: dict[str, Any]
    inputs_done: int = 0  # records made so far, kept or dropped, in input order
    files_done: int = 0
    written: int = 0
    errors: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    complete: bool = False


def mirror_path(source: str) -> str:
    """Where an input's records go under the folder, by its path (no way out of it).

    >>> mirror_path("saved/a.html"), mirror_path("/data/b.txt"), mirror_path("../c.warc.gz")
    ('saved/a.html', 'data/b.txt', 'c.warc.gz')
    >>> mirror_path("-"), mirror_path("./x/../y.html")
    ('stdin', 'y.html')
    """
    if source == "-":
        return "stdin"
    parts = [part for part in Path(os.path.normpath(source)).parts
             if part not in {"/", "..", "."} and not part.endswith(("/", "\\"))]
    return "/".join(parts) or "unnamed"


class FolderOutput:
    """Writes records to files in a folder, one open file at a time, and records progress.

    Call :meth:`add` for every record made, kept or dropped (``line`` None), in order;
    :meth:`finish` at the end. ``input`` is the input file the record came from.
    """

    def __init__(self, folder: str, settings: dict[str, Any], *, shard_size: int = 0,
                 mirror: bool = False, compression: str = "gzip", resume: bool = False,
                 ) -> None:
        self.folder = Path(folder)
        self.shard_size = shard_size
        self.mirror = mirror
        self.suffix = OUTPUT_SUFFIXES[compression]
        self.compression = None if compression == "none" else compression
        self.progress = self._begin(settings, resume)
        self.inputs = self.progress.inputs_done
        self.files = self.progress.files_done
        self._file: _File | None = None
        self._input: str | None = None
        self._in_file = 0

    def _begin(self, settings: dict[str, Any], resume: bool) -> Progress:
        run_file = self.folder / RUN_FILE
        if resume and run_file.exists():
            saved = json.loads(run_file.read_text(encoding="utf-8"))
            progress = Progress(**saved)
            changed = sorted(key for key in {*settings, *progress.settings}
                             if settings.get(key) != progress.settings.get(key))
            if changed:
                raise RunRefusedError(f"{self.folder} holds a run made with other settings "
                                 f"({', '.join(changed)}); run it as before to resume it")
            self._remove_partials()
            return progress
        if self.folder.exists() and any(self.folder.iterdir()):
            hint = ("add --resume to continue the run it holds" if run_file.exists()
                    else "choose an empty or new folder")
            raise RunRefusedError(f"--output-dir {self.folder} is not empty: {hint}")
        self.folder.mkdir(parents=True, exist_ok=True)
        progress = Progress(settings)
        self._save(progress)
        return progress

    def _remove_partials(self) -> None:
        """Files an interrupted run left half written (a killed run cannot clean up)."""
        for partial in self.folder.rglob(f".*{PARTIAL_SUFFIX}"):
            partial.unlink(missing_ok=True)

    def done_texts(self) -> Iterator[dict[str, Any]]:
        """The records the complete files hold (to remember their text hashes on resume)."""
        for path in sorted(self.folder.rglob(f"*{self.suffix}")):
            with path.open("rb") as raw:
                name = compression_of(raw.read(6))
                raw.seek(0)
                for line in open_decompressed(name, raw):
                    yield json.loads(line)

    def add(self, input_name: str, line: str | None, *, error: bool = False,
            dropped: str | None = None) -> None:
        """Take the next record: its JSON line, or None when a filter dropped it."""
        if self.mirror and input_name != self._input:
            self._close_file()  # the previous input's file is complete
            self._input = input_name
        self.inputs += 1
        if dropped is not None:
            self.progress.dropped[dropped] = self.progress.dropped.get(dropped, 0) + 1
            return
        assert line is not None
        if self._file is None:
            target = self.folder / self._name(input_name)
            if not target.resolve().is_relative_to(self.folder.resolve()):  # a link inside
                raise OSError(f"{target} would be written outside {self.folder}")
            self._file = _File(target, self.compression)
        self._file.write(line)
        self._in_file += 1
        self.progress.written += 1
        self.progress.errors += error
        if not self.mirror and self._in_file == self.shard_size:
            self._close_file()

    def _name(self, input_name: str) -> str:
        if self.mirror:
            return mirror_path(input_name) + self.suffix
        return f"part-{self.files:05d}{self.suffix}"

    def _close_file(self) -> None:
        """The open file is complete: rename it, and note how far the run got."""
        if self._file is not None:
            self._file.complete()
            self._file = None
            self.files += 1
            self._in_file = 0
        self._checkpoint()

    def _checkpoint(self, complete: bool = False) -> None:
        self.progress.inputs_done = self.inputs
        self.progress.files_done = self.files
        self.progress.complete = complete
        self._save(self.progress)

    def finish(self) -> None:
        """Every record is in: the last file is complete, and so is the run."""
        if self._file is not None:
            self._file.complete()
            self._file = None
            self.files += 1
        self._checkpoint(complete=True)

    def abandon(self) -> None:
        """The run stops early: the open file is removed; --resume makes it again."""
        if self._file is not None:
            self._file.abandon()
            self._file = None

    def _save(self, progress: Progress) -> None:
        target = self.folder / RUN_FILE
        partial, stream = partial_file(target)
        with stream:
            stream.write(json.dumps(asdict(progress), indent=1, sort_keys=True).encode())
        partial.replace(target)


class _File:
    """One output file, written under a temporary name until it is complete."""

    def __init__(self, target: Path, compression: str | None) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        self.target = target
        self.partial, self.raw = partial_file(target)
        self._packing = compressing(self.raw, compression)
        self.stream: BinaryIO = self._packing.__enter__()

    def write(self, line: str) -> None:
        self.stream.write(line.encode("utf-8", "replace"))

    def complete(self) -> None:
        self._packing.__exit__(None, None, None)
        self.raw.close()
        self.partial.replace(self.target)

    def abandon(self) -> None:
        try:
            self._packing.__exit__(None, None, None)
            self.raw.close()
        except OSError:
            pass
        self.partial.unlink(missing_ok=True)


def settings_digest(values: list[str]) -> str:
    """A short digest of a long list (the input paths), to compare two runs' settings."""
    digest = hashlib.sha256()
    for value in values:
        digest.update(value.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()[:16]

