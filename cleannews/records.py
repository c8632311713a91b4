"""Output records and their one-line JSON form: the only place cleannews serializes.

Every input gives exactly one record. A :class:`Record` carries the clean text and
metadata (``status`` is ``ok``, or ``empty`` when no article text was found); an
:class:`ErrorRecord` says which stage failed and why. Both have the same keys, in the same
order, so a stream of them loads into one table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from cleannews import __version__

__all__ = [
    "FIELDS",
    "SCHEMA_VERSION",
    "ErrorInfo",
    "ErrorRecord",
    "Record",
    "to_json_line",
    "write_jsonl",
]

# Bump on any change to the keys or their meaning, and note it in CHANGELOG.md.
SCHEMA_VERSION = 1

FIELDS: tuple[str, ...] = (
    "schema_version", "cleannews_version", "id", "source", "status", "url", "title", "author",
    "date", "site_name", "description", "categories", "tags", "language", "dateline", "text",
    "input_kind", "encoding", "encoding_confidence", "decode_lossy", "removed", "boilerplate",
    "error",
)

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters that JSON allows raw but that some line readers (str.splitlines, JavaScript)
# take as line ends; escaping them keeps one record on one line for every reader.
_LINE_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}
_LINE_SEPARATOR = re.compile("[\u2028\u2029\u0085]")


@dataclass(frozen=True, slots=True)
class Record:
    """A document that went through every stage."""

    id: str
    source: str
    text: str
    input_kind: str
    encoding: str
    encoding_confidence: float
    decode_lossy: bool = False
    url: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    description: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = None
    dateline: str | None = None
    removed: dict[str, int] = field(default_factory=dict)
    boilerplate: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return "ok" if self.text.strip() else "empty"

    def to_dict(self) -> dict[str, Any]:
        """Return the record as JSON-safe values, keys in :data:`FIELDS` order."""
        values: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "cleannews_version": __version__,
            "status": self.status,
            "categories": list(self.categories),
            "tags": list(self.tags),
            "removed": dict(self.removed),
            "boilerplate": self.boilerplate,
            "error": None,
        }
        return {name: values[name] if name in values else getattr(self, name) for name in FIELDS}


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """Which stage failed, a stable snake_case code, and a message for people."""

    stage: str
    type: str
    message: str


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """A document that could not be processed; the batch goes on."""

    id: str
    source: str
    error: ErrorInfo
    input_kind: str | None = None
    encoding: str | None = None
    url: str | None = None

    @property
    def status(self) -> str:
        return "error"

    def to_dict(self) -> dict[str, Any]:
        """Return the record with the same keys as :meth:`Record.to_dict`, unknowns null."""
        values: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "cleannews_version": __version__,
            "id": self.id,
            "source": self.source,
            "status": "error",
            "url": self.url,
            "input_kind": self.input_kind,
            "encoding": self.encoding,
            "categories": [],
            "tags": [],
            "removed": {},
            "boilerplate": {},
            "error": {"stage": self.error.stage, "type": self.error.type,
                      "message": self.error.message},
        }
        return {name: values.get(name) for name in FIELDS}


def to_json_line(record: Record | ErrorRecord) -> str:
    """Serialize a record as one line of JSON, ending in a newline.

    >>> to_json_line(ErrorRecord("x", "-", ErrorInfo("decode", "empty_input", "no bytes")))[:36]
    '{"schema_version": 1, "cleannews_ver'
    """
    line = json.dumps(record.to_dict(), ensure_ascii=False)
    # Lone surrogates (from text decoded with surrogateescape upstream, or a library) cannot
    # be written as UTF-8; they become U+FFFD rather than crash the writer.
    line = _SURROGATE.sub("\ufffd", line)
    line = _LINE_SEPARATOR.sub(lambda m: _LINE_SEPARATORS[m.group(0)], line)
    return line + "\n"


def write_jsonl(records: Iterable[Record | ErrorRecord], stream: IO[str]) -> tuple[int, int]:
    """Write records to a text stream; return (records written, error records)."""
    written = errors = 0
    for record in records:
        stream.write(to_json_line(record))
        written += 1
        errors += record.status == "error"
    return written, errors
