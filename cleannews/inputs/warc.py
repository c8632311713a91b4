"""Placeholder until the WARC reader lands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cleannews.pipeline import Document
from cleannews.records import ErrorRecord


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    reason: str


def looks_like_warc(head: bytes) -> bool:
    return head.lstrip().startswith(b"WARC/")


def read_warc(path: str, *, max_bytes: int, stream: BinaryIO | None = None,
              ) -> Iterator[Document | ErrorRecord | Skipped]:
    raise OSError("no WARC reader yet")
    yield
