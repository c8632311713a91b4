"""Output records and their one-line JSON form: the only place cleannews serializes.

Every input gives exactly one record. A :class:`Record` carries the clean text and
metadata (``status`` is ``ok``, or ``empty`` when no article text was found); an
:class:`ErrorRecord` says which stage failed and why. Both have the same keys, in the same
order, so a stream of them loads into one table.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from cleannews import __version__
from cleannews.data import METADATA_FIELDS, Metadata
from cleannews.errors import Stage

__all__ = [
    "FIELDS",
    "REMOVED_REASONS",
    "SCHEMA_VERSION",
    "ErrorInfo",
    "ErrorRecord",
    "Record",
    "text_hash",
    "to_json_line",
    "write_jsonl",
]

# Bump on any change to the keys or their meaning, and note it in CHANGELOG.md.
SCHEMA_VERSION = 4

# A record's keys, in order: who made it and from what, what kind of page it is, the
# metadata, the text, what the input was, what was removed, the error (its fields empty
# unless status is "error"), and the input record's own fields (a JSON text, "{}" for none).
FIELDS: tuple[str, ...] = (
    "schema_version", "cleannews_version", "id", "source", "status", "page_type",
    "page_type_confidence", *METADATA_FIELDS,
    "text", "text_hash", "input_kind", "encoding", "encoding_confidence", "decode_lossy", "removed",
    "boilerplate", "error", "meta",
)

# Every key of a record's ``removed``, in this order, zeros included, so that every record
# has the same keys and loads into one table column (datasets, pandas, polars, duckdb): the
# text rules' reasons (cleannews.lines.DropReason), then the blocks the HTML stage removes
# (cleannews.extract.trim; ``photo_credit`` counts lines and blocks). tests/test_records.py
# checks that it names every reason there is.
REMOVED_REASONS: tuple[str, ...] = (
    "navigation", "title", "date_line", "byline", "reaction_counter", "tagline",
    "cookie_notice", "photo_credit", "comment", "duplicate", "link_farm", "classifier",
    "headline", "kicker", "standfirst", "link_list", "call_to_action", "credit", "contact",
    "separator", "heading", "label", "share_bar",
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
    metadata: Metadata = field(default_factory=Metadata)
    removed: dict[str, int] = field(default_factory=dict)  # reasons left out count 0
    # navigation and counters (lists of lines), link_farms (LinkFarm-like dicts, or a
    # heading -> number of links mapping); what is left out is empty
    boilerplate: dict[str, Any] = field(default_factory=dict)
    # what kind of page it is (cleannews.pagetype.PAGE_TYPES) and the model's probability
    page_type: str | None = None
    page_type_confidence: float | None = None
    # the input record's own fields (JSON Lines, WARC), carried through unchanged
    meta: dict[str, Any] | None = None

    @property
    def status(self) -> str:
        return "ok" if self.text.strip() else "empty"

    @property
    def text_hash(self) -> str | None:
        """:func:`text_hash` of the text (None when it is empty)."""
        return text_hash(self.text) if self.text.strip() else None

    def to_dict(self) -> dict[str, Any]:
        """Return the record as JSON-safe values, keys in :data:`FIELDS` order."""
        return _flat(self.id, self.source, self.status, self.metadata, {
            "page_type": self.page_type,
            "page_type_confidence": _float(self.page_type_confidence),
            "text": self.text,
            "text_hash": self.text_hash,
            "input_kind": self.input_kind,
            "encoding": self.encoding,
            "encoding_confidence": _float(self.encoding_confidence),
            "decode_lossy": self.decode_lossy,
            "removed": _removed(self.removed),
            "boilerplate": _boilerplate(self.boilerplate),
            # An error record's keys, empty (not null: a reader that types a column from the
            # first rows, as datasets and duckdb do, would type null ones null and then
            # reject, or drop, the first error record further on).
            "error": {"stage": "", "type": "", "message": ""},
            "meta": _meta(self.meta),
        })


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """Which stage failed, a stable snake_case code (:data:`cleannews.errors.ERROR_TYPES`),
    and a message for people."""

    stage: Stage
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
    metadata: Metadata = field(default_factory=Metadata)  # the url, where the caller gave one
    meta: dict[str, Any] | None = None  # the input record's own fields, as in Record

    @property
    def status(self) -> str:
        return "error"

    def to_dict(self) -> dict[str, Any]:
        """Return the record with the same keys as :meth:`Record.to_dict`, unknowns null."""
        return _flat(self.id, self.source, "error", self.metadata, {
            "input_kind": self.input_kind,
            "encoding": self.encoding,
            "removed": _removed({}),
            "boilerplate": _boilerplate({}),
            "error": {"stage": self.error.stage, "type": self.error.type,
                      "message": self.error.message},
            "meta": _meta(self.meta),
        })


def text_hash(text: str) -> str:
    """A digest of a text that two copies share whatever their case and white space: the
    first 32 hex digits of the SHA-256 of its words, lower-cased (``str.casefold``) and
    joined by single spaces. Exact duplicates have equal hashes, for dedup downstream.

    >>> text_hash("The  museum\\nreopened.") == text_hash("the museum REOPENED.")
    True
    """
    words = " ".join(text.casefold().split())
    return hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _float(value: float | None) -> float | None:
    """A number always written as one (``1.0``, never ``1``): one type per column."""
    return None if value is None else float(value)


def _removed(counts: dict[str, int]) -> dict[str, int]:
    """Every reason of :data:`REMOVED_REASONS` in its order, zeros included (a reason not in
    the list, which the tests rule out, comes last rather than be lost)."""
    return {**{reason: int(counts.get(reason, 0)) for reason in REMOVED_REASONS},
            **{reason: int(count) for reason, count in counts.items()
               if reason not in REMOVED_REASONS}}


def _boilerplate(boilerplate: dict[str, Any]) -> dict[str, Any]:
    """The same three keys in every record; link farms as a list of ``{"heading", "links"}``
    objects (a heading-keyed object would give every page its own keys)."""
    farms = boilerplate.get("link_farms") or []
    if isinstance(farms, dict):
        farms = [{"heading": heading, "links": links} for heading, links in farms.items()]
    return {
        "navigation": list(boilerplate.get("navigation") or []),
        "counters": list(boilerplate.get("counters") or []),
        "link_farms": [{"heading": str(farm["heading"]), "links": int(farm["links"])}
                       for farm in farms],
    }


def _meta(meta: dict[str, Any] | None) -> str:
    """The input record's own fields as the text of one JSON object (``{}`` when it had
    none): their keys and types differ from an input to the next, which no table column can
    hold as an object, while a string column loads everywhere (``json.loads`` it back)."""
    return json.dumps(meta or {}, ensure_ascii=False)


def _flat(record_id: str, source: str, status: str, metadata: Metadata,
          values: dict[str, Any]) -> dict[str, Any]:
    """One record as a flat dict in :data:`FIELDS` order: the one place records take shape."""
    flat: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION, "cleannews_version": __version__, "id": record_id,
        "source": source, "status": status, **metadata.to_dict(), **values,
    }
    return {name: flat.get(name) for name in FIELDS}


def to_json_line(record: Record | ErrorRecord) -> str:
    """Serialize a record as one line of JSON, ending in a newline.

    >>> to_json_line(ErrorRecord("x", "-", ErrorInfo("read", "unreadable", "gone")))[:36]
    '{"schema_version": 4, "cleannews_ver'
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
