"""Records and their one-line JSON form."""

from __future__ import annotations

import io
import json
from typing import Any

from cleannews import ErrorInfo, ErrorRecord, Metadata, Record, to_json_line, write_jsonl
from cleannews.pipeline import Document, clean_document
from cleannews.records import FIELDS, REMOVED_REASONS, SCHEMA_VERSION


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
    assert error["text"] is None and error["tags"] == []
    assert error["removed"] == dict.fromkeys(REMOVED_REASONS, 0)
    assert error["boilerplate"] == {"navigation": [], "counters": [], "link_farms": []}
    assert ok["error"] == {"stage": "", "type": "", "message": ""}


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
    # one JSON text: its keys and types vary from an input to the next (issue #15)
    assert json.loads(json.loads(to_json_line(record))["meta"]) == meta
    assert json.loads(json.loads(to_json_line(error))["meta"]) == meta
    assert json.loads(to_json_line(clean_document(Document("Text."))))["meta"] == "{}"


# --- one shape for every record (issue #15): table readers (datasets, pandas, polars,
# duckdb) type each column from the first rows they read ---------------------------------

def _types(value: Any, path: str = "") -> dict[str, set[str]]:
    """Every key path of a record's JSON value, with the JSON types found there."""
    found: dict[str, set[str]] = {path: {type(value).__name__}}
    if isinstance(value, dict):
        for key, item in value.items():
            for sub, kinds in _types(item, f"{path}.{key}").items():
                found.setdefault(sub, set()).update(kinds)
    elif isinstance(value, list):
        for item in value:
            for sub, kinds in _types(item, f"{path}[]").items():
                found.setdefault(sub, set()).update(kinds)
    return found


def _sample_records() -> list[Record | ErrorRecord]:
    from cleannews.lines import clean_lines

    html = ("<html><head><title>Storm hits coast</title></head><body><article>"
            "<h1>Storm hits coast</h1><p>" + "Rain fell all night in the town. " * 8 +
            "</p><p>Share: Facebook Twitter WhatsApp</p></article></body></html>")
    dump = ("Home > News > Weather\nStorm hits coast\n" + "Rain fell all night. " * 8 +
            "\nRelated\n- Flood warning issued\n- Roads closed\n- Schools shut\n12 Likes")
    assert clean_lines(dump).link_farms  # the dump has a link farm to record
    meta = {"crawl": "x", "n": 3, "nested": {"a": [1, 2]}}
    return [clean_document(Document(html.encode(), meta=meta)),
            clean_document(Document(dump.encode("utf-16"))),
            clean_document(Document(b"", meta={})),
            clean_document(Document(b"\x00" * 64, meta={"tags": ["a"]})),
            _record(removed={"navigation": 2, "headline": 1}),
            Record("r", "-", "Text.", "html", "utf-8", 1, page_type="article",
                   page_type_confidence=1, boilerplate={"link_farms": {"Related": 3}}),
            _error(),
            ErrorRecord("x", "-", ErrorInfo("record", "timeout", "too slow"), "html", "utf-8")]


def test_every_record_has_the_same_keys_at_every_depth():
    records = _sample_records()
    assert {record.status for record in records} == {"ok", "empty", "error"}
    # the keys of every object (a list's items exist only where the list is not empty)
    shapes = [{path for path in _types(json.loads(to_json_line(record))) if "[]" not in path}
              for record in records]
    assert all(shape == shapes[0] for shape in shapes)
    assert {path for path in shapes[0] if path.count(".") == 1} == {f".{name}" for name in FIELDS}
    values = [record.to_dict() for record in records]
    assert all(list(value["removed"]) == list(REMOVED_REASONS) for value in values)
    assert any(value["boilerplate"]["link_farms"] for value in values)


def test_every_key_holds_one_type_or_null():
    found: dict[str, set[str]] = {}
    for record in _sample_records():
        for path, kinds in _types(json.loads(to_json_line(record))).items():
            found.setdefault(path, set()).update(kinds)
    expected_numbers = {".page_type_confidence", ".encoding_confidence"}
    for path, kinds in found.items():
        assert len(kinds - {"NoneType"}) <= 1, (path, kinds)  # str or null, never str or int
        if path in expected_numbers:
            assert kinds - {"NoneType"} == {"float"}, (path, kinds)  # 1.0, never 1
    # no object whose keys are data (a heading, an input's field): they would vary
    assert found[".boilerplate.link_farms[]"] == {"dict"}
    assert found[".meta"] == {"str"} and found[".error.type"] == {"str"}


def test_removed_names_every_reason_there_is():
    from cleannews.extract.trim import TRIM_STEPS
    from cleannews.lines import DropReason

    # an inline linked headline is counted as link_list (cleannews/extract/trim.py)
    reasons = {reason.value for reason in DropReason} | set(TRIM_STEPS) - {"inline_link"}
    assert set(REMOVED_REASONS) == reasons and len(REMOVED_REASONS) == len(reasons)
