"""Records load, as written, into the tables ML tools read JSON Lines with (issue #15).

:func:`mixed_records` makes a file of ok, empty and error records with ``meta`` that varies
from record to record, as a crawl's output does; the test loads it with pyarrow's JSON
reader (what ``datasets.load_dataset("json", ...)`` and ``pandas.read_json(engine="pyarrow")``
use) with default arguments. ``python tests/test_loaders.py PAGE...`` writes such a file
from other pages, to try pandas, polars and duckdb on it by hand.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.json as pyarrow_json
import pytest

from cleannews.data import Metadata
from cleannews.pipeline import Document, clean_document
from cleannews.records import (
    FIELDS,
    REMOVED_REASONS,
    ErrorInfo,
    ErrorRecord,
    Record,
    to_json_line,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# What an input record's own fields look like, from a crawl to the next: keys and types
# vary, some are nested, some absent.
_METAS: tuple[dict[str, Any] | None, ...] = (
    None,
    {},
    {"crawl": "CC-MAIN-2025-13", "n": 3},
    {"tags": ["a", "b"]},
    {"tags": []},
    {"crawl_date": "2025-03-01T10:00:00Z", "warc_record_id": "<urn:uuid:1234>"},
    {"lang": "de", "score": 0.75, "ok": True},
    {"score": 1},
    {"n": "three"},
    {"nested": {"a": 1, "b": {"c": "d"}}},
    {"nested": {"a": "one"}},
    {"nested": None, "list": [{"x": 1}, {"y": "2"}]},
)

_ERRORS: tuple[ErrorInfo, ...] = (
    ErrorInfo("read", "unreadable", "cannot read page.html: permission denied"),
    ErrorInfo("read", "input_too_large", "input is larger than 50 MB (--max-input-bytes)"),
    ErrorInfo("read", "unsupported_format", "input is a PDF, not HTML or text"),
    ErrorInfo("extract", "extraction_error", "trafilatura failed"),
    ErrorInfo("extract", "too_deeply_nested", "markup is nested deeper than 2000 elements"),
    ErrorInfo("clean", "too_many_lines", "text has more than 200000 lines"),
    ErrorInfo("record", "timeout", "document took longer than 30 s"),
    ErrorInfo("record", "out_of_memory", "memory limit reached"),
    ErrorInfo("metadata", "internal_error", "KeyError: 'x'"),
)


def fixture_pages() -> list[Path]:
    """The project's own pages: HTML, text dumps, and inputs that make error records."""
    return sorted([*(FIXTURES / "html").glob("*.html"), *(FIXTURES / "text").glob("*.txt"),
                   *(FIXTURES / "negative").glob("*.txt"),
                   FIXTURES / "hostile" / "random-binary.bin",
                   FIXTURES / "hostile" / "nul-bytes.txt",
                   FIXTURES / "hostile" / "whitespace-only.txt"])


def _cleaned(pages: Iterable[Path]) -> list[Record | ErrorRecord]:
    records = [clean_document(Document(page.read_bytes(), source=str(page))) for page in pages]
    records += [clean_document(Document(b"")), clean_document(Document(b"\x00" * 64)),
                clean_document(Document(" \n\n ", source="blank.txt"))]
    records += [ErrorRecord(f"e{number}", f"page{number}.html", error,
                            input_kind="html" if number % 2 else None,
                            encoding="utf-8" if number % 3 else None,
                            metadata=Metadata(url=f"https://example.com/{number}"
                                              if number % 2 else None))
                for number, error in enumerate(_ERRORS)]
    return records


def mixed_records(pages: Iterable[Path], count: int = 10_000, seed: int = 15) -> Iterator[str]:
    """``count`` JSON lines: each page cleaned once, then records drawn from them with new
    ids and ``meta`` varied from record to record.

    The first rows are all ok records with one ``meta`` shape, so that a reader that infers
    the schema from the first rows (polars: 100) meets error records, empty records and
    other ``meta`` keys only later; a ``meta`` key first appears at row ``count // 2``.
    """
    records = _cleaned(pages)
    ok = [record for record in records if record.status == "ok"]
    rng = random.Random(seed)
    for row in range(count):
        if row < 150:
            record: Record | ErrorRecord = ok[row % len(ok)]
            meta: dict[str, Any] | None = {"crawl": "CC-MAIN-2025-13", "n": row}
        else:
            record = rng.choice(records)
            meta = rng.choice(_METAS)
            if row >= count // 2 and rng.random() < 0.2:
                meta = {**(meta or {}), "late": {"first_seen_at": row}}
        yield to_json_line(replace(record, id=f"{row:05d}-{record.id}", meta=meta))


def write_mixed_records(path: Path, pages: Iterable[Path], count: int = 10_000) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.writelines(mixed_records(pages, count))
    return path


@pytest.fixture(scope="module")
def mixed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_mixed_records(tmp_path_factory.mktemp("loaders") / "mixed.jsonl",
                               fixture_pages())


def test_the_file_mixes_every_status(mixed_file: Path) -> None:
    with mixed_file.open(encoding="utf-8") as lines:
        statuses = Counter(json.loads(line)["status"] for line in lines)
    assert sum(statuses.values()) == 10_000 and set(statuses) == {"ok", "empty", "error"}


@pytest.mark.parametrize("block_size", [None, 64 * 1024])
def test_pyarrow_reads_every_record(mixed_file: Path, block_size: int | None) -> None:
    """pyarrow's reader, with its defaults, then with small blocks: it types each block
    apart and fails on a column whose type changes from one block to the next (datasets
    reads a file in chunks the same way)."""
    options = pyarrow_json.ReadOptions(block_size=block_size) if block_size else None
    table = pyarrow_json.read_json(mixed_file, read_options=options)
    assert table.num_rows == 10_000 and table.column_names == list(FIELDS)
    schema = table.schema
    assert schema.field("removed").type == pa.struct(
        [(reason, pa.int64()) for reason in REMOVED_REASONS])
    assert schema.field("boilerplate").type == pa.struct([
        ("navigation", pa.list_(pa.string())), ("counters", pa.list_(pa.string())),
        ("link_farms", pa.list_(pa.struct([("heading", pa.string()), ("links", pa.int64())]))),
    ])
    assert schema.field("error").type == pa.struct(
        [("stage", pa.string()), ("type", pa.string()), ("message", pa.string())])
    for name in ("page_type_confidence", "encoding_confidence"):
        assert schema.field(name).type == pa.float64()
    assert schema.field("meta").type == pa.string()
    # nothing lost: the input's own fields come back whole, a key first seen half-way too
    metas = [json.loads(meta) for meta in table.column("meta").to_pylist()]
    assert {"crawl", "tags", "nested", "late"} <= {key for meta in metas for key in meta}
    errors = Counter(table.column("error").combine_chunks().field("type").to_pylist())
    assert errors[""] == Counter(table.column("status").to_pylist())["ok"] + Counter(
        table.column("status").to_pylist())["empty"]
    assert {"binary_input", "timeout", "unreadable"} <= set(errors)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    write_mixed_records(out, [Path(page) for page in sys.argv[2:]] or fixture_pages())
    print(out)
