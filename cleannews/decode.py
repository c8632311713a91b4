"""Bytes to text: the only place in cleannews where bytes become ``str``.

The order of attempts follows what scraped pages need: a byte-order mark wins, then
UTF-16 without one (told by its zero bytes), then strict UTF-8 (pages are often re-saved as
UTF-8 but keep their old ``<meta charset>``), then UTF-8 with a few stray single-byte
characters (a page pasted together from two sources), then the charset the document
declares, then chardet's guess, and finally UTF-8 with replacement characters, which never
fails and is reported as lossy.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode_bytes", "without_control_characters"]

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


# UTF-16 without a byte-order mark: in text that is mostly ASCII (markup, Latin scripts)
# every other byte is zero. Of the first bytes, at least this share of one parity's must be
# zero, and almost none of the other's.
UTF16_SNIFF_BYTES = 4096
UTF16_MIN_ZERO_SHARE = 0.25
UTF16_MAX_OTHER_ZERO_SHARE = 0.02

# A byte sequence that is valid UTF-8 and not ASCII; a stray Latin-1 byte seldom forms one.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_HIGH_BYTES = bytes(range(0x80, 0x100))
# A text is UTF-8 with stray single-byte characters when at least this share of its
# non-ASCII bytes form valid UTF-8 sequences. Text in a legacy encoding stays far below it:
# a Latin-1 or windows-1251 letter is seldom followed by the continuation bytes UTF-8 needs,
# and of GBK's, Big5's or EUC-KR's byte pairs about one in eight looks like UTF-8.
MOSTLY_UTF8_SHARE = 0.5

# Control characters no text means to carry: C0 but tab, line feed, vertical tab, form feed
# and carriage return; and DEL. C1 characters stay: they are the trace of a page whose
# UTF-8 or windows-1252 bytes a scraper decoded as Latin-1 ("we\x92re"), from which a
# mojibake fixer can still get the text back, and which deleting would lose.
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARACTERS = re.compile(f"[{re.escape(_CONTROL_BYTES.decode('ascii'))}]")
# Encodings (codecs' names) in which a control character is the byte of the same value and
# no other byte or sequence decodes to one: UTF-8 and these single-byte ones.
_CONTROLS_ARE_BYTES = frozenset({"utf-8", "ascii", "cp1252", "iso8859-1", "iso8859-15"})

# Browsers decode a page labelled Latin-1 (or ASCII) as windows-1252 (WHATWG Encoding),
# whose bytes 0x80-0x9F are curly quotes, dashes and the euro sign; Latin-1 has only
# control characters there.
_WINDOWS_1252_FOR = frozenset({"latin-1", "iso8859-1", "ascii", "iso8859-15"})


def _stray_byte_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8 is read as windows-1252 (else Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start:error.end]
    try:
        return stray.decode("cp1252"), error.end
    except UnicodeDecodeError:
        return stray.decode("latin-1"), error.end


codecs.register_error("cleannews.windows-1252", _stray_byte_as_windows_1252)


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


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode input bytes to text; never raises on any bytes.

    ``declared`` is the charset the bytes came with from outside (an HTTP header's): as
    in a browser, it is tried before the one the page declares in its markup.

    >>> decode_bytes("café".encode("utf-8")).encoding
    'utf-8'
    >>> decode_bytes(b"\\xef\\xbb\\xbfhi").text
    'hi'
    >>> decode_bytes(b"caf\\xe9 au lait, tr\\xe8s chaud").lossy
    False
    >>> decode_bytes("Привет, мир".encode("koi8-r"), declared="KOI8-R").text
    'Привет, мир'
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"decode_bytes takes bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is not None:
                return Decoded(text, "utf-8" if encoding == "utf-8-sig" else encoding, 1.0)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = _try(data, utf16)
        if text is not None:
            return Decoded(text, utf16, 0.9)
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", 1.0)
    share = _utf8_share(data)
    if share >= MOSTLY_UTF8_SHARE:
        return Decoded(data.decode("utf-8", errors="cleannews.windows-1252"), "utf-8",
                       round(share, 3))
    declared = (declared and _normalise_encoding_name(declared)) or declared_charset(data)
    if declared is not None:
        text = _try_single_byte_as_browsers_do(data, declared)
        if text is not None:
            return Decoded(text, declared, 0.9)
    guess = _guess_with_chardet(data)
    if guess is not None:
        encoding, confidence = guess
        text = _try_single_byte_as_browsers_do(data, encoding)
        if text is not None:
            return Decoded(text, encoding, confidence)
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", 0.0, lossy=True)


def _try_single_byte_as_browsers_do(data: bytes, encoding: str) -> str | None:
    """Decode with ``encoding``, reading a Latin-1 label as windows-1252 where that matters."""
    if encoding in _WINDOWS_1252_FOR and re.search(rb"[\x80-\x9f]", data):
        text = _try(data, "cp1252")
        if text is not None:
            return text
    return _try(data, encoding)


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 byte order of text without a byte-order mark, told by its zero bytes.

    >>> _utf16_without_bom("<html><p>Hello</p>".encode("utf-16-le"))
    'utf-16-le'
    >>> _utf16_without_bom(b"plain ASCII text") is None
    True
    """
    head = data[:UTF16_SNIFF_BYTES]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_zeros = head[0::2].count(0) / pairs
    odd_zeros = head[1::2].count(0) / pairs
    if odd_zeros >= UTF16_MIN_ZERO_SHARE and even_zeros <= UTF16_MAX_OTHER_ZERO_SHARE:
        return "utf-16-le"
    if even_zeros >= UTF16_MIN_ZERO_SHARE and odd_zeros <= UTF16_MAX_OTHER_ZERO_SHARE:
        return "utf-16-be"
    return None


def _utf8_share(data: bytes) -> float:
    """The share of non-ASCII bytes that belong to valid UTF-8 sequences (0 when none).

    >>> _utf8_share("café, naïve".encode() + b" and a stray \\xe9")
    0.8
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if not high:
        return 0.0
    # Counted by what deleting them leaves: no object per byte or per match on a long page.
    return (len(data) - len(_UTF8_SEQUENCE.sub(b"", data))) / high


def without_control_characters(text: str, source: Decoded | None = None,
                               data: bytes = b"") -> str:
    """Remove control characters that no text means to carry (NUL, escape, DEL, ...).

    Tabs and line ends stay, and so do vertical tabs and form feeds (dumpers write them
    between pages) and C1 characters.

    When ``text`` was decoded (``source``) from ``data`` in an encoding whose control
    characters are exactly its control bytes, the bytes are checked instead, many times
    faster; usually there is nothing to remove.

    >>> without_control_characters("caf\\x00é\\x1b[0m\\tok\\r\\n")
    'café[0m\\tok\\r\\n'
    >>> data = "café".encode()
    >>> without_control_characters("café", decode_bytes(data), data)
    'café'
    """
    if (source is not None and data and source.encoding in _CONTROLS_ARE_BYTES
            and len(data.translate(None, _CONTROL_BYTES)) == len(data)):
        return text
    return _CONTROL_CHARACTERS.sub("", text)


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
