"""Which files a run reads: named paths, folders walked, ``--glob`` filters, ``--files-from``.

Paths are streamed, never listed whole: a folder is walked depth first, each folder's
entries in sorted order (one folder's names at a time in memory), hidden entries left
out. Every entry that is not a folder is an input, so that a broken or looping symbolic
link, or a pipe or socket, gives an error record instead of vanishing from the run (or,
for a pipe, blocking it); so does a named folder that holds no file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = ["STDIN", "Found", "listed_paths", "walk"]

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Found:
    """An input path, or why it cannot be read (``refused``; it then gives an error record)."""

    path: str
    refused: str | None = None


def walk(paths: Iterable[str], globs: tuple[str, ...] = ()) -> Iterator[Found]:
    """Each path as given, a folder replaced by the files it holds.

    ``globs`` keep only the files of a walk whose path inside the folder matches one of
    them (``**`` spans folders; a pattern without ``/`` matches the file name; ``!PATTERN``
    leaves matches out); a file named directly is always read.
    """
    matches = _matcher(globs)
    for path in paths:
        if path == STDIN or not Path(path).is_dir():
            yield Found(path)  # a missing file becomes an error record when it is read
            continue
        found = False
        for relative, entry in _entries(path, ""):
            if matches is not None and not matches(relative):
                continue
            found = True
            yield Found(entry.path, None if _regular(entry)
                        else "not a regular file (a pipe, socket or device)")
        if not found:
            yield Found(path, "a directory that holds no file" if matches is None
                        else "a directory that holds no file matching --glob")


def _entries(folder: str, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(path inside the walked folder, entry) for each file below ``folder``, depth first."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((entry for entry in listing if not entry.name.startswith(".")),
                             key=lambda entry: entry.name)
    except OSError:
        return  # an unreadable subfolder: its files cannot be listed, let alone read
    for entry in entries:
        relative = prefix + entry.name
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            yield from _entries(entry.path, relative + "/")
        elif not _links_to_folder(entry):
            yield relative, entry


def _regular(entry: os.DirEntry[str]) -> bool:
    """A file, or a link that fails when read (broken, looping): reading says why."""
    try:
        return entry.is_file() or not Path(entry.path).exists()
    except OSError:
        return True


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    """A symbolic link to a folder is not followed (it could loop), nor read."""
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False


def _matcher(globs: tuple[str, ...]) -> Callable[[str], bool] | None:
    if not globs:
        return None
    from wcmatch import glob  # imported only for a run with --glob

    flags = glob.GLOBSTAR | glob.NEGATE | glob.MATCHBASE | glob.DOTGLOB
    if all(pattern.startswith("!") for pattern in globs):
        flags |= glob.NEGATEALL  # only exclusions: everything else is kept

    def matches(relative: str) -> bool:
        return bool(glob.globmatch(relative, list(globs), flags=flags))

    return matches


def listed_paths(stream: BinaryIO) -> Iterator[str]:
    """The paths ``--files-from`` lists, one a line (blank lines skipped), as they come.

    The bytes of a name that is not UTF-8 are kept (``surrogateescape``), as the shell does.
    """
    for line in stream:
        path = os.fsdecode(line.rstrip(b"\r\n"))
        if path.strip():
            yield path
