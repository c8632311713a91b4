"""Golden cases for text input: every ``fixtures/{text,negative}/<name>.txt`` with its
``<name>.expected.json`` (see fixtures/README.md for the format)."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from cleannews import clean

from .conftest import FIXTURES, NEGATIVE_FIXTURES, TEXT_FIXTURES
from .golden import RECORD_KEYS, assert_matches, clean_fixture
from evaluate import score_document


def _cases() -> list[Any]:
    params = []
    for folder in (TEXT_FIXTURES, NEGATIVE_FIXTURES):
        for input_path in sorted(folder.glob("*.txt")):
            expected_path = input_path.with_name(input_path.stem + ".expected.json")
            case_id = f"{folder.name}/{input_path.stem}"
            marks = []
            reason = _known_failure(input_path, expected_path)
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(pytest.param(input_path, expected_path, id=case_id, marks=marks))
    return params


def _known_failure(input_path: Path, expected_path: Path) -> str | None:
    """The reason a case is expected to fail today, from ``"expect": "fail"`` or a
    ``<name>.xfail`` file (for expected files kept verbatim from elsewhere)."""
    sidecar = input_path.with_name(input_path.stem + ".xfail")
    if sidecar.exists():
        return sidecar.read_text(encoding="utf-8").strip() or "known failure"
    if expected_path.exists():
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        if expected.get("expect") == "fail":
            return str(expected.get("note") or "known failure")
    return None


def test_every_input_has_an_expected_file() -> None:
    inputs = {p.stem for d in (TEXT_FIXTURES, NEGATIVE_FIXTURES) for p in d.glob("*.txt")}
    expected = {
        p.name.removesuffix(".expected.json")
        for d in (TEXT_FIXTURES, NEGATIVE_FIXTURES)
        for p in d.glob("*.expected.json")
    }
    assert sorted(inputs - expected) == [], "inputs without .expected.json"
    assert sorted(expected - inputs) == [], ".expected.json without an input"


def test_fixtures_are_byte_exact_in_git() -> None:
    attributes = (FIXTURES.parent / ".gitattributes").read_text(encoding="utf-8")
    assert "fixtures/** -text" in attributes


@pytest.mark.parametrize(("input_path", "expected_path"), _cases())
def test_text_fixture(input_path: Path, expected_path: Path, update_golden: bool) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    actual = clean_fixture(input_path.read_bytes(), input_path.name, expected)
    assert actual["input_kind"] == "text"

    if update_golden and _known_failure(input_path, expected_path) is None:
        _update(expected_path, expected, actual)

    assert_matches(actual, expected)


def _update(expected_path: Path, expected: dict[str, Any], actual: dict[str, Any]) -> None:
    """Refresh the record fields an existing case pins; snippet lists are a spec, kept.

    A read-only expected file (one kept verbatim from elsewhere) is left alone, also as root.
    """
    if not expected_path.stat().st_mode & stat.S_IWUSR:
        return
    refreshed = {key: actual[key] if key in RECORD_KEYS else value
                 for key, value in expected.items()}
    if refreshed != expected:
        expected_path.write_text(
            json.dumps(refreshed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        expected.update(refreshed)


def test_the_seed_page_flattened_to_one_line_keeps_most_of_its_article() -> None:
    """The seed page as a scraper that collapses whitespace stores it: no line breaks left.
    The flat classifier keeps most of the article and little else (the benchmark's metric);
    the first sentence, glued to the page's header, is lost with it, and a counter stays
    glued to the link list after the last sentence."""
    page = (TEXT_FIXTURES / "seed-capitatum.txt").read_text(encoding="utf-8")
    expected = json.loads((TEXT_FIXTURES / "seed-capitatum.expected.json").read_text(
        encoding="utf-8"))["text"]
    score = score_document("seed", expected, clean(" ".join(page.split())).text or "")
    assert score.precision is not None and score.precision >= 0.9
    assert score.recall is not None and score.recall >= 0.9
