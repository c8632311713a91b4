"""What a golden fixture's ``.expected.json`` may say, and how a record is checked against it."""

from __future__ import annotations

from typing import Any

from cleannews import Document, Record, clean_document
from cleannews.records import FIELDS

CHECK_KEYS = {"must_contain", "must_not_contain"}
INFO_KEYS = {"expect", "note"}
# Record fields a case may pin; the rest change with every version or input path.
RECORD_KEYS = set(FIELDS) - {"schema_version", "cleannews_version", "id", "source", "error"}


def clean_fixture(content: bytes, name: str, expected: dict[str, Any]) -> dict[str, Any]:
    """Clean a fixture's bytes and return the record as a dict; refuse unknown case keys."""
    unknown = set(expected) - RECORD_KEYS - CHECK_KEYS - INFO_KEYS
    assert not unknown, f"unknown keys in {name}: {sorted(unknown)}"
    record = clean_document(Document(content, source=name))
    assert isinstance(record, Record), record.to_dict()["error"]
    return record.to_dict()


def assert_matches(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    """Pinned fields equal, snippets present or absent in the text."""
    for key in sorted(set(expected) & RECORD_KEYS):
        want = with_listed_link_farms(expected[key]) if key == "boilerplate" else expected[key]
        assert actual[key] == want, f"{key} differs"
    for snippet in expected.get("must_contain", []):
        assert snippet in actual["text"], f"missing from text: {snippet!r}"
    for snippet in expected.get("must_not_contain", []):
        assert snippet not in actual["text"], f"boilerplate left in text: {snippet!r}"


def with_listed_link_farms(boilerplate: dict[str, Any]) -> dict[str, Any]:
    """``boilerplate`` with its link farms in the record's form, a list of ``{"heading",
    "links"}`` objects, where a case gives them as heading -> number of links (the project
    brief's seed case does: the same farms, in the same order).

    >>> with_listed_link_farms({"link_farms": {"Related": 10}})
    {'link_farms': [{'heading': 'Related', 'links': 10}]}
    """
    farms = boilerplate.get("link_farms")
    if not isinstance(farms, dict):
        return boilerplate
    listed = [{"heading": heading, "links": links} for heading, links in farms.items()]
    return {**boilerplate, "link_farms": listed}
