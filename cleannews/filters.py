"""Which records a dataset keeps: the switches for building a training set from a crawl.

A record too short (``min_words``), in another language (``languages``) or with the same
text as an earlier one (``dedup``: equal :func:`~cleannews.records.text_hash`) is dropped,
with the reason counted, so nothing is lost silently: the end-of-run summary reports each
count, and the dropped records can be written elsewhere. Error records are never dropped:
they say what failed. Records come in input order, so "earlier" is well defined.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cleannews.lines.counts import count_lines
from cleannews.records import ErrorRecord, Record

__all__ = ["DROP_REASONS", "RecordFilter"]

# Why a record is dropped, in the order the tests are made.
DROP_REASONS = ("too_few_words", "language", "duplicate")


@dataclass
class RecordFilter:
    """Decides, record by record in input order, whether a dataset keeps it.

    ``min_words`` counts words as the line rules do (Chinese, Japanese, Thai... by
    characters); ``languages`` are ISO 639-1 codes, and a record whose language is unknown
    is dropped when any are asked for. ``dedup`` remembers 16 bytes per kept text.

    >>> keep = RecordFilter(min_words=3, dedup=True)
    >>> page = Record("a", "-", "The museum reopened.", "text", "utf-8", 1.0)
    >>> keep.drop_reason(page), keep.drop_reason(page), keep.dropped
    (None, 'duplicate', Counter({'duplicate': 1}))
    """

    min_words: int = 0
    languages: frozenset[str] = frozenset()
    dedup: bool = False
    dropped: Counter[str] = field(default_factory=Counter)
    _seen: set[bytes] = field(default_factory=set, repr=False)

    @property
    def active(self) -> bool:
        return bool(self.min_words or self.languages or self.dedup)

    def drop_reason(self, record: Record | ErrorRecord) -> str | None:
        """Why the record is dropped (counted in :attr:`dropped`), or None if it is kept."""
        reason = self._reason(record)
        if reason is not None:
            self.dropped[reason] += 1
        return reason

    def _reason(self, record: Record | ErrorRecord) -> str | None:
        if isinstance(record, ErrorRecord):
            return None
        if self.min_words and int(count_lines([record.text]).words[0]) < self.min_words:
            return "too_few_words"
        if self.languages and record.metadata.language not in self.languages:
            return "language"
        if self.dedup and record.text_hash is not None:
            digest = bytes.fromhex(record.text_hash)
            if digest in self._seen:
                return "duplicate"
            self._seen.add(digest)
        return None

    def remember(self, hash_hex: str | None) -> None:
        """Count a text kept before (by an interrupted run this one resumes) as seen."""
        if self.dedup and hash_hex:
            self._seen.add(bytes.fromhex(hash_hex))

    def summary(self) -> str:
        """The drops by reason, for the end-of-run summary ("" if none).

        >>> RecordFilter(dropped=Counter({"duplicate": 2, "language": 1})).summary()
        '3 dropped (language 1, duplicate 2)'
        """
        total = sum(self.dropped.values())
        if not total:
            return ""
        parts = ", ".join(f"{reason} {self.dropped[reason]}" for reason in DROP_REASONS
                          if self.dropped[reason])
        return f"{total} dropped ({parts})"
