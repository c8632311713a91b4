"""Decide whether decoded input is HTML or plain text, by cheap sniffing of its start."""

from __future__ import annotations

import enum
import re

__all__ = ["Kind", "detect_kind", "looks_like_binary", "looks_like_html", "sniff_file_format"]

# The start of a page says whether it is markup; a dumped page may quote a tag or two
# further down, so only the head of the input is sniffed.
SNIFF_CHARS = 4096

# Structural tags that a text dump does not contain at the start of a line.
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(
    r"<(?:html|head|body|div|p|meta|title|script|article|section|span|a\s+href|table)\b[^>]*>",
    re.IGNORECASE,
)
# A fragment with this many structural tags in its head is markup, not text quoting a tag.
MIN_TAGS_FOR_FRAGMENT = 3

# Share of control characters (other than tab/newline/CR/form feed) above which the
# input is binary: text in any language has next to none.
BINARY_CONTROL_SHARE = 0.1
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


# Files that are neither HTML nor text, by their first bytes: a saved page is sometimes a
# PDF or an image under an .html name. Some of these start with printable bytes ("%PDF-"),
# so the share of control characters alone would let them through as text.
_FILE_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    # (signature, offset, name)
    (b"%PDF-", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP archive (or a docx, xlsx, odt or epub)"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"RIFF", 0, "RIFF media (WebP, WAV or AVI)"),
    (b"ftyp", 4, "MP4 or QuickTime media"),  # after the first box's size, which starts 0
    (b"OggS", 0, "Ogg media"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"\x7fELF", 0, "executable"),
    (b"WARC/", 0, "WARC archive"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
)


def sniff_file_format(data: bytes) -> str | None:
    """Name the non-text file format that ``data`` starts with, if it has a known signature.

    >>> sniff_file_format(b"%PDF-1.7\\n%...")
    'PDF document'
    >>> sniff_file_format(b"<html><body>Hello</body></html>") is None
    True
    """
    for signature, offset, name in _FILE_SIGNATURES:
        if data.startswith(signature, offset):
            if signature == b"BZh" and not data[3:4].isdigit():
                continue  # "BZh" alone starts words too; bzip2 follows it with a block size
            if offset and data[:1] != b"\x00":
                continue  # "ftyp" after four letters of text is no media file
            return name
    return None


class Kind(str, enum.Enum):
    """The kind of an input document."""

    HTML = "html"
    TEXT = "text"


def looks_like_html(text: str) -> bool:
    """Return True when the text starts like an HTML document or fragment.

    >>> looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    True
    >>> looks_like_html("Home > News\\nA story about <div> tags.")
    False
    """
    head = text[:SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAG.findall(head)) >= MIN_TAGS_FOR_FRAGMENT


def looks_like_binary(text: str) -> bool:
    """Return True when decoded text is mostly control characters (a binary file).

    >>> looks_like_binary("\\x00" * 100)
    True
    >>> looks_like_binary("Ordinary text.\\n")
    False
    """
    head = text[:SNIFF_CHARS]
    if not head:
        return False
    return len(_CONTROL.findall(head)) / len(head) > BINARY_CONTROL_SHARE


def detect_kind(text: str) -> Kind:
    """Return the kind of a decoded document.

    >>> detect_kind("<html><p>Hi</p></html>")
    <Kind.HTML: 'html'>
    >>> detect_kind("Just a line of text.")
    <Kind.TEXT: 'text'>
    """
    return Kind.HTML if looks_like_html(text) else Kind.TEXT
