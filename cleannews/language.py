"""Language identification: py3langid's model, read into memory once per process.

py3langid 0.4 ships its model as an LZMA-compressed NumPy ``.npz`` (4.5 MB, 65 MB
unpacked) and its own loader unpacks it into a temporary file before reading it back.
That write and read cost about a third of the load time, and the loader fails where
temporary files cannot be written (a read-only or full ``/tmp``, a file-size limit).
:func:`identifier` reads the same arrays straight from the decompressing stream into
their final buffers, with no temporary file and no second copy, and hands them to
py3langid's own :class:`~py3langid.langid.LanguageIdentifier`, so every answer is
py3langid's. Decompressing the model is what is left of the load time (about 0.4 s).

A py3langid whose model is in another layout (0.3 pickles it) is loaded by py3langid.
"""

from __future__ import annotations

import io
import lzma
import struct
from array import array
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["classify", "identifier"]

# The arrays of py3langid 0.4's model, each a member of the .npz (a zip of .npy files).
_MEMBERS = frozenset({"ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat"})
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")  # a zip member's local file header
_LOCAL_SIGNATURE = b"PK\x03\x04"
_STORED = 0  # numpy.savez stores members uncompressed
_DATA_DESCRIPTOR_FLAG = 0x08
_ARRAY_TYPECODES = {2: "H", 4: "I", 8: "L"}  # unsigned, by item size (py3langid's choice)


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


def _unsigned_array(values: NDArray[np.unsignedinteger[Any]]) -> array[int]:
    """A NumPy array of unsigned integers as a stdlib array, as py3langid's DFA walk wants."""
    import numpy as np

    out = array(_ARRAY_TYPECODES[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).reshape(-1).view(np.uint8).data)
    return out


def _load_in_memory() -> Identifier:
    """py3langid 0.4's identifier, its model read without a temporary file."""
    from py3langid import langid

    path = langid.MODEL_DIR / langid.MODEL_FILE
    if not str(path).endswith(".npz.xz"):
        raise ModelLayoutError(f"not an .npz.xz model: {path}")
    with lzma.open(path) as stream:
        arrays = _read_npz(stream)
    if set(arrays) != _MEMBERS:
        raise ModelLayoutError(f"model arrays {sorted(arrays)}")
    loaded: Identifier = langid.LanguageIdentifier(
        arrays["ptc"], arrays["pc"], arrays["classes"].tolist(),
        _unsigned_array(arrays["nextmove"]), arrays["out_feat"].tolist(),
        tk_row=_unsigned_array(arrays["nextmove_row"]))
    return loaded


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
        return _load_in_memory()
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
