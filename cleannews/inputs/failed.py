"""The error record of an input that could not be read (stage ``read``): one shape for a
file, a JSON Lines line and a WARC record alike."""

from __future__ import annotations

from typing import Any

from cleannews.data import Metadata
from cleannews.pipeline import document_id
from cleannews.records import ErrorInfo, ErrorRecord

__all__ = ["read_error"]


def read_error(source: str, url: str | None, type_code: str, message: str,
               meta: dict[str, Any] | None = None) -> ErrorRecord:
    """An error record of stage ``read`` for ``source``, its id a digest of the source's
    name (the bytes of a file name that is not UTF-8 included).

    >>> read_error("gone.html", None, "unreadable", "cannot read gone.html").error.stage
    'read'
    """
    try:  # the bytes of a file name that is not UTF-8
        name = source.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a str no file system gave (a lone "\ud800")
        name = source.encode("utf-8", "surrogatepass")
    return ErrorRecord(id=document_id(name), source=source, metadata=Metadata(url=url),
                       error=ErrorInfo("read", type_code, message), meta=meta)
