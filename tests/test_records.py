"""Records and their one-line JSON form."""

from __future__ import annotations

import io
import json
from typing import Any

from cleannews import ErrorInfo, ErrorRecord, Metadata, Record, to_json_line, write_jsonl
from cleannews.pipeline import Document, clean_document
from cleannews.records import FIELDS, SCHEMA_VERSION


def _record(text: str = "Body.", removed: dict[str, int] | None = None,
            **metadata: Any) -> Record:
    return Record(id="abc", source="page.txt", text=text, input_kind="text", encoding="utf-8",
                  encoding_confidence=1.0, metadata=Metadata(**metadata),
                  removed=removed or {})


def _error() -> ErrorRecord:
    return ErrorRecord("abc", "page.txt", ErrorInfo("read", "unreadable", "cannot read page.txt"))


def test_keys_in_fixed_order() -> None:
    line = to_json_line(_record(title="T", tags=("a", "b"), removed={"navigation": 1}))
    assert list(json.loads(line)) == list(FIELDS)
    assert line.startswith('{"schema_version": 4, "cleannews_version": ')


def test_error_records_share_the_keys() -> None:
    ok, error = _record().to_dict(), _error().to_dict()
    assert list(ok) == list(error) == list(FIELDS)
    assert error["status"] == "error"
    assert error["error"] == {"stage": "read", "type": "unreadable",
                              "message": "cannot read page.txt"}
    assert error["text"] is None and error["tags"] == [] and error["removed"] == {}
    assert ok["error"] is None


def test_schema_and_version_in_every_record() -> None:
    from cleannews import __version__

    for record in (_record(), _error()):
        values = record.to_dict()
        assert values["schema_version"] == SCHEMA_VERSION == 4
        assert values["cleannews_version"] == __version__


def test_status() -> None:
    assert _record().status == "ok"
    assert _record(text=" \n ").status == "empty"
    assert _error().status == "error"


def test_one_line_utf8_not_escaped() -> None:
    line = to_json_line(_record(text="Zoë — 東京\nsecond line", title="Привет"))
    assert line.endswith("\n") and line.count("\n") == 1
    assert "東京" in line and "Привет" in line  # ensure_ascii=False


def test_line_separators_are_escaped() -> None:
    text = "one\u2028two\u2029three\u0085four"
    line = to_json_line(_record(text=text))
    assert len(line.splitlines()) == 1
    assert "\u2028" not in line and "\u2029" not in line and "\u0085" not in line
    assert json.loads(line)["text"] == text


def test_control_characters_stay_on_one_line() -> None:
    text = "a\x0bb\x0cc\x1cd\x1de\x1ef\rg\x00h"
    line = to_json_line(_record(text=text))
    assert len(line.splitlines()) == 1
    assert json.loads(line)["text"] == text


def test_lone_surrogates_become_replacement_characters() -> None:
    line = to_json_line(_record(text="bad \udc80 and \ud800 here", title="\udfff"))
    line.encode("utf-8")  # must not raise
    values = json.loads(line)
    assert values["text"] == "bad \ufffd and \ufffd here"
    assert values["title"] == "\ufffd"


def test_tuples_become_lists() -> None:
    values = _record(categories=("World",), tags=("a",)).to_dict()
    assert values["categories"] == ["World"] and values["tags"] == ["a"]


def test_write_jsonl_counts_records_and_errors() -> None:
    stream = io.StringIO()
    assert write_jsonl([_record(), _error(), _record()], stream) == (3, 1)
    lines = stream.getvalue().splitlines()
    assert [json.loads(line)["status"] for line in lines] == ["ok", "error", "ok"]


def test_same_record_same_bytes() -> None:
    assert to_json_line(_record(title="T")) == to_json_line(_record(title="T"))


def test_keys_are_derived_from_the_metadata_type() -> None:
    from dataclasses import fields

    from cleannews.data import METADATA_FIELDS

    names = tuple(field.name for field in fields(Metadata))
    assert names == METADATA_FIELDS
    start = FIELDS.index("url")
    assert FIELDS[start:start + len(names)] == names


def test_merge_prefers_known_values_field_by_field() -> None:
    from cleannews import merge

    page = Metadata(title="Storm hits coast", author="", tags=())
    text = Metadata(title="STORM - Planet", author="Jane Doe", tags=("weather",),
                    dateline="TOKYO (AP)")
    assert merge(page, text) == Metadata(title="Storm hits coast", author="Jane Doe",
                                         tags=("weather",), dateline="TOKYO (AP)")
    assert merge(Metadata(), text) == text and merge(text, Metadata()) == text


def test_error_record_carries_the_callers_url() -> None:
    record = ErrorRecord("abc", "-", ErrorInfo("read", "unreadable", "gone"),
                         metadata=Metadata(url="https://example.com/a"))
    values = record.to_dict()
    assert values["url"] == "https://example.com/a" and values["title"] is None


def test_text_hash_is_equal_for_exact_duplicates_and_null_without_text() -> None:
    first = Record("a", "-", "The museum reopened.\nIt was closed.", "text", "utf-8", 1.0)
    copy = Record("b", "-", "the museum  reopened.  It was CLOSED.", "html", "utf-8", 1.0)
    other = Record("c", "-", "The museum closed.", "text", "utf-8", 1.0)
    assert first.to_dict()["text_hash"] == copy.to_dict()["text_hash"]
    assert first.text_hash != other.text_hash and len(str(first.text_hash)) == 32
    assert Record("d", "-", " \n", "text", "utf-8", 1.0).to_dict()["text_hash"] is None
    error = ErrorRecord("e", "-", ErrorInfo("read", "unreadable", "gone"))
    assert error.to_dict()["text_hash"] is None


def test_a_documents_meta_is_carried_into_its_record_unchanged():
    meta = {"crawl": "CC-MAIN-2024-10", "tags": ["a", "b"], "n": 3}
    record = clean_document(Document("The museum reopened on Monday after a long repair.",
                                     meta=meta))
    error = clean_document(Document(b"\x00" * 64, meta=meta))
    assert json.loads(to_json_line(record))["meta"] == meta
    assert json.loads(to_json_line(error))["meta"] == meta
    assert json.loads(to_json_line(clean_document(Document("Text."))))["meta"] is None
