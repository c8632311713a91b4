"""Golden cases for HTML input: every ``fixtures/html/<name>.html`` with its
``<name>.expected.json`` (same format as the text cases, see fixtures/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import HTML_FIXTURES
from .golden import assert_matches, clean_fixture


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
    actual = clean_fixture(input_path.read_bytes(), input_path.name, expected)
    assert actual["input_kind"] == "html"
    assert_matches(actual, expected)
