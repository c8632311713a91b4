"""Language identification: py3langid's model, unpacked once per machine and mapped.

py3langid 0.4 ships its model as an LZMA-compressed NumPy ``.npz`` (4.5 MB, 65 MB
unpacked). Decompressing it takes about half a second, which a shell user would pay on
every call, and py3langid's own loader also writes the arrays to a temporary file on the
way (which fails where ``/tmp`` is read-only or full, or under a file-size limit).

:func:`identifier` reads the arrays straight from the decompressing stream into memory,
with no temporary file, the first time on a machine, and keeps them in the cache
(:mod:`cleannews.cache`); later processes map them. The arrays go to py3langid's own
:class:`~py3langid.langid.LanguageIdentifier`, so every answer is py3langid's.

A py3langid whose model is in another layout (0.3 pickles it) is loaded by py3langid.
"""

from __future__ import annotations

import io
import lzma
import struct
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from cleannews.cache import cached_arrays

__all__ = ["classify", "identifier"]

# The arrays of py3langid 0.4's model, each a member of the .npz (a zip of .npy files).
_MEMBERS = frozenset({"ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat"})
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")  # a zip member's local file header
_LOCAL_SIGNATURE = b"PK\x03\x04"
_STORED = 0  # numpy.savez stores members uncompressed
_DATA_DESCRIPTOR_FLAG = 0x08
_MAPPED = frozenset({"ptc", "nextmove"})  # the large arrays, mapped rather than read


class Identifier(Protocol):
    """What cleannews asks of a language identifier (py3langid's)."""

    def classify(self, text: str) -> tuple[str, float]: ...


class ModelLayoutError(ValueError):
    """The model file is not the .npz layout this reader knows."""


def _read_exactly(stream: io.BufferedIOBase, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise ModelLayoutError("the model file ends early")
    return data


def _read_npz(stream: io.BufferedIOBase) -> dict[str, Any]:
    """Every array of an uncompressed .npz read from a stream, in one pass.

    >>> import io, numpy as np
    >>> buffer = io.BytesIO()
    >>> np.savez(buffer, a=np.arange(3, dtype=np.uint16), b=np.array(["x", "yz"]))
    >>> arrays = _read_npz(io.BytesIO(buffer.getvalue()))
    >>> arrays["a"].tolist(), arrays["b"].tolist()
    ([0, 1, 2], ['x', 'yz'])
    """
    import numpy as np
    from numpy.lib import format as npy

    arrays: dict[str, Any] = {}
    while True:
        signature = stream.read(4)
        if signature != _LOCAL_SIGNATURE:  # the central directory: no more members
            return arrays
        fields = _LOCAL_HEADER.unpack(signature + _read_exactly(stream, _LOCAL_HEADER.size - 4))
        flags, method, name_length, extra_length = fields[2], fields[3], fields[9], fields[10]
        if method != _STORED or flags & _DATA_DESCRIPTOR_FLAG:
            raise ModelLayoutError("a compressed or streamed .npz member")
        name = _read_exactly(stream, name_length).decode("utf-8")
        _read_exactly(stream, extra_length)
        version = npy.read_magic(stream)
        if version == (1, 0):
            shape, fortran_order, dtype = npy.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, fortran_order, dtype = npy.read_array_header_2_0(stream)
        else:
            raise ModelLayoutError(f"an .npy member of version {version}")
        if fortran_order or dtype.hasobject:
            raise ModelLayoutError("a Fortran-ordered or object array")
        values = np.empty(shape, dtype=dtype)
        _read_into(stream, values.reshape(-1).view(np.uint8).data)
        arrays[name.removesuffix(".npy")] = values


def _read_into(stream: io.BufferedIOBase, buffer: memoryview) -> None:
    """Fill ``buffer`` from ``stream``."""
    filled = 0
    while filled < len(buffer):
        count = stream.readinto(buffer[filled:])
        if not count:
            raise ModelLayoutError("the model file ends early")
        filled += count


def _model_path() -> Path:
    from py3langid import langid

    path = Path(langid.MODEL_DIR) / str(langid.MODEL_FILE)
    if not path.name.endswith(".npz.xz"):
        raise ModelLayoutError(f"not an .npz.xz model: {path}")
    return path


def _unpack(path: Path) -> dict[str, Any]:
    """The model's arrays, decompressed into memory."""
    with lzma.open(path) as stream:
        arrays = _read_npz(stream)
    if set(arrays) != _MEMBERS:
        raise ModelLayoutError(f"model arrays {sorted(arrays)}")
    return arrays


def _from_arrays(arrays: dict[str, Any]) -> Identifier:
    """py3langid's identifier over the model's arrays.

    py3langid walks its automaton one byte at a time in Python, indexing ``nextmove`` and
    ``nextmove_row``: a memoryview of each (over memory or a mapped file) gives Python ints
    as fast as the :class:`array.array` py3langid builds itself.
    """
    from py3langid import langid

    loaded: Identifier = langid.LanguageIdentifier(
        arrays["ptc"], arrays["pc"], arrays["classes"].tolist(),
        memoryview(arrays["nextmove"]), arrays["out_feat"].tolist(),
        tk_row=memoryview(arrays["nextmove_row"]))
    return loaded


def _load_in_memory() -> Identifier:
    """py3langid 0.4's identifier, its model decompressed without a temporary file."""
    return _from_arrays(_unpack(_model_path()))


def _cache_key(path: Path) -> str:
    """Names one model: py3langid's version and the model file's size. Not its time, which a
    reinstall changes: every fresh virtual environment would unpack a new copy."""
    import py3langid

    return f"py3langid-{getattr(py3langid, '__version__', 'unknown')}-{path.stat().st_size}"


def _load_cached() -> Identifier:
    """py3langid 0.4's identifier over its model's arrays, unpacked once and then mapped."""
    path = _model_path()
    return _from_arrays(cached_arrays("language", _cache_key(path), lambda: _unpack(path),
                                      _MEMBERS, mapped=_MAPPED))


class _Py3langid:
    """py3langid's module-level identifier, loaded by py3langid itself."""

    def classify(self, text: str) -> tuple[str, float]:
        import py3langid

        language, score = py3langid.classify(text)
        return str(language), float(score)


@lru_cache(maxsize=1)
def identifier() -> Identifier:
    """The language identifier, loaded on first use and then kept for the process."""
    try:
        return _load_cached()
    except (ModelLayoutError, ImportError, AttributeError, KeyError, TypeError):
        return _Py3langid()  # another py3langid: its own loader


def classify(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is most likely in.

    >>> classify("The museum reopened on Monday after a two-year renovation.")
    'en'
    >>> classify("Das Museum wurde am Montag nach zweijähriger Renovierung wiedereröffnet.")
    'de'
    """
    language, _ = identifier().classify(text)
    return str(language)
