"""Golden cases for HTML input: every ``fixtures/html/<name>.html`` with its
``<name>.expected.json`` (same format as the text cases, see fixtures/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleannews import Document, Record, clean_document
from cleannews.records import FIELDS

from .conftest import HTML_FIXTURES

CHECK_KEYS = {"must_contain", "must_not_contain"}
INFO_KEYS = {"expect", "note"}
RECORD_KEYS = set(FIELDS) - {"schema_version", "cleannews_version", "id", "source", "error"}


def _cases() -> list[Any]:
    params = []
    for input_path in sorted(HTML_FIXTURES.glob("*.html")):
        expected_path = input_path.with_name(input_path.stem + ".expected.json")
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        marks = []
        if expected.get("expect") == "fail":
            marks.append(pytest.mark.xfail(strict=True, reason=expected.get("note", "")))
        params.append(pytest.param(input_path, expected, id=f"html/{input_path.stem}",
                                   marks=marks))
    return params


def test_every_page_has_an_expected_file() -> None:
    pages = {p.stem for p in HTML_FIXTURES.glob("*.html")}
    expected = {p.name.removesuffix(".expected.json")
                for p in HTML_FIXTURES.glob("*.expected.json")}
    assert pages, "no HTML fixtures found"
    assert sorted(pages ^ expected) == []


@pytest.mark.parametrize(("input_path", "expected"), _cases())
def test_html_fixture(input_path: Path, expected: dict[str, Any]) -> None:
    unknown = set(expected) - RECORD_KEYS - CHECK_KEYS - INFO_KEYS
    assert not unknown, f"unknown keys: {sorted(unknown)}"

    record = clean_document(Document(input_path.read_bytes(), source=input_path.name))
    assert isinstance(record, Record), record.to_dict()["error"]
    actual = record.to_dict()
    assert actual["input_kind"] == "html"

    for key in sorted(set(expected) & RECORD_KEYS):
        assert actual[key] == expected[key], f"{key} differs"
    for snippet in expected.get("must_contain", []):
        assert snippet in actual["text"], f"missing from text: {snippet!r}"
    for snippet in expected.get("must_not_contain", []):
        assert snippet not in actual["text"], f"boilerplate left in text: {snippet!r}"
