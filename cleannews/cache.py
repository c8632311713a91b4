"""Arrays worth keeping between processes, in the user's cache folder.

Some of what a run needs is derived from data that ships with cleannews or a dependency and
is costly to derive: py3langid's model must be decompressed (about 0.5 s), and the table of
character classes takes tens of milliseconds to build. A shell user pays that on every
call. :func:`cached_arrays` derives such arrays once per machine, keeps them as plain
``.npy`` files, and loads them in later processes in milliseconds; large ones are mapped,
so only the pages a run touches are read and parallel workers share one copy.

Each entry is a folder named by what it was derived from (its key), written under a
temporary name and renamed into place, so a reader never sees half of one. A cache that
cannot be read or written is skipped: the arrays are then derived, as without a cache.
``CLEANNEWS_CACHE_DIR`` moves the cache (by default the user's cache folder,
``~/.cache/cleannews`` on Linux) and ``CLEANNEWS_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "cached_arrays"]

LOGGER = logging.getLogger(__name__)

Arrays = dict[str, Any]  # name -> NumPy array


def cache_dir() -> Path | None:
    """Where derived arrays are kept: ``CLEANNEWS_CACHE_DIR``, else the user's cache folder;
    None when ``CLEANNEWS_NO_CACHE`` is set (to anything but ``0``)."""
    if os.environ.get("CLEANNEWS_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("CLEANNEWS_CACHE_DIR")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("cleannews", appauthor=False))


def cached_arrays(kind: str, key: str, derive: Callable[[], Arrays], names: Collection[str],
                  mapped: Collection[str] = ()) -> Arrays:
    """The arrays ``names`` of ``kind`` derived from ``key``: read from the cache (the ones in
    ``mapped`` mapped, not read), else derived by ``derive`` and stored for next time.

    ``key`` must change whenever what ``derive`` returns would: it names the entry.
    """
    root = cache_dir()
    if root is None:
        return derive()
    folder = root / kind / key
    try:
        return _read(folder, names, mapped)
    except (OSError, ValueError) as error:  # missing, or damaged: derived again
        LOGGER.debug("no usable cache at %s: %s", folder, error)
    arrays = derive()
    try:
        shutil.rmtree(folder, ignore_errors=True)
        _write(arrays, folder)
    except OSError as error:
        LOGGER.debug("cannot write the cache at %s: %s", folder, error)
    return arrays


def _read(folder: Path, names: Collection[str], mapped: Collection[str]) -> Arrays:
    import numpy as np

    return {name: np.load(folder / f"{name}.npy", mmap_mode="r" if name in mapped else None,
                          allow_pickle=False)
            for name in names}


def _write(arrays: Arrays, folder: Path) -> None:
    """Store ``arrays`` as ``folder``, atomically."""
    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=folder.parent))
    try:
        for name, values in arrays.items():
            np.save(staging / f"{name}.npy", values, allow_pickle=False)
        staging.replace(folder)  # fails if another process got there first: fine
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not folder.is_dir():
            raise
