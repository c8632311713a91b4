"""Stages and error types: one table, used everywhere, documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleannews.errors import ERROR_TYPES, STAGES, StageError, error_type

ROOT = Path(__file__).resolve().parent.parent
# Every literal error type the code raises or writes: StageError(stage, "type", ...),
# ErrorInfo(stage, "type", ...) and the reader's _read_error(path, url, "type", ...).
_RAISED = re.compile(r'(?:StageError|ErrorInfo)\(\s*"(\w+)",\s*"(\w+)"'
                     r'|_read_error\([^()]*?,\s*"(\w+)"')


def _raised_in_source() -> set[tuple[str | None, str]]:
    found = set()
    for path in (ROOT / "cleannews").rglob("*.py"):
        for match in _RAISED.finditer(path.read_text(encoding="utf-8")):
            stage, code, read_code = match.groups()
            found.add((stage, code) if code else ("read", read_code))
    return found


def test_every_error_type_raised_is_in_the_table() -> None:
    raised = _raised_in_source()
    assert {code for _, code in raised} >= {"unreadable", "binary_input", "too_many_lines"}
    for stage, code in raised:
        assert stage in STAGES, stage
        assert code in ERROR_TYPES, code


def test_every_error_type_and_stage_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in (*ERROR_TYPES, *STAGES):
        assert f"`{name}`" in readme, name


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError):
        StageError("detect", "no_such_type", "x")
    with pytest.raises(ValueError):
        StageError("pipeline", "timeout", "x")  # type: ignore[arg-type]


def test_types_come_from_the_table_not_class_names() -> None:
    class RenamedByALibraryError(Exception):
        pass

    assert error_type(RenamedByALibraryError()) == "internal_error"
    assert error_type(RecursionError()) == "too_deeply_nested"
