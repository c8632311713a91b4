"""Bytes to text: the only place in cleannews where bytes become ``str``.

The order of attempts follows what scraped pages need: a byte-order mark wins, then strict
UTF-8 (pages are often re-saved as UTF-8 but keep their old ``<meta charset>``), then the
charset the document declares, then chardet's guess, and finally UTF-8 with replacement
characters, which never fails and is reported as lossy.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# How far into the document to look for <meta charset> / an XML declaration; browsers
# look at the first 1024 bytes, pages with long <head>s put it later, so allow more.
DECLARATION_SCAN_BYTES = 8192

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)

# Below this chardet confidence the guess is still used (it beats replacement characters),
# but the record says the encoding is uncertain.
CHARDET_MIN_CONFIDENCE = 0.2


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from input bytes, with how it was decoded."""

    text: str
    encoding: str
    encoding_confidence: float
    lossy: bool = False


def _normalise_encoding_name(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """Return the charset a document declares in a meta tag or XML declaration.

    >>> declared_charset(b'<html><head><meta charset="Shift_JIS"></head>')
    'shift_jis'
    >>> declared_charset(b'plain text') is None
    True
    """
    match = _DECLARED_CHARSET.search(data[:DECLARATION_SCAN_BYTES])
    if match is None:
        return None
    raw = (match.group(1) or match.group(2)).decode("ascii", "replace")
    return _normalise_encoding_name(raw)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode input bytes to text; never raises on any bytes.

    >>> decode_bytes("café".encode("utf-8")).encoding
    'utf-8'
    >>> decode_bytes(b"\\xef\\xbb\\xbfhi").text
    'hi'
    >>> decode_bytes(b"caf\\xe9 au lait, tr\\xe8s chaud").lossy
    False
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"decode_bytes takes bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is not None:
                return Decoded(text, "utf-8" if encoding == "utf-8-sig" else encoding, 1.0)
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", 1.0)
    declared = declared_charset(data)
    if declared is not None:
        text = _try(data, declared)
        if text is not None:
            return Decoded(text, declared, 0.9)
    guess = _guess_with_chardet(data)
    if guess is not None:
        encoding, confidence = guess
        text = _try(data, encoding)
        if text is not None:
            return Decoded(text, encoding, confidence)
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", 0.0, lossy=True)


def _guess_with_chardet(data: bytes) -> tuple[str, float] | None:
    import chardet  # imported lazily: only undeclared, non-UTF-8 input needs it

    # chardet is slow on long inputs and gains little past the first few hundred KB.
    result = chardet.detect(data[:200_000])
    name = result.get("encoding")
    if not name:
        return None
    encoding = _normalise_encoding_name(name)
    if encoding is None:
        return None
    return encoding, max(float(result.get("confidence") or 0.0), CHARDET_MIN_CONFIDENCE)
