"""JSON Lines of records, each holding a page: one Document a line, or an error record.

A record's page is its ``html`` field (HTML) or, failing that, its ``text`` field (a text
dump); its ``url`` and ``id`` fields, when present, become the output record's. Every
field but the page is carried through unchanged in the output record's ``meta``, so
nothing the user had is lost. A line that is not a JSON object, or holds no page, gives an
error record naming the file and line, and the reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from cleannews.detect import Kind
from cleannews.inputs.failed import read_error
from cleannews.pipeline import Document
from cleannews.records import ErrorRecord

__all__ = ["JSONL_SUFFIXES", "Fields", "is_jsonl_name", "read_jsonl"]

# Names of JSON Lines files, before any compression suffix.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_COMPRESSION_SUFFIXES = (".gz", ".bz2", ".xz", ".zst")
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Fields:
    """The names of the fields that hold the page, its url and its id."""

    html: str = "html"
    text: str = "text"
    url: str = "url"
    id: str = "id"


def is_jsonl_name(path: str) -> bool:
    """Whether a file's name says it holds JSON Lines (``.jsonl``, ``.ndjson``, compressed).

    >>> is_jsonl_name("crawl/part-0.jsonl.gz"), is_jsonl_name("page.json")
    (True, False)
    """
    name = path.lower()
    for suffix in _COMPRESSION_SUFFIXES:
        name = name.removesuffix(suffix)
    return name.endswith(JSONL_SUFFIXES)


def read_jsonl(stream: BinaryIO, source: str, fields: Fields, *, max_bytes: int = 0,
               url: str | None = None) -> Iterator[Document | ErrorRecord]:
    """A document for each record of ``stream`` (blank lines skipped), in order.

    ``max_bytes`` (0: no limit) bounds a line: a longer one gives an error record of type
    ``input_too_large`` without being held in memory. ``url`` is used where a record has
    none. A stream that breaks (a truncated gzip file) gives one last error record.

    >>> import io
    >>> lines = io.BytesIO(b'{"id": 7, "text": "Storm hits coast.", "lang": "en"}\\nnot json\\n')
    >>> page, error = read_jsonl(lines, "pages.jsonl", Fields())
    >>> page.id, page.kind.value, page.meta, error.source
    ('7', 'text', {'id': 7, 'lang': 'en'}, 'pages.jsonl:2')
    >>> error.error.message
    'pages.jsonl:2: not JSON: Expecting value'
    """
    number = 0
    while True:
        number += 1
        where = f"{source}:{number}"
        try:
            line = stream.readline(max_bytes + 1 if max_bytes else -1)
        except (OSError, EOFError, ValueError) as error:
            yield read_error(where, url, "unreadable",
                             f"{where}: the file breaks off here: {error}")
            return
        if not line:
            return
        if max_bytes and len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield read_error(where, url, "input_too_large", f"{where}: the line is longer than "
                         f"{max_bytes} bytes (--max-input-bytes; 0 for no limit)")
            continue
        if line.strip():
            yield _document(line, where, fields, url)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _document(line: bytes, where: str, fields: Fields, url: str | None,
              ) -> Document | ErrorRecord:
    try:
        value = json.loads(line)
    except ValueError as error:  # JSONDecodeError, or bytes that are not UTF-8
        reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        return read_error(where, url, "unreadable", f"{where}: not JSON: {reason}")
    if not isinstance(value, dict):
        return read_error(where, url, "unreadable",
                      f"{where}: not a JSON object but a {type(value).__name__}")
    record: dict[str, Any] = value
    own_url = record.get(fields.url)
    url = own_url if isinstance(own_url, str) and own_url.strip() else url
    for name, kind in ((fields.html, Kind.HTML), (fields.text, Kind.TEXT)):
        page = record.get(name)
        if isinstance(page, str):
            record_id = record.get(fields.id)
            return Document(
                page, source=where, url=url, kind=kind,
                id=None if record_id is None or record_id == "" else str(record_id),
                meta={key: field for key, field in record.items() if key != name},
            )
    return read_error(where, url, "unreadable", f"{where}: no page: neither {fields.html!r} "
                  f"nor {fields.text!r} holds a string (--html-field, --text-field)",
                  meta=record)
